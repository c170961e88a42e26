// 大屏 Big screen (一屏知全城): a 1920×1080 dark stage scaled to the window, outside the console's
// frame. Today's and this month's numbers, the rates, the live feed of new cases, rankings of
// child regions and units, the category ring, the 30-day trend and the hot grids on the map,
// refreshed by polling /dashboard (every 30 s; ?refresh=SECONDS or localStorage
// wangge.bigScreen.refreshSeconds to change it; ?region=CODE for part of the scope).
import { ArrowLeftOutlined, FullscreenOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Spin, theme } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../api/error-text.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { isWallDisplay } from '../auth/require-auth.tsx';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { TIME_ZONE } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LanguageSwitch } from '../layout/language-switch.tsx';
import { CategoryChart, TrendChart } from '../features/big-screen/Charts.tsx';
import { Feed } from '../features/big-screen/Feed.tsx';
import { HotGridMap } from '../features/big-screen/HotGridMap.tsx';
import { KpiTiles } from '../features/big-screen/KpiTiles.tsx';
import { Panel } from '../features/big-screen/Panel.tsx';
import { RegionRanking, UnitRanking } from '../features/big-screen/Ranking.tsx';
import { refreshSeconds, useDashboard } from '../features/big-screen/use-dashboard.ts';
import { STAGE_HEIGHT, STAGE_WIDTH, useStageScale } from '../features/big-screen/use-stage-scale.ts';
import type { Dashboard } from '../features/big-screen/dashboard-api.ts';
import '../features/big-screen/big-screen.css';

const REGION = /^[0-9]{12}$/;

function Clock() {
  const { lang } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);
  const at = dayjs(now)
    .tz(TIME_ZONE)
    .locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <div className="bs-clock" data-testid="bs-clock">
      <div className="bs-clock-time">{at.format('HH:mm:ss')}</div>
      <div className="bs-clock-date">
        {at.format(lang === 'en' ? 'ddd, MMM D, YYYY' : 'YYYY年M月D日 dddd')}
      </div>
    </div>
  );
}

/** Child regions' level name for the ranking title (the level below the dashboard's region). */
function childLevelKey(code: string) {
  if (code.endsWith('00000000')) return 'bigScreen.rank.counties' as const;
  if (code.endsWith('000000')) return 'bigScreen.rank.townships' as const;
  return 'bigScreen.rank.villages' as const;
}

function Screen({ d, scale, stale }: { d: Dashboard; scale: number; stale: string | null }) {
  const { t } = useI18n();
  return (
    <div className="bs-body">
      <div className="bs-col">
        <Panel title={t(childLevelKey(d.region.code))} className="bs-grow" testId="bs-panel-regions">
          <RegionRanking d={d} limit={12} />
        </Panel>
        <Panel title={t('bigScreen.rank.units')} className="bs-grow" testId="bs-panel-units">
          <UnitRanking d={d} limit={10} />
        </Panel>
      </div>
      <div className="bs-col bs-center">
        <KpiTiles d={d} />
        <Panel
          title={t('bigScreen.map')}
          className="bs-grow"
          testId="bs-panel-map"
          extra={stale && <span className="bs-stale">{stale}</span>}
        >
          <HotGridMap d={d} scale={scale} />
        </Panel>
      </div>
      <div className="bs-col">
        <Panel title={t('bigScreen.feed')} className="bs-feed-panel" testId="bs-panel-feed">
          <Feed items={d.feed} />
        </Panel>
        <Panel title={t('bigScreen.categories')} className="bs-chart-panel" testId="bs-panel-categories">
          <CategoryChart data={d.categories} scale={scale} />
        </Panel>
        <Panel title={t('bigScreen.trend')} className="bs-chart-panel" testId="bs-panel-trend">
          <TrendChart data={d.trend} scale={scale} />
        </Panel>
      </div>
    </div>
  );
}

function BigScreen() {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const navigate = useNavigate();
  const { state, logout } = useAuth();
  const wall = state.status === 'authenticated' && isWallDisplay(state.me.user.roles);
  const [params] = useSearchParams();
  const region = params.get('region');
  const intervalMs = useMemo(() => refreshSeconds(params) * 1000, [params]);
  const { data, error, receivedAt } = useDashboard(region && REGION.test(region) ? region : null, intervalMs);
  const fit = useStageScale();
  useEffect(() => {
    document.title = `${t('bigScreen.title')} · ${t('app.title')}`;
  }, [t]);
  const failure = error ? errorText(error, i18n).title : null;
  return (
    <div className="bs-root" data-testid="big-screen">
      <div
        className="bs-stage"
        data-testid="bs-stage"
        style={{
          width: STAGE_WIDTH,
          height: STAGE_HEIGHT,
          transform: `translate(${fit.left}px, ${fit.top}px) scale(${fit.scale})`,
        }}
      >
        <header className="bs-header">
          <div className="bs-header-side">
            <Clock />
          </div>
          <div className="bs-title">
            <h1 data-testid="bs-title">{t('bigScreen.title')}</h1>
            <div className="bs-subtitle" data-testid="bs-city">
              {data ? t('bigScreen.subtitle', { region: data.region.name }) : '\u00a0'}
            </div>
          </div>
          <div className="bs-header-side bs-header-right">
            <div className="bs-updated" data-testid="bs-updated">
              {data && t('bigScreen.updatedAt', { time: fmt.dateTime(data.generated_at).slice(-5) })}
              {receivedAt !== null && (
                <span className="bs-refresh">
                  {t('bigScreen.every', { n: Math.round(intervalMs / 1000) })}
                </span>
              )}
            </div>
            <div className="bs-actions">
              <LanguageSwitch />
              <Button
                size="small"
                icon={<FullscreenOutlined />}
                onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}
                data-testid="bs-fullscreen"
              >
                {t('bigScreen.fullscreen')}
              </Button>
              {wall ? (
                <Button
                  size="small"
                  icon={<LogoutOutlined />}
                  onClick={() => void logout()}
                  data-testid="bs-logout"
                >
                  {t('bigScreen.logout')}
                </Button>
              ) : (
                <Button
                  size="small"
                  icon={<ArrowLeftOutlined />}
                  onClick={() => void navigate('/')}
                  data-testid="bs-back"
                >
                  {t('bigScreen.back')}
                </Button>
              )}
            </div>
          </div>
        </header>
        {data ? (
          <Screen d={data} scale={fit.scale} stale={failure && t('bigScreen.stale', { error: failure })} />
        ) : failure ? (
          <div className="bs-full-state" role="alert" data-testid="bs-error">
            <div>{t('state.error')}</div>
            <div className="bs-full-state-detail">{failure}</div>
            <div className="bs-full-state-detail">
              {t('bigScreen.retrying', { n: Math.round(intervalMs / 1000) })}
            </div>
          </div>
        ) : (
          <div className="bs-full-state">
            <Spin size="large" />
            <div className="bs-full-state-detail">{t('state.loading')}</div>
          </div>
        )}
      </div>
    </div>
  );
}

export default function BigScreenPage() {
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorPrimary: '#3be2ff' } }}>
      <ErrorBoundary resetKey="big-screen">
        <BigScreen />
      </ErrorBoundary>
    </ConfigProvider>
  );
}
