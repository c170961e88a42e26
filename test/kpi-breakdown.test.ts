// The reports screen's tables (KPI by child region, unit, person) and the big screen's data, from
// cases driven through the API and the rollup job, checked against numbers counted by hand.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AreaGeometry } from '../src/domain/geo/geometry.ts';
import { interiorPoint } from '../src/domain/grids/interior-point.ts';
import { kpiRates, type KpiCounters, type KpiRates } from '../src/domain/kpi/formulas.ts';
import { runKpiRollup } from '../src/jobs/kpi-rollup.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
const tok: Record<string, string> = {};
const id: Record<string, string> = {};
const at: Record<string, [number, number]> = {};
const grid: Record<string, string> = {};
let otherTownship: string;
const URBAN = 'u-350602-urban_management';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0e40000000049454e44ae426082',
  'hex',
);

interface Row {
  key: string;
  name: string;
  kind: string;
  drillable: boolean;
  counters: KpiCounters;
  rates: KpiRates;
}
interface Breakdown {
  by: string;
  regions: { code: string; name: string }[];
  rows: Row[];
  total: { counters: KpiCounters; rates: KpiRates };
}

before(async () => {
  t = await openTestApp({ now: '2026-03-10T02:00:00Z', config: { sessionIdleMinutes: 24 * 60 } });
  for (const u of ['operator', 'dispatcher', 'handler', 'inspector', 'leader', 'county', 'screen'])
    tok[u] = await t.login(u);
  const g = await t.ctx.db.query<{ code: string; geometry: AreaGeometry; region_code: string }>(
    `(SELECT code, geometry, region_code FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1)
     UNION ALL
     (SELECT code, geometry, region_code FROM grids WHERE kind = 'basic' AND region_code LIKE '350602%'
        AND region_code NOT LIKE '350602005%' ORDER BY code LIMIT 1)`,
  );
  at.nankeng = interiorPoint(g.rows[0]!.geometry);
  grid.nankeng = g.rows[0]!.code;
  at.other = interiorPoint(g.rows[1]!.geometry);
  otherTownship = g.rows[1]!.region_code.slice(0, 9) + '000';
});
after(async () => t.close());

async function intake(name: string, where: 'nankeng' | 'other') {
  const r = await t.call('POST', '/api/v1/cases', tok.operator, {
    channel: 'hotline',
    lng: at[where]![0],
    lat: at[where]![1],
    description: `案件 ${name}：公共厕所门锁损坏`,
    category_code: '0301',
    idempotency_key: `breakdown-${name}`,
  });
  assert.equal(r.statusCode, 201, r.body);
  id[name] = r.json<{ case: { id: string } }>().case.id;
}
async function act(user: string, name: string, action: string, body: Record<string, unknown> = {}) {
  const read = await t.call('GET', `/api/v1/cases/${id[name]}`, tok[user]);
  const version = read.json<{ case: { version: number } }>().case.version;
  const r = await t.call('POST', `/api/v1/cases/${id[name]}/actions/${action}`, tok[user], {
    version,
    ...body,
  });
  assert.equal(r.statusCode, 200, `${user} ${action} ${name}: ${r.body}`);
}
async function photo(user: string): Promise<string[]> {
  const headers = { authorization: `Bearer ${tok[user]}`, 'content-type': 'image/png' };
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/photos', headers, payload: PNG });
  return [r.json<{ id: string }>().id];
}
async function breakdown(user: string, query: string): Promise<Breakdown> {
  const r = await t.call('GET', `/api/v1/kpi/breakdown?${query}`, tok[user]);
  assert.equal(r.statusCode, 200, r.body);
  return r.json<Breakdown>();
}

// On Tue 2026-03-10 (category 0301, limit 2 working days): in 南坑 A is dispatched to 城管 and closed,
// B is dispatched and still handled, C waits to be registered; D, in another township of 芗城区,
// waits too. Counted by hand: 南坑 reported 3, registered 2, due 2 (A closed, B due Thu), closed 1.
void test('cases through the loop, then the rollup', async () => {
  for (const [n, w] of [
    ['A', 'nankeng'],
    ['B', 'nankeng'],
    ['C', 'nankeng'],
    ['D', 'other'],
  ] as const) {
    await intake(n, w);
    t.clock.advance(60_000);
  }
  for (const n of ['A', 'B']) {
    await act('operator', n, 'register');
    await act('dispatcher', n, 'dispatch', { lead_unit_id: URBAN });
  }
  await act('handler', 'A', 'acknowledge');
  await act('handler', 'A', 'report_back', { result: '已更换门锁', photos: await photo('handler') });
  await act('inspector', 'A', 'verify_pass', { photos: await photo('inspector') });
  const r = await runKpiRollup(t.ctx);
  assert.ok(r.cases >= 4, JSON.stringify(r));
});

