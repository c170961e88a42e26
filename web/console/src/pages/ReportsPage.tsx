// Reports screen (考核评价): KPI tables by region (drill-down), unit and person, with Excel export.
import { ReportsView } from '../features/reports/reports-view.tsx';

export default function ReportsPage() {
  return <ReportsView />;
}
