// The inspector's steps and the units beside the lead: public and hotline reports routed to
// verification (核实) by configuration with a working-time limit, the 核查 limit after report back,
// co-units' notes (协办反馈), the workbench queues with their counts and the working time left.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AreaGeometry } from '../src/domain/geo/geometry.ts';
import { interiorPoint } from '../src/domain/grids/interior-point.ts';
import { loadConfig } from '../src/cli/config.ts';
import { AppError } from '../src/domain/errors.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

interface CaseView {
  id: string;
  state: string;
  version: number;
  actions: string[];
  lead_unit_id: string | null;
  step_deadline_at: string | null;
  step_working_ms_left: number | null;
  deadline_at: string | null;
  working_ms_left: number | null;
}
const HOUR = 3_600_000;

let t: TestApp;
const tok: Record<string, string> = {};
let point: [number, number];
let coUnit: string;

before(async () => {
  // Tuesday 2026-03-10 10:00 Asia/Shanghai; hotline and resident reports are verified first, 2 working hours.
  t = await openTestApp({
    now: '2026-03-10T02:00:00Z',
    config: { verifyChannels: ['hotline', 'resident'], verifyLimit: '2h', sessionIdleMinutes: 24 * 60 },
  });
  for (const u of ['admin', 'operator', 'dispatcher', 'handler', 'inspector', 'supervisor', 'gridworker'])
    tok[u] = await t.login(u);
  const g = (
    await t.ctx.db.query<{ geometry: AreaGeometry }>(
      `SELECT geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!;
  point = interiorPoint(g.geometry);
  // A handler of another unit of the same county, to be named co-unit (协办).
  coUnit = (
    await t.ctx.db.query<{ id: string }>(
      `SELECT id FROM units WHERE id LIKE 'u-350602-%' AND id <> 'u-350602-urban_management' AND active ORDER BY id LIMIT 1`,
    )
  ).rows[0]!.id;
  const made = await t.call('POST', '/api/v1/users', tok.admin, {
    username: 'co.handler',
    display_name: '协办处置员',
    password: 'Co@Handler2026',
    roles: ['handler'],
    regions: [],
    units: [coUnit],
  });
  assert.equal(made.statusCode, 201, made.body);
  await t.ctx.db.query('UPDATE users SET must_change_password = false WHERE username = $1', ['co.handler']);
  tok.co = await t.login('co.handler', 'Co@Handler2026');
});
after(async () => t.close());

async function intake(key: string, channel: string) {
  const r = await t.call('POST', '/api/v1/cases', tok.operator, {
    channel,
    lng: point[0],
    lat: point[1],
    description: '南坑路人行道井盖缺失，存在安全隐患',
    category_code: '0102',
    idempotency_key: key,
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json<{ case: CaseView }>().case;
}
async function read(user: string, id: string) {
  const r = await t.call('GET', `/api/v1/cases/${id}`, tok[user]);
  assert.equal(r.statusCode, 200, r.body);
  return r.json<{ case: CaseView; timeline: { action: string; to: string; note: string | null }[] }>();
}
async function act(user: string, id: string, action: string, body: Record<string, unknown> = {}) {
  const v = (await read(user, id)).case.version;
  return t.call('POST', `/api/v1/cases/${id}/actions/${action}`, tok[user], { version: v, ...body });
}
async function row(id: string) {
  return (
    await t.ctx.db.query<{ state: string; step_deadline_at: Date | null }>(
      'SELECT state, step_deadline_at FROM cases WHERE id = $1',
      [id],
    )
  ).rows[0]!;
}

void test('a hotline report goes to verification with a 2-working-hour limit; the inspector confirms it', async () => {
  const c = await intake('steps-hotline-0001', 'hotline');
  assert.equal(c.state, 'verifying');
  // 10:00 + 2 working hours = 12:00 Asia/Shanghai (the lunch break starts at 12:00).
  assert.equal(c.step_deadline_at, '2026-03-10T04:00:00.000Z');
  assert.equal(c.step_working_ms_left, 2 * HOUR);
  assert.deepEqual(c.actions.sort(), ['merge', 'reject']);
  const db = await row(c.id);
  assert.equal(db.state, 'verifying');
  assert.equal(db.step_deadline_at?.toISOString(), '2026-03-10T04:00:00.000Z');
  const first = (await read('operator', c.id)).timeline[0]!;
  assert.equal(first.action, 'report');
  assert.equal(first.to, 'verifying');

  // One working hour later, an hour is left; past the limit the time left turns negative.
  t.clock.advance(HOUR);
  assert.equal((await read('inspector', c.id)).case.step_working_ms_left, HOUR);
  t.clock.advance(2 * HOUR); // 13:00, inside lunch: 12:00 was the limit, no working time since
  assert.equal((await read('inspector', c.id)).case.step_working_ms_left, 0);

  const missing = await act('inspector', c.id, 'confirm_report', {});
  assert.equal(missing.statusCode, 400, missing.body);
  assert.equal(missing.json<{ error: { issues: { field: string }[] } }>().error.issues[0]?.field, 'genuine');
  const ok = await act('inspector', c.id, 'confirm_report', { genuine: true, note: '现场核实属实' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json<{ case: CaseView }>().case.state, 'reported');
  const after = await row(c.id);
  assert.equal(after.state, 'reported');
  assert.equal(after.step_deadline_at, null);
  t.clock.set('2026-03-10T02:00:00Z');
});

void test('grid-worker reports skip verification; the desk can still send one to verify by hand', async () => {
  const c = await intake('steps-worker-0001', 'grid_worker');
  assert.equal(c.state, 'reported');
  assert.equal(c.step_deadline_at, null);
  const sent = await act('operator', c.id, 'send_to_verify', { note: '请核实位置' });
  assert.equal(sent.statusCode, 200, sent.body);
  const v = sent.json<{ case: CaseView }>().case;
  assert.equal(v.state, 'verifying');
  assert.equal(v.step_deadline_at, '2026-03-10T04:00:00.000Z');
  assert.equal((await row(c.id)).step_deadline_at?.toISOString(), '2026-03-10T04:00:00.000Z');
});

void test('co-units add notes while the lead unit handles; only the lead unit reports back', async () => {
  const c = await intake('steps-counit-0001', 'grid_worker');
  assert.equal((await act('operator', c.id, 'register')).statusCode, 200);
  const d = await act('dispatcher', c.id, 'dispatch', {
    lead_unit_id: 'u-350602-urban_management',
    co_unit_ids: [coUnit],
  });
  assert.equal(d.statusCode, 200, d.body);
  const dispatched = d.json<{ case: CaseView }>().case;
  assert.ok(dispatched.working_ms_left !== null && dispatched.working_ms_left > 0);

  // The co-unit sees the case and may add a note, but may not acknowledge it.
  const seen = (await read('co', c.id)).case;
  assert.deepEqual(seen.actions, ['assist']);
  assert.equal((await act('co', c.id, 'acknowledge')).statusCode, 409);
  const empty = await act('co', c.id, 'assist', { note: '' });
  assert.equal(empty.statusCode, 400);
  const note = await act('co', c.id, 'assist', { note: '园林科已安排人员配合围挡' });
  assert.equal(note.statusCode, 200, note.body);
  assert.equal(note.json<{ case: CaseView }>().case.state, 'dispatched');
  const ev = await t.ctx.db.query<{ actor_name: string; note: string }>(
    `SELECT actor_name, note FROM case_events WHERE case_id = $1 AND action = 'assist'`,
    [c.id],
  );
  assert.deepEqual(ev.rows, [{ actor_name: '协办处置员', note: '园林科已安排人员配合围挡' }]);

  // The co-unit's handler finds it in its own list and queue.
  const list = await t.call('GET', '/api/v1/cases?queue=to_acknowledge', tok.co);
  assert.ok(list.json<{ items: CaseView[] }>().items.some((x) => x.id === c.id));

  // Report back starts the 核查 limit; verify_pass clears it.
  assert.equal((await act('handler', c.id, 'acknowledge')).statusCode, 200);
  const photo = await t.app.inject({
    method: 'POST',
    url: '/api/v1/photos',
    headers: { authorization: `Bearer ${tok.handler}`, 'content-type': 'image/png' },
    payload: Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0e40000000049454e44ae426082',
      'hex',
    ),
  });
  const back = await act('handler', c.id, 'report_back', {
    result: '已补装井盖',
    photos: [photo.json<{ id: string }>().id],
  });
  assert.equal(back.statusCode, 200, back.body);
  assert.equal(back.json<{ case: CaseView }>().case.step_deadline_at, '2026-03-10T04:00:00.000Z');
  assert.equal((await act('co', c.id, 'assist', { note: '已完成配合' })).statusCode, 409);
});

void test('queues: counts per role in scope, and the list filtered by a queue holds exactly those cases', async () => {
  const q = await t.call('GET', '/api/v1/cases/queues', tok.operator);
  assert.equal(q.statusCode, 200, q.body);
  const queues = q.json<{ queues: { queue: string; count: number }[] }>().queues;
  assert.deepEqual(
    queues.map((x) => x.queue),
    ['to_register', 'to_verify_report', 'to_review_self_handled'],
  );
  const counts = await t.ctx.db.query<{ state: string; n: number }>(
    `SELECT state, count(*)::int AS n FROM cases WHERE region_code LIKE '3506%' GROUP BY state`,
  );
  const n = (s: string) => counts.rows.find((r) => r.state === s)?.n ?? 0;
  assert.equal(queues.find((x) => x.queue === 'to_register')?.count, n('reported'));
  assert.equal(queues.find((x) => x.queue === 'to_verify_report')?.count, n('verifying'));
  assert.ok(n('reported') >= 1 && n('verifying') >= 1);

  const list = await t.call('GET', '/api/v1/cases?queue=to_verify_report&limit=200', tok.operator);
  const items = list.json<{ items: CaseView[] }>().items;
  assert.equal(items.length, n('verifying'));
  assert.ok(items.every((x) => x.state === 'verifying'));

  const sup = await t.call('GET', '/api/v1/cases/queues', tok.supervisor);
  const supQueues = sup.json<{ queues: { queue: string }[] }>().queues.map((x) => x.queue);
  assert.ok(supQueues.includes('to_approve') && supQueues.includes('overdue'));
  const bad = await t.call('GET', '/api/v1/cases?queue=everything', tok.operator);
  assert.equal(bad.statusCode, 400);
});

void test('WANGGE_VERIFY_CHANNELS and WANGGE_VERIFY_LIMIT are checked', () => {
  const ok = loadConfig({ WANGGE_VERIFY_CHANNELS: 'hotline, resident', WANGGE_VERIFY_LIMIT: '30m' });
  assert.deepEqual(ok.app.verifyChannels, ['hotline', 'resident']);
  assert.equal(ok.app.verifyLimit, '30m');
  assert.deepEqual(loadConfig({}).app.verifyChannels, []);
  assert.throws(
    () => loadConfig({ WANGGE_VERIFY_CHANNELS: 'hotline,pigeon', WANGGE_VERIFY_LIMIT: '2 hours' }),
    (e: unknown) =>
      e instanceof AppError &&
      e.issues.some((i) => i.field === 'WANGGE_VERIFY_CHANNELS' && i.zh.includes('pigeon')) &&
      e.issues.some((i) => i.field === 'WANGGE_VERIFY_LIMIT'),
  );
});
