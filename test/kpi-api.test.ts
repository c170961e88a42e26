// KPIs end to end: cases driven through the API on the test clock, the rollup job run, and the
// summary's counters and rates compared with numbers counted by hand; then more actions, the job
// again (incremental), again (idempotent) and from scratch (same numbers); scope and validation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AreaGeometry } from '../src/domain/geo/geometry.ts';
import { interiorPoint } from '../src/domain/grids/interior-point.ts';
import { emptyCounters, type KpiCounters, type KpiRates } from '../src/domain/kpi/formulas.ts';
import { runKpiRollup } from '../src/jobs/kpi-rollup.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
const tok: Record<string, string> = {};
const id: Record<string, string> = {};
let point: [number, number];
let village: string;
let inspectorId: string, dispatcherId: string;
const URBAN = 'u-350602-urban_management';
const PARKS = 'u-350602-municipal_landscape';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0e40000000049454e44ae426082',
  'hex',
);
const MIN = 60_000;

interface Summary {
  counters: KpiCounters;
  rates: KpiRates;
  by_category: { category_code: string; reported: number; due: number; closed: number }[];
  by_state: Record<string, number>;
}

before(async () => {
  t = await openTestApp({ now: '2026-03-10T02:00:00Z' }); // Tue 10:00 in Shanghai
  await relogin();
  const g = (
    await t.ctx.db.query<{ geometry: AreaGeometry; region_code: string }>(
      `SELECT geometry, region_code FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!;
  point = interiorPoint(g.geometry);
  village = g.region_code;
  const users = await t.ctx.db.query<{ id: string; username: string }>('SELECT id, username FROM users');
  const userId = new Map(users.rows.map((u) => [u.username, u.id]));
  [inspectorId, dispatcherId] = [userId.get('inspector')!, userId.get('dispatcher')!];
  assert.equal((await t.ctx.db.query('SELECT 1 FROM units WHERE id = $1', [PARKS])).rowCount, 1);
});
after(async () => t.close());

async function relogin() {
  for (const u of ['operator', 'dispatcher', 'handler', 'inspector', 'leader', 'county'])
    tok[u] = await t.login(u);
}
/** Moves the test clock on; sessions idle out after 30 minutes, so everyone logs in again. */
async function advance(minutes: number) {
  t.clock.advance(minutes * MIN);
  await relogin();
}
async function intake(name: string, user: string, channel: string, category = '0301') {
  const r = await t.call('POST', '/api/v1/cases', tok[user], {
    channel,
    lng: point[0],
    lat: point[1],
    description: `案件 ${name}：南坑路公共设施损坏`,
    category_code: category,
    idempotency_key: `kpi-case-${name}`,
  });
  assert.equal(r.statusCode, 201, r.body);
  id[name] = r.json<{ case: { id: string } }>().case.id;
}
async function act(user: string, name: string, action: string, body: Record<string, unknown> = {}) {
  const read = await t.call('GET', `/api/v1/cases/${id[name]}`, tok[user]);
  const version = read.json<{ case: { version: number } }>().case.version;
  const url = `/api/v1/cases/${id[name]}/actions/${action}`;
  const r = await t.call('POST', url, tok[user], { version, ...body });
  assert.equal(r.statusCode, 200, `${user} ${action} ${name}: ${r.body}`);
}
async function photo(user: string): Promise<string[]> {
  const headers = { authorization: `Bearer ${tok[user]}`, 'content-type': 'image/png' };
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/photos', headers, payload: PNG });
  return [r.json<{ id: string }>().id];
}
async function kpi(user: string, query: string): Promise<Summary> {
  const r = await t.call('GET', `/api/v1/kpi/summary?${query}`, tok[user]);
  assert.equal(r.statusCode, 200, r.body);
  return r.json<Summary>();
}
const MARCH = 'from=2026-03-01&to=2026-04-01';
const nonZero = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0));
/** 'due=2 closed=1' → { due: 2, closed: 1 }: the non-zero counters of a slice, counted by hand. */
const counts = (s: string): Record<string, number> =>
  Object.fromEntries(s.split(' ').map((kv) => [kv.split('=')[0]!, Number(kv.split('=')[1])]));
const pick = (c: KpiCounters, ...keys: (keyof KpiCounters)[]) => keys.map((k) => c[k]);
async function snapshot(): Promise<string> {
  const parts = [];
  for (const table of ['kpi_case_facts', 'kpi_daily', 'kpi_person_daily', 'kpi_cube'])
    parts.push((await t.ctx.db.query(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4, 5, 6`)).rows);
  return JSON.stringify(parts);
}

