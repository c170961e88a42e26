// The grid worker's field work through the API: my grid's tasks with time left, a patrol with its
// track (consent first, one at a time, resent points ignored), visits (idempotent, own grid or
// not), and the weekly household count against the target, for the worker and for the console.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AreaGeometry } from '../src/domain/geo/geometry.ts';
import { distanceM } from '../src/domain/geo/geometry.ts';
import { interiorPoint } from '../src/domain/grids/interior-point.ts';
import { insertUser } from '../src/store/user-store.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
const tok: Record<string, string> = {};
let myGrid: string;
let inMine: [number, number];
let elsewhere: [number, number];
// Wed 2026-03-11 10:00 Asia/Shanghai.
const NOW = '2026-03-11T02:00:00Z';

before(async () => {
  t = await openTestApp({
    now: NOW,
    config: { verifyChannels: ['hotline'], sessionIdleMinutes: 24 * 60, visitWeeklyTarget: 3 },
  });
  for (const u of ['gridworker', 'operator', 'supervisor', 'handler', 'county']) tok[u] = await t.login(u);
  myGrid = (
    await t.ctx.db.query<{ grid_code: string }>(
      `SELECT m.grid_code FROM grid_members m JOIN users u ON u.id = m.user_id WHERE u.username = 'gridworker'`,
    )
  ).rows[0]!.grid_code;
  const g = await t.ctx.db.query<{ code: string; geometry: AreaGeometry }>(
    `SELECT code, geometry FROM grids WHERE code = $1 OR (region_code LIKE $2 AND code <> $1 AND kind = 'basic') ORDER BY code = $1 DESC, code LIMIT 2`,
    [myGrid, myGrid.slice(0, 9) + '%'],
  );
  inMine = interiorPoint(g.rows[0]!.geometry);
  elsewhere = interiorPoint(g.rows[1]!.geometry);
});
after(async () => t.close());

const errorOf = (r: { json: <T>() => T }) =>
  r.json<{ error: { code: string; issues: { field: string }[] } }>().error;

void test('my grid: the grid, a 核实 task with its time left', async () => {
  const c = await t.call('POST', '/api/v1/cases', tok.operator, {
    channel: 'hotline',
    lng: inMine[0],
    lat: inMine[1],
    description: '居民来电：楼道堆放杂物',
    category_code: '0301',
    idempotency_key: 'field-task-0001',
  });
  assert.equal(c.statusCode, 201, c.body);
  const r = await t.call('GET', '/api/v1/field/tasks', tok.gridworker);
  assert.equal(r.statusCode, 200, r.body);
  const b = r.json<{
    grids: string[];
    tasks: { task: string; case: { code: string; step_working_ms_left: number } }[];
  }>();
  assert.deepEqual(b.grids, [myGrid]);
  assert.equal(b.tasks.length, 1);
  assert.equal(b.tasks[0]!.task, 'verify_report');
  assert.equal(b.tasks[0]!.case.step_working_ms_left, 2 * 3_600_000);
  assert.equal((await t.call('GET', '/api/v1/field/tasks', tok.handler)).statusCode, 403);
});

void test('patrol: consent first, one open at a time, resent points ignored, distance from the track', async () => {
  const start = (key: string, consent = true) =>
    t.call('POST', '/api/v1/field/patrols', tok.gridworker, {
      consent,
      lng: inMine[0],
      lat: inMine[1],
      idempotency_key: key,
    });
  const open = async () =>
    (await t.call('GET', '/api/v1/field/patrols/open', tok.gridworker)).json<{
      patrol: { id: string; points: number } | null;
    }>().patrol;
  assert.equal(await open(), null, 'no patrol open yet');
  const noConsent = await start('patrol-0000-key', false);
  assert.equal(noConsent.statusCode, 400);
  assert.equal(errorOf(noConsent).issues[0]?.field, 'consent');
  const s = await start('patrol-0001-key');
  assert.equal(s.statusCode, 201, s.body);
  const id = s.json<{ patrol: { id: string } }>().patrol.id;
  const again = await start('patrol-0001-key');
  assert.equal(again.statusCode, 200);
  assert.equal(again.json<{ patrol: { id: string } }>().patrol.id, id);
  assert.equal((await start('patrol-0002-key')).statusCode, 409);
  assert.equal((await open())?.id, id, 'a phone that lost its state finds the open patrol');

  const pts = [0, 1, 2].map((i) => ({
    at: new Date(Date.parse(NOW) + (i + 1) * 60_000).toISOString(),
    lng: inMine[0] + i * 0.001,
    lat: inMine[1],
  }));
  t.clock.advance(5 * 60_000);
  const add = await t.call('POST', `/api/v1/field/patrols/${id}/points`, tok.gridworker, { points: pts });
  assert.equal(add.statusCode, 200, add.body);
  const resend = await t.call('POST', `/api/v1/field/patrols/${id}/points`, tok.gridworker, {
    points: pts.slice(1),
  });
  const p = resend.json<{ patrol: { points: number; distance_m: number } }>().patrol;
  assert.equal(p.points, 3);
  const want = distanceM([pts[0]!.lng, pts[0]!.lat], [pts[2]!.lng, pts[2]!.lat]);
  assert.ok(Math.abs(p.distance_m - want) <= 1, `${p.distance_m} vs ${want}`);
  const future = await t.call('POST', `/api/v1/field/patrols/${id}/points`, tok.gridworker, {
    points: [{ at: '2030-01-01T00:00:00Z', lng: inMine[0], lat: inMine[1] }],
  });
  assert.equal(errorOf(future).issues[0]?.field, 'points[0].at');
  const end = await t.call('POST', `/api/v1/field/patrols/${id}/end`, tok.gridworker);
  assert.equal(end.statusCode, 200);
  const endAgain = await t.call('POST', `/api/v1/field/patrols/${id}/end`, tok.gridworker);
  assert.deepEqual(endAgain.json(), end.json());
  const row = (
    await t.ctx.db.query<{ ended_at: Date | null; points: number }>('SELECT * FROM patrols WHERE id = $1', [
      id,
    ])
  ).rows[0]!;
  assert.ok(row.ended_at);
  assert.equal(row.points, 3);
  assert.equal(await open(), null, 'nothing open once it has ended');
  assert.equal((await t.call('GET', '/api/v1/field/patrols/open', tok.handler)).statusCode, 403);
  assert.equal((await start('patrol-0003-key')).statusCode, 201, 'a new patrol once the last has ended');
});

