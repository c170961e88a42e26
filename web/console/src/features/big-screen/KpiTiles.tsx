// The headline numbers: today's and this month's cases, the three rates, open and overdue cases.
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import type { Dashboard } from './dashboard-api.ts';

interface Tile {
  key: string;
  label: MessageKey;
  value: string;
  tone?: 'rate' | 'warn' | 'alert';
}

export function KpiTiles({ d }: { d: Dashboard }) {
  const { t, fmt } = useI18n();
  const r = d.month.rates;
  const tiles: Tile[] = [
    { key: 'today-reported', label: 'bigScreen.kpi.todayReported', value: fmt.number(d.today.reported) },
    { key: 'today-closed', label: 'bigScreen.kpi.todayClosed', value: fmt.number(d.today.closed) },
    {
      key: 'month-reported',
      label: 'bigScreen.kpi.monthReported',
      value: fmt.number(d.month.counters.reported),
    },
    { key: 'month-closed', label: 'bigScreen.kpi.monthClosed', value: fmt.number(d.month.counters.closed) },
    { key: 'open', label: 'bigScreen.kpi.open', value: fmt.number(d.open.total) },
    {
      key: 'on-time-closure-rate',
      label: 'bigScreen.kpi.onTimeClosureRate',
      value: fmt.percent(r.onTimeClosureRate),
      tone: 'rate',
    },
    {
      key: 'closure-rate',
      label: 'bigScreen.kpi.closureRate',
      value: fmt.percent(r.closureRate),
      tone: 'rate',
    },
    {
      key: 'satisfaction-rate',
      label: 'bigScreen.kpi.satisfactionRate',
      value: fmt.percent(r.satisfactionRate),
      tone: 'rate',
    },
    { key: 'due-soon', label: 'bigScreen.kpi.dueSoon', value: fmt.number(d.open.due_soon), tone: 'warn' },
    { key: 'overdue', label: 'bigScreen.kpi.overdue', value: fmt.number(d.open.overdue), tone: 'alert' },
  ];
  return (
    <div className="bs-kpis">
      {tiles.map((x) => (
        <div key={x.key} className={`bs-kpi ${x.tone ? `bs-kpi-${x.tone}` : ''}`}>
          <div className="bs-kpi-label">{t(x.label)}</div>
          <div className="bs-kpi-value" data-testid={`bs-kpi-${x.key}`}>
            {x.value}
          </div>
        </div>
      ))}
    </div>
  );
}
