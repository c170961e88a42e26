// The closed loop end to end through the API: intake → register → dispatch → acknowledge →
// report back → verify → close → follow-up → reopen / publish, asserting responses and rows.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AreaGeometry } from '../src/domain/geo/geometry.ts';
import { interiorPoint } from '../src/domain/grids/interior-point.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
const tok: Record<string, string> = {};
let point: [number, number];
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0e40000000049454e44ae426082',
  'hex',
);

interface CaseBody {
  case: {
    id: string;
    code: string;
    state: string;
    version: number;
    actions: string[];
    deadline_at: string | null;
    lead_unit_id: string | null;
    reporter: { phone: string | null; name: string | null };
    grid_code: string;
  };
}

before(async () => {
  // A Tuesday morning (Asia/Shanghai): 2026-03-10 10:00.
  t = await openTestApp({ now: '2026-03-10T02:00:00Z' });
  for (const u of ['operator', 'dispatcher', 'handler', 'inspector', 'supervisor', 'leader'])
    tok[u] = await t.login(u);
  const g = (
    await t.ctx.db.query<{ geometry: AreaGeometry }>(
      `SELECT geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!;
  point = interiorPoint(g.geometry);
});
after(async () => t.close());

async function intake(key: string, extra: Record<string, unknown> = {}) {
  return t.call('POST', '/api/v1/cases', tok.operator, {
    channel: 'hotline',
    lng: point[0],
    lat: point[1],
    description: '市民来电反映：南坑路公共厕所门锁损坏，无法使用',
    category_code: '0301',
    reporter_name: '张三',
    reporter_phone: '13812345678',
    idempotency_key: key,
    ...extra,
  });
}
async function act(user: string, id: string, action: string, body: Record<string, unknown>) {
  const read = await t.call('GET', `/api/v1/cases/${id}`, tok[user]);
  assert.equal(read.statusCode, 200, `${user} reads ${id}: ${read.body}`);
  const v = read.json<CaseBody>().case.version;
  return t.call('POST', `/api/v1/cases/${id}/actions/${action}`, tok[user], { version: v, ...body });
}
async function photo(user: string): Promise<string> {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/photos',
    headers: { authorization: `Bearer ${tok[user]}`, 'content-type': 'image/png' },
    payload: PNG,
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json<{ id: string }>().id;
}

void test('intake locates the point, seals the reporter, writes case + event + outbox; a retry is the same case', async () => {
  const r = await intake('hotline-call-0001');
  assert.equal(r.statusCode, 201, r.body);
  const c = r.json<CaseBody>().case;
  assert.equal(c.state, 'reported');
  assert.match(c.code, /^3506-20260310-\d{7}$/);
  assert.ok(c.grid_code.startsWith('350602005'));
  assert.deepEqual(c.reporter, { name: '张*', phone: '138****5678' });
  assert.deepEqual(c.actions.sort(), ['merge', 'register', 'reject', 'send_to_verify']);
  const row = (
    await t.ctx.db.query<{ reporter_phone_sealed: string; reporter_phone_hash: string; region_code: string }>(
      'SELECT * FROM cases WHERE id = $1',
      [c.id],
    )
  ).rows[0]!;
  assert.ok(!row.reporter_phone_sealed.includes('13812345678'), 'phone is not stored in clear');
  assert.equal(row.reporter_phone_hash, t.ctx.sealer.hash('13812345678', 'case.reporter_phone'));
  assert.equal(row.region_code.length, 12);
  const ev = await t.ctx.db.query(`SELECT 1 FROM case_events WHERE case_id = $1 AND action = 'report'`, [
    c.id,
  ]);
  assert.equal(ev.rowCount, 1);
  const ob = await t.ctx.db.query(`SELECT 1 FROM outbox WHERE key = $1 AND topic = 'case.reported'`, [c.id]);
  assert.equal(ob.rowCount, 1);
  // Reveal: a leader with a reason sees the phone; an operator may not; both attempts audited.
  const shown = await t.call('POST', `/api/v1/cases/${c.id}/reveal`, tok.leader, {
    field: 'reporter_phone',
    reason: '回访核实情况',
  });
  assert.equal(shown.json<{ value: string }>().value, '13812345678', shown.body);
  const refused = await t.call('POST', `/api/v1/cases/${c.id}/reveal`, tok.operator, {
    field: 'reporter_phone',
    reason: '想看看',
  });
  assert.equal(refused.statusCode, 403);
  const audits = (
    await t.ctx.db.query<{ outcome: string }>(
      `SELECT outcome FROM audit_log WHERE action = 'personal.reveal' AND target = $1 ORDER BY id`,
      [`case:${c.code}`],
    )
  ).rows;
  assert.deepEqual(
    audits.map((a) => a.outcome),
    ['ok', 'denied'],
  );
  const again = await intake('hotline-call-0001');
  assert.equal(again.statusCode, 200);
  assert.equal(again.json<CaseBody & { replayed: boolean }>().replayed, true);
  assert.equal(again.json<CaseBody>().case.id, c.id);
  assert.equal(
    (await t.ctx.db.query(`SELECT 1 FROM cases WHERE idempotency_key LIKE '%hotline-call-0001'`)).rowCount,
    1,
  );
});

void test('bad intake: outside the jurisdiction, unknown category, missing field — named, nothing written', async () => {
  const before = (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]!.n;
  const out = await t.call('POST', '/api/v1/cases', tok.operator, {
    channel: 'hotline',
    lng: 116.39,
    lat: 39.9,
    description: '北京',
    idempotency_key: 'outside-0001',
  });
  assert.equal(out.json<{ error: { code: string } }>().error.code, 'OUTSIDE_JURISDICTION');
  const cat = await intake('bad-category-01', { category_code: '9999' });
  assert.equal(cat.statusCode, 404);
  assert.equal(
    cat.json<{ error: { issues: { field: string }[] } }>().error.issues[0]?.field,
    'category_code',
  );
  const missing = await t.call('POST', '/api/v1/cases', tok.operator, {
    channel: 'hotline',
    lng: point[0],
    lat: point[1],
    idempotency_key: 'missing-desc-1',
  });
  assert.deepEqual(
    missing.json<{ error: { issues: { field: string }[] } }>().error.issues.map((i) => i.field),
    ['body.description'],
  );
  const big = await t.app.inject({
    method: 'POST',
    url: '/api/v1/photos',
    headers: { authorization: `Bearer ${tok.operator}`, 'content-type': 'image/png' },
    payload: Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]),
  });
  assert.equal(big.statusCode, 413);
  const notImage = await t.app.inject({
    method: 'POST',
    url: '/api/v1/photos',
    headers: { authorization: `Bearer ${tok.operator}`, 'content-type': 'image/png' },
    payload: Buffer.from('hello'),
  });
  assert.equal(notImage.statusCode, 400);
  assert.equal(
    (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]!.n,
    before,
  );
});

void test('the whole loop: register → dispatch (rules pick the unit, deadline on the calendar) → acknowledge → report back → verify → close → follow-up → publish', async () => {
  const id = (await intake('hotline-call-0002')).json<CaseBody>().case.id;
  assert.equal((await act('operator', id, 'register', {})).statusCode, 200);
  const d = await act('dispatcher', id, 'dispatch', {});
  assert.equal(d.statusCode, 200, d.body);
  const dc = d.json<CaseBody>().case;
  assert.equal(dc.lead_unit_id, 'u-350602-urban_management', 'component → owner department of the county');
  // 公共厕所 normal limit 2 working days from Tue 10:00 → Thu 10:00 (+08:00).
  assert.equal(dc.deadline_at, '2026-03-12T02:00:00.000Z');
  const wrongUnit = await t.call('POST', `/api/v1/cases/${id}/actions/acknowledge`, tok.supervisor, {
    version: dc.version,
  });
  assert.equal(wrongUnit.json<{ error: { code: string } }>().error.code, 'FORBIDDEN');
  assert.equal((await act('handler', id, 'acknowledge', {})).statusCode, 200);
  const noPhoto = await act('handler', id, 'report_back', { result: '已更换门锁' });
  assert.deepEqual(
    noPhoto.json<{ error: { issues: { field: string }[] } }>().error.issues.map((i) => i.field),
    ['photos'],
  );
  const rb = await act('handler', id, 'report_back', {
    result: '已更换门锁，恢复使用',
    photos: [await photo('handler')],
  });
  assert.equal(rb.json<CaseBody>().case.state, 'reported_back');
  const fail = await act('inspector', id, 'verify_fail', { reason: '门锁仍松动' });
  assert.equal(fail.json<CaseBody>().case.state, 'handling');
  await act('handler', id, 'report_back', { result: '已加固', photos: [await photo('handler')] });
  const pass = await act('inspector', id, 'verify_pass', { photos: [await photo('inspector')] });
  assert.equal(pass.json<CaseBody>().case.state, 'closed');
  await act('operator', id, 'follow_up', { satisfaction: 'satisfied' });
  const pub = await act('operator', id, 'publish', {});
  assert.equal(pub.statusCode, 200);
  const again = await act('operator', id, 'publish', {});
  assert.equal(again.json<{ error: { code: string } }>().error.code, 'CASE_GUARD_FAILED');
  const row = (
    await t.ctx.db.query<{ rework_count: number; closed_at: Date; satisfaction: string; published_at: Date }>(
      'SELECT * FROM cases WHERE id = $1',
      [id],
    )
  ).rows[0]!;
  assert.equal(row.rework_count, 1);
  assert.ok(row.closed_at && row.published_at);
  const events = (
    await t.ctx.db.query<{ action: string }>(
      'SELECT action FROM case_events WHERE case_id = $1 ORDER BY id',
      [id],
    )
  ).rows.map((e) => e.action);
  assert.deepEqual(events, [
    'report',
    'register',
    'dispatch',
    'acknowledge',
    'report_back',
    'verify_fail',
    'report_back',
    'verify_pass',
    'follow_up',
    'publish',
  ]);
  const timeline = (await t.call('GET', `/api/v1/cases/${id}`, tok.leader)).json<{
    timeline: { action: string }[];
  }>().timeline;
  assert.equal(timeline.length, events.length);
});

void test('stale version → 409 and nothing changes; illegal action → typed refusal', async () => {
  const c = (await intake('hotline-call-0003')).json<CaseBody>().case;
  const ok = await t.call('POST', `/api/v1/cases/${c.id}/actions/register`, tok.operator, {
    version: c.version,
  });
  assert.equal(ok.statusCode, 200);
  const stale = await t.call('POST', `/api/v1/cases/${c.id}/actions/reject`, tok.operator, {
    version: c.version,
    reason: '重复',
  });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json<{ error: { code: string } }>().error.code, 'CONFLICT');
  const illegal = await act('operator', c.id, 'verify_pass', {});
  assert.equal(
    illegal.json<{ error: { code: string; details: { state: string } } }>().error.code,
    'CASE_ACTION_NOT_ALLOWED',
  );
  const row = (
    await t.ctx.db.query<{ state: string; version: number }>(
      'SELECT state, version FROM cases WHERE id = $1',
      [c.id],
    )
  ).rows[0]!;
  assert.deepEqual(row, { state: 'registered', version: c.version + 1 });
});

void test('return with a reason goes back to the dispatcher; reassign counts', async () => {
  const id = (await intake('hotline-call-0004')).json<CaseBody>().case.id;
  await act('operator', id, 'register', {});
  await act('dispatcher', id, 'dispatch', {});
  const bad = await act('handler', id, 'return', { reason_code: 'other' });
  assert.deepEqual(
    bad.json<{ error: { issues: { field: string }[] } }>().error.issues.map((i) => i.field),
    ['reason'],
  );
  const r = await act('handler', id, 'return', { reason_code: 'ownership_unclear' });
  assert.equal(r.json<CaseBody>().case.state, 'returned');
  const re = await act('dispatcher', id, 'reassign', { lead_unit_id: 'u-350602-urban_management' });
  assert.equal(re.json<CaseBody>().case.state, 'dispatched');
  const row = (
    await t.ctx.db.query<{ return_count: number; reassign_count: number }>(
      'SELECT return_count, reassign_count FROM cases WHERE id = $1',
      [id],
    )
  ).rows[0]!;
  assert.deepEqual(row, { return_count: 1, reassign_count: 1 });
});

void test('extension moves the deadline by working days; suspended working time does not count', async () => {
  const id = (await intake('hotline-call-0005')).json<CaseBody>().case.id;
  await act('operator', id, 'register', {});
  await act('dispatcher', id, 'dispatch', {});
  await act('handler', id, 'acknowledge', {});
  await act('handler', id, 'request_extension', { reason: '需采购配件', extra: '2d' });
  const blocked = await act('handler', id, 'report_back', {
    result: 'x 已修',
    photos: [await photo('handler')],
  });
  assert.equal(blocked.json<{ error: { code: string } }>().error.code, 'CASE_GUARD_FAILED');
  const ext = await act('supervisor', id, 'approve_extension', {});
  assert.equal(
    ext.json<CaseBody>().case.deadline_at,
    '2026-03-16T02:00:00.000Z',
    'Thu 10:00 + 2 working days = Mon 10:00',
  );
  await act('handler', id, 'request_suspension', { reason: '雨季施工暂停' });
  await act('supervisor', id, 'approve_suspension', {});
  t.clock.advance(24 * 3_600_000); // Wed 10:00: 7 working hours pass while suspended
  tok.supervisor = await t.login('supervisor'); // the old session idled out meanwhile
  const resumed = await act('supervisor', id, 'resume', {});
  assert.equal(resumed.json<CaseBody>().case.state, 'handling');
  assert.equal(resumed.json<CaseBody>().case.deadline_at, '2026-03-17T02:00:00.000Z');
  t.clock.advance(-24 * 3_600_000);
  for (const u of Object.keys(tok)) tok[u] = await t.login(u);
});

void test('merge keeps the merged report and points it at the survivor; duplicates are suggested', async () => {
  const a = (await intake('hotline-call-0006')).json<CaseBody>().case;
  const b = await intake('hotline-call-0007', { reporter_phone: '13900001111' });
  const dups = b.json<{ possible_duplicates: { id: string; distance_m: number }[] }>().possible_duplicates;
  assert.ok(dups.some((d) => d.id === a.id && d.distance_m <= 100));
  const bid = b.json<CaseBody>().case.id;
  const m = await act('operator', bid, 'merge', { target_case_id: a.id });
  assert.equal(m.json<CaseBody>().case.state, 'merged');
  const row = (
    await t.ctx.db.query<{ merged_into: string; reporter_phone_hash: string }>(
      'SELECT merged_into, reporter_phone_hash FROM cases WHERE id = $1',
      [bid],
    )
  ).rows[0]!;
  assert.equal(row.merged_into, a.id);
  assert.equal(row.reporter_phone_hash, t.ctx.sealer.hash('13900001111', 'case.reporter_phone'));
  // When the survivor closes, the merged report's reporter is told the outcome (outbox).
  for (const [user, action, body] of [
    ['operator', 'register', {}],
    ['dispatcher', 'dispatch', {}],
    ['handler', 'acknowledge', {}],
    ['handler', 'report_back', { result: '已修复', photos: [await photo('handler')] }],
    ['inspector', 'verify_pass', { photos: [await photo('inspector')] }],
  ] as const) {
    const r = await act(user, a.id, action, body);
    assert.equal(r.statusCode, 200, `${action}: ${r.body}`);
  }
  const told = await t.ctx.db.query<{ payload: { survivor: string } }>(
    `SELECT payload FROM outbox WHERE topic = 'case.outcome' AND key = $1`,
    [bid],
  );
  assert.equal(told.rows[0]?.payload.survivor, a.code);
});

void test('scope: the 南坑 inspector sees 南坑 cases; the county handler sees only its unit’s cases', async () => {
  const list = (await t.call('GET', '/api/v1/cases?limit=200', tok.inspector)).json<{
    items: { grid_code: string }[];
  }>().items;
  assert.ok(list.length > 0 && list.every((c) => c.grid_code.startsWith('350602005')));
  const mine = (await t.call('GET', '/api/v1/cases?limit=200', tok.handler)).json<{
    items: { lead_unit_id: string }[];
  }>().items;
  assert.ok(mine.length > 0 && mine.every((c) => c.lead_unit_id === 'u-350602-urban_management'));
});
