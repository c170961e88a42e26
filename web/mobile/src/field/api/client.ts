// fetch for the field app: JSON in and out under /api/v1 with the session cookie, the server's
// error shape ({ error: { code, message, message_en, issues } }) as ApiError, no answer at all
// (offline, timeout) as NetworkError — the offline queue keeps an item on the second, not the first.

export interface FieldIssue {
  field: string;
  zh: string;
  en: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly issues: FieldIssue[];

  constructor(
    status: number,
    body: { code: string; message?: string; message_en?: string; issues?: FieldIssue[] },
  ) {
    super(body.message_en || body.code);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.messageZh = body.message ?? body.code;
    this.messageEn = body.message_en ?? body.code;
    this.issues = body.issues ?? [];
  }

  /** Worth trying again later unchanged (server trouble, rate limit), rather than a refusal. */
  get transient(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

/** Anything that means "try again later, unchanged". */
export function isRetryable(e: unknown): boolean {
  return e instanceof NetworkError || (e instanceof ApiError && e.transient);
}

const UNAUTHENTICATED = new EventTarget();
/** Called when the server says the session is gone (401 on anything but the login itself). */
export function onUnauthenticated(fn: () => void): () => void {
  UNAUTHENTICATED.addEventListener('401', fn);
  return () => UNAUTHENTICATED.removeEventListener('401', fn);
}

export interface RequestOptions {
  /** A raw body (a photo) instead of JSON. */
  raw?: Blob;
  timeoutMs?: number;
  signal?: AbortSignal;
}

function isErrorBody(v: unknown): v is { error: { code: string } } {
  if (!v || typeof v !== 'object' || !('error' in v)) return false;
  const e = v.error;
  return !!e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string';
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  opts: RequestOptions = {},
): Promise<T> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), opts.timeoutMs ?? 30_000);
  const onAbort = () => ctl.abort();
  opts.signal?.addEventListener('abort', onAbort);
  let res: Response;
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    let payload: BodyInit | undefined;
    if (opts.raw) {
      headers['content-type'] = opts.raw.type || 'image/jpeg';
      payload = opts.raw;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: ctl.signal,
    });
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    throw new NetworkError(e);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
  let json: unknown = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    const err = isErrorBody(json)
      ? new ApiError(res.status, json.error)
      : new ApiError(res.status, { code: res.status >= 500 ? 'INTERNAL' : `HTTP_${res.status}` });
    if (res.status === 401 && path !== '/auth/login') UNAUTHENTICATED.dispatchEvent(new Event('401'));
    throw err;
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('POST', path, body ?? {}, opts),
};