void test('by region: one row per township of the county, hand-counted, summing to the county', async () => {
  const b = await breakdown('county', 'by=region&region=350602000000&from=2026-03-01&to=2026-04-01');
  assert.deepEqual(
    b.regions.map((r) => r.code),
    ['350602000000'],
  );
  const towns = await t.ctx.db.query<{ code: string }>(
    `SELECT code FROM regions WHERE parent_code = '350602000000' ORDER BY code`,
  );
  assert.deepEqual(
    b.rows.map((r) => r.key),
    towns.rows.map((r) => r.code),
  );
  const nk = b.rows.find((r) => r.key === '350602005000')!;
  assert.equal(nk.kind, 'township');
  assert.equal(nk.drillable, true);
  assert.deepEqual(
    [
      nk.counters.reported,
      nk.counters.registered,
      nk.counters.due,
      nk.counters.closed,
      nk.counters.closedOnTime,
    ],
    [3, 2, 2, 1, 1],
  );
  assert.equal(nk.rates.closureRate, 0.5);
  assert.equal(nk.rates.onTimeClosureRate, 0.5);
  const other = b.rows.find((r) => r.key === otherTownship)!;
  assert.deepEqual([other.counters.reported, other.counters.registered], [1, 0]);
  assert.equal(other.rates.closureRate, null);
  // The rows add up to the county's own summary.
  const s = await t.call(
    'GET',
    '/api/v1/kpi/summary?region=350602000000&from=2026-03-01&to=2026-04-01',
    tok.county,
  );
  assert.deepEqual(b.total.counters, s.json<{ counters: KpiCounters }>().counters);
  assert.deepEqual(b.total.rates, kpiRates(b.total.counters));

  // Drill down into 南坑: villages; the village with the cases has all three.
  const v = await breakdown('county', 'by=region&region=350602005000&from=2026-03-01&to=2026-04-01');
  const village = v.rows.find((r) => r.counters.reported > 0)!;
  assert.equal(village.key, grid.nankeng!.slice(0, 12));
  assert.equal(village.drillable, false);
  assert.equal(village.counters.reported, 3);
  // A village is its own single row.
  const leaf = await breakdown('county', `by=region&region=${village.key}&from=2026-03-01&to=2026-04-01`);
  assert.deepEqual(
    leaf.rows.map((r) => [r.key, r.counters.reported]),
    [[village.key, 3]],
  );
});

void test('by unit and by person', async () => {
  const u = await breakdown('leader', 'by=unit&from=2026-03-01&to=2026-04-01');
  assert.deepEqual(
    u.rows.map((r) => r.key),
    [URBAN],
  );
  const urban = u.rows[0]!;
  assert.ok(urban.name.length > 0 && urban.name !== URBAN);
  assert.deepEqual([urban.counters.dispatched, urban.counters.due, urban.counters.closed], [2, 2, 1]);
  assert.equal(urban.rates.closureRate, 0.5);

  const p = await breakdown('leader', 'by=person&from=2026-03-01&to=2026-04-01');
  const names = Object.fromEntries(p.rows.map((r) => [r.name, r]));
  assert.equal(names['派遣员']?.counters.dispatched, 2);
  assert.equal(names['派遣员']?.kind, 'dispatcher');
  assert.equal(names['街道监督员']?.counters.checkTasks, 1);
  assert.equal(names['街道监督员']?.counters.checkedOnTime, 1);
});

