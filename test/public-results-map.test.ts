// What the residents' portal reads without an account besides its own reports: the published
// results (晒单) with a location rounded to the grid (the centre of the grid's bounding box, never the
// reported point) for the results map, and the category picker's taxonomy (major → minor, names only).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AreaGeometry } from '../src/domain/geo/geometry.ts';
import { interiorPoint } from '../src/domain/grids/interior-point.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
const tok: Record<string, string> = {};
let point: [number, number];
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0e40000000049454e44ae426082',
  'hex',
);
let grid: { code: string; min_lng: number; max_lng: number; min_lat: number; max_lat: number };

before(async () => {
  t = await openTestApp({ now: '2026-03-10T02:00:00Z', config: { sessionIdleMinutes: 24 * 60 } });
  for (const u of ['operator', 'dispatcher', 'handler', 'inspector']) tok[u] = await t.login(u);
  const g = (
    await t.ctx.db.query<typeof grid & { geometry: AreaGeometry }>(
      `SELECT code, geometry, min_lng, max_lng, min_lat, max_lat FROM grids
       WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!;
  grid = g;
  point = interiorPoint(g.geometry);
});
after(async () => t.close());

async function act(user: string, id: string, action: string, body: Record<string, unknown> = {}) {
  const v = (await t.call('GET', `/api/v1/cases/${id}`, tok[user])).json<{ case: { version: number } }>().case
    .version;
  const r = await t.call('POST', `/api/v1/cases/${id}/actions/${action}`, tok[user], { version: v, ...body });
  assert.equal(r.statusCode, 200, `${action}: ${r.body}`);
}

async function staffPhoto(user: string): Promise<string[]> {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/photos',
    headers: { authorization: `Bearer ${tok[user]}`, 'content-type': 'image/png' },
    payload: PNG,
  });
  return [r.json<{ id: string }>().id];
}

interface ResultItem {
  code: string;
  category: string | null;
  place: string;
  grid_code: string;
  lng: number | null;
  lat: number | null;
  result: string | null;
}

void test('published results carry the centre of their grid, never the reported point', async () => {
  const r = await t.call('POST', '/api/v1/public/reports', undefined, {
    lng: point[0],
    lat: point[1],
    category_code: '0118',
    description: '路灯不亮',
    idempotency_key: 'results-map-0001',
  });
  assert.equal(r.statusCode, 201, r.body);
  const code = r.json<{ code: string }>().code;
  const id = (await t.ctx.db.query<{ id: string }>('SELECT id FROM cases WHERE code = $1', [code])).rows[0]!
    .id;
  await act('operator', id, 'register');
  await act('dispatcher', id, 'dispatch', { lead_unit_id: 'u-350602-urban_management' });
  await act('handler', id, 'acknowledge');
  await act('handler', id, 'report_back', {
    result: '已修复路灯',
    photos: await staffPhoto('handler'),
  });
  await act('inspector', id, 'verify_pass', { photos: await staffPhoto('inspector') });
  await act('operator', id, 'publish');

  const res = await t.call('GET', '/api/v1/public/results?region=350602005000&limit=5');
  assert.equal(res.statusCode, 200, res.body);
  const item = res.json<{ items: ResultItem[] }>().items.find((i) => i.code === code);
  assert.ok(item, 'the published case is in the feed');
  assert.equal(item.grid_code, grid.code);
  assert.equal(item.result, '已修复路灯');
  const centre = [
    (Number(grid.min_lng) + Number(grid.max_lng)) / 2,
    (Number(grid.min_lat) + Number(grid.max_lat)) / 2,
  ];
  assert.ok(
    Math.abs(item.lng! - centre[0]!) < 1e-5 && Math.abs(item.lat! - centre[1]!) < 1e-5,
    JSON.stringify(item),
  );
  assert.ok(item.lng! >= Number(grid.min_lng) && item.lng! <= Number(grid.max_lng));
  assert.ok(item.lat! >= Number(grid.min_lat) && item.lat! <= Number(grid.max_lat));
  assert.ok(item.lng !== point[0] || item.lat !== point[1], 'the reported point itself is not published');
  assert.ok(!JSON.stringify(item).includes(String(point[0])), 'no exact coordinate');
});

void test('the category picker reads the active taxonomy without an account: major → minor, names only', async () => {
  assert.equal(
    (await t.call('GET', '/api/v1/categories')).statusCode,
    401,
    'the staff endpoint needs a login',
  );
  const r = await t.call('GET', '/api/v1/public/categories');
  assert.equal(r.statusCode, 200, r.body);
  const { majors } = r.json<{
    majors: {
      code: string;
      name: string;
      kind: string;
      kind_label: { zh: string; en: string };
      minors: { code: string; name: string }[];
    }[];
  }>();
  const total = majors.reduce((n, m) => n + m.minors.length, 0);
  const active = await t.ctx.db.query('SELECT 1 FROM categories WHERE active');
  assert.equal(total, active.rowCount);
  const lamp = majors
    .flatMap((m) => m.minors.map((x) => ({ ...x, major: m })))
    .find((x) => x.code === '0118');
  assert.ok(lamp, 'minor 0118 is listed');
  assert.ok(lamp.code.startsWith(lamp.major.code));
  assert.ok(lamp.major.name.length > 0 && lamp.name.length > 0);
  assert.deepEqual(Object.keys(lamp.major).sort(), ['code', 'kind', 'kind_label', 'minors', 'name']);
  const text = r.body;
  for (const hidden of ['default_units', 'limit_urgent', 'closing_standard'])
    assert.ok(!text.includes(hidden));
  // A class switched off is no longer offered.
  await t.ctx.db.query(`UPDATE categories SET active = false WHERE code = '0118'`);
  const again = (await t.call('GET', '/api/v1/public/categories')).json<{
    majors: { minors: { code: string }[] }[];
  }>();
  assert.ok(!again.majors.some((m) => m.minors.some((x) => x.code === '0118')));
});

void test('outlines for the residents’ maps: a region’s children in this city, public', async () => {
  const city = await t.call('GET', '/api/v1/public/outlines');
  assert.equal(city.statusCode, 200, city.body);
  const fc = city.json<{
    parent: { code: string; level: string; bbox: number[] | null };
    features: { properties: { code: string; name: string; level: string }; geometry: { type: string } }[];
  }>();
  assert.equal(fc.parent.code, '350600000000');
  assert.equal(fc.parent.bbox?.length, 4);
  assert.ok(fc.features.length >= 10, 'the counties of the city');
  assert.ok(fc.features.every((f) => f.properties.level === 'county' && /Polygon/.test(f.geometry.type)));
  assert.ok(city.body.length < 2_000_000, `city outlines stay small: ${city.body.length} bytes`);
  const town = await t.call('GET', '/api/v1/public/outlines?parent=350602005000');
  assert.equal(town.statusCode, 200, town.body);
  const villages = town.json<typeof fc>().features;
  assert.ok(villages.length > 0 && villages.every((f) => f.properties.code.startsWith('350602005')));
  assert.ok(!/\d\.\d{6,}/.test(town.body), 'coordinates rounded to 5 decimals');
  // Another city, or a village (no children), is not served.
  assert.equal((await t.call('GET', '/api/v1/public/outlines?parent=350500000000')).statusCode, 404);
  assert.equal(
    (await t.call('GET', `/api/v1/public/outlines?parent=${villages[0]!.properties.code}`)).statusCode,
    404,
  );
});
