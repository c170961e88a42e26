// The grid worker's field app (网格员): login, then five screens under a tab bar — 我的网格, 上报,
// 走访巡查, 待发送, 我的 — and a task screen. Starting offline works once the worker has logged in
// on this device: who they are comes from the device's copy, and the queue is sent when the
// network returns.
import { useCallback, useEffect, useState } from 'react';
import { Badge, DotLoading, TabBar } from 'antd-mobile';
import { ApiError, onUnauthenticated } from './api/client.ts';
import { canWorkInField, fieldApi, type Me } from './api/field-api.ts';
import { FieldDataProvider } from './data.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { navigate, useRoute } from './lib/router.ts';
import { cachedRead, forgetUserData, keep } from './offline/cache.ts';
import { startAutoSend } from './offline/queue.ts';
import { useQueue } from './offline/use-queue.ts';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage, type LoginNotice } from './pages/LoginPage.tsx';
import { MePage } from './pages/MePage.tsx';
import { QueuePage } from './pages/QueuePage.tsx';
import { ReportPage } from './pages/ReportPage.tsx';
import { TaskPage } from './pages/TaskPage.tsx';
import { VisitsPage } from './pages/VisitsPage.tsx';
import { Icon } from './components/icons.tsx';

type Auth = { state: 'boot' } | { state: 'login'; notice: LoginNotice } | { state: 'in'; me: Me };

const TABS = [
  { key: '/', icon: 'grid', label: 'tab.home' },
  { key: '/report', icon: 'plus', label: 'tab.report' },
  { key: '/visits', icon: 'flag', label: 'tab.visits' },
  { key: '/queue', icon: 'upload', label: 'tab.queue' },
  { key: '/me', icon: 'user', label: 'tab.me' },
] as const;

function Shell({ me, onLogout }: { me: Me; onLogout: () => Promise<void> }) {
  const { t } = useI18n();
  const { path } = useRoute();
  const queue = useQueue(me.user.id);
  useEffect(() => startAutoSend(me.user.id), [me.user.id]);

  const task = /^\/task\/([\w-]+)$/.exec(path);
  let page;
  if (task) page = <TaskPage key={task[1]} id={task[1]!} />;
  else if (path === '/report') page = <ReportPage />;
  else if (path === '/visits') page = <VisitsPage />;
  else if (path === '/queue') page = <QueuePage />;
  else if (path === '/me') page = <MePage onLogout={onLogout} />;
  else page = <HomePage />;
  const active = task ? '/' : TABS.some((x) => x.key === path) ? path : '/';

  return (
    <div className="field-app">
      <main className="field-main">{page}</main>
      <nav className="field-tabbar" data-testid="tabbar">
        <TabBar activeKey={active} onChange={(k) => navigate(k)} safeArea={false}>
          {TABS.map((x) => (
            <TabBar.Item
              key={x.key}
              title={t(x.label)}
              icon={
                x.key === '/queue' && queue.mine.length > 0 ? (
                  <Badge content={queue.mine.length} data-testid="tab-queue-badge">
                    <Icon name={x.icon} style={{ fontSize: 24 }} />
                  </Badge>
                ) : (
                  <Icon name={x.icon} style={{ fontSize: 24 }} />
                )
              }
              data-testid={`tab-${x.key === '/' ? 'home' : x.key.slice(1)}`}
            />
          ))}
        </TabBar>
      </nav>
    </div>
  );
}

export function App() {
  const { t } = useI18n();
  const [auth, setAuth] = useState<Auth>({ state: 'boot' });

  const enter = useCallback((me: Me) => {
    if (!canWorkInField(me.user)) {
      setAuth({ state: 'login', notice: 'notField' });
      void fieldApi.logout().catch(() => undefined);
      return;
    }
    void keep('me', me);
    setAuth({ state: 'in', me });
  }, []);

  useEffect(() => {
    let live = true;
    cachedRead('me', fieldApi.me).then(
      (r) => live && enter(r.data),
      (e: unknown) => {
        if (!live) return;
        setAuth({ state: 'login', notice: e instanceof ApiError ? null : 'offline' });
      },
    );
    return () => {
      live = false;
    };
  }, [enter]);

  useEffect(
    () =>
      onUnauthenticated(() =>
        setAuth((a) =>
          a.state === 'login' ? a : { state: 'login', notice: a.state === 'in' ? 'expired' : null },
        ),
      ),
    [],
  );

  const logout = useCallback(async () => {
    await fieldApi.logout().catch(() => undefined);
    await forgetUserData();
    setAuth({ state: 'login', notice: null });
  }, []);

  if (auth.state === 'boot') {
    return (
      <div className="field-hint" style={{ paddingTop: 80, textAlign: 'center' }} data-testid="booting">
        <DotLoading /> {t('common.loading')}
      </div>
    );
  }
  if (auth.state === 'login') return <LoginPage notice={auth.notice} onLoggedIn={enter} />;
  return (
    <FieldDataProvider me={auth.me}>
      <Shell me={auth.me} onLogout={logout} />
    </FieldDataProvider>
  );
}
