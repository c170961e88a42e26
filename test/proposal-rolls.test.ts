// The staff side of proposals through the API: rolls imported from Excel workbooks (written by
// exceljs: a header row, phones as numbers and as text) and from GBK CSV; a bad row named with its
// sheet row; a corrupt or non-xlsx body refused with the field and the reason, never a 500; the
// previous roll kept when an import is refused. The staff detail (GET /proposals/:id): comments,
// roll size and, once closed, the result — never a ballot — and refused outside the scope.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { MemorySmsSender } from '../src/commands/sms/sms-sender.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
let sms: MemorySmsSender;
const tok: Record<string, string> = {};
let village: string; // 南坑街道, inside 芗城区
let otherVillage: string; // 龙文区
let pid: string;
const HOUR = 3_600_000;
const START = new Date('2026-06-01T02:00:00Z'); // Mon 10:00 Asia/Shanghai
const at = (hours: number) => new Date(START.getTime() + hours * HOUR).toISOString();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ErrorShape {
  error: {
    code: string;
    message: string;
    message_en: string;
    issues: { field: string; line?: number; zh: string; en: string }[];
  };
}
const errorOf = (r: { json: <T>() => T }) => r.json<ErrorShape>().error;

before(async () => {
  t = await openTestApp({ now: START.toISOString(), config: { sessionIdleMinutes: 24 * 60 } });
  sms = new MemorySmsSender();
  t.ctx.sms = sms;
  for (const u of ['leader', 'county', 'operator']) tok[u] = await t.login(u);
  const first = async (like: string) =>
    (
      await t.ctx.db.query<{ code: string }>(
        `SELECT code FROM regions WHERE level = 'village' AND code LIKE $1 ORDER BY code LIMIT 1`,
        [like],
      )
    ).rows[0]!.code;
  village = await first('350602005%');
  otherVillage = await first('350603%');
});
after(async () => t.close());

