// 我的网格: my grids on the map with the open cases and tasks in them, the tasks (核实 / 核查) with
// their working time left, supervision notices, and the open cases of my grids.
import { useEffect, useMemo, useState } from 'react';
import { Button, DotLoading, List, Tag } from 'antd-mobile';
import { fieldApi, type CaseView } from '../api/field-api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { GridMap, type MapPoint } from '../components/GridMap.tsx';
import { Page, Section } from '../components/Page.tsx';
import { TimeLeft } from '../components/TimeLeft.tsx';
import { useFieldData } from '../data.tsx';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { currentPosition } from '../lib/geolocation.ts';
import { navigate } from '../lib/router.ts';
import { useCachedRead } from '../offline/cache.ts';

const SHOWN = 20;

export function stateLabel(t: (k: MessageKey) => string, state: string): string {
  const key = `state.${state}` as MessageKey;
  const s = t(key);
  return s === key ? state : s;
}

function noticeLabel(t: (k: MessageKey) => string, kind: string, level: string): string {
  const k = (['auto', 'manual', 'urge'].includes(kind) ? `notice.${kind}` : 'notice.manual') as MessageKey;
  const l = level === 'yellow' || level === 'red' ? ` · ${t(`notice.${level}`)}` : '';
  return t(k) + l;
}

