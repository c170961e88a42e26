// Administration screen (系统管理, admins only): regions and grids, units, categories, routing rules,
// calendar, users, audit log — one tab per section, each at /admin/<section>.
import { AdminView } from '../features/admin/admin-view.tsx';

export default function AdminPage() {
  return <AdminView />;
}
