// The residents' portal through the API: report without an account (with and without a phone
// proved by an SMS code), a retry that makes no second case, tracking by code and token (public
// steps only), the result and after photos once published, and rating: 不满意 reopens the case.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AreaGeometry } from '../src/domain/geo/geometry.ts';
import { interiorPoint } from '../src/domain/grids/interior-point.ts';
import { MemorySmsSender } from '../src/commands/sms/sms-sender.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
let sms: MemorySmsSender;
const tok: Record<string, string> = {};
let point: [number, number];
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0e40000000049454e44ae426082',
  'hex',
);
interface Report {
  code: string;
  token: string;
  track_url: string;
  replayed: boolean;
}
interface Track {
  code: string;
  step: string;
  steps: { received: string | null; handling: string | null; done: string | null };
  category: string | null;
  place: string;
  result: string | null;
  after_photos: string[];
  satisfaction: string | null;
  can_rate: boolean;
}
let withPhone: Report;
let anonymous: Report;

before(async () => {
  t = await openTestApp({ now: '2026-03-10T02:00:00Z', config: { sessionIdleMinutes: 24 * 60 } });
  sms = new MemorySmsSender();
  t.ctx.sms = sms;
  for (const u of ['operator', 'dispatcher', 'handler', 'inspector']) tok[u] = await t.login(u);
  const g = (
    await t.ctx.db.query<{ geometry: AreaGeometry }>(
      `SELECT geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!;
  point = interiorPoint(g.geometry);
});
after(async () => t.close());

const errorOf = (r: { json: <T>() => T }) =>
  r.json<{ error: { code: string; issues: { field: string }[] } }>().error;
async function publicPhoto(): Promise<string> {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/photos',
    headers: { 'content-type': 'image/png' },
    payload: PNG,
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json<{ id: string }>().id;
}
async function track(r: Report): Promise<Track> {
  const res = await t.call('GET', `/api/v1/public/track/${r.code}?t=${r.token}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<Track>();
}
async function act(user: string, code: string, action: string, body: Record<string, unknown> = {}) {
  const id = (await t.ctx.db.query<{ id: string }>('SELECT id FROM cases WHERE code = $1', [code])).rows[0]!
    .id;
  const v = (await t.call('GET', `/api/v1/cases/${id}`, tok[user])).json<{ case: { version: number } }>().case
    .version;
  const r = await t.call('POST', `/api/v1/cases/${id}/actions/${action}`, tok[user], { version: v, ...body });
  assert.equal(r.statusCode, 200, `${action}: ${r.body}`);
}
async function staffPhoto(user: string): Promise<string[]> {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/photos',
    headers: { authorization: `Bearer ${tok[user]}`, 'content-type': 'image/png' },
    payload: PNG,
  });
  return [r.json<{ id: string }>().id];
}

void test('report with a phone proved by an SMS code; a retry returns the same case', async () => {
  const noCode = await t.call('POST', '/api/v1/public/reports', undefined, {
    lng: point[0],
    lat: point[1],
    description: '小区门口路灯坏了',
    phone: '13900001111',
    idempotency_key: 'portal-report-0001',
  });
  assert.equal(noCode.statusCode, 400);
  assert.equal(errorOf(noCode).issues[0]?.field, 'code');
  await t.call('POST', '/api/v1/public/sms-codes', undefined, { phone: '13900001111', purpose: 'report' });
  const body = {
    lng: point[0],
    lat: point[1],
    category_code: '0118',
    description: '小区门口路灯坏了，晚上很黑',
    name: '李四',
    phone: '13900001111',
    code: sms.lastCode('13900001111'),
    photos: [await publicPhoto()],
    idempotency_key: 'portal-report-0001',
  };
  const r = await t.call('POST', '/api/v1/public/reports', undefined, body);
  assert.equal(r.statusCode, 201, r.body);
  withPhone = r.json<Report>();
  assert.match(withPhone.code, /^3506-20260310-\d{7}$/);
  assert.equal(withPhone.token.length, 22);
  assert.equal(withPhone.track_url, `/portal/track/${withPhone.code}?t=${withPhone.token}`);
  const row = (
    await t.ctx.db.query<{ channel: string; reporter_phone_hash: string; state: string }>(
      'SELECT channel, reporter_phone_hash, state FROM cases WHERE code = $1',
      [withPhone.code],
    )
  ).rows[0]!;
  assert.deepEqual(
    [row.channel, row.state, row.reporter_phone_hash],
    ['resident', 'reported', t.ctx.sealer.hash('13900001111', 'case.reporter_phone')],
  );
  // The network dropped the answer: the app sends the same submission again (the code is spent).
  const again = await t.call('POST', '/api/v1/public/reports', undefined, body);
  assert.equal(again.statusCode, 200, again.body);
  assert.deepEqual(again.json<Report>(), { ...withPhone, replayed: true });
  const n = await t.ctx.db.query(`SELECT 1 FROM cases WHERE idempotency_key = 'portal:portal-report-0001'`);
  assert.equal(n.rowCount, 1);
});

void test('report without a phone; bad input named; tracking shows public steps only', async () => {
  const bad = await t.call('POST', '/api/v1/public/reports', undefined, {
    lng: 200,
    lat: point[1],
    description: '',
    idempotency_key: 'x',
  });
  assert.equal(bad.statusCode, 400);
  const fields = errorOf(bad).issues.map((i) => i.field);
  for (const f of ['body.lng', 'body.description', 'body.idempotency_key'])
    assert.ok(fields.includes(f), fields.join());
  const outside = await t.call('POST', '/api/v1/public/reports', undefined, {
    lng: 116.4,
    lat: 39.9,
    description: '北京的问题',
    idempotency_key: 'portal-report-outside',
  });
  assert.equal(outside.statusCode, 422);
  const r = await t.call('POST', '/api/v1/public/reports', undefined, {
    lng: point[0],
    lat: point[1],
    description: '垃圾桶满了没人清理',
    idempotency_key: 'portal-report-0002',
  });
  assert.equal(r.statusCode, 201, r.body);
  anonymous = r.json<Report>();
  const tr = await track(anonymous);
  assert.equal(tr.step, 'received');
  assert.ok(tr.steps.received && !tr.steps.handling && !tr.steps.done);
  assert.match(tr.place, /·/);
  assert.ok(!JSON.stringify(tr).includes('reported'), 'no internal state names');
  const wrong = await t.call('GET', `/api/v1/public/track/${anonymous.code}?t=${'A'.repeat(22)}`);
  assert.equal(wrong.statusCode, 404);
  const other = await t.call('GET', `/api/v1/public/track/${withPhone.code}?t=${anonymous.token}`);
  assert.equal(other.statusCode, 404, 'a token opens its own case only');
});

void test('handled, closed and published: the result and the after photos; rating 不满意 reopens', async () => {
  await act('operator', withPhone.code, 'register');
  await act('dispatcher', withPhone.code, 'dispatch', { lead_unit_id: 'u-350602-urban_management' });
  assert.equal((await track(withPhone)).step, 'handling');
  await act('handler', withPhone.code, 'acknowledge');
  await act('handler', withPhone.code, 'report_back', {
    result: '已更换灯泡',
    photos: await staffPhoto('handler'),
  });
  await act('inspector', withPhone.code, 'verify_pass', { photos: await staffPhoto('inspector') });
  let tr = await track(withPhone);
  assert.deepEqual([tr.step, tr.result, tr.after_photos.length, tr.can_rate], ['done', null, 0, true]);
  await act('operator', withPhone.code, 'publish');
  tr = await track(withPhone);
  assert.equal(tr.result, '已更换灯泡');
  assert.equal(tr.after_photos.length, 2);
  const img = await t.call('GET', `/api/v1/public/photos/${tr.after_photos[0]}`);
  assert.equal(img.statusCode, 200);
  assert.equal(img.headers['content-type'], 'image/png');
  // The reporter's own photo is not part of the public result.
  const mine = (
    await t.ctx.db.query<{ id: string }>(
      `SELECT a.id FROM attachments a JOIN cases c ON c.id = a.case_id WHERE c.code = $1 AND a.created_by IS NULL`,
      [withPhone.code],
    )
  ).rows[0]!.id;
  assert.equal((await t.call('GET', `/api/v1/public/photos/${mine}`)).statusCode, 404);

  const bad = await t.call('POST', `/api/v1/public/track/${withPhone.code}/rating`, undefined, {
    t: withPhone.token,
    satisfaction: 'meh',
  });
  assert.equal(bad.statusCode, 400);
  const rated = await t.call('POST', `/api/v1/public/track/${withPhone.code}/rating`, undefined, {
    t: withPhone.token,
    satisfaction: 'dissatisfied',
    comment: '灯还是经常闪',
  });
  assert.equal(rated.statusCode, 200, rated.body);
  assert.deepEqual(rated.json(), { reopened: true });
  const row = (
    await t.ctx.db.query<{ state: string; reopen_count: number; satisfaction: string | null }>(
      'SELECT state, reopen_count, satisfaction FROM cases WHERE code = $1',
      [withPhone.code],
    )
  ).rows[0]!;
  assert.deepEqual(row, { state: 'registered', reopen_count: 1, satisfaction: null });
  const events = await t.ctx.db.query<{ action: string; actor_role: string; note: string | null }>(
    `SELECT e.action, e.actor_role, e.note FROM case_events e JOIN cases c ON c.id = e.case_id
     WHERE c.code = $1 AND e.action IN ('follow_up', 'reopen') ORDER BY e.id`,
    [withPhone.code],
  );
  assert.deepEqual(events.rows, [
    { action: 'follow_up', actor_role: 'resident', note: '灯还是经常闪' },
    { action: 'reopen', actor_role: 'resident', note: '灯还是经常闪' },
  ]);
  assert.equal((await track(withPhone)).step, 'handling');
  // Not closed: nothing to rate.
  const early = await t.call('POST', `/api/v1/public/track/${anonymous.code}/rating`, undefined, {
    t: anonymous.token,
    satisfaction: 'satisfied',
  });
  assert.equal(early.statusCode, 409);
});

void test('public uploads refuse wrong types; reports are rate-limited per address', async () => {
  const txt = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/photos',
    headers: { 'content-type': 'image/png' },
    payload: Buffer.from('not an image at all'),
  });
  assert.equal(txt.statusCode, 400);
  assert.equal(errorOf(txt).issues[0]?.field, 'body');
  let limited = false;
  for (let i = 0; i < 12 && !limited; i++) {
    const r = await t.call('POST', '/api/v1/public/reports', undefined, {
      lng: point[0],
      lat: point[1],
      description: `第 ${i} 次反映`,
      idempotency_key: `portal-flood-${i}-xxxx`,
    });
    limited = r.statusCode === 429;
  }
  assert.ok(limited, 'ten reports per address per ten minutes');
});
