// One published result (晒单) in the feed or under the map: category, place (to the grid), what
// was done, when; the resident's satisfaction when given. No personal data.
import { Tag } from 'antd-mobile';
import type { PublishedResult, Satisfaction } from '../api/portal-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';

const SAT: Record<Satisfaction, MessageKey> = {
  satisfied: 'rate.satisfied',
  basically_satisfied: 'rate.basically',
  dissatisfied: 'rate.dissatisfied',
};

export function ResultCard({ r }: { r: PublishedResult }) {
  const { t, dateTime } = useI18n();
  return (
    <li className="pt-card pt-result" data-testid="result-card" data-code={r.code}>
      <div className="pt-result-head">
        <strong>{r.category ?? t('results.uncategorised')}</strong>
        {r.satisfaction && (
          <Tag color={r.satisfaction === 'dissatisfied' ? 'warning' : 'success'} fill="outline">
            {t(SAT[r.satisfaction])}
          </Tag>
        )}
      </div>
      <div className="pt-list-sub">{r.place || '—'}</div>
      <p className="pt-pre">{r.result ?? t('results.noText')}</p>
      <div className="pt-list-sub">
        {t('results.dates', { reported: dateTime(r.reported_at), closed: dateTime(r.closed_at) })}
      </div>
    </li>
  );
}
