// The offline queue (待发送): every report, task answer and visit is first written to IndexedDB
// with its idempotency key and its photos (Blobs), then sent — now if the network is there, else
// when it returns (the `online` event, app start, a timer, the "send now" button). Sending
// uploads the photos first (each id is kept as soon as it is known), then posts with the same key,
// so a send whose answer was lost, a reload, or a second tab never makes a second case or visit;
// task answers carry the case version, and a stale version is resolved by reading the case again.
import { ApiError, NetworkError, api, isRetryable } from '../api/client.ts';
import type { CaseView, Crs } from '../api/field-api.ts';
import { toStoredError, type StoredError } from '../api/error-text.ts';
import { uuid } from '../lib/ids.ts';
import { QUEUE, idbAll, idbDelete, idbGet, idbPut } from './idb.ts';

export interface QueuedPhoto {
  blob: Blob;
  /** The server's photo id once uploaded. */
  uploaded?: string;
}

interface Base {
  id: string;
  /** Who made it: only that account sends it. */
  userId: string;
  createdAt: string;
  /** The idempotency key sent with it (reports, visits). */
  key: string;
  attempts: number;
  /** The last reason it could not be sent (network, server trouble): it will be tried again. */
  lastError?: StoredError;
  /** A refusal (bad input, not allowed): not tried again until the worker asks. */
  failed?: StoredError;
  /** One line to show in the list. */
  label: string;
}

export interface ReportItem extends Base {
  kind: 'report';
  body: {
    channel: 'grid_worker';
    lng: number;
    lat: number;
    crs: Crs;
    category_code: string;
    description: string;
    address?: string;
    urgency?: 'normal' | 'urgent';
  };
  photos: QueuedPhoto[];
  /** 自处理: after the case exists, the self_handle action with the after photos. */
  selfHandle?: { result: string; photos: QueuedPhoto[] };
  /** The case once created (kept so a later step never re-creates it). */
  sentCase?: { id: string; code: string; version: number; state: string };
}

export type TaskAction = 'confirm_report' | 'verify_pass' | 'verify_fail' | 'self_handle';

export interface ActionItem extends Base {
  kind: 'action';
  caseId: string;
  caseCode: string;
  action: TaskAction;
  version: number;
  body: { note?: string; genuine?: boolean; reason?: string; result?: string };
  photos: QueuedPhoto[];
  /** The states the action applies in: once the case has left them, the answer is in. */
  from: string[];
}

export interface VisitItem extends Base {
  kind: 'visit';
  body: {
    kind: 'household' | 'place';
    target: string;
    note?: string;
    lng: number;
    lat: number;
    crs: Crs;
    /** When the check-in was made (it counts on that day). */
    at: string;
  };
  photos: QueuedPhoto[];
}

export type QueueItem = ReportItem | ActionItem | VisitItem;
type Stamped = Exclude<keyof Base, 'label'>;
export type NewItem =
  Omit<ReportItem, Stamped | 'sentCase'> | Omit<ActionItem, Stamped> | Omit<VisitItem, Stamped>;

/** What a send produced, for the screen that asked. */
export interface SendResult {
  kind: QueueItem['kind'];
  code?: string;
  state?: string;
  /** The answer was not needed any more: the case had already moved on. */
  superseded?: boolean;
  inOwnGrid?: boolean;
  /** Set when the report went in but its self-handling was refused. */
  selfHandleError?: StoredError;
}

export interface SentEntry {
  id: string;
  kind: QueueItem['kind'];
  label: string;
  code?: string;
  at: string;
  superseded?: boolean;
}

// ---- listeners ------------------------------------------------------------------------------

const listeners = new Set<() => void>();
const sending = new Set<string>();
let flushing = false;
export function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
function changed() {
  for (const fn of listeners) fn();
}
export function isSending(id: string): boolean {
  return sending.has(id);
}
export function isFlushing(): boolean {
  return flushing;
}

// ---- storage --------------------------------------------------------------------------------

