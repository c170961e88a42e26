// The providers around every screen: language (with antd's and dayjs' locales), antd's App
// context (message / notification), the session, the router.
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { Suspense } from 'react';
import { BrowserRouter } from 'react-router';
import { AuthProvider } from './auth/auth-context.tsx';
import { PageSpinner } from './components/async-state.tsx';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { I18nProvider, useI18n } from './i18n/i18n-context.tsx';
import { AppRoutes } from './routes.tsx';

function Localized() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff' } }}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <ErrorBoundary resetKey="root">
              <Suspense fallback={<PageSpinner />}>
                <AppRoutes />
              </Suspense>
            </ErrorBoundary>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localized />
    </I18nProvider>
  );
}
