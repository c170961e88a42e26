// A logged-in resident takes part without SMS codes, through the API: comments during consultation
// and votes (eligibility by the roll through the phone's hash; one ballot per household, or per
// resident with changes allowed — the same ballot whether the phone was proved by the login or by a
// code; the ballot row holds nothing of the session), and books an appointment (once per phone and
// slot). Phone or code sent alongside a login is a 400 naming the field; a dead cookie is a 401
// with nothing written and no code spent; without a cookie, phone and code are needed as before.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { MemorySmsSender } from '../src/commands/sms/sms-sender.ts';
import { proposalBody } from './harness/proposal-fixture.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

const HOUR = 3_600_000;
const START = new Date('2026-06-01T02:00:00Z'); // Mon 10:00 Asia/Shanghai
const at = (hours: number) => new Date(START.getTime() + hours * HOUR).toISOString();
const A = '13912345678'; // on the roll, household 3-2-301
const A2 = '13800000002'; // on the roll, same household
const B = '13698765432'; // not on the roll
const C = '13800000003'; // on the roll, household 3-2-302; their login is ended
const ROLL = `户号,手机号\n3-2-301,${A}\n3-2-301,${A2}\n3-2-302,${C}\n`;

let t: TestApp;
let sms: MemorySmsSender;
const tok: Record<string, string> = {};
let pid: string; // household vote, no change
let pid2: string; // resident vote, change allowed
let slotId: string;
let tokenA: string;
let tokenB: string;
let deadC: string;

let ip = 0;
/** A public request, with the resident's cookie when given; each from its own address. */
function call(method: 'POST' | 'DELETE', url: string, cookie: string | null, body?: Record<string, unknown>) {
  return t.app.inject({
    method,
    url,
    remoteAddress: `10.8.0.${++ip % 250}`,
    headers: cookie ? { cookie: `wangge_resident=${cookie}` } : {},
    ...(body === undefined ? {} : { payload: body }),
  });
}
const errorOf = (r: LightMyRequestResponse) =>
  r.json<{
    error: {
      code: string;
      message: string;
      message_en: string;
      issues: { field: string; zh: string; en: string }[];
    };
  }>().error;
async function codeFor(phone: string, purpose: string): Promise<string> {
  t.clock.advance(61_000); // one code a minute per phone and purpose
  const r = await call('POST', '/api/v1/public/sms-codes', null, { phone, purpose });
  assert.equal(r.statusCode, 202, r.body);
  return sms.lastCode(phone)!;
}
async function login(phone: string): Promise<string> {
  const r = await call('POST', '/api/v1/public/resident-sessions', null, {
    phone,
    code: await codeFor(phone, 'login'),
  });
  assert.equal(r.statusCode, 201, r.body);
  const m = /wangge_resident=([A-Za-z0-9_-]+)/.exec(String(r.headers['set-cookie']));
  assert.ok(m, 'a session cookie');
  return m[1]!;
}
const count = async (sql: string, args: unknown[]) =>
  Number((await t.ctx.db.query<{ n: string }>(sql, args)).rows[0]!.n);
const comments = (id: string) =>
  count('SELECT count(*) AS n FROM proposal_comments WHERE proposal_id = $1', [id]);
const ballots = (id: string) =>
  count('SELECT count(*) AS n FROM proposal_ballots WHERE proposal_id = $1', [id]);
const bookings = () => count('SELECT count(*) AS n FROM appointments WHERE slot_id = $1', [slotId]);
/** Asserts a 400 naming `field` in both languages, saying the login's phone is used. */
function refusedAlongsideLogin(r: LightMyRequestResponse, field: string) {
  assert.equal(r.statusCode, 400, r.body);
  const e = errorOf(r);
  assert.equal(e.code, 'VALIDATION_FAILED');
  assert.deepEqual(
    e.issues.map((i) => i.field),
    [field],
  );
  assert.match(e.message, /已登录，无需填写手机号和验证码/);
  assert.match(e.message_en, new RegExp(`${field} must be left out when logged in`));
}
function sessionExpired(r: LightMyRequestResponse) {
  assert.equal(r.statusCode, 401, r.body);
  assert.equal(errorOf(r).code, 'RESIDENT_SESSION_EXPIRED');
}