async function createProposal(regionCode: string, token = tok.leader): Promise<string> {
  const r = await t.call('POST', '/api/v1/proposals', token, {
    region_code: regionCode,
    title: '小区公共收益使用方案',
    body: '拟将本年度公共收益用于更换单元门禁，请各户发表意见并投票表决。',
    options: [
      { key: 'agree', label: '同意' },
      { key: 'disagree', label: '不同意' },
    ],
    eligibility: 'household',
    pass_rule: 'more_than_half_of_votes',
    pass_option: 'agree',
    consultation_from: at(0),
    consultation_to: at(24),
    voting_from: at(24),
    voting_to: at(48),
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json<{ proposal: { id: string } }>().proposal.id;
}

function put(id: string, type: string, payload: Buffer | string) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/v1/proposals/${id}/roll`,
    headers: { authorization: `Bearer ${tok.leader}`, 'content-type': type },
    payload,
  });
}

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function rollRows(id: string) {
  return (
    await t.ctx.db.query<{ household_code: string; phone_hash: string }>(
      'SELECT household_code, phone_hash FROM proposal_roll WHERE proposal_id = $1 ORDER BY household_code, phone_hash',
      [id],
    )
  ).rows;
}
const hash = (phone: string) => t.ctx.sealer.hash(phone, 'resident.phone');

void test('an Excel roll: header, phones as numbers and as text, households as numbers — imported', async () => {
  pid = await createProposal(village);
  const file = await workbook([
    ['户号', '手机号'],
    ['3-2-301', 13800000001],
    ['3-2-301', '138 0000 0002'],
    [302, 13800000003],
    [],
    ['3-2-401', '+8613800000004'],
  ]);
  const r = await put(pid, XLSX, file);
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json(), { members: 4, households: 3 });
  const rows = await rollRows(pid);
  const want = [
    ['302', hash('13800000003')],
    ['3-2-301', hash('13800000001')],
    ['3-2-301', hash('13800000002')],
    ['3-2-401', hash('13800000004')],
  ].sort((a, b) => (a[0]! + a[1]!).localeCompare(b[0]! + b[1]!));
  assert.deepEqual(
    rows
      .map((x) => [x.household_code, x.phone_hash])
      .sort((a, b) => (a[0]! + a[1]!).localeCompare(b[0]! + b[1]!)),
    want,
  );
});

void test('a bad Excel row is named with its sheet row; nothing changes', async () => {
  const before = await rollRows(pid);
  const file = await workbook([
    ['户号', '手机号'],
    ['3-2-301', 13800000001],
    ['3-2-302', 1380000000],
    [],
    ['', 13800000005],
  ]);
  const r = await put(pid, XLSX, file);
  assert.equal(r.statusCode, 422, r.body);
  const e = errorOf(r);
  assert.equal(e.code, 'IMPORT_REJECTED');
  assert.deepEqual(
    e.issues.map((i) => [i.line, i.field, i.zh, i.en]),
    [
      [3, 'phone', '应为 11 位手机号码', 'must be an 11-digit mobile number'],
      [5, 'household', '户号不能为空且不超过 50 字', 'must be 1–50 characters'],
    ],
  );
  assert.match(e.message, /未导入任何数据/);
  assert.deepEqual(await rollRows(pid), before, 'the previous roll is kept');
});

void test('garbage, an old .xls, a wrong content type and a huge body: clear errors, never a 500', async () => {
  const before = await rollRows(pid);
  const garbage = await put(pid, XLSX, Buffer.from('这不是 Excel 文件，只是文字'));
  assert.equal(garbage.statusCode, 422, garbage.body);
  assert.deepEqual(
    errorOf(garbage).issues.map((i) => [i.field, i.zh, i.en]),
    [['file', '不是有效的 Excel 工作簿（.xlsx）文件', 'is not a valid Excel workbook (.xlsx)']],
  );
  assert.equal(
    errorOf(garbage).message,
    '导入文件有误，未导入任何数据：file 不是有效的 Excel 工作簿（.xlsx）文件',
  );
  const xls = await put(pid, XLSX, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
  assert.equal(xls.statusCode, 422);
  assert.match(errorOf(xls).issues[0]!.zh, /另存为 \.xlsx/);
  const truncated = await put(pid, XLSX, (await workbook([['3-2-301', 13800000001]])).subarray(0, 300));
  assert.equal(truncated.statusCode, 422, truncated.body);
  assert.equal(errorOf(truncated).issues[0]!.field, 'file');
  const pdf = await put(pid, 'application/pdf', Buffer.from('%PDF-1.4'));
  assert.equal(pdf.statusCode, 400, pdf.body);
  assert.equal(errorOf(pdf).issues[0]!.field, 'content-type');
  const json = await t.call('PUT', `/api/v1/proposals/${pid}/roll`, tok.leader, { rows: [] });
  assert.equal(json.statusCode, 400, json.body);
  assert.deepEqual(
    errorOf(json).issues.map((i) => [i.field, i.zh]),
    [['body', '请以 text/csv 或 Excel（.xlsx）文件上传名册']],
  );
  const huge = await put(pid, XLSX, Buffer.alloc(5 * 1024 * 1024 + 1, 0x41));
  assert.equal(huge.statusCode, 413);
  assert.equal(errorOf(huge).code, 'PAYLOAD_TOO_LARGE');
  assert.deepEqual(await rollRows(pid), before);
});

void test('CSV saved by Excel on Chinese Windows (GBK, quoted) keeps its Chinese households', async () => {
  const csv = '户号,手机号\r\n"锦绣花园 3栋,301",13800000011\r\n锦绣花园 3栋302,13800000012\r\n';
  // Node has no GBK encoder: encodeGbk knows the few characters used here.
  const r = await put(pid, 'text/csv; charset=gbk', encodeGbk(csv));
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json(), { members: 2, households: 2 });
  assert.deepEqual((await rollRows(pid)).map((x) => x.household_code).sort(), [
    '锦绣花园 3栋,301',
    '锦绣花园 3栋302',
  ]);
});

/** GBK bytes of a string made of ASCII and the few Chinese characters these tests use. */
function encodeGbk(s: string): Buffer {
  const table: Record<string, number[]> = {
    户: [0xbb, 0xa7],
    号: [0xba, 0xc5],
    手: [0xca, 0xd6],
    机: [0xbb, 0xfa],
    锦: [0xbd, 0xf5],
    绣: [0xd0, 0xe5],
    花: [0xbb, 0xa8],
    园: [0xd4, 0xb0],
    栋: [0xb6, 0xb0],
  };
  const out: number[] = [];
  for (const ch of s) {
    const b = table[ch];
    if (b) out.push(...b);
    else if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else throw new Error(`no GBK code for ${ch}`);
  }
  return Buffer.from(out);
}

void test('staff detail: comments and roll size; out of scope and without the permission refused', async () => {
  const r = await t.call('GET', `/api/v1/proposals/${pid}`, tok.county);
  assert.equal(r.statusCode, 200, r.body);
  const p = r.json<{
    proposal: { id: string; phase: string; roll: unknown; comments: unknown[]; result: unknown };
  }>().proposal;
  assert.deepEqual(
    [p.id, p.phase, p.roll, p.comments, p.result],
    [pid, 'consultation', { members: 2, households: 2 }, [], null],
  );
  const other = await createProposal(otherVillage);
  const out = await t.call('GET', `/api/v1/proposals/${other}`, tok.county);
  assert.equal(out.statusCode, 403, out.body);
  assert.equal(errorOf(out).code, 'OUT_OF_SCOPE');
  assert.equal((await put(other, 'text/csv', '3-2-301,13800000001')).statusCode, 200, 'leader is city-wide');
  const countyPut = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/proposals/${other}/roll`,
    headers: { authorization: `Bearer ${tok.county}`, 'content-type': 'text/csv' },
    payload: '3-2-301,13800000002',
  });
  assert.equal(countyPut.statusCode, 403);
  assert.equal((await rollRows(other)).length, 1);
  assert.equal((await t.call('GET', `/api/v1/proposals/${pid}`, tok.operator)).statusCode, 403);
  const missing = await t.call('GET', '/api/v1/proposals/00000000-0000-4000-8000-000000000000', tok.county);
  assert.equal(errorOf(missing).code, 'PROPOSAL_NOT_FOUND');
  const list = await t.call('GET', '/api/v1/proposals', tok.county);
  const items = list.json<{ items: { id: string; roll: unknown }[] }>().items;
  assert.deepEqual(
    items.map((i) => [i.id, i.roll]),
    [[pid, { members: 2, households: 2 }]],
    'the county leader lists only 芗城区',
  );
});

