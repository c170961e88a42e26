// A small router for the field app's few screens under /field/ (the server answers every /field/*
// path with the app): the path as state, navigate() with history.pushState, back with popstate.
import { useSyncExternalStore } from 'react';

const BASE = '/field';
const EVENT = 'field:navigate';

function subscribe(fn: () => void) {
  window.addEventListener('popstate', fn);
  window.addEventListener(EVENT, fn);
  return () => {
    window.removeEventListener('popstate', fn);
    window.removeEventListener(EVENT, fn);
  };
}

/** The route inside the app: '/', '/report', '/task/ID' …, plus the query string. */
export function currentRoute(): { path: string; query: URLSearchParams } {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return { path: p.replace(/\/+$/, '') || '/', query: new URLSearchParams(location.search) };
}

export function useRoute(): { path: string; query: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  void href;
  return currentRoute();
}

let depth = 0;
window.addEventListener('popstate', () => {
  depth = Math.max(0, depth - 1);
});

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  const url = `${BASE}${path === '/' ? '/' : path}`;
  if (opts.replace) history.replaceState(null, '', url);
  else {
    history.pushState(null, '', url);
    depth++;
  }
  window.dispatchEvent(new Event(EVENT));
  window.scrollTo(0, 0);
}

/** Back to the previous screen of the app, or to `fallback` when the app was opened here. */
export function goBack(fallback = '/'): void {
  if (depth > 0) history.back();
  else navigate(fallback, { replace: true });
}