before(async () => {
  t = await openTestApp({ now: START.toISOString(), config: { sessionIdleMinutes: 24 * 60 } });
  sms = new MemorySmsSender();
  t.ctx.sms = sms;
  for (const u of ['leader', 'supervisor']) tok[u] = await t.login(u);
  const village = (
    await t.ctx.db.query<{ code: string }>(
      `SELECT code FROM regions WHERE level = 'village' AND code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!.code;
  const propose = async (over: Record<string, unknown>) => {
    const r = await t.call('POST', '/api/v1/proposals', tok.leader, proposalBody(village, at, over));
    assert.equal(r.statusCode, 201, r.body);
    const id = r.json<{ proposal: { id: string } }>().proposal.id;
    const roll = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/proposals/${id}/roll`,
      headers: { authorization: `Bearer ${tok.leader}`, 'content-type': 'text/csv' },
      payload: ROLL,
    });
    assert.equal(roll.statusCode, 200, roll.body);
    return id;
  };
  pid = await propose({});
  pid2 = await propose({ title: '小区停车收费调整', eligibility: 'resident', allow_change: true });

  const s = await t.call('POST', '/api/v1/appointment-services', tok.supervisor, {
    region_code: '350602005000',
    name: '社保卡办理',
    place: '南坑街道便民服务中心 2 号窗口',
  });
  assert.equal(s.statusCode, 201, s.body);
  const serviceId = s.json<{ service: { id: string } }>().service.id;
  const o = await t.call('POST', `/api/v1/appointment-services/${serviceId}/slots`, tok.supervisor, {
    from: '2026-06-03',
    to: '2026-06-03',
    times: ['15:00-16:00'],
    capacity: 5,
  });
  assert.equal(o.statusCode, 201, o.body);
  slotId = (
    await t.ctx.db.query<{ id: string }>('SELECT id FROM appointment_slots WHERE service_id = $1', [
      serviceId,
    ])
  ).rows[0]!.id;

  tokenA = await login(A);
  tokenB = await login(B);
  deadC = await login(C);
  assert.equal((await call('DELETE', '/api/v1/public/resident-sessions', deadC)).statusCode, 200);
});
after(async () => t.close());

void test('comment: a logged-in resident on the roll comments without a code, under their household', async () => {
  const sent = sms.sent.length;
  const url = `/api/v1/public/proposals/${pid}/comments`;
  const r = await call('POST', url, tokenA, { body: '同意加装，建议低层住户少分摊' });
  assert.equal(r.statusCode, 201, r.body);
  assert.deepEqual(r.json(), { ok: true });
  assert.equal(sms.sent.length, sent, 'no code was sent');
  const rows = await t.ctx.db.query<{ household_code: string; body: string }>(
    'SELECT household_code, body FROM proposal_comments WHERE proposal_id = $1',
    [pid],
  );
  assert.deepEqual(rows.rows, [{ household_code: '3-2-301', body: '同意加装，建议低层住户少分摊' }]);

  // Phone or code alongside the login: refused, naming the field; nothing stored.
  refusedAlongsideLogin(
    await call('POST', url, tokenA, { body: '再说一句', phone: B, code: '123456' }),
    'phone',
  );
  refusedAlongsideLogin(await call('POST', url, tokenA, { body: '再说一句', code: '123456' }), 'code');
  // Logged in with a number not on the roll.
  const stranger = await call('POST', url, tokenB, { body: '我也想说' });
  assert.equal(stranger.statusCode, 403);
  assert.equal(errorOf(stranger).code, 'VOTE_NOT_ELIGIBLE');
  // A dead cookie: 401 even with a good phone and code, the code not spent, nothing stored.
  const c = await codeFor(C, 'comment');
  sessionExpired(await call('POST', url, deadC, { body: '退出后又评论', phone: C, code: c }));
  assert.equal(await comments(pid), 1);
  // Without a cookie: phone and code as before; the code is still good.
  const noPhone = await call('POST', url, null, { body: '没留电话' });
  assert.equal(noPhone.statusCode, 400);
  assert.deepEqual(
    errorOf(noPhone).issues.map((i) => i.field),
    ['phone'],
  );
  assert.match(errorOf(noPhone).message, /请填写手机号/);
  assert.match(errorOf(noPhone).message_en, /phone is required/);
  const noCode = await call('POST', url, null, { body: '没填验证码', phone: C });
  assert.deepEqual(
    errorOf(noCode).issues.map((i) => i.field),
    ['code'],
  );
  const byCode = await call('POST', url, null, { body: '支持，希望尽快施工', phone: C, code: c });
  assert.equal(byCode.statusCode, 201, byCode.body);
  assert.equal(await comments(pid), 2);
});

