// Rate limits on public endpoints (reports, code sending, voting): a route declares
// `config.rateLimit = { max, windowS }` and each client address may call it at most `max` times per
// window; the next call gets 429 RATE_LIMITED with Retry-After. Counters live in this process's
// memory (fixed windows); behind a load balancer each process counts its own share.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.ts';

export interface RateLimit {
  max: number;
  windowS: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    rateLimit?: RateLimit;
  }
}

export function registerRateLimit(app: FastifyInstance, now: () => number = Date.now): void {
  const windows = new Map<string, { start: number; count: number }>();
  let sweptAt = now();
  app.addHook('onRequest', async (req, reply) => {
    const limit = req.routeOptions.config.rateLimit;
    if (!limit) return;
    const t = now();
    if (t - sweptAt > 60_000) {
      for (const [k, w] of windows) if (t - w.start > 3_600_000) windows.delete(k);
      sweptAt = t;
    }
    const key = `${req.routeOptions.url ?? req.url}|${req.ip}`;
    const w = windows.get(key);
    if (!w || t - w.start >= limit.windowS * 1000) {
      windows.set(key, { start: t, count: 1 });
      return;
    }
    w.count += 1;
    if (w.count > limit.max) {
      const retry = Math.ceil((w.start + limit.windowS * 1000 - t) / 1000);
      void reply.header('retry-after', String(retry));
      throw new AppError('RATE_LIMITED', { details: { retry_after_s: retry } });
    }
  });
}
