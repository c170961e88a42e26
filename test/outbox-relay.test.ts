// The outbox relay delivers committed messages to a real local webhook, signed, in order, once;
// a failing receiver keeps them for the next run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookSink, runOutboxRelay } from '../src/jobs/outbox-relay.ts';
import { appendOutbox } from '../src/store/case-store.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
let server: http.Server;
let url = '';
let failNext = 0;
const received: { id: string; signature: string; body: string }[] = [];
before(async () => {
  t = await openTestApp();
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({
        id: String(req.headers['x-wangge-id']),
        signature: String(req.headers['x-wangge-signature']),
        body,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
after(async () => {
  server.close();
  await t.close();
});

void test('delivers pending messages in order with an HMAC signature, once', async () => {
  const at = t.clock.now();
  for (const k of ['a', 'b', 'c'])
    await appendOutbox(t.ctx.db, { topic: 'case.reported', key: k, payload: { k }, at });
  const sink = new WebhookSink(url, 'secret-1');
  failNext = 1;
  assert.deepEqual(await runOutboxRelay(t.ctx, sink), { delivered: 0, failed: 1 });
  const failed = (
    await t.ctx.db.query<{ attempts: number; last_error: string }>(
      `SELECT attempts, last_error FROM outbox WHERE key = 'a'`,
    )
  ).rows[0]!;
  assert.equal(failed.attempts, 1);
  assert.match(failed.last_error, /503/);
  t.clock.advance(61_000); // retried after a minute
  assert.deepEqual(await runOutboxRelay(t.ctx, sink), { delivered: 3, failed: 0 });
  assert.deepEqual(
    received.map((r) => (JSON.parse(r.body) as { key: string }).key),
    ['a', 'b', 'c'],
  );
  for (const r of received)
    assert.equal(r.signature, 'sha256=' + createHmac('sha256', 'secret-1').update(r.body).digest('hex'));
  assert.deepEqual(await runOutboxRelay(t.ctx, sink), { delivered: 0, failed: 0 });
  const pending = await t.ctx.db.query(
    `SELECT 1 FROM outbox WHERE delivered_at IS NULL AND key IN ('a','b','c')`,
  );
  assert.equal(pending.rowCount, 0);
});
