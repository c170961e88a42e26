// 晒单: what was reported and what was done, published by the command centre — a feed (newest
// first, "more" pages by the cursor) and a map (lazy, MapLibre) with each result at the centre of
// its grid. No personal data, never the exact point. ?region= narrows it to a community or area
// (an embedding app or a link from the community passes it; it is remembered).
import { Button, Segmented } from 'antd-mobile';
import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router';
import { portalApi, type PublishedResult } from '../api/portal-api.ts';
import { ResultCard } from '../components/result-card.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { Loading, PageFrame } from '../components/page-frame.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { regionParam } from '../lib/region.ts';
import { useAsync } from '../../../../shared/use-async.ts';

const ResultsMap = lazy(() => import('../components/results-map.tsx'));

const PAGE = 20;

export default function ResultsPage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const region = regionParam(search);
  const view = search.get('view') === 'map' ? 'map' : 'list';
  const [more, setMore] = useState<{ items: PublishedResult[]; next: string | null; key: string } | null>(
    null,
  );
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useAsync((s) => portalApi.results({ region, limit: PAGE }, s), [region]);
  const key = region ?? '';
  const extra = more && more.key === key ? more : null;
  const items = [...(first.data?.items ?? []), ...(extra?.items ?? [])];
  const next = extra ? extra.next : (first.data?.next ?? null);

  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const r = await portalApi.results({ region, before: next, limit: PAGE });
      setMore({ items: [...(extra?.items ?? []), ...r.items], next: r.next, key });
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <PageFrame title={t('results.title')}>
      <p className="pt-intro">{t('results.intro')}</p>
      <Segmented
        block
        className="pt-segmented"
        value={view}
        options={[
          { label: t('results.list'), value: 'list' },
          { label: t('results.map'), value: 'map' },
        ]}
        onChange={(v) => {
          const n = new URLSearchParams(search);
          if (v === 'map') n.set('view', 'map');
          else n.delete('view');
          setSearch(n, { replace: true });
        }}
      />
      {first.loading && !first.data && <Loading />}
      <ErrorNotice error={first.error} onRetry={first.reload} />
      {first.data && items.length === 0 && <div className="pt-empty">{t('results.none')}</div>}
      {view === 'map' && first.data && (
        <Suspense fallback={<Loading label={t('map.loading')} />}>
          <ResultsMap items={items} region={region} />
        </Suspense>
      )}
      {view === 'list' && (
        <ul className="pt-feed" data-testid="results-feed">
          {items.map((r) => (
            <ResultCard key={r.code} r={r} />
          ))}
        </ul>
      )}
      <ErrorNotice error={moreError} onRetry={() => void loadMore()} />
      {next && (
        <Button block onClick={() => void loadMore()} loading={loadingMore} className="pt-gap">
          {t('results.more')}
        </Button>
      )}
    </PageFrame>
  );
}
