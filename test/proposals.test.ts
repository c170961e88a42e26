// Proposals and e-voting end to end through the API: publish, import the roll (bad lines named,
// nothing half-imported), comment during consultation, vote with SMS codes (one per household,
// enforced by the database; a change replaces the first vote where allowed), the result published
// once when the window closes, final in the database, and ballots that name nobody.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySmsSender } from '../src/commands/sms/sms-sender.ts';
import { proposalBody, WITH_ABSTAIN } from './harness/proposal-fixture.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
let sms: MemorySmsSender;
const tok: Record<string, string> = {};
let village: string;
let pid: string; // household vote, no change
let pid2: string; // resident vote, change allowed
const HOUR = 3_600_000;
const START = new Date('2026-06-01T02:00:00Z'); // Mon 10:00 Asia/Shanghai
const at = (hours: number) => new Date(START.getTime() + hours * HOUR).toISOString();
// The roll: 户 3-2-301 has two members, 3-2-302 and 3-2-401 one each.
const ROLL =
  '户号,手机号\n3-2-301,13800000001\n3-2-301,13800000002\n3-2-302,13800000003\n3-2-401,+8613800000004\n';

interface Proposal {
  id: string;
  phase: string;
  status: string;
  result: {
    counts: Record<string, number>;
    votes: number;
    eligible: number;
    turnout: number;
    passed: boolean;
  } | null;
  comments?: { household: string; body: string }[];
}

before(async () => {
  t = await openTestApp({ now: START.toISOString(), config: { sessionIdleMinutes: 24 * 60 } });
  sms = new MemorySmsSender();
  t.ctx.sms = sms;
  for (const u of ['leader', 'operator', 'handler']) tok[u] = await t.login(u);
  village = (
    await t.ctx.db.query<{ code: string }>(
      `SELECT code FROM regions WHERE level = 'village' AND code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!.code;
});
after(async () => t.close());

const body = (over: Record<string, unknown> = {}) =>
  proposalBody(village, at, { options: WITH_ABSTAIN, ...over });
async function code(phone: string, purpose: string): Promise<string> {
  t.clock.advance(61_000); // one code a minute per phone
  const r = await t.call('POST', '/api/v1/public/sms-codes', undefined, { phone, purpose });
  assert.equal(r.statusCode, 202, r.body);
  return sms.lastCode(phone.replace(/^\+86/, ''))!;
}
async function vote(id: string, phone: string, option: string) {
  return t.call('POST', `/api/v1/public/proposals/${id}/votes`, undefined, {
    phone,
    code: await code(phone, 'vote'),
    option,
  });
}
async function view(id: string): Promise<Proposal> {
  const r = await t.call('GET', `/api/v1/public/proposals/${id}`);
  assert.equal(r.statusCode, 200, r.body);
  return r.json<{ proposal: Proposal }>().proposal;
}
const errorOf = (r: { json: <T>() => T }) =>
  r.json<{ error: { code: string; issues: { field: string; line?: number }[] } }>().error;

void test('publish: checked field by field; staff only; in scope', async () => {
  const bad = await t.call(
    'POST',
    '/api/v1/proposals',
    tok.leader,
    body({ title: '电梯', pass_option: 'yes' }),
  );
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(
    errorOf(bad)
      .issues.map((i) => i.field)
      .sort(),
    ['pass_option', 'title'],
  );
  assert.equal((await t.call('POST', '/api/v1/proposals', tok.operator, body())).statusCode, 403);
  const county = await t.call('POST', '/api/v1/proposals', tok.leader, body({ region_code: '350602005000' }));
  assert.equal(errorOf(county).issues[0]?.field, 'region_code');

  const r = await t.call('POST', '/api/v1/proposals', tok.leader, body());
  assert.equal(r.statusCode, 201, r.body);
  const p = r.json<{ proposal: Proposal }>().proposal;
  assert.equal(p.status, 'published');
  assert.equal(p.phase, 'consultation');
  pid = p.id;
  const r2 = await t.call(
    'POST',
    '/api/v1/proposals',
    tok.leader,
    body({
      title: '小区停车收费调整',
      eligibility: 'resident',
      pass_rule: 'more_than_half_of_votes',
      allow_change: true,
    }),
  );
  pid2 = r2.json<{ proposal: Proposal }>().proposal.id;
  const row = (
    await t.ctx.db.query<{ ballot_secret_sealed: string }>('SELECT * FROM proposals WHERE id = $1', [pid])
  ).rows[0]!;
  assert.ok(row.ballot_secret_sealed.length > 20);
});

void test('roll import: every bad line named, nothing imported; then the good roll', async () => {
  const put = (id: string, csv: string) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/proposals/${id}/roll`,
      headers: { authorization: `Bearer ${tok.leader}`, 'content-type': 'text/csv' },
      payload: csv,
    });
  const bad = await put(
    pid,
    '户号,手机号\n3-2-301,13800000001\n,13800000009\n3-2-302,12345\n3-2-303,13800000001\n',
  );
  assert.equal(bad.statusCode, 422, bad.body);
  assert.deepEqual(
    errorOf(bad).issues.map((i) => [i.line, i.field]),
    [
      [3, 'household'],
      [4, 'phone'],
      [5, 'phone'],
    ],
  );
  const none = await t.ctx.db.query('SELECT 1 FROM proposal_roll WHERE proposal_id = $1', [pid]);
  assert.equal(none.rowCount, 0);
  const ok = await put(pid, ROLL);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json(), { members: 4, households: 3 });
  assert.equal((await put(pid2, ROLL)).statusCode, 200);
  const rows = await t.ctx.db.query<{ phone_hash: string }>(
    'SELECT phone_hash FROM proposal_roll WHERE proposal_id = $1',
    [pid],
  );
  assert.ok(
    rows.rows.every((r) => !r.phone_hash.includes('1380000')),
    'phones are stored as keyed hashes',
  );
});