void test('vote: logged in, no code; one ballot per household, the same one a code would make', async () => {
  t.clock.set(at(25));
  const url = `/api/v1/public/proposals/${pid}/votes`;
  const sent = sms.sent.length;
  const r = await call('POST', url, tokenA, { option: 'agree' });
  assert.equal(r.statusCode, 201, r.body);
  assert.deepEqual(r.json(), { outcome: 'cast' });
  assert.equal(sms.sent.length, sent, 'no code was sent');
  assert.equal(await ballots(pid), 1);
  // The ballot is HMAC(proposal secret, household): nothing of the session or the phone.
  const row = (
    await t.ctx.db.query<Record<string, string>>('SELECT * FROM proposal_ballots WHERE proposal_id = $1', [
      pid,
    ])
  ).rows[0]!;
  assert.deepEqual(Object.keys(row).sort(), ['ballot_key', 'option_key', 'proposal_id']);
  const sealed = (
    await t.ctx.db.query<{ ballot_secret_sealed: string }>(
      'SELECT ballot_secret_sealed FROM proposals WHERE id = $1',
      [pid],
    )
  ).rows[0]!.ballot_secret_sealed;
  const secret = t.ctx.sealer.open(sealed, 'proposals.ballot_secret');
  assert.equal(row.ballot_key, createHmac('sha256', secret).update('household:3-2-301').digest('hex'));
  assert.notEqual(row.ballot_key, createHash('sha256').update(tokenA).digest('hex'));

  // Again, logged in: refused by the ballot's key; another member of the household by code too.
  const again = await call('POST', url, tokenA, { option: 'disagree' });
  assert.equal(again.statusCode, 409, again.body);
  assert.equal(errorOf(again).code, 'VOTE_ALREADY_CAST');
  const member = await call('POST', url, null, {
    option: 'disagree',
    phone: A2,
    code: await codeFor(A2, 'vote'),
  });
  assert.equal(errorOf(member).code, 'VOTE_ALREADY_CAST');
  // Logged in with a number not on the roll.
  const stranger = await call('POST', url, tokenB, { option: 'agree' });
  assert.equal(stranger.statusCode, 403);
  assert.equal(errorOf(stranger).code, 'VOTE_NOT_ELIGIBLE');
  assert.match(errorOf(stranger).message, /不在本议题的表决名册中/);
  // Phone and code alongside the login; a dead cookie with a good code (left unspent).
  const c = await codeFor(C, 'vote');
  refusedAlongsideLogin(await call('POST', url, tokenA, { option: 'agree', phone: C, code: c }), 'phone');
  sessionExpired(await call('POST', url, deadC, { option: 'agree', phone: C, code: c }));
  sessionExpired(await call('POST', url, deadC, { option: 'agree' }));
  assert.equal(await ballots(pid), 1);
  // Without a cookie, C's household votes with the code as before.
  const byCode = await call('POST', url, null, { option: 'agree', phone: C, code: c });
  assert.equal(byCode.statusCode, 201, byCode.body);
  assert.equal(await ballots(pid), 2);
});

