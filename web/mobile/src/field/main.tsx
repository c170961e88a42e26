// The field app's entry: the language (Chinese first; antd-mobile follows), the service worker
// (offline shell), the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerServiceWorker } from '../shared/register-sw.ts';
import { App } from './app.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { keepLoadedAssets } from './lib/offline-shell.ts';
import './field.css';

registerServiceWorker('field');
keepLoadedAssets();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <App />
      </I18nProvider>
    </StrictMode>,
  );
}
