// Registers the app's service worker (the offline shell) in production builds.
export function registerServiceWorker(app: 'portal' | 'field'): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`/${app}/sw.js`, { scope: `/${app}/` }).catch((e: unknown) => {
      console.warn('service worker not registered', e);
    });
  });
}