void test('consultation: residents on the roll comment with a code; others and wrong codes are refused', async () => {
  const c = await code('13800000001', 'comment');
  const ok = await t.call('POST', `/api/v1/public/proposals/${pid}/comments`, undefined, {
    phone: '13800000001',
    code: c,
    body: '同意加装，建议低层住户少分摊',
  });
  assert.equal(ok.statusCode, 201, ok.body);
  const again = await t.call('POST', `/api/v1/public/proposals/${pid}/comments`, undefined, {
    phone: '13800000001',
    code: c,
    body: '再说一句',
  });
  assert.equal(errorOf(again).code, 'CODE_INVALID', 'a code is used once');
  const stranger = await t.call('POST', `/api/v1/public/proposals/${pid}/comments`, undefined, {
    phone: '13900000000',
    code: await code('13900000000', 'comment'),
    body: '我也想说',
  });
  assert.equal(stranger.statusCode, 403);
  assert.equal(errorOf(stranger).code, 'VOTE_NOT_ELIGIBLE');
  const early = await vote(pid, '13800000001', 'agree');
  assert.equal(errorOf(early).code, 'PROPOSAL_NOT_OPEN');
  const p = await view(pid);
  assert.deepEqual(
    p.comments?.map((x) => [x.household, x.body]),
    [['3-2-301', '同意加装，建议低层住户少分摊']],
  );
  assert.ok(!JSON.stringify(p).includes('13800000001'));
});

void test('voting: one vote per household, enforced; ballots name nobody', async () => {
  t.clock.set(at(25));
  assert.equal((await vote(pid, '13800000001', 'agree')).statusCode, 201);
  const sameHousehold = await vote(pid, '13800000002', 'disagree');
  assert.equal(sameHousehold.statusCode, 409, sameHousehold.body);
  assert.equal(errorOf(sameHousehold).code, 'VOTE_ALREADY_CAST');
  assert.equal((await vote(pid, '13800000003', 'agree')).statusCode, 201);
  const wrong = await vote(pid, '13800000004', 'maybe');
  assert.equal(errorOf(wrong).issues[0]?.field, 'option');
  const ballots = await t.ctx.db.query<{ ballot_key: string; option_key: string }>(
    'SELECT * FROM proposal_ballots WHERE proposal_id = $1 ORDER BY option_key',
    [pid],
  );
  assert.deepEqual(
    ballots.rows.map((b) => b.option_key),
    ['agree', 'agree'],
  );
  const hashes = await t.ctx.db.query<{ phone_hash: string; household_code: string }>(
    'SELECT * FROM proposal_roll WHERE proposal_id = $1',
    [pid],
  );
  for (const b of ballots.rows)
    for (const h of hashes.rows)
      assert.ok(b.ballot_key !== h.phone_hash && !b.ballot_key.includes(h.household_code));
  // The database itself refuses a second ballot row and any change where changing is not allowed.
  await assert.rejects(
    t.ctx.db.query(`UPDATE proposal_ballots SET option_key = 'disagree' WHERE proposal_id = $1`, [pid]),
    /does not allow changing/,
  );
  await assert.rejects(
    t.ctx.db.query('INSERT INTO proposal_ballots (proposal_id, ballot_key, option_key) VALUES ($1, $2, $3)', [
      pid,
      ballots.rows[0]!.ballot_key,
      'disagree',
    ]),
    /duplicate key|unique/i,
  );
  // Nothing is published while voting is open.
  assert.equal((await view(pid)).result, null);
});

