// The deadline sweep: yellow at 80 % of the working time, red past the deadline, one automatic
// supervision order per level, suspended cases paused, idempotent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { deadlineColour, worsened } from '../src/domain/cases/deadline-colour.ts';
import type { AreaGeometry } from '../src/domain/geo/geometry.ts';
import { interiorPoint } from '../src/domain/grids/interior-point.ts';
import { runDeadlineSweep } from '../src/jobs/deadline-sweep.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
let point: [number, number];
const tok: Record<string, string> = {};
before(async () => {
  t = await openTestApp({ now: '2026-03-10T02:00:00Z' }); // Tue 10:00 in Zhangzhou
  const g = (
    await t.ctx.db.query<{ geometry: AreaGeometry }>(
      `SELECT geometry FROM grids WHERE region_code LIKE '350602005%' AND kind = 'basic' LIMIT 1`,
    )
  ).rows[0]!;
  point = interiorPoint(g.geometry);
});
after(async () => t.close());

async function login() {
  for (const u of ['operator', 'dispatcher', 'handler', 'supervisor']) tok[u] = await t.login(u);
}
async function act(user: string, id: string, action: string, body: Record<string, unknown> = {}) {
  const v = (await t.call('GET', `/api/v1/cases/${id}`, tok[user])).json<{ case: { version: number } }>().case
    .version;
  const r = await t.call('POST', `/api/v1/cases/${id}/actions/${action}`, tok[user], { version: v, ...body });
  assert.equal(r.statusCode, 200, r.body);
}
async function dispatchedCase(key: string): Promise<string> {
  const r = await t.call('POST', '/api/v1/cases', tok.operator, {
    channel: 'hotline',
    lng: point[0],
    lat: point[1],
    description: '公共厕所损坏',
    category_code: '0301',
    idempotency_key: key,
  });
  const id = r.json<{ case: { id: string } }>().case.id;
  await act('operator', id, 'register');
  await act('dispatcher', id, 'dispatch'); // 公共厕所: 2 working days → Thu 10:00
  return id;
}
const colourOf = async (id: string) =>
  (await t.ctx.db.query<{ colour: string }>('SELECT colour FROM cases WHERE id = $1', [id])).rows[0]!.colour;
const orders = async (id: string) =>
  (
    await t.ctx.db.query<{ level: string }>(
      `SELECT level FROM supervision_orders WHERE case_id = $1 AND kind = 'auto' ORDER BY id`,
      [id],
    )
  ).rows.map((r) => r.level);

void test('colour rule: 80 % → yellow, past 100 % → red; never improves by itself', () => {
  assert.equal(deadlineColour(79, 100), 'green');
  assert.equal(deadlineColour(80, 100), 'yellow');
  assert.equal(deadlineColour(100, 100), 'yellow');
  assert.equal(deadlineColour(101, 100), 'red');
  fc.assert(
    fc.property(fc.nat(1e9), fc.nat(1e9), fc.integer({ min: 1, max: 1e9 }), (a, b, allowed) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      assert.ok(
        !worsened(deadlineColour(hi, allowed), deadlineColour(lo, allowed)),
        'more time used is never a better colour',
      );
    }),
  );
});

void test('sweep: yellow then red, one order each, events and outbox; re-running changes nothing', async () => {
  await login();
  const id = await dispatchedCase('sweep-case-0001');
  const suspended = await dispatchedCase('sweep-case-0002');
  await act('handler', suspended, 'acknowledge');
  await act('handler', suspended, 'request_suspension', { reason: '等待雨季结束' });
  await act('supervisor', suspended, 'approve_suspension');
  assert.deepEqual(await runDeadlineSweep(t.ctx), { checked: 1, recoloured: 0, orders: 0 });
  assert.equal(await colourOf(id), 'green');
  // Thu 08:00: 12.5 of 14 working hours used (89 %).
  t.clock.set('2026-03-12T00:00:00Z');
  const first = await runDeadlineSweep(t.ctx);
  assert.deepEqual(first, { checked: 1, recoloured: 1, orders: 1 });
  assert.equal(await colourOf(id), 'yellow');
  assert.deepEqual(await orders(id), ['yellow']);
  assert.deepEqual(await runDeadlineSweep(t.ctx), { checked: 1, recoloured: 0, orders: 0 });
  // Thu 11:00: past the deadline (Thu 10:00).
  t.clock.set('2026-03-12T03:00:00Z');
  await runDeadlineSweep(t.ctx);
  assert.equal(await colourOf(id), 'red');
  assert.deepEqual(await orders(id), ['yellow', 'red']);
  const events = (
    await t.ctx.db.query<{ action: string; actor_name: string }>(
      `SELECT action, actor_name FROM case_events WHERE case_id = $1 AND actor_role = 'system' ORDER BY id`,
      [id],
    )
  ).rows;
  assert.deepEqual(events, [
    { action: 'auto_warn', actor_name: '系统' },
    { action: 'auto_supervise', actor_name: '系统' },
  ]);
  assert.equal(
    (await t.ctx.db.query(`SELECT 1 FROM outbox WHERE key = $1 AND topic = 'case.supervised'`, [id]))
      .rowCount,
    2,
  );
  assert.deepEqual(await runDeadlineSweep(t.ctx), { checked: 0, recoloured: 0, orders: 0 });
  assert.equal(await colourOf(suspended), 'green', 'a suspended case’s clock is stopped');
  assert.deepEqual(await orders(suspended), []);
});
