// The console's frame: side menu (collapsible), header, and the current screen, which loads
// on demand (React.lazy) behind a spinner and an error boundary.
import { Grid, Layout, Menu, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../auth/auth-context.tsx';
import { PageSpinner } from '../components/async-state.tsx';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { AppHeader } from './app-header.tsx';
import { navItemsFor, navKeyOf } from './nav-items.tsx';

export default function AppLayout() {
  const { t } = useI18n();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  // The product name in the header only where there is room; the side menu shows the brand anyway.
  const wide = Grid.useBreakpoint().xl ?? true;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={200} theme="dark">
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            color: '#fff',
            fontSize: collapsed ? 16 : 18,
            fontWeight: 600,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          {collapsed ? t('app.shortName') : t('app.title')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          data-testid="side-menu"
          selectedKeys={[navKeyOf(location.pathname)]}
          items={navItemsFor(me.user).map((n) => ({ key: n.path, icon: n.icon, label: t(n.label) }))}
          onClick={({ key }) => void navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 16,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {wide ? (
            <Typography.Text strong ellipsis style={{ fontSize: 16, minWidth: 0, flex: '0 3 auto' }}>
              {t('app.name')}
            </Typography.Text>
          ) : (
            <span />
          )}
          <AppHeader />
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