void test('a proposal that allows changing: the second vote replaces the first', async () => {
  assert.equal((await vote(pid2, '13800000001', 'agree')).statusCode, 201);
  const changed = await vote(pid2, '13800000001', 'disagree');
  assert.equal(changed.statusCode, 200, changed.body);
  assert.deepEqual(changed.json(), { outcome: 'changed' });
  assert.equal((await vote(pid2, '13800000002', 'disagree')).statusCode, 201, 'each resident votes');
  const rows = await t.ctx.db.query<{ option_key: string }>(
    'SELECT option_key FROM proposal_ballots WHERE proposal_id = $1 ORDER BY option_key',
    [pid2],
  );
  assert.deepEqual(
    rows.rows.map((r) => r.option_key),
    ['disagree', 'disagree'],
  );
});

void test('results: published when the window closes, final, and the ballot secret erased', async () => {
  t.clock.set(at(72));
  const p = await view(pid);
  assert.equal(p.phase, 'closed');
  // 3 households on the roll; 2 agree → more than half of the eligible households.
  assert.deepEqual(p.result && { ...p.result, published_at: undefined }, {
    counts: { agree: 2, disagree: 0, abstain: 0 },
    votes: 2,
    eligible: 3,
    turnout: 0.6667,
    passed: true,
    published_at: undefined,
  });
  const p2 = await view(pid2);
  assert.deepEqual([p2.result?.votes, p2.result?.eligible, p2.result?.passed], [2, 4, false]);
  const late = await vote(pid, '13800000004', 'agree');
  assert.equal(errorOf(late).code, 'PROPOSAL_NOT_OPEN');
  const secret = await t.ctx.db.query<{ ballot_secret_sealed: string | null }>(
    'SELECT ballot_secret_sealed FROM proposals WHERE id = $1',
    [pid],
  );
  assert.equal(secret.rows[0]!.ballot_secret_sealed, null);
  await assert.rejects(
    t.ctx.db.query(`UPDATE proposal_results SET passed = false WHERE proposal_id = $1`, [pid]),
    /final/,
  );
  await assert.rejects(t.ctx.db.query(`DELETE FROM proposal_results WHERE proposal_id = $1`, [pid]), /final/);
  await assert.rejects(
    t.ctx.db.query(
      `INSERT INTO proposal_ballots (proposal_id, ballot_key, option_key) VALUES ($1, 'x', 'agree')`,
      [pid],
    ),
    /closed/,
  );
  // Viewing again publishes nothing new.
  const n = await t.ctx.db.query('SELECT 1 FROM proposal_results WHERE proposal_id = $1', [pid]);
  assert.equal(n.rowCount, 1);
});

void test('codes: one a minute per phone; the public endpoints are rate-limited per address', async () => {
  const first = await t.call('POST', '/api/v1/public/sms-codes', undefined, {
    phone: '13700000000',
    purpose: 'vote',
  });
  assert.equal(first.statusCode, 202, first.body);
  const second = await t.call('POST', '/api/v1/public/sms-codes', undefined, {
    phone: '13700000000',
    purpose: 'vote',
  });
  assert.equal(second.statusCode, 429);
  const badPhone = await t.call('POST', '/api/v1/public/sms-codes', undefined, {
    phone: '12345',
    purpose: 'vote',
  });
  assert.equal(errorOf(badPhone).issues[0]?.field, 'phone');
  // Twenty codes per address per ten minutes: this file has asked for nearly that many by now.
  let limited = false;
  for (let i = 0; i < 12 && !limited; i++) {
    const r = await t.call('POST', '/api/v1/public/sms-codes', undefined, {
      phone: `1360000000${i % 10}`,
      purpose: 'login',
    });
    limited =
      r.statusCode === 429 && errorOf(r).code === 'RATE_LIMITED' && r.headers['retry-after'] !== undefined;
  }
  assert.ok(limited);
});
