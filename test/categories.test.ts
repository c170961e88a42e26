// The case taxonomy: the CSV reader, the seeded 145 classes, the tree, and admin edits with optimistic
// versions — each checked in the response and in the row.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../src/domain/categories/csv.ts';
import {
  CATEGORY_CSV_HEADER,
  defaultUnitsFor,
  parseCategoriesCsv,
} from '../src/domain/categories/taxonomy.ts';
import { AppError } from '../src/domain/errors.ts';
import { seedCategories } from '../src/commands/demo/seed-categories.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

interface CategoryBody {
  code: string;
  kind: string;
  major_code: string;
  major_name: string;
  name: string;
  default_units: Record<string, string>;
  default_unit_labels: Record<string, { zh: string; en: string }>;
  limit_urgent: string;
  limit_normal: string;
  limits: { urgent: { zh: string; en: string }; normal: { zh: string; en: string } };
  closing_standard: string;
  active: boolean;
  version: number;
}
interface ErrorBody {
  error: {
    code: string;
    message: string;
    message_en: string;
    issues: { field: string; zh: string; en: string }[];
  };
}

let t: TestApp;
let admin: string;
let operator: string;
before(async () => {
  t = await openTestApp();
  admin = await t.login('admin');
  operator = await t.login('operator');
});
after(async () => t.close());

interface CategoryRow {
  limit_urgent: string;
  limit_normal: string;
  name: string;
  version: number;
  active: boolean;
}
async function row(code: string): Promise<CategoryRow | undefined> {
  const sql = 'SELECT limit_urgent, limit_normal, name, version, active FROM categories WHERE code = $1';
  return (await t.ctx.db.query<CategoryRow>(sql, [code])).rows[0];
}

const HEADER = CATEGORY_CSV_HEADER.join(',');

void test('CSV reader: quotes, doubled quotes, commas and line breaks inside quotes, CRLF, BOM; line numbers', () => {
  const { records, problems } = parseCsv('\uFEFFa,b\r\n"x,1","say ""hi"""\r\n"two\nlines",z\n\nlast,"');
  assert.deepEqual(records.slice(0, 3), [
    { line: 1, fields: ['a', 'b'] },
    { line: 2, fields: ['x,1', 'say "hi"'] },
    { line: 3, fields: ['two\nlines', 'z'] },
  ]);
  assert.equal(records[3]?.line, 6);
  assert.deepEqual(
    problems.map((p) => p.line),
    [6],
  );
  assert.deepEqual(
    parseCsv('a,"b"c\n').problems.map((p) => p.line),
    [1],
  );
});

void test('taxonomy CSV: every bad field is reported with its line; good rows get default units by the ownership rule', () => {
  const csv = [
    HEADER,
    'component,01,公用设施,0101,上水井盖,自来水公司,2h,1d,补盖完好',
    'event,11,市容环境,1102,暴露垃圾,城管局,4h,"1d",清理完毕',
    'gadget,01,公用设施,0102,污水井盖,市政园林,2h,1d,ok',
    'component,01,公用设施,0203,雨水井盖,外星局,4x,0h,',
    'component,01,其他名称,0104,检查井盖,市政园林,2h,1d,ok',
    'component,01,公用设施,0101,重复,市政园林,2h,1d,ok',
    'component,01,公用设施,0105',
  ].join('\n');
  try {
    parseCategoriesCsv(csv);
    assert.fail('should refuse');
  } catch (e) {
    assert.ok(e instanceof AppError && e.code === 'IMPORT_REJECTED');
    const got = e.issues.map((i) => `${i.line}:${i.field}`);
    assert.deepEqual(got, [
      '4:kind',
      '5:minor_code',
      '5:default_unit',
      '5:limit_urgent',
      '5:limit_normal',
      '5:closing_standard',
      '6:major_code',
      '7:minor_code',
      '8:row',
    ]);
    assert.ok(e.issues.every((i) => i.zh && i.en));
  }
  const ok = parseCategoriesCsv(csv.split('\n').slice(0, 3).join('\n'));
  assert.deepEqual(
    ok.map((c) => c.default_units),
    [
      { county: 'water_supply', city: 'water_supply' },
      { township: 'street_office', county: 'urban_management', city: 'urban_management' },
    ],
  );
  assert.deepEqual(defaultUnitsFor('social', 'community_committee'), {
    village: 'community_committee',
    township: 'street_office',
  });
  assert.deepEqual(defaultUnitsFor('event', 'street_office'), { township: 'street_office' });
  assert.throws(
    () => parseCategoriesCsv('kind,code\n'),
    (e: unknown) => e instanceof AppError && e.issues[0]?.field === 'header',
  );
});