// Phase 1, all on Tue 2026-03-10 in one 南坑 village, category 0301 公共厕所 (limit 2 working days:
// dispatched at 10:00 → due Thu 10:00). Limits: 签收 60 min, 核实 60 min, 核查 120 min.
//   A hotline: dispatched 10:00, 签收 10:10, reported back 11:00, 核查 passed 11:30 → closed on time; 满意
//   B inspector report: dispatched 10:00, 签收 12:00 (late), reported back 12:30, 核查 failed 15:00
//     (late) → 返工, handling
//   C resident: 派核实 10:00, confirmed 10:30 (on time), registered, dispatched 10:30, 退回 11:00,
//     改派 to the same unit 11:00 (due Thu 11:00), 签收 11:30 (on time), handling
//   D inspector report: 不予立案.  E hotline: merged into A.  F inspector report: registered only.
const PHASE1: KpiCounters = {
  ...emptyCounters(),
  reported: 6,
  registered: 4, // A B C F
  rejected: 1,
  merged: 1,
  due: 3, // A (closed 03-10), B and C (deadline 03-12)
  closed: 1,
  closedOnTime: 1,
  dispatched: 3,
  dispatchedAccurately: 2, // not C
  acknowledged: 3,
  acknowledgedOnTime: 2, // A C
  handled: 2, // A B
  handledOnTime: 2, // B's report-back was before its deadline (it failed 核查, but it was on time)
  reworked: 1,
  returned: 1,
  followedUp: 1,
  satisfied: 1,
  publicReports: 3, // A C E
  inspectorReports: 3, // B D F
  inspectorValidReports: 2, // B F
  verifyTasks: 1,
  verifiedOnTime: 1,
  checkTasks: 2, // A (on time), B (late)
  checkedOnTime: 1,
};

void test('phase 1: hand-counted counters and rates, at every region level', async () => {
  const reporters = 'A operator hotline,B inspector grid_worker,C operator resident,D inspector grid_worker';
  for (const r of `${reporters},E operator hotline,F inspector grid_worker`.split(','))
    await intake(...(r.split(' ') as [string, string, string]));
  for (const n of ['A', 'B', 'F']) await act('operator', n, 'register');
  for (const n of ['A', 'B']) await act('dispatcher', n, 'dispatch', { lead_unit_id: URBAN });
  await act('operator', 'C', 'send_to_verify');
  await act('operator', 'D', 'reject', { reason: '不属于城市管理问题' });
  await act('operator', 'E', 'merge', { target_case_id: id.A });
  await advance(10); // 10:10
  await act('handler', 'A', 'acknowledge');
  await advance(20); // 10:30
  await act('inspector', 'C', 'confirm_report', { genuine: true });
  await act('operator', 'C', 'register');
  await act('dispatcher', 'C', 'dispatch', { lead_unit_id: URBAN });
  await advance(30); // 11:00
  await act('handler', 'A', 'report_back', { result: '已修复门锁', photos: await photo('handler') });
  await act('handler', 'C', 'return', { reason_code: 'ownership_unclear' });
  await act('dispatcher', 'C', 'reassign', { lead_unit_id: URBAN });
  await advance(30); // 11:30
  await act('inspector', 'A', 'verify_pass', { photos: await photo('inspector') });
  await act('operator', 'A', 'follow_up', { satisfaction: 'satisfied' });
  await act('handler', 'C', 'acknowledge');
  await advance(30); // 12:00
  await act('handler', 'B', 'acknowledge');
  await advance(30); // 12:30
  await act('handler', 'B', 'report_back', { result: '已清理', photos: await photo('handler') });
  await advance(150); // 15:00
  await act('inspector', 'B', 'verify_fail', { reason: '仍有异味' });

  const run = await runKpiRollup(t.ctx, { batchSize: 7 });
  assert.ok(run.batches > 1 && run.events > 20, JSON.stringify(run));
  const city = await kpi('leader', MARCH);
  assert.deepEqual(city.counters, PHASE1);
  // In KPI_DEFINITIONS order: closure 1/3, on-time closure 1/3, rework 1/2, timely acknowledgement 2/3,
  // on-time handling 2/3, satisfaction 1/1, public reports 3/6, accurate dispatch 2/3, return 1/3,
  // reopen 0/1, inspector valid reports 2/3, on-time verification 1/1, on-time check 1/2.
  const rates = [0.3333, 0.3333, 0.5, 0.6667, 0.6667, 1, 0.5, 0.6667, 0.3333, 0, 0.6667, 1, 0.5];
  assert.deepEqual(Object.values(city.rates), rates);
  assert.deepEqual(nonZero(city.by_state), counts('closed=1 handling=2 rejected=1 merged=1 registered=1'));
  // The month from the cube (city, county, township) equals the village's days from kpi_daily.
  for (const region of ['350602', '350602005', village])
    assert.deepEqual((await kpi('leader', `${MARCH}&region=${region}`)).counters, PHASE1, region);
  // Days across two months: Feb's and April's odd days plus March from the month rows.
  assert.deepEqual((await kpi('leader', 'from=2026-02-15&to=2026-04-10')).counters, PHASE1);
});

