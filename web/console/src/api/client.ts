// fetch wrapper for /api/v1: JSON in and out, the session cookie (wangge_session, httpOnly,
// set by POST /auth/login) sent by the browser; any non-2xx answer is thrown as an ApiError
// carrying the server's code, messages and field issues. A 401 on a session (expired or
// revoked) is reported to the listener set by the auth provider, which returns to the login.
import { ApiError, NetworkError, isErrorBody } from './api-error.ts';

export const API_BASE = '/api/v1';

const SESSION_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

type Listener = (e: ApiError) => void;
let onSessionLost: Listener | null = null;
let onRequest: (() => void) | null = null;

/** Called with the error when the server says the session is gone (401). */
export function setSessionLostListener(fn: Listener | null): void {
  onSessionLost = fn;
}

/** Called on every request (the server counts requests as activity for its idle timeout). */
export function setRequestListener(fn: (() => void) | null): void {
  onRequest = fn;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  /** JSON, FormData, or a file (Blob) sent as it is with `contentType`. */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

function urlOf(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) qs.set(k, String(v));
  const s = qs.toString();
  return API_BASE + path + (s ? `?${s}` : '');
}

export async function apiRequest<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body instanceof Blob) {
    body = opts.body;
    headers['content-type'] = opts.contentType ?? (opts.body.type || 'application/octet-stream');
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    onRequest?.();
    res = await fetch(urlOf(path, opts.query), {
      method,
      headers,
      body: body ?? null,
      credentials: 'same-origin',
      signal: opts.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new NetworkError(e);
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.ok) return json as T;
  const err = new ApiError(
    res.status,
    isErrorBody(json)
      ? json.error
      : { code: `HTTP_${res.status}`, message: `HTTP ${res.status}`, message_en: `HTTP ${res.status}` },
  );
  if (res.status === 401 && SESSION_CODES.has(err.code)) onSessionLost?.(err);
  throw err;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    apiRequest<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>('PATCH', path, { body }),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};
