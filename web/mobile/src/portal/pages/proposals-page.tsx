// 议事: the proposals of the resident's community or area (出卷), newest first, with their phase
// and windows. ?region= narrows to a community (remembered).
import { Link, useSearchParams } from 'react-router';
import { portalApi } from '../api/portal-api.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { Loading, PageFrame } from '../components/page-frame.tsx';
import { PhaseTag } from '../components/phase-tag.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { regionParam } from '../lib/region.ts';
import { useAsync } from '../../../../shared/use-async.ts';

export default function ProposalsPage() {
  const { t, dateTime } = useI18n();
  const [search] = useSearchParams();
  const region = regionParam(search);
  const data = useAsync((s) => portalApi.proposals(region, s), [region]);
  const items = data.data?.items ?? [];
  return (
    <PageFrame title={t('proposals.title')}>
      <p className="pt-intro">{t('proposals.intro')}</p>
      {data.loading && !data.data && <Loading />}
      <ErrorNotice error={data.error} onRetry={data.reload} />
      {data.data && items.length === 0 && <div className="pt-empty">{t('proposals.none')}</div>}
      <ul className="pt-feed" data-testid="proposal-list">
        {items.map((p) => (
          <li key={p.id}>
            <Link className="pt-card pt-card-link" to={`/proposals/${p.id}`} data-testid="proposal-item">
              <div className="pt-result-head">
                <strong>{p.title}</strong>
                <PhaseTag phase={p.phase} />
              </div>
              <div className="pt-list-sub">
                {p.phase === 'voting' || p.phase === 'closed'
                  ? t('proposals.votingWindow', { from: dateTime(p.voting_from), to: dateTime(p.voting_to) })
                  : t('proposals.consultationWindow', {
                      from: dateTime(p.consultation_from),
                      to: dateTime(p.consultation_to),
                    })}
              </div>
              {p.result && (
                <div className={p.result.passed ? 'pt-pass' : 'pt-fail'}>
                  {p.result.passed ? t('proposal.passed') : t('proposal.failed')}
                </div>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </PageFrame>
  );
}
