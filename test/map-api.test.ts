// The map's case layer: open cases as points and counts per grid, in scope; closed cases leave it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AreaGeometry } from '../src/domain/geo/geometry.ts';
import { interiorPoint } from '../src/domain/grids/interior-point.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
const tok: Record<string, string> = {};
let grid: string;
let point: [number, number];
const ids: string[] = [];

before(async () => {
  t = await openTestApp({ now: '2026-03-10T02:00:00Z' });
  for (const u of ['operator', 'county', 'supervisor']) tok[u] = await t.login(u);
  const g = (
    await t.ctx.db.query<{ code: string; geometry: AreaGeometry }>(
      `SELECT code, geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!;
  grid = g.code;
  point = interiorPoint(g.geometry);
  for (const n of [1, 2, 3]) {
    const r = await t.call('POST', '/api/v1/cases', tok.operator, {
      channel: 'hotline',
      lng: point[0],
      lat: point[1],
      description: `路灯不亮 ${n}`,
      category_code: '0118',
      idempotency_key: `map-case-${n}`,
    });
    assert.equal(r.statusCode, 201, r.body);
    ids.push(r.json<{ case: { id: string } }>().case.id);
  }
  // The third one is rejected: it leaves the map.
  const v = await t.call('GET', `/api/v1/cases/${ids[2]}`, tok.operator);
  const version = v.json<{ case: { version: number } }>().case.version;
  const rej = await t.call('POST', `/api/v1/cases/${ids[2]}/actions/reject`, tok.operator, {
    version,
    reason: '非本平台受理范围',
  });
  assert.equal(rej.statusCode, 200, rej.body);
  // One overdue case, coloured by the sweep in real life.
  await t.ctx.db.query(`UPDATE cases SET colour = 'red' WHERE id = $1`, [ids[0]]);
});
after(async () => t.close());

void test('open cases as points, newest first, in scope', async () => {
  const r = await t.call('GET', '/api/v1/map/cases', tok.county);
  assert.equal(r.statusCode, 200, r.body);
  const b = r.json<{
    items: { id: string; lng: number; lat: number; colour: string }[];
    truncated: boolean;
  }>();
  assert.deepEqual(
    b.items.map((p) => p.id),
    [ids[1], ids[0]],
  );
  assert.equal(b.items[1]!.colour, 'red');
  assert.ok(Math.abs(b.items[0]!.lng - point[0]) < 1e-6 && Math.abs(b.items[0]!.lat - point[1]) < 1e-6);
  assert.equal(b.truncated, false);
  const one = await t.call('GET', '/api/v1/map/cases?limit=1', tok.county);
  assert.equal(one.json<{ truncated: boolean }>().truncated, true);
});

void test('counts per grid; a region outside the scope is refused', async () => {
  const r = await t.call('GET', '/api/v1/map/grid-stats?region=350602005000', tok.supervisor);
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json<{ items: unknown[] }>().items, [{ grid_code: grid, open: 2, overdue: 1 }]);
  const out = await t.call('GET', '/api/v1/map/grid-stats?region=350603000000', tok.county);
  assert.equal(out.statusCode, 403);
  const bad = await t.call('GET', '/api/v1/map/cases?limit=0', tok.county);
  assert.equal(bad.statusCode, 400);
});
