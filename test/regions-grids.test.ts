// The demo city: real names, grids, point → grid in three coordinate systems, scope.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromWgs84 } from '../src/domain/geo/crs.ts';
import { interiorPoint } from '../src/domain/grids/interior-point.ts';
import type { AreaGeometry } from '../src/domain/geo/geometry.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
let leader: string;
let inspector: string;
before(async () => {
  t = await openTestApp();
  leader = await t.login('leader');
  inspector = await t.login('inspector');
});
after(async () => t.close());

interface RegionItem {
  code: string;
  name: string;
  level: string;
  grid_count: number;
  child_count: number;
}

void test('Zhangzhou: 11 county-level areas with real names; 芗城区 → 南坑街道 → its communities', async () => {
  const counties = (await t.call('GET', '/api/v1/regions?parent=350600000000', leader)).json<{
    items: RegionItem[];
  }>().items;
  assert.equal(counties.length, 11);
  assert.ok(counties.some((c) => c.code === '350602000000' && c.name === '芗城区'));
  const towns = (await t.call('GET', '/api/v1/regions?parent=350602000000', leader)).json<{
    items: RegionItem[];
  }>().items;
  const nankeng = towns.find((x) => x.name === '南坑街道');
  assert.equal(nankeng?.code, '350602005000');
  assert.ok((nankeng?.grid_count ?? 0) > 0);
  const villages = (await t.call('GET', '/api/v1/regions?parent=350602005000', leader)).json<{
    items: RegionItem[];
  }>().items;
  assert.ok(villages.length >= 3, 'south pit street has communities');
  assert.ok(
    villages.every((v) => v.level === 'village' && v.code.startsWith('350602005') && v.grid_count >= 1),
  );
  const rows = await t.ctx.db.query<{ level: string; n: number }>(
    'SELECT level, count(*)::int AS n FROM regions GROUP BY level',
  );
  const n = Object.fromEntries(rows.rows.map((r) => [r.level, r.n]));
  assert.equal(n.county, 11);
  assert.equal(n.township, 146);
  assert.ok((n.village ?? 0) > 2000);
});

void test('grids: 8,000–20,000 basic grids, every one under a village, code = village + 3 digits', async () => {
  const r = await t.ctx.db.query<{ n: number; bad: number }>(
    `SELECT count(*)::int AS n,
            count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM regions v WHERE v.code = g.region_code AND v.level = 'village')
                              OR left(g.code, 12) <> g.region_code)::int AS bad
     FROM grids g WHERE kind = 'basic'`,
  );
  assert.ok(r.rows[0]!.n >= 8000 && r.rows[0]!.n <= 20000, String(r.rows[0]!.n));
  assert.equal(r.rows[0]!.bad, 0);
});

void test('GET /grids by bbox returns GeoJSON features intersecting it', async () => {
  const box = '117.64,24.49,117.66,24.51';
  const r = await t.call('GET', `/api/v1/grids?bbox=${box}&kind=basic`, leader);
  assert.equal(r.statusCode, 200);
  const fc = r.json<{
    type: string;
    features: { properties: { code: string }; geometry: { type: string } }[];
  }>();
  assert.equal(fc.type, 'FeatureCollection');
  assert.ok(fc.features.length > 0);
  const codes = fc.features.map((f) => f.properties.code);
  const rows = await t.ctx.db.query<{ code: string }>(
    `SELECT code FROM grids WHERE kind = 'basic' AND max_lng >= 117.64 AND min_lng <= 117.66 AND max_lat >= 24.49 AND min_lat <= 24.51 ORDER BY code`,
  );
  assert.deepEqual(
    codes,
    rows.rows.map((x) => x.code),
  );
  const bad = await t.call('GET', '/api/v1/grids?bbox=117.7,24.5,117.6', leader);
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json<{ error: { issues: { field: string }[] } }>().error.issues[0]?.field, 'query.bbox');
});