void test('staff detail after the vote: counts, turnout and pass by rule — and no ballot, no voter', async () => {
  const c = async (phone: string, purpose: string) => {
    t.clock.advance(61_000);
    await t.call('POST', '/api/v1/public/sms-codes', undefined, { phone, purpose });
    return sms.lastCode(phone)!;
  };
  const comment = await t.call('POST', `/api/v1/public/proposals/${pid}/comments`, undefined, {
    phone: '13800000011',
    code: await c('13800000011', 'comment'),
    body: '建议先公示报价',
  });
  assert.equal(comment.statusCode, 201, comment.body);
  t.clock.set(at(25));
  const vote = await t.call('POST', `/api/v1/public/proposals/${pid}/votes`, undefined, {
    phone: '13800000012',
    code: await c('13800000012', 'vote'),
    option: 'agree',
  });
  assert.equal(vote.statusCode, 201, vote.body);
  const ballotKeys = (
    await t.ctx.db.query<{ ballot_key: string }>(
      'SELECT ballot_key FROM proposal_ballots WHERE proposal_id = $1',
      [pid],
    )
  ).rows.map((b) => b.ballot_key);
  assert.equal(ballotKeys.length, 1);
  t.clock.set(at(48));
  tok.county = await t.login('county'); // two days on: a new session
  const r = await t.call('GET', `/api/v1/proposals/${pid}`, tok.county);
  assert.equal(r.statusCode, 200, r.body);
  const p = r.json<{
    proposal: {
      phase: string;
      comments: { household: string; body: string }[];
      result: {
        counts: Record<string, number>;
        votes: number;
        eligible: number;
        turnout: number;
        passed: boolean;
      };
    };
  }>().proposal;
  assert.equal(p.phase, 'closed');
  assert.deepEqual(
    p.comments.map((x) => [x.household, x.body]),
    [['锦绣花园 3栋,301', '建议先公示报价']],
  );
  const { counts, votes, eligible, turnout, passed } = p.result;
  assert.deepEqual(
    { counts, votes, eligible, turnout, passed },
    {
      counts: { agree: 1, disagree: 0 },
      votes: 1,
      eligible: 2,
      turnout: 0.5,
      passed: true,
    },
  );
  const stored = (
    await t.ctx.db.query<{ votes: number; passed: boolean }>(
      'SELECT votes, passed FROM proposal_results WHERE proposal_id = $1',
      [pid],
    )
  ).rows;
  assert.deepEqual(stored, [{ votes: 1, passed: true }]);
  for (const secret of [...ballotKeys, '13800000012', hash('13800000012'), 'ballot'])
    assert.ok(!r.body.includes(secret), `the staff view does not carry ${secret}`);
});
