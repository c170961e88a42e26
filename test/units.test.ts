// Handling units (承办单位): the demo units, scoped lists and reads, create and optimistic edit — each
// checked in the response and in the row.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../src/commands/context.ts';
import { createUnit } from '../src/commands/units/create-unit.ts';
import { updateUnitCommand } from '../src/commands/units/update-unit.ts';
import { AppError } from '../src/domain/errors.ts';
import { functionByZh, functionChain, UNIT_FUNCTIONS } from '../src/domain/units/unit-functions.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

interface UnitBody {
  id: string;
  name: string;
  kind: string;
  function: string;
  function_label: { zh: string; en: string };
  region_code: string;
  region_name: string | null;
  parent_id: string | null;
  phone: string | null;
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
let inspector: string;
before(async () => {
  t = await openTestApp();
  admin = await t.login('admin');
  inspector = await t.login('inspector');
});
after(async () => t.close());

async function unitRow(id: string) {
  const r = await t.ctx.db.query<{ name: string; phone: string | null; version: number; active: boolean }>(
    'SELECT name, phone, version, active FROM units WHERE id = $1',
    [id],
  );
  return r.rows[0];
}

/** An admin actor bound to 南坑街道 only (no such demo account: built for the command directly). */
const townshipAdmin: Actor = {
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'nk-admin',
  displayName: '南坑管理员',
  roles: ['admin'],
  scope: { regions: ['350602005000'] },
  unitIds: [],
};

void test('unit functions: every zh name in the taxonomy resolves; chains escalate to the county', () => {
  for (const zh of ['城管局', '市政园林', '派出所', '村委会', '乡镇人民政府', '通信运营商', '气象局']) {
    assert.ok(functionByZh(zh), zh);
  }
  assert.equal(functionByZh('村委会')?.code, 'community_committee');
  assert.equal(functionByZh('不存在的局'), undefined);
  assert.deepEqual(functionChain('police_station'), {
    township: 'police_station',
    county: 'public_security',
    city: 'public_security',
  });
  assert.equal(new Set(UNIT_FUNCTIONS.map((f) => f.code)).size, UNIT_FUNCTIONS.length);
});

void test('demo units: city and county departments, township offices, village committees with readable ids', async () => {
  const one = await t.call('GET', '/api/v1/units/u-350602-traffic_police', admin);
  assert.equal(one.statusCode, 200);
  const u = one.json<{ unit: UnitBody }>().unit;
  assert.equal(u.name, '芗城区交警大队');
  assert.equal(u.parent_id, 'u-3506-traffic_police');
  assert.equal(u.region_name, '芗城区');
  assert.deepEqual(u.function_label, { zh: '交警大队', en: 'Traffic police' });
  const rows = await t.ctx.db.query<{ id: string; name: string; kind: string; region: string }>(
    `SELECT u.id, u.name, u.kind, r.name AS region FROM units u JOIN regions r ON r.code = u.region_code
     WHERE u.id = ANY($1::text[])`,
    [
      [
        'u-3506-urban_management',
        'u-350602005-street_office',
        'u-350602005-police_station',
        'u-350602005001-community_committee',
      ],
    ],
  );
  const byId = new Map(rows.rows.map((r) => [r.id, r]));
  assert.equal(byId.get('u-3506-urban_management')?.name, '漳州市城市管理局');
  assert.equal(byId.get('u-350602005-street_office')?.name, '南坑街道办事处');
  assert.equal(byId.get('u-350602005-street_office')?.kind, 'street_office');
  assert.equal(byId.get('u-350602005-police_station')?.name, '南坑派出所');
  const committee = byId.get('u-350602005001-community_committee');
  assert.equal(committee?.name, committee?.region); // the committee carries its community's name
  assert.equal(committee?.kind, 'community_committee');
  const towns = await t.ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM units WHERE function = 'street_office' AND name LIKE '%镇人民政府'`,
  );
  assert.ok((towns.rows[0]?.n ?? 0) > 50, 'towns get a 镇人民政府');
});

void test("every category's default unit functions have a demo unit in 芗城区 or at city level", async () => {
  const r = await t.ctx.db.query<{ code: string; fn: string; n: number }>(
    `SELECT c.code, d.value AS fn,
            (SELECT count(*)::int FROM units u WHERE u.function = d.value
               AND (u.region_code LIKE '350602%' OR u.region_code = '350600000000')) AS n
     FROM categories c, jsonb_each_text(c.default_units) d`,
  );
  assert.ok(r.rows.length >= 145 * 2);
  const missing = r.rows.filter((x) => x.n === 0).map((x) => `${x.code}:${x.fn}`);
  assert.deepEqual(missing, []);
});

void test('list: region subtree, function and text filters; keyset pages neither repeat nor skip', async () => {
  const r = await t.call(
    'GET',
    '/api/v1/units?region=350602005000&function=community_committee&limit=500',
    admin,
  );
  assert.equal(r.statusCode, 200);
  const items = r.json<{ items: UnitBody[] }>().items;
  const villages = await t.ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM regions WHERE level = 'village' AND code LIKE '350602005%'`,
  );
  assert.equal(items.length, villages.rows[0]?.n);
  assert.ok(
    items.every((u) => u.region_code.startsWith('350602005') && u.function === 'community_committee'),
  );
  const q = await t.call('GET', `/api/v1/units?q=${encodeURIComponent('交警')}&region=350602000000`, admin);
  assert.deepEqual(
    q.json<{ items: UnitBody[] }>().items.map((u) => u.name),
    ['芗城区交警大队'],
  );

  const seen: string[] = [];
  let next: string | null = null;
  do {
    const page = await t.call(
      'GET',
      `/api/v1/units?region=350602001000&limit=4${next ? `&after=${next}` : ''}`,
      admin,
    );
    const body = page.json<{ items: UnitBody[]; next: string | null }>();
    seen.push(...body.items.map((u) => u.id));
    next = body.next;
  } while (next);
  const all = await t.ctx.db.query<{ id: string }>(
    `SELECT id FROM units WHERE region_code LIKE '350602001%' ORDER BY id COLLATE "C"`,
  );
  assert.deepEqual(
    seen,
    all.rows.map((x) => x.id),
  );
});

