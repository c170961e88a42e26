// Account administration: policy, bindings, scope, optimistic versions, audit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
let admin: string;
before(async () => {
  t = await openTestApp();
  admin = await t.login('admin');
});
after(async () => t.close());

interface UserBody {
  user: { id: string; username: string; roles: string[]; regions: string[]; version: number; status: string };
}

void test('admin creates a grid worker bound to a village; row, binding and audit written', async () => {
  const r = await t.call('POST', '/api/v1/users', admin, {
    username: 'wang.wu',
    display_name: '王五',
    password: 'Grid@Worker1',
    roles: ['grid_worker'],
    regions: ['350602005001'],
  });
  assert.equal(r.statusCode, 201, r.body);
  const u = r.json<UserBody>().user;
  assert.deepEqual(u.regions, ['350602005001']);
  const row = (
    await t.ctx.db.query<{ must_change_password: boolean; roles: string[] }>(
      'SELECT must_change_password, roles FROM users WHERE id = $1',
      [u.id],
    )
  ).rows[0];
  assert.equal(row?.must_change_password, true);
  assert.deepEqual(row?.roles, ['grid_worker']);
  const audit = await t.ctx.db.query(
    `SELECT 1 FROM audit_log WHERE action = 'user.create' AND target = 'user:wang.wu'`,
  );
  assert.equal(audit.rowCount, 1);
});

void test('bad user input names every field, zh and en, and writes nothing', async () => {
  const r = await t.call('POST', '/api/v1/users', admin, {
    username: 'x',
    display_name: '',
    password: 'pw',
    roles: ['mayor'],
    regions: ['12'],
  });
  assert.equal(r.statusCode, 400);
  const fields = r
    .json<{ error: { issues: { field: string; zh: string; en: string }[] } }>()
    .error.issues.map((i) => i.field);
  for (const f of ['body.username', 'body.display_name', 'body.roles[0]', 'body.regions[0]'])
    assert.ok(fields.includes(f), `${f} in ${fields.join(',')}`);
  assert.equal((await t.ctx.db.query(`SELECT 1 FROM users WHERE username = 'x'`)).rowCount, 0);

  const weak = await t.call('POST', '/api/v1/users', admin, {
    username: 'zhao.liu',
    display_name: '赵六',
    password: 'abcdefgh',
    roles: ['operator'],
    regions: ['350600000000'],
  });
  assert.equal(weak.statusCode, 400);
  assert.equal(weak.json<{ error: { code: string } }>().error.code, 'WEAK_PASSWORD');
  const nowhere = await t.call('POST', '/api/v1/users', admin, {
    username: 'zhao.liu',
    display_name: '赵六',
    password: 'Abcdefg@1',
    roles: ['operator'],
    regions: ['350599000000'],
  });
  assert.equal(nowhere.statusCode, 400);
  assert.equal(
    nowhere.json<{ error: { issues: { field: string }[] } }>().error.issues[0]?.field,
    'regions[0]',
  );
  assert.equal((await t.ctx.db.query(`SELECT 1 FROM users WHERE username = 'zhao.liu'`)).rowCount, 0);
});

void test('duplicate username → 409 CONFLICT naming username', async () => {
  const r = await t.call('POST', '/api/v1/users', admin, {
    username: 'operator',
    display_name: '重复',
    password: 'Abcdefg@1',
    roles: ['operator'],
    regions: ['350600000000'],
  });
  assert.equal(r.statusCode, 409);
  assert.equal(r.json<{ error: { issues: { field: string }[] } }>().error.issues[0]?.field, 'username');
});

void test('optimistic update: stale version → 409 and the row keeps the first change', async () => {
  const list = await t.call('GET', '/api/v1/users?q=wang.wu', admin);
  const u = list.json<{ items: UserBody['user'][] }>().items[0]!;
  const first = await t.call('PATCH', `/api/v1/users/${u.id}`, admin, {
    version: u.version,
    display_name: '王五（专职）',
  });
  assert.equal(first.statusCode, 200, first.body);
  const stale = await t.call('PATCH', `/api/v1/users/${u.id}`, admin, {
    version: u.version,
    display_name: '冲突',
  });
  assert.equal(stale.statusCode, 409);
  const row = (
    await t.ctx.db.query<{ display_name: string; version: number }>(
      'SELECT display_name, version FROM users WHERE id = $1',
      [u.id],
    )
  ).rows[0];
  assert.equal(row?.display_name, '王五（专职）');
  assert.equal(row?.version, u.version + 1);
});

void test('disabling a user ends their sessions', async () => {
  const token = await t.login('county');
  const me = (await t.call('GET', '/api/v1/auth/me', token)).json<{ user: { id: string; version: number } }>()
    .user;
  const r = await t.call('PATCH', `/api/v1/users/${me.id}`, admin, {
    version: me.version,
    status: 'disabled',
  });
  assert.equal(r.statusCode, 200);
  assert.equal((await t.call('GET', '/api/v1/auth/me', token)).statusCode, 401);
  const login = await t.call('POST', '/api/v1/auth/login', undefined, {
    username: 'county',
    password: 'Wangge@2026',
  });
  assert.equal(login.json<{ error: { code: string } }>().error.code, 'ACCOUNT_DISABLED');
});

void test('scope in SQL: a county leader lists only users bound inside the county', async () => {
  // leader of the whole city sees the 南坑 inspector; a 龙文区-bound admin does not.
  const create = await t.call('POST', '/api/v1/users', admin, {
    username: 'lw.admin',
    display_name: '龙文区管理员',
    password: 'Longwen@2026',
    roles: ['admin'],
    regions: ['350603000000'],
  });
  assert.equal(create.statusCode, 201);
  const id = create.json<UserBody>().user.id;
  await t.call('POST', `/api/v1/users/${id}/password`, admin, { password: 'Longwen@2027' });
  const lw = await t.login('lw.admin', 'Longwen@2027');
  const seen = (await t.call('GET', '/api/v1/users?limit=500', lw))
    .json<{ items: { username: string }[] }>()
    .items.map((u) => u.username);
  assert.deepEqual(seen, ['lw.admin']);
  const inspector = (await t.call('GET', '/api/v1/users?q=inspector', admin)).json<{
    items: { id: string }[];
  }>().items[0]!;
  const read = await t.call('GET', `/api/v1/users/${inspector.id}`, lw);
  assert.equal(read.statusCode, 404);
  const bind = await t.call('POST', '/api/v1/users', lw, {
    username: 'lw.op',
    display_name: '越权',
    password: 'Longwen@2026',
    roles: ['operator'],
    regions: ['350602000000'],
  });
  assert.equal(bind.statusCode, 400);
  assert.match(bind.json<{ error: { issues: { zh: string }[] } }>().error.issues[0]?.zh ?? '', /超出/);
});