void test('vote where changing is allowed: logged in, the second vote replaces the first', async () => {
  const url = `/api/v1/public/proposals/${pid2}/votes`;
  assert.equal((await call('POST', url, tokenA, { option: 'agree' })).statusCode, 201);
  const changed = await call('POST', url, tokenA, { option: 'disagree' });
  assert.equal(changed.statusCode, 200, changed.body);
  assert.deepEqual(changed.json(), { outcome: 'changed' });
  // The same resident by code (e.g. on another phone, not logged in) changes the same ballot.
  const byCode = await call('POST', url, null, { option: 'agree', phone: A, code: await codeFor(A, 'vote') });
  assert.deepEqual([byCode.statusCode, byCode.json()], [200, { outcome: 'changed' }]);
  const rows = await t.ctx.db.query<{ option_key: string }>(
    'SELECT option_key FROM proposal_ballots WHERE proposal_id = $1',
    [pid2],
  );
  assert.deepEqual(
    rows.rows.map((x) => x.option_key),
    ['agree'],
  );
});

void test('booking: logged in, no code; the booking carries the login’s phone, once per slot', async () => {
  const book = (cookie: string | null, body: Record<string, unknown> = {}) =>
    call('POST', '/api/v1/public/appointments', cookie, { slot_id: slotId, name: '王五', ...body });
  const sent = sms.sent.length;
  const r = await book(tokenA);
  assert.equal(r.statusCode, 201, r.body);
  assert.match(r.json<{ code: string }>().code, /^YY[A-Z2-9]{8}$/);
  assert.equal(sms.sent.length, sent, 'no code was sent');
  const row = (
    await t.ctx.db.query<{ phone_sealed: string; phone_hash: string; name_sealed: string }>(
      'SELECT phone_sealed, phone_hash, name_sealed FROM appointments WHERE code = $1',
      [r.json<{ code: string }>().code],
    )
  ).rows[0]!;
  assert.equal(t.ctx.sealer.open(row.phone_sealed, 'appointments.phone'), A);
  assert.equal(row.phone_hash, t.ctx.sealer.hash(A, 'resident.phone'));
  assert.equal(t.ctx.sealer.open(row.name_sealed, 'appointments.name'), '王五');

  const twice = await book(tokenA);
  assert.equal(twice.statusCode, 409);
  assert.equal(errorOf(twice).issues[0]?.field, 'slot_id');
  // The same phone by code is the same booker.
  const byCode = await book(null, { phone: A, code: await codeFor(A, 'booking') });
  assert.equal(byCode.statusCode, 409);
  const c = await codeFor(C, 'booking');
  refusedAlongsideLogin(await book(tokenB, { phone: C, code: c }), 'phone');
  refusedAlongsideLogin(await book(tokenB, { code: c }), 'code');
  sessionExpired(await book(deadC, { phone: C, code: c }));
  sessionExpired(await book(deadC));
  assert.equal(await bookings(), 1);
  const booked = await count('SELECT booked AS n FROM appointment_slots WHERE id = $1', [slotId]);
  assert.equal(booked, 1, 'no place taken by a refused booking');
  // Without a cookie: a phone is needed, and its code; C's code is still good.
  assert.deepEqual(
    errorOf(await book(null)).issues.map((i) => i.field),
    ['phone'],
  );
  assert.equal((await book(null, { phone: C, code: c })).statusCode, 201);
  assert.equal((await book(tokenB)).statusCode, 201, 'anyone logged in may book');
  assert.equal(await bookings(), 3);
});
