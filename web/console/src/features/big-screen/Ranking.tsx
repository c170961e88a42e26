// Rankings by on-time closure rate: the child regions (counties of a city, townships of a county
// …) and the handling units, each row with a bar, the rate and its closed / due counts.
import { useI18n } from '../../i18n/i18n-context.tsx';
import { byRateDesc, type Dashboard, type Rate } from './dashboard-api.ts';

interface Row {
  key: string;
  name: string;
  rate: Rate;
  detail: string;
}

function Rows({ rows, testId, wide }: { rows: Row[]; testId: string; wide?: boolean }) {
  const { t, fmt } = useI18n();
  if (!rows.length) return <div className="bs-empty">{t('bigScreen.noData')}</div>;
  return (
    <ol className={wide ? 'bs-rank bs-rank-wide' : 'bs-rank'} data-testid={testId}>
      {rows.map((r, i) => (
        <li key={r.key} className="bs-rank-row">
          <span className={`bs-rank-no ${i < 3 && r.rate !== null ? 'bs-rank-top' : ''}`}>{i + 1}</span>
          <span className="bs-rank-name" title={r.name}>
            {r.name}
          </span>
          <span className="bs-rank-bar">
            <span style={{ width: `${Math.round((r.rate ?? 0) * 100)}%` }} />
          </span>
          <span className="bs-rank-rate">{fmt.percent(r.rate)}</span>
          <span className="bs-rank-detail">{r.detail}</span>
        </li>
      ))}
    </ol>
  );
}

export function RegionRanking({ d, limit }: { d: Dashboard; limit: number }) {
  const { t, fmt } = useI18n();
  const rows = [...d.regions]
    .sort(
      (a, b) =>
        byRateDesc(a.rates.onTimeClosureRate, b.rates.onTimeClosureRate) || b.counters.due - a.counters.due,
    )
    .slice(0, limit)
    .map((r) => ({
      key: r.key,
      name: r.name,
      rate: r.rates.onTimeClosureRate,
      detail: t('bigScreen.rank.closedOfDue', {
        closed: fmt.number(r.counters.closedOnTime),
        due: fmt.number(r.counters.due),
      }),
    }));
  return <Rows rows={rows} testId="bs-rank-regions" />;
}

export function UnitRanking({ d, limit }: { d: Dashboard; limit: number }) {
  const { t, fmt } = useI18n();
  const rows = [...d.units]
    .sort((a, b) => byRateDesc(a.on_time_closure_rate, b.on_time_closure_rate) || b.reported - a.reported)
    .slice(0, limit)
    .map((u) => ({
      key: u.key,
      name: u.name,
      rate: u.on_time_closure_rate,
      detail: t('bigScreen.rank.closedOfReported', {
        closed: fmt.number(u.closed),
        reported: fmt.number(u.reported),
      }),
    }));
  return <Rows rows={rows} testId="bs-rank-units" wide />;
}
