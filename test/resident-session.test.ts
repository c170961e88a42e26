// Logged-in residents in the portal through the API: login with a phone and an SMS code (a wrong
// code refused, nothing stored), the session cookie (HttpOnly, SameSite=Strict, /api/v1/public) and
// its row (token hash, phone hash and sealed phone only); reporting without a code while logged in
// (the case gets the resident's phone); 我的上报 lists one's own cases and never another's, with
// public steps only, pages and can_rate; logout kills the token at once; an ended or expired
// session is a clear 401, never an anonymous report; idle (7 days) and absolute (30 days) expiry.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { AreaGeometry } from '../src/domain/geo/geometry.ts';
import { interiorPoint } from '../src/domain/grids/interior-point.ts';
import { MemorySmsSender } from '../src/commands/sms/sms-sender.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

const DAY = 86_400_000;
const A = '13912345678';
const B = '13698765432';

let t: TestApp;
let sms: MemorySmsSender;
let point: [number, number];
const staff: Record<string, string> = {};

interface MyReport {
  code: string;
  token: string;
  track_url: string;
  category: string | null;
  summary: string;
  step: string;
  steps: { received: string; handling: string | null; done: string | null };
  merged_into: string | null;
  satisfaction: string | null;
  can_rate: boolean;
}
interface SessionRow {
  id: string;
  phone_hash: string;
  phone_sealed: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

before(async () => {
  t = await openTestApp({ now: '2026-03-10T02:00:00Z', config: { sessionIdleMinutes: 24 * 60 } });
  sms = new MemorySmsSender();
  t.ctx.sms = sms;
  for (const u of ['operator', 'dispatcher', 'handler', 'inspector']) staff[u] = await t.login(u);
  const g = (
    await t.ctx.db.query<{ geometry: AreaGeometry }>(
      `SELECT geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!;
  point = interiorPoint(g.geometry);
});
after(async () => t.close());

let ip = 0;
let reports = 0;
/** A request with the resident's cookie; each from its own address, so rate limits stay out of the way. */
function call(method: 'GET' | 'POST' | 'DELETE', url: string, token?: string | null, body?: unknown) {
  return t.app.inject({
    method,
    url,
    remoteAddress: `10.9.0.${++ip % 250}`,
    headers: token ? { cookie: `wangge_resident=${token}` } : {},
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
}
const errorOf = (r: LightMyRequestResponse) =>
  r.json<{ error: { code: string; message: string; message_en: string; issues: { field: string }[] } }>()
    .error;
const setCookie = (r: LightMyRequestResponse): string => {
  const h = r.headers['set-cookie'];
  return (Array.isArray(h) ? h : h ? [h] : []).join('\n');
};
const tokenOf = (r: LightMyRequestResponse): string => {
  const m = /wangge_resident=([A-Za-z0-9_-]+)/.exec(setCookie(r));
  assert.ok(m, `a session cookie: ${setCookie(r)}`);
  return m[1]!;
};
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sessionRows = async () =>
  (await t.ctx.db.query<SessionRow>('SELECT * FROM resident_sessions ORDER BY created_at')).rows;

async function codeFor(phone: string, purpose = 'login'): Promise<string> {
  const r = await call('POST', '/api/v1/public/sms-codes', null, { phone, purpose });
  assert.equal(r.statusCode, 202, r.body);
  return sms.lastCode(phone)!;
}
async function login(phone: string): Promise<string> {
  const r = await call('POST', '/api/v1/public/resident-sessions', null, {
    phone,
    code: await codeFor(phone),
  });
  assert.equal(r.statusCode, 201, r.body);
  return tokenOf(r);
}
async function report(token: string | null, description: string, extra: Record<string, unknown> = {}) {
  return call('POST', '/api/v1/public/reports', token, {
    lng: point[0],
    lat: point[1],
    description,
    idempotency_key: `resident-report-${++reports}`,
    ...extra,
  });
}
async function myReports(token: string, query = ''): Promise<{ items: MyReport[]; next: string | null }> {
  const r = await call('GET', `/api/v1/public/me/reports${query}`, token);
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
}
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0e40000000049454e44ae426082',
  'hex',
);
async function staffPhoto(user: string): Promise<string[]> {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/photos',
    headers: { authorization: `Bearer ${staff[user]}`, 'content-type': 'image/png' },
    payload: PNG,
  });
  assert.equal(r.statusCode, 201, r.body);
  return [r.json<{ id: string }>().id];
}
async function act(user: string, code: string, action: string, body: Record<string, unknown> = {}) {
  const id = (await t.ctx.db.query<{ id: string }>('SELECT id FROM cases WHERE code = $1', [code])).rows[0]!
    .id;
  const v = (await t.call('GET', `/api/v1/cases/${id}`, staff[user])).json<{ case: { version: number } }>()
    .case.version;
  const r = await t.call('POST', `/api/v1/cases/${id}/actions/${action}`, staff[user], {
    version: v,
    ...body,
  });
  assert.equal(r.statusCode, 200, `${action}: ${r.body}`);
}

let tokenA: string;
let tokenB: string;
let caseA: string;

void test('login: a wrong code is refused and stores nothing; the right one sets an HttpOnly cookie', async () => {
  const never = await call('POST', '/api/v1/public/resident-sessions', null, { phone: A, code: '123456' });
  assert.equal(never.statusCode, 400);
  assert.equal(errorOf(never).code, 'CODE_INVALID');
  const right = await codeFor(A);
  const wrong = await call('POST', '/api/v1/public/resident-sessions', null, {
    phone: A,
    code: right === '000000' ? '000001' : '000000',
  });
  assert.equal(wrong.statusCode, 400);
  assert.equal(errorOf(wrong).code, 'CODE_INVALID');
  assert.equal(errorOf(wrong).issues[0]?.field, 'code');
  assert.equal(setCookie(wrong), '', 'no cookie for a refused login');
  // A code for another purpose does not log in.
  const voteCode = await codeFor(B, 'vote');
  const otherPurpose = await call('POST', '/api/v1/public/resident-sessions', null, {
    phone: B,
    code: voteCode,
  });
  assert.equal(errorOf(otherPurpose).code, 'CODE_INVALID');
  const badPhone = await call('POST', '/api/v1/public/resident-sessions', null, {
    phone: '12345',
    code: '123456',
  });
  assert.equal(badPhone.statusCode, 400);
  assert.equal(errorOf(badPhone).issues[0]?.field, 'phone');
  assert.match(errorOf(badPhone).message, /11 位手机号码/);
  const badCode = await call('POST', '/api/v1/public/resident-sessions', null, { phone: A, code: 'abc' });
  assert.equal(badCode.statusCode, 400);
  assert.equal(errorOf(badCode).issues[0]?.field, 'body.code');
  assert.deepEqual(await sessionRows(), []);

  const ok = await call('POST', '/api/v1/public/resident-sessions', null, { phone: `+86 ${A}`, code: right });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.deepEqual(ok.json(), {
    resident: { phone_masked: '139****5678', expires_at: '2026-04-09T02:00:00.000Z' },
  });
  const cookie = setCookie(ok);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Path=\/api\/v1\/public/);
  assert.match(cookie, /Max-Age=2592000/);
  tokenA = tokenOf(ok);
  assert.ok(!ok.body.includes(tokenA), 'the token is not in the body (the page cannot read it)');
  // The code is spent.
  const again = await call('POST', '/api/v1/public/resident-sessions', null, { phone: A, code: right });
  assert.equal(errorOf(again).code, 'CODE_INVALID');

  const rows = await sessionRows();
  assert.equal(rows.length, 1);
  const row = rows[0]!;
  assert.equal(row.id, sha256(tokenA), 'only the hash of the token');
  assert.equal(row.phone_hash, t.ctx.sealer.hash(A, 'resident.phone'));
  assert.equal(t.ctx.sealer.open(row.phone_sealed, 'resident_sessions.phone'), A);
  assert.ok(!JSON.stringify(row).includes(A.slice(3)), 'no phone in clear');
  assert.deepEqual(
    [row.created_at.toISOString(), row.last_seen_at.toISOString(), row.expires_at.toISOString()],
    ['2026-03-10T02:00:00.000Z', '2026-03-10T02:00:00.000Z', '2026-04-09T02:00:00.000Z'],
  );

  const me = await call('GET', '/api/v1/public/me', tokenA);
  assert.equal(me.statusCode, 200, me.body);
  assert.deepEqual(me.json(), {
    resident: {
      phone_masked: '139****5678',
      logged_in_at: '2026-03-10T02:00:00.000Z',
      expires_at: '2026-04-09T02:00:00.000Z',
    },
  });
  const nobody = await call('GET', '/api/v1/public/me');
  assert.deepEqual(nobody.json(), { resident: null });
  const notLoggedIn = await call('GET', '/api/v1/public/me/reports');
  assert.equal(notLoggedIn.statusCode, 401);
  assert.equal(errorOf(notLoggedIn).code, 'RESIDENT_LOGIN_REQUIRED');
  const forged = await call('GET', '/api/v1/public/me', 'A'.repeat(43));
  assert.equal(forged.statusCode, 401);
  assert.equal(errorOf(forged).code, 'RESIDENT_SESSION_EXPIRED');
  assert.match(setCookie(forged), /wangge_resident=;.*Max-Age=0/, 'a dead cookie is cleared');
  // A staff session does not make a resident, nor a resident cookie a staff member.
  assert.equal((await call('GET', '/api/v1/cases', tokenA)).statusCode, 401);
});

void test('a logged-in resident reports without a code; the case carries their phone', async () => {
  const mixed = await report(tokenA, '已登录又填了手机号', { phone: B, code: '123456' });
  assert.equal(mixed.statusCode, 400);
  assert.equal(errorOf(mixed).issues[0]?.field, 'phone');
  assert.match(errorOf(mixed).message, /已登录/);
  const r = await report(tokenA, '楼道灯坏了好几天', { name: '王五', category_code: '0118' });
  assert.equal(r.statusCode, 201, r.body);
  const answer = r.json<{ code: string; token: string; track_url: string }>();
  caseA = answer.code;
  const row = (
    await t.ctx.db.query<{
      channel: string;
      reporter_phone_hash: string;
      reporter_phone_sealed: string;
      reporter_name_sealed: string;
    }>(
      'SELECT channel, reporter_phone_hash, reporter_phone_sealed, reporter_name_sealed FROM cases WHERE code = $1',
      [caseA],
    )
  ).rows[0]!;
  assert.equal(row.channel, 'resident');
  assert.equal(row.reporter_phone_hash, t.ctx.sealer.hash(A, 'case.reporter_phone'));
  assert.equal(t.ctx.sealer.open(row.reporter_phone_sealed, 'case.reporter_phone'), A);
  assert.equal(t.ctx.sealer.open(row.reporter_name_sealed, 'case.reporter_name'), '王五');
  const tr = await call('GET', `/api/v1/public/track/${caseA}?t=${answer.token}`);
  assert.equal(tr.statusCode, 200);
});

void test('我的上报: one’s own cases (also reported before logging in), never another resident’s', async () => {
  t.clock.advance(60_000);
  // Before logging in, A reported with the phone proved by a code: it is theirs too.
  const earlier = await report(null, '垃圾桶满了', { phone: A, code: await codeFor(A, 'report') });
  assert.equal(earlier.statusCode, 201, earlier.body);
  const earlierCode = earlier.json<{ code: string }>().code;
  tokenB = await login(B);
  t.clock.advance(60_000);
  const rb = await report(tokenB, '井盖松动有响声');
  assert.equal(rb.statusCode, 201, rb.body);
  const caseB = rb.json<{ code: string }>().code;
  const anonymous = await report(null, '没有留电话的反映');
  assert.equal(anonymous.statusCode, 201);

  const mine = await myReports(tokenA);
  assert.deepEqual(
    mine.items.map((i) => i.code),
    [earlierCode, caseA],
    'newest first, only A’s',
  );
  assert.equal(mine.next, null);
  const first = mine.items[1]!;
  assert.deepEqual(Object.keys(first).sort(), [
    'can_rate',
    'category',
    'code',
    'merged_into',
    'satisfaction',
    'step',
    'steps',
    'summary',
    'token',
    'track_url',
  ]);
  assert.equal(first.summary, '楼道灯坏了好几天');
  assert.equal(first.category, '路灯');
  assert.equal(mine.items[0]!.category, null);
  assert.equal(first.step, 'received');
  assert.deepEqual(first.steps, { received: '2026-03-10T02:00:00.000Z', handling: null, done: null });
  assert.equal(first.can_rate, false);
  assert.equal(first.track_url, `/portal/track/${first.code}?t=${first.token}`);
  assert.equal((await call('GET', `/api/v1/public/track/${first.code}?t=${first.token}`)).statusCode, 200);
  const body = JSON.stringify(mine);
  for (const secret of ['reported', 'grid_code', 'lead_unit', 'reporter', A, '王五'])
    assert.ok(!body.includes(secret), `no ${secret} in my reports`);

  const theirs = await myReports(tokenB);
  assert.deepEqual(
    theirs.items.map((i) => i.code),
    [caseB],
  );

  // Pages: one at a time, continuing after the last code; another's code as the cursor finds nothing.
  const p1 = await myReports(tokenA, '?limit=1');
  assert.deepEqual([p1.items.map((i) => i.code), p1.next], [[earlierCode], earlierCode]);
  const p2 = await myReports(tokenA, `?limit=1&before=${p1.next}`);
  assert.deepEqual([p2.items.map((i) => i.code), p2.next], [[caseA], caseA]);
  assert.deepEqual((await myReports(tokenA, `?limit=1&before=${caseA}`)).items, []);
  assert.deepEqual((await myReports(tokenA, `?before=${caseB}`)).items, []);
  const bad = await call('GET', '/api/v1/public/me/reports?limit=500&before=x', tokenA);
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(
    errorOf(bad)
      .issues.map((i) => i.field)
      .sort(),
    ['query.before', 'query.limit'],
  );
});

void test('handled and closed: my reports show the step, the dates and that it can be rated', async () => {
  await act('operator', caseA, 'register');
  await act('dispatcher', caseA, 'dispatch', { lead_unit_id: 'u-350602-urban_management' });
  let item = (await myReports(tokenA)).items.find((i) => i.code === caseA)!;
  assert.equal(item.step, 'handling');
  assert.equal(item.steps.handling, t.clock.now().toISOString());
  await act('handler', caseA, 'acknowledge');
  await act('handler', caseA, 'report_back', { result: '已更换灯管', photos: await staffPhoto('handler') });
  await act('inspector', caseA, 'verify_pass', { photos: await staffPhoto('inspector') });
  item = (await myReports(tokenA)).items.find((i) => i.code === caseA)!;
  assert.deepEqual([item.step, item.can_rate, item.satisfaction], ['done', true, null]);
  assert.ok(item.steps.done);
  const rated = await call('POST', `/api/v1/public/track/${caseA}/rating`, null, {
    t: item.token,
    satisfaction: 'satisfied',
  });
  assert.equal(rated.statusCode, 200, rated.body);
  item = (await myReports(tokenA)).items.find((i) => i.code === caseA)!;
  assert.deepEqual([item.can_rate, item.satisfaction], [false, 'satisfied']);
});

void test('logout kills the token at once; an ended session is a 401, never an anonymous report', async () => {
  const cases = async () =>
    Number((await t.ctx.db.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows[0]!.n);
  const out = await call('DELETE', '/api/v1/public/resident-sessions', tokenB);
  assert.equal(out.statusCode, 200, out.body);
  assert.match(setCookie(out), /wangge_resident=;.*Max-Age=0/);
  assert.equal(
    (await t.ctx.db.query('SELECT 1 FROM resident_sessions WHERE id = $1', [sha256(tokenB)])).rowCount,
    0,
  );
  assert.equal(
    (await t.ctx.db.query('SELECT 1 FROM resident_sessions WHERE id = $1', [sha256(tokenA)])).rowCount,
    1,
  );
  const me = await call('GET', '/api/v1/public/me', tokenB);
  assert.equal(me.statusCode, 401);
  assert.equal(errorOf(me).code, 'RESIDENT_SESSION_EXPIRED');
  assert.match(errorOf(me).message, /重新用手机号登录/);
  assert.match(errorOf(me).message_en, /log in again/);
  const n = await cases();
  const r = await report(tokenB, '退出后又用旧登录反映');
  assert.equal(r.statusCode, 401);
  assert.equal(errorOf(r).code, 'RESIDENT_SESSION_EXPIRED');
  assert.equal(await cases(), n, 'no anonymous case made instead');
  assert.equal((await call('GET', '/api/v1/public/me/reports', tokenB)).statusCode, 401);
  // Logging out twice (or without a login) is fine.
  assert.equal((await call('DELETE', '/api/v1/public/resident-sessions', tokenB)).statusCode, 200);
  assert.equal((await call('DELETE', '/api/v1/public/resident-sessions')).statusCode, 200);
});

void test('sessions end after 7 idle days and 30 days after login, whatever the use', async () => {
  const me = (token: string) => call('GET', '/api/v1/public/me', token);
  t.clock.advance(60_000);
  const idle = await login(B);
  // Six days on, A is used (which counts as use), B is not.
  t.clock.advance(6 * DAY);
  assert.equal((await me(tokenA)).statusCode, 200);
  const touched = (await sessionRows()).find((s) => s.id === sha256(tokenA))!;
  assert.equal(touched.last_seen_at.toISOString(), t.clock.now().toISOString());
  // Seven days and a minute after its login, B has ended; A, used a day ago, has not.
  t.clock.advance(DAY + 60_000);
  const gone = await call('GET', '/api/v1/public/me/reports', idle);
  assert.equal(gone.statusCode, 401);
  assert.equal(errorOf(gone).code, 'RESIDENT_SESSION_EXPIRED');
  assert.deepEqual(gone.json<{ error: { details: unknown } }>().error.details, { reason: 'idle' });
  assert.equal(
    (await t.ctx.db.query('SELECT 1 FROM resident_sessions WHERE id = $1', [sha256(idle)])).rowCount,
    0,
  );
  assert.equal((await me(tokenA)).statusCode, 200);

  // Absolute: A, used every few days, still ends 30 days after its login (2026-04-09 02:00 UTC).
  for (const at of [
    '2026-03-23T02:00:00Z',
    '2026-03-29T02:00:00Z',
    '2026-04-04T02:00:00Z',
    '2026-04-09T01:59:00Z',
  ]) {
    t.clock.set(at);
    assert.equal((await me(tokenA)).statusCode, 200, at);
  }
  t.clock.set('2026-04-09T02:00:00Z');
  const ended = await report(tokenA, '过期后反映');
  assert.equal(ended.statusCode, 401);
  assert.deepEqual(ended.json<{ error: { details: unknown } }>().error.details, { reason: 'lifetime' });
  assert.deepEqual(await sessionRows(), []);

  // A new login purges whatever expired sessions are left, of everyone.
  const now = t.clock.now().getTime();
  await t.ctx.db.query(
    `INSERT INTO resident_sessions (id, phone_hash, phone_sealed, created_at, last_seen_at, expires_at)
     VALUES ($1, 'h', 's', $2, $2, $3), ($4, 'h', 's', $5, $5, $6)`,
    [
      sha256('lifetime'),
      new Date(now - 40 * DAY),
      new Date(now - 10 * DAY),
      sha256('idle'),
      new Date(now - 8 * DAY),
      new Date(now + 22 * DAY),
    ],
  );
  const fresh = await login(A);
  assert.deepEqual(
    (await sessionRows()).map((s) => s.id),
    [sha256(fresh)],
  );
});
