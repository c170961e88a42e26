// Tells the service worker which assets this page has loaded, so that anything loaded before it
// took control (or lazily) is kept for starting offline too.
export function keepLoadedAssets(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const send = () => {
    navigator.serviceWorker.ready.then(
      (reg) => {
        const urls = performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((u) => new URL(u).pathname.startsWith('/m-assets/'));
        reg.active?.postMessage({ type: 'cache', urls });
      },
      () => undefined,
    );
  };
  if (document.readyState === 'complete') send();
  else window.addEventListener('load', send, { once: true });
}
