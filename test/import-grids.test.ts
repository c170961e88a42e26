// Importing real grid boundaries: every defect reported per feature with its line; all or nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { importGrids } from '../src/commands/grids/import-grids.ts';
import { AppError } from '../src/domain/errors.ts';
import type { AreaGeometry } from '../src/domain/geo/geometry.ts';
import { interiorPoint } from '../src/domain/grids/interior-point.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
let village: string;
let grids: { code: string; geometry: AreaGeometry }[];
before(async () => {
  t = await openTestApp();
  village = (
    await t.ctx.db.query<{ region_code: string }>(
      `SELECT region_code FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' GROUP BY region_code HAVING count(*) >= 3 ORDER BY region_code LIMIT 1`,
    )
  ).rows[0]!.region_code;
  grids = (
    await t.ctx.db.query<{ code: string; geometry: AreaGeometry }>(
      'SELECT code, geometry FROM grids WHERE region_code = $1 ORDER BY code',
      [village],
    )
  ).rows;
});
after(async () => t.close());

/** One feature per line group, pretty-printed so lines are meaningful. */
function fileOf(features: unknown[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features }, null, 1);
}
function feature(code: string, name: string, villageCode: string, geometry: unknown) {
  return { type: 'Feature', properties: { code, name, village_code: villageCode }, geometry };
}
async function snapshot() {
  return (
    await t.ctx.db.query<{ code: string; source: string }>(
      'SELECT code, source FROM grids WHERE region_code = $1 ORDER BY code',
      [village],
    )
  ).rows;
}
async function rejected(text: string): Promise<AppError> {
  try {
    await importGrids(t.ctx, text, null);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('import was accepted');
}

void test('each defect is named with its feature, field and line; nothing is written', async () => {
  const before = await snapshot();
  const square = (x: number, y: number, d = 0.001) => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ],
  });
  const g0 = grids[0]!.geometry;
  const [cx, cy] = interiorPoint(g0);
  const features = [
    feature(`${village}901`, '好网格', village, g0), // valid on its own
    feature(`${village}902`, '自相交', village, {
      type: 'Polygon',
      coordinates: [
        [
          [cx, cy],
          [cx + 0.001, cy + 0.001],
          [cx + 0.001, cy],
          [cx, cy + 0.001],
          [cx, cy],
        ],
      ],
    }),
    feature(`${village}903`, '未闭合', village, {
      type: 'Polygon',
      coordinates: [
        [
          [cx, cy],
          [cx + 0.001, cy],
          [cx + 0.001, cy + 0.001],
          [cx, cy + 0.0012],
        ],
      ],
    }),
    feature(`${village}901`, '重复编码', village, square(cx + 0.01, cy + 0.01)),
    feature('350603001001001', '编码不符', village, square(cx, cy)),
    feature(`${village}905`, '村不存在', '350602005999', square(cx, cy)),
    feature(`${village}906`, '辖区外', village, square(116.39, 39.9)),
    feature(`${village}907`, '与第一条重叠', village, g0),
    feature('12', '', village, { type: 'Point', coordinates: [cx, cy] }),
  ];
  const text = fileOf(features);
  const e = await rejected(text);
  assert.equal(e.code, 'IMPORT_REJECTED');
  const lines = text.split('\n');
  const byFeature = (i: number) => e.issues.filter((x) => x.field.startsWith(`features[${i}]`));
  assert.equal(byFeature(0).length, 0, 'the valid feature has no issue');
  const expect: [number, RegExp][] = [
    [1, /intersects itself/],
    [2, /not closed/],
    [3, /duplicates the code/],
    [4, /must start with its village code/],
    [5, /does not exist/],
    [6, /outside every village/],
    [7, /overlaps grid/],
  ];
  for (const [i, re] of expect) {
    const issues = byFeature(i);
    assert.ok(
      issues.some((x) => re.test(x.en) && x.zh.length > 0),
      `feature ${i}: ${JSON.stringify(issues)}`,
    );
    // The line points at the start of that feature in the file.
    const line = issues[0]!.line!;
    assert.match(lines[line - 1] ?? '', /\{/);
    assert.ok(
      lines
        .slice(line - 1, line + 8)
        .join('\n')
        .includes(features[i]!.properties.name),
    );
  }
  const last = byFeature(8).map((x) => x.field);
  assert.ok(last.includes('features[8].properties.code'));
  assert.ok(last.includes('features[8].properties.name'));
  assert.ok(last.some((f) => f.startsWith('features[8].geometry')));
  assert.deepEqual(await snapshot(), before, 'nothing half-imported');
});

void test('not JSON, not a FeatureCollection, empty: clear refusals', async () => {
  const bad = await rejected('{"type": "FeatureCollection",\n "features": [\n {oops} ]}');
  assert.equal(bad.issues[0]?.field, 'file');
  assert.match(bad.issues[0].en, /not valid JSON/);
  assert.equal((await rejected('{"type":"Feature"}')).issues[0]?.field, 'file');
  assert.equal((await rejected(fileOf([]))).issues[0]?.field, 'features');
});

void test('a valid file replaces the generated grids of its village and the index follows', async () => {
  const [a, b] = grids;
  const text = fileOf([
    feature(`${village}101`, '一号网格', village, a!.geometry),
    feature(`${village}102`, '二号网格', village, b!.geometry),
  ]);
  const r = await importGrids(t.ctx, text, null);
  assert.deepEqual(r, { imported: 2, replaced: grids.length, villages: 1 });
  const rows = await snapshot();
  assert.deepEqual(rows, [
    { code: `${village}101`, source: 'imported' },
    { code: `${village}102`, source: 'imported' },
  ]);
  const [x, y] = interiorPoint(b!.geometry);
  const loc = await t.ctx.locator.locate(x, y);
  assert.equal(loc.grid.code, `${village}102`);
  assert.equal(loc.grid.name, '二号网格');
});

void test('POST /grids/import: admins only; errors come back with lines', async () => {
  const leader = await t.login('leader');
  const admin = await t.login('admin');
  const body = fileOf([
    feature(`${village}201`, '坏网格', village, {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
        ],
      ],
    }),
  ]);
  const headers = (token: string) => ({
    authorization: `Bearer ${token}`,
    'content-type': 'application/geo+json',
  });
  const forbidden = await t.app.inject({
    method: 'POST',
    url: '/api/v1/grids/import',
    headers: headers(leader),
    payload: body,
  });
  assert.equal(forbidden.statusCode, 403);
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/grids/import',
    headers: headers(admin),
    payload: body,
  });
  assert.equal(r.statusCode, 422);
  const e = r.json<{ error: { code: string; issues: { field: string; line: number }[] } }>().error;
  assert.equal(e.code, 'IMPORT_REJECTED');
  assert.ok(
    e.issues.every((i) => i.field.startsWith('features[0]') && i.line === 4),
    JSON.stringify(e.issues),
  );
});