void test('scope and bad input', async () => {
  const out = await t.call('GET', '/api/v1/kpi/breakdown?by=region&region=350603000000', tok.county);
  assert.equal(out.statusCode, 403, out.body);
  const bad = await t.call('GET', '/api/v1/kpi/breakdown?by=street', tok.leader);
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json<{ error: { issues: { field: string }[] } }>().error.issues[0]?.field, 'query.by');
  const period = await t.call(
    'GET',
    '/api/v1/kpi/breakdown?by=unit&from=2026-04-01&to=2026-03-01',
    tok.leader,
  );
  assert.equal(period.statusCode, 400);
  assert.equal(period.json<{ error: { issues: { field: string }[] } }>().error.issues[0]?.field, 'query.to');
  assert.equal((await t.call('GET', '/api/v1/dashboard?region=350603000000', tok.county)).statusCode, 403);
});

void test('the big screen: totals, trend, ranking, hot grids and the feed', async () => {
  const r = await t.call('GET', '/api/v1/dashboard', tok.leader);
  assert.equal(r.statusCode, 200, r.body);
  const d = r.json<{
    region: { code: string; name: string };
    today: { reported: number; registered: number; closed: number };
    month: { counters: KpiCounters; rates: KpiRates };
    open: { total: number; overdue: number };
    trend: { day: string; reported: number; closed: number }[];
    regions: { key: string; counters: KpiCounters }[];
    units: { key: string; reported: number; closed: number }[];
    categories: { code: string; reported: number }[];
    hot_grids: { grid_code: string; open: number; lng: number; lat: number }[];
    feed: { code: string; title: string; state: string }[];
  }>();
  assert.equal(d.region.code, '350600000000');
  assert.equal(d.region.name, '漳州市');
  assert.deepEqual(d.today, { reported: 4, registered: 2, closed: 1 });
  // The month so far ends today: B falls due on Thursday, so only A is due yet — and closed.
  assert.deepEqual([d.month.counters.due, d.month.counters.closed, d.month.rates.closureRate], [1, 1, 1]);
  assert.deepEqual(d.open, { total: 3, overdue: 0, due_soon: 0 });
  assert.equal(d.trend.length, 30);
  assert.deepEqual(d.trend.at(-1), { day: '2026-03-10', reported: 4, closed: 1 });
  assert.equal(
    d.trend.slice(0, -1).reduce((a, x) => a + x.reported, 0),
    0,
  );
  assert.equal(d.regions.find((x) => x.key === '350602000000')?.counters.reported, 4);
  assert.deepEqual(
    d.units.map((u) => [u.key, u.reported, u.closed]),
    [[URBAN, 2, 1]],
  );
  assert.deepEqual(
    d.categories.map((c) => [c.code, c.reported]),
    [['0301', 4]],
  );
  assert.equal(d.hot_grids[0]?.grid_code, grid.nankeng);
  assert.equal(d.hot_grids[0]?.open, 2);
  assert.ok(Math.abs(d.hot_grids[0].lng - at.nankeng![0]) < 0.05);
  assert.deepEqual(
    d.feed.map((f) => f.title.slice(0, 4)),
    ['案件 D', '案件 C', '案件 B', '案件 A'],
  );
});

void test('the wall display account reads the big screen and region outlines, and nothing else', async () => {
  const d = await t.call('GET', '/api/v1/dashboard', tok.screen);
  assert.equal(d.statusCode, 200, d.body);
  const leader = (await t.call('GET', '/api/v1/dashboard', tok.leader)).json<{ open: { total: number } }>();
  assert.deepEqual(d.json<{ open: { total: number } }>().open.total, leader.open.total, 'the same city');
  assert.equal((await t.call('GET', '/api/v1/map/outlines?parent=350600000000', tok.screen)).statusCode, 200);
  for (const url of [
    '/api/v1/cases',
    '/api/v1/cases/queues',
    '/api/v1/kpi/summary',
    '/api/v1/map/cases',
    '/api/v1/map/grid-stats',
    '/api/v1/users',
    '/api/v1/units',
    '/api/v1/proposals',
  ]) {
    const r = await t.call('GET', url, tok.screen);
    assert.equal(r.statusCode, 403, `${url}: ${r.body}`);
  }
  const me = (await t.call('GET', '/api/v1/auth/me', tok.screen)).json<{
    user: { roles: string[]; permissions: string[] };
  }>();
  assert.deepEqual(me.user.roles, ['display']);
  assert.deepEqual(me.user.permissions.sort(), ['dashboard:read', 'regions:read']);
});
