// fetch wrapper for the public API (/api/v1/public/…): JSON in and out, no session. Any non-2xx
// answer is thrown as an ApiError with the server's code, messages and field issues
// ({error:{code,message,message_en,issues:[{field,zh,en}]}}); no answer at all is a NetworkError.
export const API_BASE = '/api/v1';

export interface FieldIssue {
  field: string;
  zh: string;
  en: string;
}

export interface ErrorPayload {
  code: string;
  message: string;
  message_en: string;
  issues?: FieldIssue[];
  details?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly issues: FieldIssue[];
  readonly retryAfterS: number | undefined;

  constructor(status: number, p: ErrorPayload, retryAfterS?: number) {
    super(p.message_en);
    this.name = 'ApiError';
    this.status = status;
    this.code = p.code;
    this.messageZh = p.message;
    this.messageEn = p.message_en;
    this.issues = p.issues ?? [];
    this.retryAfterS = retryAfterS;
  }
}

/** The request never got an answer (offline, timeout, server down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

function isErrorBody(x: unknown): x is { error: ErrorPayload } {
  if (typeof x !== 'object' || x === null || !('error' in x)) return false;
  const e = x.error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string';
}

export type Query = Record<string, string | number | boolean | null | undefined>;

function urlOf(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) qs.set(k, String(v));
  const s = qs.toString();
  return API_BASE + path + (s ? `?${s}` : '');
}

export interface RequestOptions {
  query?: Query;
  /** JSON body, or a Blob sent as is with its own type (photos). */
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | null = null;
  if (opts.body instanceof Blob) {
    headers['content-type'] = opts.body.type || 'application/octet-stream';
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(urlOf(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new NetworkError(e);
  }
  const text = await res.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.ok) return json as T;
  const retry = Number(res.headers.get('retry-after'));
  throw new ApiError(
    res.status,
    isErrorBody(json)
      ? json.error
      : { code: `HTTP_${res.status}`, message: `HTTP ${res.status}`, message_en: `HTTP ${res.status}` },
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
};
