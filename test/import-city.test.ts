// `wangge import regions --city 3505` loads 泉州市 the same way as the demo city; bad flags are
// refused with the flag named, before anything is opened.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { importCity } from '../src/commands/regions/import-city.ts';
import { AppError } from '../src/domain/errors.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
before(async () => {
  t = await openTestApp();
});
after(async () => t.close());

void test('Quanzhou (3505): regions with real names, grids inside its villages, locatable', async () => {
  const r = await importCity(t.ctx, '3505');
  assert.equal(r.cityName, '泉州市');
  assert.ok(r.grids > 8000 && r.grids < 20000, String(r.grids));
  const names = await t.ctx.db.query<{ code: string; name: string }>(
    `SELECT code, name FROM regions WHERE parent_code = '350500000000' ORDER BY code`,
  );
  assert.ok(names.rows.some((x) => x.code === '350502000000' && x.name === '鲤城区'));
  const stray = await t.ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM grids g WHERE g.region_code LIKE '3505%' AND g.kind = 'basic'
       AND NOT EXISTS (SELECT 1 FROM regions v WHERE v.code = g.region_code AND v.level = 'village')`,
  );
  assert.equal(stray.rows[0]?.n, 0);
  // A point in the middle of one of its grids is found, and Zhangzhou is still there.
  const g = (
    await t.ctx.db.query<{
      code: string;
      min_lng: number;
      max_lng: number;
      min_lat: number;
      max_lat: number;
    }>(
      `SELECT code, min_lng, max_lng, min_lat, max_lat FROM grids WHERE region_code LIKE '350502%' AND kind = 'basic' ORDER BY area_m2 DESC LIMIT 1`,
    )
  ).rows[0]!;
  const loc = await t.ctx.locator.locate((g.min_lng + g.max_lng) / 2, (g.min_lat + g.max_lat) / 2);
  assert.equal(loc.county.name, '鲤城区');
  assert.equal((await t.ctx.db.query(`SELECT 1 FROM regions WHERE code = '350602005000'`)).rowCount, 1);
});

void test('an unknown city code is refused as REGION_NOT_FOUND, nothing written', async () => {
  const before = await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM regions');
  await assert.rejects(
    importCity(t.ctx, '9999'),
    (e: unknown) => e instanceof AppError && e.code === 'REGION_NOT_FOUND',
  );
  const afterRows = await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM regions');
  assert.equal(afterRows.rows[0]?.n, before.rows[0]?.n);
});

void test('CLI: bad flags name the flag in Chinese and English and exit non-zero', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, WANGGE_DATA_DIR: '/nonexistent-never-opened' },
    });
  const city = run('import', 'regions', '--city', '35');
  assert.equal(city.status, 1);
  assert.match(city.stderr, /--city: 应为 4 位城市代码.*must be a 4-digit city code/);
  const unknown = run('import', 'regions', '--town', '3505');
  assert.match(unknown.stderr, /--town: 未知参数 \/ unknown option/);
  const file = run('import', 'grids');
  assert.match(file.stderr, /FILE: 请指定 GeoJSON 文件/);
  const missing = run('import', 'grids', '/nonexistent/grids.geojson');
  assert.match(missing.stderr, /cannot read \/nonexistent\/grids.geojson: ENOENT/);
  const cmd = run('frobnicate');
  assert.equal(cmd.status, 2);
  assert.ok(!`${city.stderr}${unknown.stderr}`.includes('    at '), 'no stack traces');
  const env = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'migrate'], {
    encoding: 'utf8',
    env: { ...process.env, PORT: 'abc', WANGGE_MODE: 'prod' },
  });
  assert.equal(env.status, 1);
  assert.match(env.stderr, /PORT: 应为 1–65535 之间的整数/);
  assert.match(env.stderr, /WANGGE_MODE: 应为 demo 或 production/);
});