export async function listQueue(): Promise<QueueItem[]> {
  const all = await idbAll<QueueItem>(QUEUE);
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

async function save(item: QueueItem): Promise<void> {
  await idbPut(QUEUE, item);
}

export async function removeItem(id: string): Promise<void> {
  await idbDelete(QUEUE, id);
  changed();
}

const SENT_KEY = (userId: string) => `wangge.field.sent.${userId}`;
export function sentLog(userId: string): SentEntry[] {
  try {
    return JSON.parse(localStorage.getItem(SENT_KEY(userId)) ?? '[]') as SentEntry[];
  } catch {
    return [];
  }
}
function logSent(item: QueueItem, r: SendResult) {
  const entry: SentEntry = {
    id: item.id,
    kind: item.kind,
    label: item.label,
    at: new Date().toISOString(),
    ...(r.code ? { code: r.code } : {}),
    ...(r.superseded ? { superseded: true } : {}),
  };
  try {
    const log = [entry, ...sentLog(item.userId).filter((e) => e.id !== item.id)].slice(0, 20);
    localStorage.setItem(SENT_KEY(item.userId), JSON.stringify(log));
  } catch {
    // the log is a convenience
  }
}

// ---- sending --------------------------------------------------------------------------------

async function uploadAll(item: QueueItem, photos: QueuedPhoto[]): Promise<string[]> {
  const ids: string[] = [];
  for (const p of photos) {
    if (!p.uploaded) {
      const r = await api.post<{ id: string }>('/photos', undefined, {
        raw: p.blob,
        timeoutMs: 120_000,
      });
      p.uploaded = r.id;
      await save(item);
    }
    ids.push(p.uploaded);
  }
  return ids;
}

/** Takes a case action with `version`; a stale version is settled by reading the case again. */
async function act(
  caseId: string,
  action: TaskAction,
  version: number,
  body: Record<string, unknown>,
  from: string[],
): Promise<{ case?: CaseView; superseded: boolean }> {
  let v = version;
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await api.post<{ case: CaseView }>(`/cases/${caseId}/actions/${action}`, {
        version: v,
        ...body,
      });
      return { case: r.case, superseded: false };
    } catch (e) {
      const stale = e instanceof ApiError && (e.code === 'CONFLICT' || e.code === 'CASE_ACTION_NOT_ALLOWED');
      if (!stale || attempt >= 2) throw e;
      const now = (await api.get<{ case: CaseView }>(`/cases/${caseId}`)).case;
      // Already answered (by this device, whose earlier answer was lost on the way back, or by someone else).
      if (!from.includes(now.state)) return { case: now, superseded: true };
      if (now.version === v) throw e;
      v = now.version;
    }
  }
}

const issueOn = (e: unknown, field: string) =>
  e instanceof ApiError && e.issues.some((i) => i.field.replace(/^body\./, '') === field);

async function sendOne(item: QueueItem): Promise<SendResult> {
  switch (item.kind) {
    case 'report': {
      if (!item.sentCase) {
        const photos = await uploadAll(item, item.photos);
        const r = await api.post<{ case: CaseView }>('/cases', {
          ...item.body,
          photos,
          idempotency_key: item.key,
        });
        item.sentCase = { id: r.case.id, code: r.case.code, version: r.case.version, state: r.case.state };
        await save(item);
      }
      const c = item.sentCase;
      if (!item.selfHandle) return { kind: 'report', code: c.code, state: c.state };
      const photos = await uploadAll(item, item.selfHandle.photos);
      try {
        const r = await act(c.id, 'self_handle', c.version, { result: item.selfHandle.result, photos }, [
          'reported',
        ]);
        return { kind: 'report', code: c.code, state: r.case?.state ?? c.state, superseded: r.superseded };
      } catch (e) {
        if (isRetryable(e) || (e instanceof ApiError && e.status === 401)) throw e;
        // The report itself is in; only the self-handling was refused (e.g. the desk took it first).
        return { kind: 'report', code: c.code, state: c.state, selfHandleError: toStoredError(e) };
      }
    }
    case 'action': {
      const photos = await uploadAll(item, item.photos);
      const body: Record<string, unknown> = { ...item.body };
      if (photos.length) body.photos = photos;
      const r = await act(item.caseId, item.action, item.version, body, item.from);
      return { kind: 'action', code: item.caseCode, state: r.case?.state, superseded: r.superseded };
    }
    case 'visit': {
      const photos = await uploadAll(item, item.photos);
      const { at, ...rest } = item.body;
      // A check-in sent at once needs no time (the server's now); one sent later says when it was made.
      const late = Date.now() - Date.parse(at) > 5 * 60_000;
      const body = { ...rest, ...(photos.length ? { photos } : {}), idempotency_key: item.key };
      let r: { visit: { in_own_grid: boolean } };
      try {
        r = await api.post('/field/visits', late ? { ...body, at } : body);
      } catch (e) {
        // The phone's clock was off (or the visit is older than the server keeps): send it as made now.
        if (!late || !issueOn(e, 'at')) throw e;
        r = await api.post('/field/visits', body);
      }
      return { kind: 'visit', inOwnGrid: r.visit.in_own_grid };
    }
  }
}

