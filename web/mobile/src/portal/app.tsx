// The residents' portal (群众服务): six tabs — 随手拍 report, 查进度 track, 晒单 results, 议事
// proposals and voting, 预约 appointments, 我的 login and my reports — under /portal. The report screen is in the first
// download; every other screen (and MapLibre) loads when first opened.
import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { Loading, PageFrame } from './components/page-frame.tsx';
import {
  CalendarIcon,
  CameraIcon,
  PersonIcon,
  ResultsIcon,
  TrackIcon,
  VoteIcon,
} from './components/tab-icons.tsx';
import { I18nProvider, useI18n } from './i18n/i18n.tsx';
import type { MessageKey } from './i18n/zh-CN.ts';
import { ResidentProvider } from './lib/resident.tsx';
import ReportPage from './pages/report-page.tsx';

const TrackPage = lazy(() => import('./pages/track-page.tsx'));
const ResultsPage = lazy(() => import('./pages/results-page.tsx'));
const ProposalsPage = lazy(() => import('./pages/proposals-page.tsx'));
const ProposalPage = lazy(() => import('./pages/proposal-page.tsx'));
const AppointmentsPage = lazy(() => import('./pages/appointments-page.tsx'));
const MePage = lazy(() => import('./pages/me-page.tsx'));

const TABS: { key: string; title: MessageKey; icon: ReactNode }[] = [
  { key: '/report', title: 'tab.report', icon: <CameraIcon /> },
  { key: '/track', title: 'tab.track', icon: <TrackIcon /> },
  { key: '/results', title: 'tab.results', icon: <ResultsIcon /> },
  { key: '/proposals', title: 'tab.proposals', icon: <VoteIcon /> },
  { key: '/appointments', title: 'tab.appointments', icon: <CalendarIcon /> },
  { key: '/me', title: 'tab.me', icon: <PersonIcon /> },
];

function Tabs() {
  const { t } = useI18n();
  const location = useLocation();
  const active = TABS.find((x) => location.pathname.startsWith(x.key))?.key ?? '/report';
  // Plain links: tapping the current tab goes back to its first screen (e.g. from one report to
  // the list of "my reports").
  return (
    <nav className="pt-tabbar" aria-label={t('app.tabs')}>
      {TABS.map((x) => (
        <Link
          key={x.key}
          to={x.key}
          className={`pt-tab ${x.key === active ? 'pt-tab-on' : ''}`}
          aria-current={x.key === active ? 'page' : undefined}
          data-testid={`tab-${x.key.slice(1)}`}
        >
          {x.icon}
          <span className="pt-tab-title">{t(x.title)}</span>
        </Link>
      ))}
    </nav>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <PageFrame title={t('app.notFound.title')}>
      <div className="pt-card">
        <p>{t('app.notFound.hint')}</p>
        <Link className="pt-link-button pt-link-primary" to="/report">
          {t('tab.report')}
        </Link>
      </div>
    </PageFrame>
  );
}

/** "/" and the embedding apps' "/?lng=…" land on the report screen, keeping the query. */
function Home() {
  const { search } = useLocation();
  return <Navigate to={`/report${search}`} replace />;
}

function Shell() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
      <div className="pt-app">
        <main className="pt-main">
          <ErrorBoundary>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/" element={<Home />} />
                <Route path="/report" element={<ReportPage />} />
                <Route path="/track" element={<TrackPage />} />
                <Route path="/track/:code" element={<TrackPage />} />
                <Route path="/results" element={<ResultsPage />} />
                <Route path="/proposals" element={<ProposalsPage />} />
                <Route path="/proposals/:id" element={<ProposalPage />} />
                <Route path="/appointments" element={<AppointmentsPage />} />
                <Route path="/appointments/:id" element={<AppointmentsPage />} />
                <Route path="/me" element={<MePage />} />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </ErrorBoundary>
        </main>
        <Tabs />
      </div>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <ResidentProvider>
        <BrowserRouter basename="/portal">
          <Shell />
        </BrowserRouter>
      </ResidentProvider>
    </I18nProvider>
  );
}
