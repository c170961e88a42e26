// Reports screen: a placeholder until it is built (issue #4).
import { ComingSoon } from '../components/coming-soon.tsx';

export default function ReportsPage() {
  return <ComingSoon screen="menu.reports" />;
}