void test('visits: once per key, own grid or not, counted per local week against the target', async () => {
  const visit = (key: string, at: [number, number], extra: Record<string, unknown> = {}) =>
    t.call('POST', '/api/v1/field/visits', tok.gridworker, {
      kind: 'household',
      target: '南坑社区 3 号楼 201 户',
      note: '独居老人，身体状况良好',
      lng: at[0],
      lat: at[1],
      idempotency_key: key,
      ...extra,
    });
  const v1 = await visit('visit-0001-key', inMine);
  assert.equal(v1.statusCode, 201, v1.body);
  const first = v1.json<{ visit: { id: string; in_own_grid: boolean; grid_code: string } }>().visit;
  assert.deepEqual([first.in_own_grid, first.grid_code], [true, myGrid]);
  // Sent again from the offline queue: the same visit.
  const v1b = await visit('visit-0001-key', inMine);
  assert.equal(v1b.statusCode, 200);
  assert.equal(v1b.json<{ visit: { id: string } }>().visit.id, first.id);
  const v2 = await visit('visit-0002-key', elsewhere, { target: '4 号楼 302 户' });
  assert.equal(v2.json<{ visit: { in_own_grid: boolean } }>().visit.in_own_grid, false);
  assert.equal(
    (await visit('visit-0003-key', inMine, { kind: 'place', target: '社区卫生站' })).statusCode,
    201,
  );
  // Made offline last Sunday evening, sent now: it counts in last week, not this one.
  const old = await visit('visit-0004-key', inMine, { at: '2026-03-08T14:00:00Z', target: '5 号楼 101 户' });
  assert.equal(old.statusCode, 201);
  assert.equal(errorOf(await visit('visit-0005-key', [116.4, 39.9])).code, 'OUTSIDE_JURISDICTION');
  assert.equal(errorOf(await visit('visit-0006-key', inMine, { target: '  ' })).issues[0]?.field, 'target');
  const n = await t.ctx.db.query(`SELECT 1 FROM visits`);
  assert.equal(n.rowCount, 4);

  const mine = await t.call('GET', '/api/v1/field/visits/mine', tok.gridworker);
  assert.deepEqual(mine.json(), {
    week: { from: '2026-03-08T16:00:00.000Z', to: '2026-03-15T16:00:00.000Z' },
    target: 3,
    households: 2,
    places: 1,
  });
  const last = await t.call('GET', '/api/v1/field/visits/mine?week=2026-03-08', tok.gridworker);
  assert.equal(last.json<{ households: number }>().households, 1);

  // A second worker of the same grid who has not visited anyone yet is listed with 0, and a
  // disabled one is not.
  for (const [username, status] of [
    ['gw-zero', 'active'],
    ['gw-gone', 'disabled'],
  ] as const) {
    const id = await insertUser(t.ctx.db, {
      username,
      displayName: username === 'gw-zero' ? '新网格员' : '已停用网格员',
      passwordHash: 'x',
      roles: ['grid_worker'],
      mustChangePassword: false,
      now: t.clock.now(),
      regions: [myGrid.slice(0, 12)],
      units: [],
    });
    await t.ctx.db.query(`UPDATE users SET status = $2 WHERE id = $1`, [id, status]);
    await t.ctx.db.query(
      `INSERT INTO grid_members (grid_code, user_id, role) VALUES ($1, $2, 'grid_worker')`,
      [myGrid, id],
    );
  }
  const console = await t.call('GET', '/api/v1/visits/summary', tok.supervisor);
  assert.equal(console.statusCode, 200, console.body);
  const w = console.json<{
    target: number;
    workers: { display_name: string; households: number; met: boolean }[];
  }>();
  assert.equal(w.target, 3);
  assert.deepEqual(
    w.workers.map((x) => [x.display_name, x.households, x.met]),
    [
      ['网格员', 2, false],
      ['新网格员', 0, false],
    ],
  );
  assert.equal(
    (await t.call('GET', '/api/v1/visits/summary?region=350603000000', tok.county)).statusCode,
    403,
  );
});