/** Where I am, for the map — only when the worker has already allowed it (no prompt on this screen). */
function useHere(): [number, number] | null {
  const [here, setHere] = useState<[number, number] | null>(null);
  useEffect(() => {
    let live = true;
    const perms = navigator.permissions as Permissions | undefined;
    if (!perms) return;
    perms
      .query({ name: 'geolocation' })
      .then((p) => (p.state === 'granted' ? currentPosition() : null))
      .then(
        (pos) => live && pos && setHere([pos.lng, pos.lat]),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, []);
  return here;
}

export function HomePage() {
  const i18n = useI18n();
  const { t, time } = i18n;
  const { userId, tasks, grids } = useFieldData();
  const data = tasks.value?.data;
  const villages = useMemo(() => [...new Set((data?.grids ?? []).map((g) => g.slice(0, 12)))], [data]);
  const villageKey = villages.join(',');
  const open = useCachedRead(villageKey ? `open:${userId}:${villageKey}` : null, async () => {
    const lists = await Promise.all(villageKey.split(',').map((v) => fieldApi.openCases(v)));
    return lists.flatMap((l) => l.items);
  });
  const mine = useMemo(() => new Set(data?.grids ?? []), [data]);
  const taskIds = useMemo(() => new Set((data?.tasks ?? []).map((x) => x.case.id)), [data]);
  const openCases: CaseView[] = useMemo(
    () => (open.value?.data ?? []).filter((c) => c.grid_code && mine.has(c.grid_code) && !taskIds.has(c.id)),
    [open.value, mine, taskIds],
  );
  const points: MapPoint[] = useMemo(
    () => [
      ...openCases.map((c) => ({
        id: c.id,
        lng: c.location.lng,
        lat: c.location.lat,
        kind: 'case' as const,
        label: `${c.title} · ${stateLabel(t, c.state)}`,
      })),
      ...(data?.tasks ?? []).map((x) => ({
        id: x.case.id,
        lng: x.case.location.lng,
        lat: x.case.location.lat,
        kind: 'task' as const,
        label: `${t(`task.${x.task}`)} · ${x.case.title} ›`,
      })),
    ],
    [openCases, data, t],
  );
  const here = useHere();
  const shown = useMemo(
    () => (here ? [...points, { id: 'me', lng: here[0], lat: here[1], kind: 'me' as const }] : points),
    [points, here],
  );
  const stale = tasks.value?.stale ? tasks.value.at : null;

  return (
    <Page title={t('home.title')} testId="page-home">
      {stale && (
        <div className="field-banner warn" data-testid="stale-banner">
          {t('net.offlineData', { time: time(stale) })}
        </div>
      )}
      {tasks.error !== null && !data && <ErrorNotice error={tasks.error} onRetry={tasks.reload} />}
      {tasks.loading && !data && (
        <div className="field-hint" style={{ paddingTop: 24, textAlign: 'center' }}>
          <DotLoading /> {t('common.loading')}
        </div>
      )}
      {data && (
        <div className="field-columns">
          <div>
            <Section
              title={t('home.map')}
              extra={
                <Button
                  size="mini"
                  fill="none"
                  color="primary"
                  onClick={tasks.reload}
                  style={{ minHeight: 44 }}
                >
                  {t('home.refresh')}
                </Button>
              }
              testId="home-map"
            >
              <GridMap
                grids={grids}
                points={shown}
                onOpen={(id) => taskIds.has(id) && navigate(`/task/${id}`)}
              />
              <div className="field-hint" data-testid="home-grids">
                {data.grids.length
                  ? t('home.gridList', {
                      names: grids.map((g) => g.properties.name).join('、') || data.grids.join('、'),
                    })
                  : t('home.noGrid')}
              </div>
            </Section>
            {data.notices.length > 0 && (
              <Section title={t('home.notices')} testId="home-notices">
                <List>
                  {data.notices.map((n) => (
                    <List.Item
                      key={`${n.code}${n.issued_at}${n.level}`}
                      description={`${n.code} · ${time(n.issued_at)}${n.note ? ` · ${n.note}` : ''}`}
                    >
                      <span className="field-row-title">
                        <Tag
                          color={n.level === 'red' ? 'danger' : 'warning'}
                          fill="outline"
                          style={{ marginRight: 6 }}
                        >
                          {noticeLabel(t, n.kind, n.level)}
                        </Tag>
                        {n.title}
                      </span>
                    </List.Item>
                  ))}
                </List>
              </Section>
            )}
          </div>
          <div>
            <Section title={t('home.tasksCount', { n: data.tasks.length })} testId="home-tasks">
              {data.tasks.length === 0 ? (
                <div className="field-hint">{t('home.noTasks')}</div>
              ) : (
                <List>
                  {data.tasks.map(({ task, case: c }) => (
                    <List.Item
                      key={c.id}
                      arrowIcon
                      onClick={() => navigate(`/task/${c.id}`)}
                      data-testid="task-row"
                      extra={
                        <div className="field-row-extra">
                          <TimeLeft ms={c.step_working_ms_left} testId="task-time-left" />
                        </div>
                      }
                    >
                      <div className="field-row-title">
                        <Tag
                          color={task === 'verify_report' ? 'warning' : 'primary'}
                          style={{ marginRight: 6 }}
                        >
                          {t(`task.${task}`)}
                        </Tag>
                        {c.title}
                      </div>
                      <div className="field-row-meta">
                        <span>{c.code}</span>
                        <span>{time(c.reported_at)}</span>
                      </div>
                    </List.Item>
                  ))}
                </List>
              )}
            </Section>
            <Section title={t('home.openCases')} testId="home-open-cases">
              {open.error !== null && !open.value && (
                <ErrorNotice error={open.error} onRetry={open.reload} inline />
              )}
              {open.value && openCases.length === 0 && (
                <div className="field-hint">{t('home.noOpenCases')}</div>
              )}
              {openCases.length > 0 && (
                <List>
                  {openCases.slice(0, SHOWN).map((c) => (
                    <List.Item key={c.id} extra={<Tag fill="outline">{stateLabel(t, c.state)}</Tag>}>
                      <div className="field-row-title">{c.title}</div>
                      <div className="field-row-meta">
                        <span>{c.code}</span>
                        <span>{time(c.reported_at)}</span>
                      </div>
                    </List.Item>
                  ))}
                </List>
              )}
              {openCases.length > SHOWN && (
                <div className="field-hint">{t('home.more', { n: openCases.length - SHOWN })}</div>
              )}
            </Section>
          </div>
        </div>
      )}
    </Page>
  );
}
