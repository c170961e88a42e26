// The portal app's entry: the styles, the service worker, the app (languages, router, antd-mobile).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerServiceWorker } from '../shared/register-sw.ts';
import { App } from './app.tsx';
import './portal.css';

registerServiceWorker('portal');
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