void test('seed: 145 classes, idempotent; limits described in zh and en', async () => {
  const n = await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM categories');
  assert.equal(n.rows[0]?.n, 145);
  assert.equal(await seedCategories(t.ctx.db), 0);
  const r = await t.call('GET', '/api/v1/categories', operator);
  assert.equal(r.statusCode, 200);
  const items = r.json<{ items: CategoryBody[] }>().items;
  assert.equal(items.length, 145);
  const garbage = items.find((c) => c.name === '暴露垃圾');
  assert.deepEqual(garbage?.limits.urgent, { zh: '2个工作时', en: '2 working hours' });
  const fire = items.find((c) => c.code === '1404');
  assert.equal(fire?.limit_urgent, '30m'); // the reference's 0.5h, kept exact as working minutes
  assert.deepEqual(fire?.limits.urgent, { zh: '30个工作分钟', en: '30 working minutes' });
  assert.deepEqual(fire?.default_unit_labels.county, { zh: '消防救援', en: 'Fire and rescue' });
});

void test('tree: kind → major → minor; filters by kind, major and text', async () => {
  const r = await t.call('GET', '/api/v1/categories?tree=true', operator);
  const body = r.json<{
    tree: { kind: string; label: { zh: string }; majors: { code: string; minors: CategoryBody[] }[] }[];
    count: number;
  }>();
  assert.deepEqual(
    body.tree.map((k) => k.kind),
    ['component', 'event', 'social'],
  );
  assert.deepEqual(
    body.tree[0]?.majors.map((m) => m.code),
    ['01', '02', '03', '04', '05', '06'],
  );
  const total = body.tree.flatMap((k) => k.majors).reduce((s, m) => s + m.minors.length, 0);
  assert.equal(total, 145);
  assert.equal(body.count, 145);
  const events = await t.call(
    'GET',
    `/api/v1/categories?kind=event&q=${encodeURIComponent('垃圾')}`,
    operator,
  );
  const ev = events.json<{ items: CategoryBody[] }>().items;
  assert.ok(ev.length >= 1 && ev.every((c) => c.kind === 'event' && c.name.includes('垃圾')));
  const major = await t.call('GET', '/api/v1/categories?major=21', operator);
  assert.equal(major.json<{ items: CategoryBody[] }>().items.length, 6);
});

void test('read one: default units per level; unknown code → 404 CATEGORY_NOT_FOUND', async () => {
  const r = await t.call('GET', '/api/v1/categories/2201', operator);
  const c = r.json<{ category: CategoryBody }>().category;
  assert.equal(c.name, '可疑人员');
  assert.deepEqual(c.default_units, {
    township: 'police_station',
    county: 'public_security',
    city: 'public_security',
  });
  const nf = await t.call('GET', '/api/v1/categories/9999', operator);
  assert.equal(nf.statusCode, 404);
  assert.equal(nf.json<ErrorBody>().error.code, 'CATEGORY_NOT_FOUND');
  const nf2 = await t.call('PATCH', '/api/v1/categories/9999', admin, { version: 1, limit_urgent: '2h' });
  assert.equal(nf2.json<ErrorBody>().error.code, 'CATEGORY_NOT_FOUND');
});