const results = new Map<string, SendResult>();

/** Sends one stored item; true when it is done (and removed). Throws what stopped it. */
async function trySend(id: string): Promise<SendResult | null> {
  const item = await idbGet<QueueItem>(QUEUE, id);
  if (!item) return results.get(id) ?? null;
  sending.add(id);
  changed();
  try {
    const r = await sendOne(item);
    await idbDelete(QUEUE, id);
    results.set(id, r);
    logSent(item, r);
    return r;
  } catch (e) {
    item.attempts += 1;
    if (isRetryable(e) || (e instanceof ApiError && e.status === 401)) {
      item.lastError = toStoredError(e);
    } else {
      item.failed = toStoredError(e);
    }
    await save(item).catch(() => undefined);
    throw e;
  } finally {
    sending.delete(id);
    changed();
  }
}

/** One sender at a time, across tabs too (Web Locks when the browser has them). */
let chain: Promise<unknown> = Promise.resolve();
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const run = () => {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    return locks ? (locks.request('wangge-field-queue', fn) as Promise<T>) : fn();
  };
  const p = chain.then(run, run);
  chain = p.catch(() => undefined);
  return p;
}

/** Queues an item and tries to send it at once. */
export async function submit(
  userId: string,
  fresh: NewItem,
): Promise<{ sent: true; result: SendResult } | { sent: false; error: unknown }> {
  const item = {
    ...fresh,
    id: uuid(),
    userId,
    createdAt: new Date().toISOString(),
    key: `field-${uuid()}`,
    attempts: 0,
  } as QueueItem;
  await save(item);
  changed();
  try {
    const result = await exclusive(() => trySend(item.id));
    return { sent: true, result: result ?? { kind: item.kind } };
  } catch (e) {
    if (isRetryable(e) || (e instanceof ApiError && e.status === 401)) return { sent: false, error: e };
    // Refused outright: the form shows why and the worker corrects it; nothing is left queued.
    await idbDelete(QUEUE, item.id).catch(() => undefined);
    changed();
    throw e;
  }
}

/**
 * Sends everything of `userId` that is waiting (refused items only with `includeFailed`). Stops at
 * the first sign of no network. Returns how many went out and how many are left.
 */
export async function flush(userId: string, includeFailed = false): Promise<{ sent: number; left: number }> {
  flushing = true;
  changed();
  try {
    return await exclusive(async () => {
      let sent = 0;
      for (const item of await listQueue()) {
        if (item.userId !== userId) continue;
        if (item.failed && !includeFailed) continue;
        if (item.failed) {
          delete item.failed;
          await save(item);
        }
        try {
          if (await trySend(item.id)) sent++;
        } catch (e) {
          if (e instanceof NetworkError || (e instanceof ApiError && (e.transient || e.status === 401)))
            break;
        }
      }
      const left = (await listQueue()).filter((i) => i.userId === userId).length;
      return { sent, left };
    });
  } finally {
    flushing = false;
    changed();
  }
}

/** Sends waiting items when the network comes back, on start, and every 30 s while any wait. */
export function startAutoSend(userId: string): () => void {
  const go = () => {
    flush(userId).catch(() => undefined);
  };
  window.addEventListener('online', go);
  const timer = setInterval(() => {
    if (!navigator.onLine) return;
    listQueue().then(
      (items) => {
        if (items.some((i) => i.userId === userId && !i.failed)) go();
      },
      () => undefined,
    );
  }, 30_000);
  go();
  return () => {
    window.removeEventListener('online', go);
    clearInterval(timer);
  };
}
