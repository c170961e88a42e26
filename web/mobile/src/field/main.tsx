// The field app's entry: antd-mobile in Chinese, the service worker, the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfigProvider } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { registerServiceWorker } from '../shared/register-sw.ts';
import { App } from './app.tsx';

registerServiceWorker('field');
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ConfigProvider locale={zhCN}>
        <App />
      </ConfigProvider>
    </StrictMode>,
  );
}
