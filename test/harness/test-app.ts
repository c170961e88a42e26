// Per-file test context: an isolated database, a controllable clock, the built app, and
// helpers to log in as the demo accounts.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppConfig, AppContext, Clock } from '../../src/commands/context.ts';
import { createContext } from '../../src/commands/create-context.ts';
import { buildApp } from '../../src/http/app.ts';
import { DEMO_PASSWORD } from '../../src/commands/demo/demo-users.ts';
import { openTestDb } from './test-db.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFileStore } from '../../src/commands/files/file-store.ts';
import { SEAL_KEY_FOR_TESTS, createSealer } from '../../src/commands/personal/sealer.ts';

/** The test-only sealer and a fresh temporary file store, for contexts built in tests. */
export function testEdges() {
  return {
    sealer: createSealer(SEAL_KEY_FOR_TESTS),
    files: new LocalFileStore(mkdtempSync(join(tmpdir(), 'wangge-files-'))),
  };
}

export class TestClock implements Clock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: Date | string): void {
    this.t = new Date(t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export interface TestApp {
  ctx: AppContext;
  app: FastifyInstance;
  clock: TestClock;
  login(username: string, password?: string): Promise<string>;
  call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    token?: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function openTestApp(
  opts: { now?: string; config?: Partial<AppConfig> } = {},
): Promise<TestApp> {
  const testDb = await openTestDb();
  const db = testDb.db;
  const clock = new TestClock(new Date(opts.now ?? '2026-03-10T02:00:00Z'));
  const ctx = createContext(db, { clock, ...testEdges(), ...(opts.config ? { config: opts.config } : {}) });
  const app = await buildApp(ctx);
  const call: TestApp['call'] = (method, url, token, body) =>
    app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
  return {
    ctx,
    app,
    clock,
    call,
    async login(username, password = DEMO_PASSWORD) {
      const r = await call('POST', '/api/v1/auth/login', undefined, { username, password });
      if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
      return r.json<{ token: string }>().token;
    },
    async close() {
      await app.close();
      await testDb.close();
    },
  };
}
