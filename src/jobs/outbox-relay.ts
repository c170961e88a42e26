// The outbox relay: sends committed messages (case reported, dispatched, supervised …) to the
// configured sink — upward sync to the city/provincial platform, notifications — in order, at
// least once; receivers de-duplicate by message id. A failed message is retried on later runs.
import { createHmac } from 'node:crypto';
import type { AppContext } from '../commands/context.ts';
import { claimOutbox, markDelivered, markFailed, type OutboxRow } from '../store/outbox-store.ts';
import { startLoop } from './loop.ts';

export interface OutboxSink {
  deliver(m: OutboxRow): Promise<void>;
}

/**
 * Signed webhook: POST JSON {id, topic, key, payload, created_at} with headers
 * `x-wangge-id` and `x-wangge-signature: sha256=<HMAC of the body with the shared secret>`.
 */
export class WebhookSink implements OutboxSink {
  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly timeoutMs = 5_000,
  ) {}

  async deliver(m: OutboxRow): Promise<void> {
    const body = JSON.stringify({
      id: m.id,
      topic: m.topic,
      key: m.key,
      payload: m.payload,
      created_at: m.created_at.toISOString(),
    });
    const signature = createHmac('sha256', this.secret).update(body).digest('hex');
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-wangge-id': String(m.id),
        'x-wangge-signature': `sha256=${signature}`,
      },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  }
}

export interface RelayResult {
  delivered: number;
  failed: number;
}

/** Sends up to `limit` pending messages; stops at the first failure to keep order. */
export async function runOutboxRelay(ctx: AppContext, sink: OutboxSink, limit = 200): Promise<RelayResult> {
  const now = ctx.clock.now();
  return ctx.db.tx(async (q) => {
    const rows = await claimOutbox(q, limit, new Date(now.getTime() - 60_000));
    const sent: number[] = [];
    for (const m of rows) {
      try {
        await sink.deliver(m);
        sent.push(m.id);
      } catch (e) {
        await markDelivered(q, sent, now);
        await markFailed(q, m.id, e instanceof Error ? e.message : String(e));
        return { delivered: sent.length, failed: 1 };
      }
    }
    await markDelivered(q, sent, now);
    return { delivered: sent.length, failed: 0 };
  });
}

/** Relays every `everyMs` in the background; returns a stop function. Errors are logged. */
export function startOutboxRelayLoop(
  ctx: AppContext,
  sink: OutboxSink,
  everyMs: number,
  log: (e: unknown) => void,
): () => void {
  return startLoop(() => runOutboxRelay(ctx, sink), everyMs, log);
}