// Phase 2, Fri 2026-03-13: B reported back 10:00 (late) and passed 核查 11:00 → closed late, 不满意,
// reopened (重办: open again, its closure no longer counts; due stays on its deadline 03-12).
// C reported back 10:00 (late), 核查 still open. G: inspector report of 0101 上水井盖, 自处理 10:00,
// approved 11:00 → closed on its day. F dispatched 11:00 to 市政园林 (due Tue 03-17).
const PHASE2: KpiCounters = {
  ...PHASE1,
  reported: 7,
  registered: 5, // A B C F G
  due: 5, // A (03-10), B C (03-12), G (03-13), F (03-17)
  closed: 2, // A G
  closedOnTime: 2,
  dispatched: 4,
  dispatchedAccurately: 3, // A B F
  acknowledged: 3,
  acknowledgedOnTime: 2,
  handled: 3, // A B C
  handledOnTime: 1, // A
  reopened: 1,
  inspectorReports: 4, // B D F G
  inspectorValidReports: 3, // B F G
  checkTasks: 4, // A, B twice, C (open)
  checkedOnTime: 2, // A, B's second
};

void test('phase 2: incremental, then idempotent and the same when rebuilt from scratch', async () => {
  await advance(67 * 60); // Fri 10:00
  await act('handler', 'B', 'report_back', { result: '已重新清理', photos: await photo('handler') });
  await act('handler', 'C', 'report_back', { result: '已处理', photos: await photo('handler') });
  await intake('G', 'inspector', 'grid_worker', '0101');
  await act('inspector', 'G', 'self_handle', { result: '已当场盖好', photos: await photo('inspector') });
  await advance(60); // 11:00
  await act('inspector', 'B', 'verify_pass', { photos: await photo('inspector') });
  await act('operator', 'B', 'follow_up', { satisfaction: 'dissatisfied' });
  await act('operator', 'B', 'reopen', { reason: '群众不满意，重办' });
  await act('operator', 'G', 'approve_self_handled');
  await act('dispatcher', 'F', 'dispatch', { lead_unit_id: PARKS });

  await runKpiRollup(t.ctx);
  const city = await kpi('leader', MARCH);
  assert.deepEqual(city.counters, PHASE2);
  // closure 2/5, on-time closure 2/5, rework 1/3, timely acknowledgement 2/4, on-time handling 1/3,
  // satisfaction 1/1 (only A is followed up now), public reports 3/7, accurate dispatch 3/4, return 1/4,
  // reopen 1/2, inspector valid reports 3/4, on-time verification 1/1, on-time check 2/4.
  const rates = [0.4, 0.4, 0.3333, 0.5, 0.3333, 1, 0.4286, 0.75, 0.25, 0.5, 0.75, 1, 0.5];
  assert.deepEqual(Object.values(city.rates), rates);
  const states = 'closed=2 registered=1 reported_back=1 rejected=1 merged=1 dispatched=1';
  assert.deepEqual(nonZero(city.by_state), counts(states));
  const byCategory = city.by_category.map((c) => `${c.category_code}: ${c.reported} ${c.due} ${c.closed}`);
  assert.deepEqual(byCategory, ['0301: 6 4 1', '0101: 1 1 1']); // reported, due, closed
  // Thursday alone: B and C fell due, none closed (county: cube days; township, village: daily).
  const thursday = { ...emptyCounters(), due: 2, reopened: 1 };
  for (const r of ['350602', '350602005', village])
    assert.deepEqual((await kpi('leader', `from=2026-03-12&to=2026-03-13&region=${r}`)).counters, thursday);
  const friday = await kpi('county', 'from=2026-03-13&to=2026-03-18');
  // G reported, 自处理 and closed on the 13th; F dispatched on the 13th, due the 17th.
  const fri =
    'reported=1 registered=1 inspectorReports=1 inspectorValidReports=1 due=2 closed=1 closedOnTime=1';
  assert.deepEqual(nonZero(friday.counters), counts(`${fri} dispatched=1 dispatchedAccurately=1`));

  const before = await snapshot();
  assert.equal((await runKpiRollup(t.ctx)).events, 0);
  assert.equal(await snapshot(), before, 'a run with nothing new changes nothing');
  await t.ctx.db.query(`UPDATE job_watermarks SET value = 0 WHERE job = 'kpi_rollup'`);
  await runKpiRollup(t.ctx, { batchSize: 5 });
  assert.equal(await snapshot(), before, 'every event folded in again: the same rows');
});

