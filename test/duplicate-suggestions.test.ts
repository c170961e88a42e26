// The console's case helpers: duplicate suggestions before a report is saved (same category,
// within the radius, open, in the caller's scope, nearest first; located point and grid), and the
// lead unit the dispatch rules suggest for a case, and the units a case names.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AreaGeometry } from '../src/domain/geo/geometry.ts';
import { interiorPoint } from '../src/domain/grids/interior-point.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
const tok: Record<string, string> = {};
let point: [number, number];
let grid: string;
const ids: string[] = [];

interface DupBody {
  location: { lng: number; lat: number; grid: { code: string }; township: { code: string; name: string } };
  items: { id: string; code: string; state: string; distance_m: number; actions: string[] }[];
}

before(async () => {
  t = await openTestApp({ now: '2026-03-10T02:00:00Z' });
  for (const u of ['operator', 'dispatcher', 'handler', 'inspector']) tok[u] = await t.login(u);
  const g = (
    await t.ctx.db.query<{ code: string; geometry: AreaGeometry }>(
      `SELECT code, geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!;
  grid = g.code;
  point = interiorPoint(g.geometry);
  // Two reports of exposed garbage (1102) at the point and ~30 m east, one of a street lamp (0118).
  for (const [n, dLng, category] of [
    [1, 0, '1102'],
    [2, 0.0003, '1102'],
    [3, 0, '0118'],
  ] as const) {
    const r = await t.call('POST', '/api/v1/cases', tok.operator, {
      channel: 'hotline',
      lng: point[0] + dLng,
      lat: point[1],
      description: `暴露垃圾 ${n}`,
      category_code: category,
      idempotency_key: `dup-suggest-${n}`,
    });
    assert.equal(r.statusCode, 201, r.body);
    ids.push(r.json<{ case: { id: string } }>().case.id);
  }
});
after(async () => t.close());

void test('duplicates before saving: same category, nearest first, with distance and the located grid', async () => {
  const r = await t.call(
    'GET',
    `/api/v1/cases/duplicates?lng=${point[0] + 0.0001}&lat=${point[1]}&category=1102`,
    tok.operator,
  );
  assert.equal(r.statusCode, 200, r.body);
  const b = r.json<DupBody>();
  assert.equal(b.location.grid.code, grid);
  assert.equal(b.location.township.code, '350602005000');
  assert.deepEqual(
    b.items.map((i) => i.id),
    [ids[0], ids[1]],
  );
  assert.ok(b.items[0]!.distance_m > 0 && b.items[0]!.distance_m < b.items[1]!.distance_m);
  assert.equal(b.items[0]!.state, 'reported');
  assert.ok(b.items[0]!.actions.includes('register'));
  // The rows they come from.
  const rows = (
    await t.ctx.db.query<{ id: string; category_code: string; closed_at: Date | null }>(
      `SELECT id, category_code, closed_at FROM cases WHERE id = ANY($1::uuid[]) ORDER BY reported_at`,
      [b.items.map((i) => i.id)],
    )
  ).rows;
  assert.deepEqual(
    rows.map((x) => [x.category_code, x.closed_at]),
    [
      ['1102', null],
      ['1102', null],
    ],
  );

  // Another category at the same point: only the street lamp.
  const lamp = await t.call(
    'GET',
    `/api/v1/cases/duplicates?lng=${point[0]}&lat=${point[1]}&category=0118`,
    tok.operator,
  );
  assert.deepEqual(
    lamp.json<DupBody>().items.map((i) => i.id),
    [ids[2]],
  );
  // A rejected case is no longer a duplicate.
  const v = (await t.call('GET', `/api/v1/cases/${ids[2]}`, tok.operator)).json<{
    case: { version: number };
  }>();
  const rej = await t.call('POST', `/api/v1/cases/${ids[2]}/actions/reject`, tok.operator, {
    version: v.case.version,
    reason: '重复上报',
  });
  assert.equal(rej.statusCode, 200, rej.body);
  const none = await t.call(
    'GET',
    `/api/v1/cases/duplicates?lng=${point[0]}&lat=${point[1]}&category=0118`,
    tok.operator,
  );
  assert.deepEqual(none.json<DupBody>().items, []);
});

void test('duplicates: outside the jurisdiction, bad input, no permission', async () => {
  const out = await t.call('GET', '/api/v1/cases/duplicates?lng=116.4&lat=39.9&category=1102', tok.operator);
  assert.equal(out.statusCode, 422, out.body);
  assert.equal(out.json<{ error: { code: string } }>().error.code, 'OUTSIDE_JURISDICTION');
  const bad = await t.call('GET', `/api/v1/cases/duplicates?lng=${point[0]}&lat=${point[1]}`, tok.operator);
  assert.equal(bad.statusCode, 400);
  assert.equal(
    bad.json<{ error: { issues: { field: string }[] } }>().error.issues[0]?.field,
    'query.category',
  );
  // The dispatcher does not take reports.
  const denied = await t.call(
    'GET',
    `/api/v1/cases/duplicates?lng=${point[0]}&lat=${point[1]}&category=1102`,
    tok.dispatcher,
  );
  assert.equal(denied.statusCode, 403);
});

void test('suggested unit: what a dispatch without lead_unit_id picks', async () => {
  const s = await t.call('GET', `/api/v1/cases/${ids[0]}/suggested-unit`, tok.dispatcher);
  assert.equal(s.statusCode, 200, s.body);
  const unit = s.json<{ unit: { id: string; name: string } | null }>().unit;
  assert.ok(unit, 'a unit is suggested for exposed garbage in 南坑街道');
  const read = await t.call('GET', `/api/v1/cases/${ids[0]}`, tok.operator);
  const reg = await t.call('POST', `/api/v1/cases/${ids[0]}/actions/register`, tok.operator, {
    version: read.json<{ case: { version: number } }>().case.version,
  });
  assert.equal(reg.statusCode, 200, reg.body);
  const d = await t.call('POST', `/api/v1/cases/${ids[0]}/actions/dispatch`, tok.dispatcher, {
    version: reg.json<{ case: { version: number } }>().case.version,
  });
  assert.equal(d.statusCode, 200, d.body);
  const row = (
    await t.ctx.db.query<{ lead_unit_id: string }>('SELECT lead_unit_id FROM cases WHERE id = $1', [ids[0]])
  ).rows[0]!;
  assert.equal(row.lead_unit_id, unit.id);
  // The units the case names, readable by anyone who sees the case (the street's inspector too,
  // although the unit may belong to the district).
  const units = await t.call('GET', `/api/v1/cases/${ids[0]}/units`, tok.inspector);
  assert.equal(units.statusCode, 200, units.body);
  assert.deepEqual(
    units.json<{ items: { id: string; name: string }[] }>().items.map((u) => [u.id, u.name]),
    [[unit.id, unit.name]],
  );
  // An unknown case: 404, in the error shape.
  const other = await t.call(
    'GET',
    '/api/v1/cases/00000000-0000-4000-8000-000000000000/suggested-unit',
    tok.handler,
  );
  assert.equal(other.statusCode, 404);
  assert.equal(other.json<{ error: { code: string } }>().error.code, 'CASE_NOT_FOUND');
});
