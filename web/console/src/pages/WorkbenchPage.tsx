// Workbench (工作台): the queues of the user's roles with counts (to register, to dispatch,
// returned, to approve, to verify, due soon, overdue …), filters, and the cases of the chosen
// queue in a virtualized table; a row opens the case. Queue and filters live in the URL.
import { FormOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Space, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../api/error-text.ts';
import { useMe } from '../auth/auth-context.tsx';
import { useAsync } from '../../../shared/use-async.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { CASE_STATES, QUEUES, casesApi, type CaseFilter, type Queue } from '../features/cases/cases-api.ts';
import { CaseFilters, type Filters } from '../features/cases/components/case-filters.tsx';
import { CaseTable } from '../features/cases/components/case-table.tsx';
import { queueLabel } from '../features/cases/labels.ts';
import { useCaseList } from '../features/cases/use-case-list.ts';

const ALL = 'all';
const COUNTS_EVERY_MS = 60_000;

function filtersOf(p: URLSearchParams): Filters {
  const one = (k: string) => p.get(k) || undefined;
  const states = p.getAll('state').filter((s) => (CASE_STATES as readonly string[]).includes(s));
  const colour = one('colour');
  return {
    state: states.length ? (states as Filters['state']) : undefined,
    category: one('category'),
    region: one('region'),
    unit: one('unit'),
    colour: colour === 'green' || colour === 'yellow' || colour === 'red' ? colour : undefined,
    from: one('from'),
    to: one('to'),
    q: one('q'),
  };
}

function paramsOf(queue: string | null, f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  if (queue) p.set('queue', queue);
  for (const s of f.state ?? []) p.append('state', s);
  for (const k of ['category', 'region', 'unit', 'colour', 'from', 'to', 'q'] as const) {
    const v = f[k];
    if (v) p.set(k, v);
  }
  return p;
}

function subscribeResize(cb: () => void) {
  window.addEventListener('resize', cb);
  return () => window.removeEventListener('resize', cb);
}

export default function WorkbenchPage() {
  const me = useMe();
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [round, setRound] = useState(0);
  const windowHeight = useSyncExternalStore(subscribeResize, () => window.innerHeight);

  const counts = useAsync((signal) => casesApi.queues(signal), [round]);
  const reloadCounts = counts.reload;
  useEffect(() => {
    const id = window.setInterval(reloadCounts, COUNTS_EVERY_MS);
    return () => window.clearInterval(id);
  }, [reloadCounts]);
  const queues = counts.data?.queues;

  // The queue: from the URL; else the first of the user's queues once they are known.
  const urlQueue = params.get('queue');
  const queue: string | null =
    urlQueue && (urlQueue === ALL || (QUEUES as readonly string[]).includes(urlQueue))
      ? urlQueue
      : queues
        ? (queues[0]?.queue ?? ALL)
        : counts.error
          ? ALL
          : null;
  const filters = useMemo(() => filtersOf(params), [params]);
  const filter: CaseFilter | null =
    queue === null ? null : { ...filters, ...(queue !== ALL ? { queue: queue as Queue } : {}) };
  const list = useCaseList(filter, round);
  const ready = queue !== null;

  const setQueue = (q: string) => setParams(paramsOf(q, filters), { replace: true });
  const setFilters = (f: Filters) => setParams(paramsOf(queue, f), { replace: true });

  const canReport = me.user.permissions.includes('cases:report');
  const tableHeight = Math.max(320, windowHeight - 400);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="workbench-welcome">
          {t('workbench.welcome', { name: me.user.display_name })}
        </Typography.Title>
        <Space>
          {canReport ? (
            <Button
              icon={<FormOutlined />}
              onClick={() => void navigate('/intake')}
              data-testid="workbench-new-case"
            >
              {t('workbench.newCase')}
            </Button>
          ) : null}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => setRound((r) => r + 1)}
            data-testid="workbench-refresh"
          >
            {t('workbench.refresh')}
          </Button>
        </Space>
      </div>
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        {counts.error && !queues ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            message={errorText(counts.error, i18n).title}
            action={
              <Button size="small" onClick={counts.reload}>
                {t('state.retry')}
              </Button>
            }
          />
        ) : null}
        <Tabs
          data-testid="queue-tabs"
          activeKey={queue ?? undefined}
          onChange={setQueue}
          items={[
            ...(queues ?? []).map((q) => ({
              key: q.queue,
              label: (
                <span data-testid={`queue-${q.queue}`} data-count={q.count}>
                  {queueLabel(q.queue, t)}{' '}
                  <Badge
                    count={fmt.number(q.count)}
                    showZero
                    color={q.queue === 'overdue' && q.count ? '#f5222d' : q.count ? '#1677ff' : '#bfbfbf'}
                  />
                </span>
              ),
            })),
            { key: ALL, label: <span data-testid="queue-all">{t('case.queue.all')}</span> },
          ]}
        />
        <CaseFilters value={filters} onChange={setFilters} />
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        {list.error ? (
          <Alert
            type="error"
            showIcon
            style={{ margin: 12 }}
            message={t('state.error')}
            description={errorText(list.error, i18n).title}
            action={
              <Button size="small" onClick={() => setRound((r) => r + 1)}>
                {t('state.retry')}
              </Button>
            }
          />
        ) : null}
        <CaseTable
          items={ready ? list.items : []}
          loading={!ready || list.loading}
          height={tableHeight}
          onNearEnd={list.loadMore}
        />
        <div style={{ padding: '8px 12px', borderTop: '1px solid #f0f0f0' }}>
          <Typography.Text type="secondary" data-testid="workbench-loaded">
            {list.loading && !list.initial
              ? t('workbench.loadingMore')
              : list.hasMore
                ? t('workbench.loadedMore', { n: fmt.number(list.items.length) })
                : t('workbench.loaded', { n: fmt.number(list.items.length) })}
          </Typography.Text>
        </div>
      </Card>
    </Space>
  );
}