void test('units, people, categories: a reassign moves the case to its new unit', async () => {
  const urban = await kpi('leader', `${MARCH}&unit=${URBAN}`); // A B C
  assert.deepEqual(pick(urban.counters, 'reported', 'dispatched', 'due', 'closed'), [3, 3, 3, 1]);
  assert.deepEqual((await kpi('handler', MARCH)).counters, urban.counters, 'a handler sees its unit');
  assert.equal(urban.rates.closureRate, 0.3333); // A closed of A B C due
  assert.deepEqual(
    pick((await kpi('leader', `${MARCH}&unit=${PARKS}`)).counters, 'dispatched', 'due'),
    [1, 1],
  );
  await advance(30); // Fri 11:30: F goes to the city management bureau instead
  await act('dispatcher', 'F', 'reassign', { lead_unit_id: URBAN });
  await runKpiRollup(t.ctx);
  assert.deepEqual((await kpi('leader', `${MARCH}&unit=${PARKS}`)).counters, emptyCounters());
  const moved = await kpi('leader', `${MARCH}&unit=${URBAN}`);
  assert.deepEqual(pick(moved.counters, 'reported', 'dispatched', 'due'), [4, 4, 4]);
  const inCounty = await kpi('leader', `from=2026-03-09&to=2026-04-02&unit=${URBAN}&region=350602`);
  assert.deepEqual(inCounty.counters, moved.counters, 'a unit inside a county: from kpi_daily');
  assert.equal((await kpi('leader', MARCH)).rates.accurateDispatchRate, 0.5); // A B of A B C F

  // The inspector: reported B D F G (valid B F G), verified C in time, checked A, B, B (one late).
  const insp = await kpi('inspector', `${MARCH}&person=${inspectorId}`);
  assert.deepEqual(pick(insp.counters, 'inspectorReports', 'inspectorValidReports', 'checkTasks'), [4, 3, 3]);
  assert.deepEqual([insp.rates.inspectorOnTimeVerifyRate, insp.rates.inspectorOnTimeCheckRate], [1, 0.6667]);
  // The dispatcher dispatched A B C F first; C was returned, F reassigned.
  const disp = await kpi('dispatcher', `${MARCH}&person=${dispatcherId}`);
  assert.deepEqual([disp.counters.dispatched, disp.rates.accurateDispatchRate], [4, 0.5]);
  const g = await kpi('leader', `${MARCH}&category=0101`);
  const gCounts =
    'reported=1 registered=1 due=1 closed=1 closedOnTime=1 inspectorReports=1 inspectorValidReports=1';
  assert.deepEqual(nonZero(g.counters), counts(gCounts));
});

void test('scope and validation: out-of-scope regions and units, bad dates named in zh/en', async () => {
  const out = await t.call('GET', `/api/v1/kpi/summary?${MARCH}&region=350603`, tok.inspector);
  assert.equal(out.statusCode, 403);
  assert.equal(out.json<{ error: { code: string } }>().error.code, 'OUT_OF_SCOPE');
  const unit = await t.call('GET', `/api/v1/kpi/summary?${MARCH}&unit=${PARKS}`, tok.handler);
  assert.equal(unit.json<{ error: { code: string } }>().error.code, 'OUT_OF_SCOPE');
  const field = async (q: string) =>
    (await t.call('GET', `/api/v1/kpi/summary?${q}`, tok.leader)).json<{
      error: { issues: { field: string; zh: string; en: string }[] };
    }>().error.issues[0];
  assert.equal((await field('from=2026-02-30&to=2026-03-01'))?.field, 'query.from');
  assert.equal((await field('from=2026-03-10&to=2026-03-10'))?.field, 'query.to');
  const long = await field('from=2022-01-01&to=2025-01-02');
  assert.ok(long?.field === 'query.to' && long.zh.includes('3 年') && long.en.includes('3 years'));
  const defs = await t.call('GET', '/api/v1/kpi/definitions', tok.handler);
  assert.equal(defs.json<{ items: { key: string }[] }>().items.length, 13);
});
