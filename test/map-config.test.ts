// The maps' configuration: the basemap from the environment (checked, a bad value names its
// variable) and the outlines of a region's children, in scope.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../src/domain/errors.ts';
import { basemapFromEnv } from '../src/http/routes/map-config-routes.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
const tok: Record<string, string> = {};

before(async () => {
  // The routes read the environment once, when the app is built.
  process.env.WANGGE_BASEMAP = 'tianditu';
  process.env.WANGGE_TIANDITU_KEY = '0123456789abcdef0123456789abcdef';
  t = await openTestApp({ now: '2026-03-10T02:00:00Z' });
  delete process.env.WANGGE_BASEMAP;
  delete process.env.WANGGE_TIANDITU_KEY;
  for (const u of ['leader', 'county', 'handler']) tok[u] = await t.login(u);
});
after(async () => t.close());

function issuesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, 'VALIDATION_FAILED');
    return e.issues.map((i) => i.field);
  }
  assert.fail('expected VALIDATION_FAILED');
}

void test('basemap from the environment: none by default, tianditu with a key, xyz with {z}/{x}/{y}', () => {
  assert.deepEqual(basemapFromEnv({}), { basemap: 'none' });
  assert.deepEqual(basemapFromEnv({ WANGGE_BASEMAP: 'none', WANGGE_XYZ_URL: 'https://x/{z}/{x}/{y}.png' }), {
    basemap: 'none',
  });
  assert.deepEqual(basemapFromEnv({ WANGGE_BASEMAP: 'tianditu', WANGGE_TIANDITU_KEY: 'abcdef0123456789' }), {
    basemap: 'tianditu',
    tianditu_key: 'abcdef0123456789',
    attribution: '© 天地图 Tianditu',
  });
  assert.deepEqual(
    basemapFromEnv({
      WANGGE_BASEMAP: 'xyz',
      WANGGE_XYZ_URL: 'https://tiles.example.org/{z}/{x}/{y}.png',
      WANGGE_XYZ_ATTRIBUTION: '© Example',
    }),
    { basemap: 'xyz', xyz_url: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: '© Example' },
  );
  assert.deepEqual(
    issuesOf(() => basemapFromEnv({ WANGGE_BASEMAP: 'tianditu' })),
    ['WANGGE_TIANDITU_KEY'],
  );
  assert.deepEqual(
    issuesOf(() => basemapFromEnv({ WANGGE_BASEMAP: 'xyz', WANGGE_XYZ_URL: 'https://x/{z}/{x}.png' })),
    ['WANGGE_XYZ_URL'],
  );
  assert.deepEqual(
    issuesOf(() => basemapFromEnv({ WANGGE_BASEMAP: 'xyz', WANGGE_XYZ_URL: 'ftp://x/{z}/{x}/{y}.png' })),
    ['WANGGE_XYZ_URL'],
  );
  assert.deepEqual(
    issuesOf(() => basemapFromEnv({ WANGGE_BASEMAP: 'google' })),
    ['WANGGE_BASEMAP'],
  );
});

void test('GET /map/config answers any logged-in user, nobody else', async () => {
  const r = await t.call('GET', '/api/v1/map/config', tok.handler);
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json(), {
    basemap: 'tianditu',
    tianditu_key: '0123456789abcdef0123456789abcdef',
    attribution: '© 天地图 Tianditu',
  });
  assert.equal((await t.call('GET', '/api/v1/map/config')).statusCode, 401);
});

interface Outlines {
  type: string;
  features: { id: string; properties: { code: string; name: string; level: string; grid_count: number } }[];
}

void test('outlines of the child regions, in scope', async () => {
  const city = await t.call('GET', '/api/v1/map/outlines?parent=350600000000', tok.leader);
  assert.equal(city.statusCode, 200, city.body);
  const c = city.json<Outlines>();
  assert.equal(c.type, 'FeatureCollection');
  assert.equal(c.features.length, 11);
  const xiangcheng = c.features.find((f) => f.id === '350602000000');
  assert.equal(xiangcheng?.properties.name, '芗城区');
  assert.equal(xiangcheng?.properties.level, 'county');
  assert.ok(xiangcheng.properties.grid_count > 100);

  // A county leader sees only their county under the city, and its townships.
  const up = await t.call('GET', '/api/v1/map/outlines?parent=350600000000', tok.county);
  assert.deepEqual(
    up.json<Outlines>().features.map((f) => f.id),
    ['350602000000'],
  );
  const down = await t.call('GET', '/api/v1/map/outlines?parent=350602000000', tok.county);
  const towns = down.json<Outlines>().features;
  assert.ok(towns.length >= 10);
  assert.ok(towns.every((f) => f.properties.level === 'township' && f.id.startsWith('350602')));
  assert.ok(towns.some((f) => f.properties.name === '南坑街道'));

  const other = await t.call('GET', '/api/v1/map/outlines?parent=350603000000', tok.county);
  assert.equal(other.statusCode, 404);
  const bad = await t.call('GET', '/api/v1/map/outlines?parent=3506', tok.county);
  assert.equal(bad.statusCode, 400);
});