void test('edit: limit changes the row and the version; stale → 409 unchanged; bad limit → 400 in zh+en unchanged', async () => {
  const r = await t.call('PATCH', '/api/v1/categories/1102', admin, {
    version: 1,
    limit_urgent: '3h',
    limit_normal: '2d',
  });
  assert.equal(r.statusCode, 200, r.body);
  const c = r.json<{ category: CategoryBody }>().category;
  assert.equal(c.version, 2);
  assert.deepEqual(c.limits.normal, { zh: '2个工作日', en: '2 working days' });
  assert.deepEqual(await row('1102'), {
    limit_urgent: '3h',
    limit_normal: '2d',
    name: '暴露垃圾',
    version: 2,
    active: true,
  });
  const audit = await t.ctx.db.query(
    `SELECT 1 FROM audit_log WHERE action = 'category.update' AND target = 'category:1102'`,
  );
  assert.equal(audit.rows.length, 1);

  const stale = await t.call('PATCH', '/api/v1/categories/1102', admin, { version: 1, limit_urgent: '9h' });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json<ErrorBody>().error.code, 'CONFLICT');
  const bad = await t.call('PATCH', '/api/v1/categories/1102', admin, { version: 2, limit_urgent: '4x' });
  assert.equal(bad.statusCode, 400);
  const e = bad.json<ErrorBody>().error;
  assert.equal(e.code, 'VALIDATION_FAILED');
  assert.equal(e.issues[0]?.field, 'limit_urgent');
  assert.match(e.message, /limit_urgent .*工作时/);
  assert.match(e.message_en, /limit_urgent .*working hours/);
  const units = await t.call('PATCH', '/api/v1/categories/1102', admin, {
    version: 2,
    default_units: { planet: 'x', county: 'nope' },
  });
  assert.deepEqual(
    units.json<ErrorBody>().error.issues.map((i) => i.field),
    ['default_units.planet', 'default_units.county'],
  );
  assert.deepEqual(await row('1102'), {
    limit_urgent: '3h',
    limit_normal: '2d',
    name: '暴露垃圾',
    version: 2,
    active: true,
  });

  const off = await t.call('PATCH', '/api/v1/categories/1102', admin, { version: 2, active: false });
  assert.equal(off.json<{ category: CategoryBody }>().category.active, false);
  const active = await t.call('GET', '/api/v1/categories?active=true', operator);
  assert.equal(active.json<{ items: CategoryBody[] }>().items.length, 144);
  const denied = await t.call('PATCH', '/api/v1/categories/1102', operator, { version: 3, active: true });
  assert.equal(denied.statusCode, 403);
});

void test('create: local class under an existing major gets the next code; new major needs a name; conflicts', async () => {
  const r = await t.call('POST', '/api/v1/categories', admin, {
    kind: 'social',
    major_code: '26',
    name: '助餐服务',
    default_unit: 'community_committee',
    limit_urgent: '4h',
    limit_normal: '3d',
    closing_standard: '服务到位并回访',
  });
  assert.equal(r.statusCode, 201, r.body);
  const c = r.json<{ category: CategoryBody }>().category;
  assert.equal(c.code, '2605');
  assert.equal(c.major_name, '民生服务');
  assert.deepEqual(c.default_units, { village: 'community_committee', township: 'street_office' });
  assert.equal((await row('2605'))?.version, 1);

  const base = {
    kind: 'social',
    major_code: '28',
    name: '电动车进楼',
    default_unit: 'fire_rescue',
    limit_urgent: '2h',
    limit_normal: '1d',
    closing_standard: '清理完毕',
  };
  const noName = await t.call('POST', '/api/v1/categories', admin, base);
  assert.equal(noName.statusCode, 400);
  assert.equal(noName.json<ErrorBody>().error.issues[0]?.field, 'major_name');
  const created = await t.call('POST', '/api/v1/categories', admin, {
    ...base,
    major_name: '本地扩展',
    code: '2801',
  });
  assert.equal(created.statusCode, 201, created.body);
  assert.deepEqual(created.json<{ category: CategoryBody }>().category.default_units, {
    township: 'street_office',
    county: 'fire_rescue',
    city: 'fire_rescue',
  });
  const dup = await t.call('POST', '/api/v1/categories', admin, { ...base, code: '2899' });
  assert.equal(dup.statusCode, 409);
  const wrongKind = await t.call('POST', '/api/v1/categories', admin, { ...base, kind: 'event', name: '新' });
  assert.equal(wrongKind.json<ErrorBody>().error.issues[0]?.field, 'major_code');
  const outside = await t.call('POST', '/api/v1/categories', admin, { ...base, name: '另', code: '2701' });
  assert.ok(outside.json<ErrorBody>().error.issues.some((i) => i.field === 'code'));
  const n = await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM categories');
  assert.equal(n.rows[0]?.n, 147);
});