void test('locate: the same place in WGS-84, GCJ-02 and BD-09 finds the same grid, village, township, county', async () => {
  const g = (
    await t.ctx.db.query<{ code: string; region_code: string; geometry: AreaGeometry }>(
      `SELECT code, region_code, geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!;
  const [lng, lat] = interiorPoint(g.geometry);
  for (const crs of ['wgs84', 'gcj02', 'bd09'] as const) {
    const [x, y] = fromWgs84(lng, lat, crs);
    const r = await t.call('GET', `/api/v1/locate?lng=${x}&lat=${y}&crs=${crs}`, leader);
    assert.equal(r.statusCode, 200, `${crs}: ${r.body}`);
    const loc = r.json<{
      grid: { code: string };
      village: { code: string };
      township: { code: string; name: string };
      county: { name: string };
    }>();
    assert.equal(loc.grid.code, g.code, crs);
    assert.equal(loc.village.code, g.region_code);
    assert.equal(loc.township.code, '350602005000');
    assert.equal(loc.township.name, '南坑街道');
    assert.equal(loc.county.name, '芗城区');
  }
  // Without conversion, the GCJ-02 coordinates would land ~500 m away: the CRS matters.
  const [gx, gy] = fromWgs84(lng, lat, 'gcj02');
  const raw = await t.call('GET', `/api/v1/locate?lng=${gx}&lat=${gy}&crs=wgs84`, leader);
  if (raw.statusCode === 200) assert.notEqual(raw.json<{ grid: { code: string } }>().grid.code, g.code);
});

void test('locate: outside every grid → 422 OUTSIDE_JURISDICTION; bad input names the field', async () => {
  const beijing = await t.call('GET', '/api/v1/locate?lng=116.39&lat=39.9', leader);
  assert.equal(beijing.statusCode, 422);
  const e = beijing.json<{ error: { code: string; message: string; message_en: string } }>().error;
  assert.equal(e.code, 'OUTSIDE_JURISDICTION');
  assert.match(e.message, /辖区/);
  assert.match(e.message_en, /outside/);
  const badCrs = await t.call('GET', '/api/v1/locate?lng=117.6&lat=24.5&crs=utm', leader);
  assert.equal(badCrs.statusCode, 400);
  assert.equal(badCrs.json<{ error: { issues: { field: string }[] } }>().error.issues[0]?.field, 'query.crs');
  const badLat = await t.call('GET', '/api/v1/locate?lng=117.6&lat=124.5', leader);
  assert.equal(badLat.statusCode, 400);
  assert.equal(badLat.json<{ error: { issues: { field: string }[] } }>().error.issues[0]?.field, 'query.lat');
  const missing = await t.call('GET', '/api/v1/locate?lng=117.6', leader);
  assert.equal(
    missing.json<{ error: { issues: { field: string }[] } }>().error.issues[0]?.field,
    'query.lat',
  );
});

void test('specialized grids overlay basic ones: locate lists the fire grid of the township', async () => {
  const g = (
    await t.ctx.db.query<{ geometry: AreaGeometry }>(
      `SELECT geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' LIMIT 1`,
    )
  ).rows[0]!;
  const [lng, lat] = interiorPoint(g.geometry);
  const loc = (await t.call('GET', `/api/v1/locate?lng=${lng}&lat=${lat}`, leader)).json<{
    specialized: { code: string; specialty: string }[];
  }>();
  assert.ok(loc.specialized.some((s) => s.code === '350602005000F001' && s.specialty === 'fire'));
});

void test('scope: the 南坑 inspector sees its own grids and regions, not 龙文区, but can navigate from the city', async () => {
  const own = (await t.call('GET', '/api/v1/grids?region=350602005000&limit=5', inspector)).json<{
    features: unknown[];
  }>();
  assert.ok(own.features.length > 0);
  const other = (await t.call('GET', '/api/v1/grids?region=350603000000&limit=5', inspector)).json<{
    features: unknown[];
  }>();
  assert.equal(other.features.length, 0);
  const all = (await t.call('GET', '/api/v1/grids?limit=5000&kind=basic', inspector)).json<{
    features: { properties: { code: string } }[];
  }>();
  assert.ok(all.features.every((f) => f.properties.code.startsWith('350602005')));
  const counties = (await t.call('GET', '/api/v1/regions?parent=350600000000', inspector)).json<{
    items: RegionItem[];
  }>().items;
  assert.deepEqual(
    counties.map((c) => c.code),
    ['350602000000'],
  );
  assert.equal((await t.call('GET', '/api/v1/regions/350603000000', inspector)).statusCode, 404);
  const foreignGrid = (
    await t.ctx.db.query<{ code: string }>(`SELECT code FROM grids WHERE region_code LIKE '350603%' LIMIT 1`)
  ).rows[0]!;
  assert.equal((await t.call('GET', `/api/v1/grids/${foreignGrid.code}`, inspector)).statusCode, 404);
  assert.equal((await t.call('GET', `/api/v1/grids/${foreignGrid.code}`, leader)).statusCode, 200);
});

void test('region detail has its path; outline is GeoJSON', async () => {
  const r = (await t.call('GET', '/api/v1/regions/350602005000', leader)).json<{
    region: { name: string };
    path: { name: string }[];
  }>();
  assert.equal(r.region.name, '南坑街道');
  assert.deepEqual(
    r.path.map((p) => p.name),
    ['福建省', '漳州市', '芗城区'],
  );
  const geo = (await t.call('GET', '/api/v1/regions/350602005000/geometry', leader)).json<{
    geometry: { type: string };
  }>();
  assert.ok(['Polygon', 'MultiPolygon'].includes(geo.geometry.type));
});