void test('scope: the 南坑街道 inspector sees only 南坑 units; 龙文区 units are neither listed nor readable', async () => {
  const r = await t.call('GET', '/api/v1/units?limit=500', inspector);
  assert.equal(r.statusCode, 200);
  const items = r.json<{ items: UnitBody[] }>().items;
  assert.ok(items.length > 3);
  assert.ok(
    items.every((u) => u.region_code.startsWith('350602005')),
    'only 南坑',
  );
  const longwen = await t.call('GET', '/api/v1/units?region=350603000000', inspector);
  assert.deepEqual(longwen.json<{ items: UnitBody[] }>().items, []);
  const one = await t.call('GET', '/api/v1/units/u-350603-urban_management', inspector);
  assert.equal(one.statusCode, 404);
  assert.equal(one.json<ErrorBody>().error.code, 'UNIT_NOT_FOUND');
  const byAdmin = await t.call('GET', '/api/v1/units/u-350603-urban_management', admin);
  assert.equal(byAdmin.json<{ unit: UnitBody }>().unit.name, '龙文区城市管理局');
});

void test('create: readable id, default kind, row and audit; name taken → 409; inspector → 403; outside scope → 403', async () => {
  const body = {
    name: '南坑碧湖物业服务中心',
    function: 'property_company',
    region_code: '350602005000',
    phone: '0596-2888888',
  };
  const r = await t.call('POST', '/api/v1/units', admin, body);
  assert.equal(r.statusCode, 201, r.body);
  const u = r.json<{ unit: UnitBody }>().unit;
  assert.equal(u.id, 'u-350602005-property_company-2'); // the demo one holds the plain id
  assert.equal(u.kind, 'property_company');
  assert.equal(u.version, 1);
  assert.deepEqual(await unitRow(u.id), { name: body.name, phone: body.phone, version: 1, active: true });
  const audit = await t.ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'unit.create' AND target = $1`, [
    'unit:' + u.id,
  ]);
  assert.equal(audit.rows.length, 1);

  const again = await t.call('POST', '/api/v1/units', admin, body);
  assert.equal(again.statusCode, 409);
  assert.equal(again.json<ErrorBody>().error.code, 'CONFLICT');
  const denied = await t.call('POST', '/api/v1/units', inspector, { ...body, name: '另一家物业' });
  assert.equal(denied.statusCode, 403);
  assert.equal(denied.json<ErrorBody>().error.code, 'FORBIDDEN');
  const badFn = await t.call('POST', '/api/v1/units', admin, { ...body, name: 'X', function: 'nope' });
  assert.equal(badFn.statusCode, 400);
  assert.ok(badFn.json<ErrorBody>().error.issues.some((i) => i.field === 'body.function'));
  const noRegion = await t.call('POST', '/api/v1/units', admin, {
    ...body,
    name: 'Y',
    region_code: '350602999000',
  });
  assert.equal(noRegion.statusCode, 400);
  assert.equal(noRegion.json<ErrorBody>().error.issues[0]?.field, 'region_code');

  await assert.rejects(
    createUnit(t.ctx, townshipAdmin, {
      name: '龙文某单位',
      function: 'urban_management',
      regionCode: '350603000000',
    }),
    (e: unknown) => e instanceof AppError && e.code === 'OUT_OF_SCOPE',
  );
  const inside = await createUnit(t.ctx, townshipAdmin, {
    name: '南坑综合执法队',
    function: 'urban_management',
    regionCode: '350602005000',
    parentId: 'u-350602005-street_office',
  });
  assert.equal(inside, 'u-350602005-urban_management');
  const n = await t.ctx.db.query(`SELECT 1 FROM units WHERE name = '龙文某单位'`);
  assert.equal(n.rows.length, 0);
});

void test('update: optimistic version; stale version → 409 and the row unchanged; outside scope → not found', async () => {
  const id = 'u-350602-water_resources';
  const before = await unitRow(id);
  assert.equal(before?.version, 1);
  const r = await t.call('PATCH', `/api/v1/units/${id}`, admin, {
    version: 1,
    phone: '0596-2020202',
    name: '芗城区水利局（河长办）',
  });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json<{ unit: UnitBody }>().unit.version, 2);
  assert.deepEqual(await unitRow(id), {
    name: '芗城区水利局（河长办）',
    phone: '0596-2020202',
    version: 2,
    active: true,
  });

  const stale = await t.call('PATCH', `/api/v1/units/${id}`, admin, { version: 1, active: false });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json<ErrorBody>().error.code, 'CONFLICT');
  assert.deepEqual(await unitRow(id), {
    name: '芗城区水利局（河长办）',
    phone: '0596-2020202',
    version: 2,
    active: true,
  });

  const cleared = await t.call('PATCH', `/api/v1/units/${id}`, admin, {
    version: 2,
    phone: null,
    active: false,
  });
  assert.equal(cleared.statusCode, 200);
  assert.deepEqual(await unitRow(id), {
    name: '芗城区水利局（河长办）',
    phone: null,
    version: 3,
    active: false,
  });
  const inactive = await t.call(
    'GET',
    '/api/v1/units?region=350602000000&function=water_resources&active=false',
    admin,
  );
  assert.deepEqual(
    inactive.json<{ items: UnitBody[] }>().items.map((u) => u.id),
    [id],
  );

  const loop = await t.call('PATCH', '/api/v1/units/u-3506-water_resources', admin, {
    version: 1,
    parent_id: id,
  });
  assert.equal(loop.statusCode, 400);
  assert.equal(loop.json<ErrorBody>().error.issues[0]?.field, 'parent_id');

  await assert.rejects(
    updateUnitCommand(t.ctx, townshipAdmin, 'u-350603-urban_management', { version: 1, name: 'x' }),
    (e: unknown) => e instanceof AppError && e.code === 'UNIT_NOT_FOUND',
  );
  assert.equal((await unitRow('u-350603-urban_management'))?.name, '龙文区城市管理局');
});
