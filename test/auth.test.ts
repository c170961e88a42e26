// Login, lockout, idle timeout, password change, and the audit rows each leaves.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from './harness/test-app.ts';
import { DEMO_PASSWORD } from '../src/commands/demo/demo-users.ts';

let t: TestApp;
before(async () => {
  t = await openTestApp();
});
after(async () => t.close());

async function auditRows(username: string, action: string) {
  return (
    await t.ctx.db.query<{ outcome: string; details: Record<string, unknown> | null }>(
      'SELECT outcome, details FROM audit_log WHERE actor_name = $1 AND action = $2 ORDER BY id',
      [username, action],
    )
  ).rows;
}

void test('login returns a session that /auth/me accepts; the login is audited', async () => {
  const r = await t.call('POST', '/api/v1/auth/login', undefined, {
    username: 'operator',
    password: DEMO_PASSWORD,
  });
  assert.equal(r.statusCode, 200);
  const body = r.json<{
    token: string;
    user: { username: string; roles: string[]; permissions: string[] };
  }>();
  assert.equal(body.user.username, 'operator');
  assert.deepEqual(body.user.roles, ['operator']);
  assert.ok(r.headers['set-cookie']?.toString().includes('wangge_session='));
  const me = await t.call('GET', '/api/v1/auth/me', body.token);
  assert.equal(me.statusCode, 200);
  assert.deepEqual(me.json<{ scope: string[] }>().scope, ['350600000000']);
  const rows = await auditRows('operator', 'auth.login');
  assert.equal(rows.at(-1)?.outcome, 'ok');
  const s = await t.ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'operator' AND s.revoked_at IS NULL`,
  );
  assert.equal(s.rows[0]?.n, 1);
});

void test('wrong password: LOGIN_FAILED in zh and en, attempts counted; 5th failure locks for 15 minutes', async () => {
  for (let i = 1; i <= 4; i++) {
    const r = await t.call('POST', '/api/v1/auth/login', undefined, {
      username: 'dispatcher',
      password: 'Wrong@pass1',
    });
    assert.equal(r.statusCode, 401);
    const e = r.json<{
      error: { code: string; message: string; message_en: string; details: { attempts_left: number } };
    }>().error;
    assert.equal(e.code, 'LOGIN_FAILED');
    assert.match(e.message, /用户名或密码错误/);
    assert.match(e.message_en, /Wrong username or password/);
    assert.equal(e.details.attempts_left, 5 - i);
  }
  const fifth = await t.call('POST', '/api/v1/auth/login', undefined, {
    username: 'dispatcher',
    password: 'Wrong@pass1',
  });
  assert.equal(fifth.statusCode, 423);
  assert.equal(fifth.json<{ error: { code: string } }>().error.code, 'ACCOUNT_LOCKED');
  const row = (
    await t.ctx.db.query<{ locked_until: Date }>(
      `SELECT locked_until FROM users WHERE username = 'dispatcher'`,
    )
  ).rows[0];
  assert.equal(row?.locked_until.getTime(), t.clock.now().getTime() + 15 * 60_000);
  // Even the right password is refused while locked …
  const locked = await t.call('POST', '/api/v1/auth/login', undefined, {
    username: 'dispatcher',
    password: DEMO_PASSWORD,
  });
  assert.equal(locked.statusCode, 423);
  // … and accepted once the 15 minutes have passed.
  t.clock.advance(15 * 60_000 + 1);
  const ok = await t.call('POST', '/api/v1/auth/login', undefined, {
    username: 'dispatcher',
    password: DEMO_PASSWORD,
  });
  assert.equal(ok.statusCode, 200);
  const rows = await auditRows('dispatcher', 'auth.login');
  assert.deepEqual(
    rows.map((r) => r.outcome),
    ['failed', 'failed', 'failed', 'failed', 'failed', 'denied', 'ok'],
  );
  assert.equal((await auditRows('dispatcher', 'auth.lockout')).length, 1);
});

void test('unknown user fails like a wrong password and is audited', async () => {
  const r = await t.call('POST', '/api/v1/auth/login', undefined, {
    username: 'nobody',
    password: 'Whatever@1',
  });
  assert.equal(r.statusCode, 401);
  assert.equal(r.json<{ error: { code: string } }>().error.code, 'LOGIN_FAILED');
  assert.equal((await auditRows('nobody', 'auth.login'))[0]?.details?.reason, 'unknown_user');
});

void test('idle session expires after 30 minutes; activity keeps it alive', async () => {
  const token = await t.login('leader');
  t.clock.advance(20 * 60_000);
  assert.equal((await t.call('GET', '/api/v1/auth/me', token)).statusCode, 200);
  t.clock.advance(20 * 60_000); // 40 min since login, 20 since last use
  assert.equal((await t.call('GET', '/api/v1/auth/me', token)).statusCode, 200);
  t.clock.advance(31 * 60_000);
  const r = await t.call('GET', '/api/v1/auth/me', token);
  assert.equal(r.statusCode, 401);
  assert.equal(r.json<{ error: { code: string } }>().error.code, 'SESSION_EXPIRED');
  // A page's other requests in the same burst are told the same, not a bare 401.
  const again = await t.call('GET', '/api/v1/auth/me', token);
  assert.equal(again.json<{ error: { code: string } }>().error.code, 'SESSION_EXPIRED');
  const expiredAudits = await t.ctx.db.query(
    `SELECT 1 FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE u.username = 'leader' AND a.action = 'auth.session_expired'`,
  );
  assert.equal(expiredAudits.rowCount, 1, 'revoked and recorded once');
  // The session is revoked for good, even if the clock were turned back.
  t.clock.advance(-31 * 60_000);
  assert.equal((await t.call('GET', '/api/v1/auth/me', token)).statusCode, 401);
});

void test('no token → 401; a role without the permission → 403', async () => {
  assert.equal((await t.call('GET', '/api/v1/users')).statusCode, 401);
  const token = await t.login('operator');
  const r = await t.call('GET', '/api/v1/users', token);
  assert.equal(r.statusCode, 403);
  assert.equal(r.json<{ error: { code: string } }>().error.code, 'FORBIDDEN');
});

void test('change password: policy enforced with the field named; the new one works, the old one not', async () => {
  const token = await t.login('supervisor');
  const weak = await t.call('POST', '/api/v1/auth/password', token, {
    current_password: DEMO_PASSWORD,
    new_password: 'short',
  });
  assert.equal(weak.statusCode, 400);
  const e = weak.json<{ error: { code: string; issues: { field: string; zh: string; en: string }[] } }>()
    .error;
  assert.equal(e.code, 'WEAK_PASSWORD');
  assert.ok(e.issues.length >= 2 && e.issues.every((i) => i.field === 'new_password' && i.zh && i.en));
  const wrong = await t.call('POST', '/api/v1/auth/password', token, {
    current_password: 'Nope@12345',
    new_password: 'Better@2027x',
  });
  assert.equal(
    wrong.json<{ error: { issues: { field: string }[] } }>().error.issues[0]?.field,
    'current_password',
  );
  const ok = await t.call('POST', '/api/v1/auth/password', token, {
    current_password: DEMO_PASSWORD,
    new_password: 'Better@2027x',
  });
  assert.equal(ok.statusCode, 200);
  assert.equal(
    (
      await t.call('POST', '/api/v1/auth/login', undefined, {
        username: 'supervisor',
        password: DEMO_PASSWORD,
      })
    ).statusCode,
    401,
  );
  assert.equal(
    (
      await t.call('POST', '/api/v1/auth/login', undefined, {
        username: 'supervisor',
        password: 'Better@2027x',
      })
    ).statusCode,
    200,
  );
  const hash = (
    await t.ctx.db.query<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE username = 'supervisor'`,
    )
  ).rows[0];
  assert.match(hash?.password_hash ?? '', /^\$argon2id\$/);
});

void test('logout revokes the session', async () => {
  const token = await t.login('county');
  assert.equal((await t.call('POST', '/api/v1/auth/logout', token)).statusCode, 200);
  assert.equal((await t.call('GET', '/api/v1/auth/me', token)).statusCode, 401);
});
