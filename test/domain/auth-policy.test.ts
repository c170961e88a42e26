// Password policy and lockout rule (pure).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterFailedLogin, passwordProblems } from '../../src/domain/auth/password-policy.ts';
import { can, permissionsOf } from '../../src/domain/auth/roles.ts';

void test('password policy: length ≥ 8 and three character classes', () => {
  const cases: [string, number][] = [
    ['Wangge@2026', 0],
    ['abcDEF12', 0],
    ['abcdef12', 1], // two classes
    ['Ab1!', 1], // too short
    ['abcdefgh', 1], // one class
    ['aaaaaaaa', 2], // one class + repeated
    ['ABCdef!!', 0],
  ];
  for (const [pw, n] of cases) assert.equal(passwordProblems(pw).length, n, pw);
  const issues = passwordProblems('short');
  assert.ok(issues.every((i) => i.field === 'password' && i.zh.length > 0 && i.en.length > 0));
});

void test('password must not contain the username', () => {
  assert.equal(passwordProblems('Zhangsan@2026', 'zhangsan').length, 1);
  assert.equal(passwordProblems('Lisi@20260', 'zhangsan').length, 0);
});

void test('lockout after the 5th consecutive failure, for 15 minutes', () => {
  const now = new Date('2026-03-10T02:00:00Z');
  let failures = 0;
  for (let i = 1; i <= 4; i++) {
    const r = afterFailedLogin(failures, now);
    assert.equal(r.lockedUntil, null);
    assert.equal(r.failures, i);
    failures = r.failures;
  }
  const fifth = afterFailedLogin(failures, now);
  assert.equal(fifth.lockedUntil?.toISOString(), '2026-03-10T02:15:00.000Z');
  assert.equal(fifth.failures, 0);
});

void test('roles grant permissions: only admin writes users, leaders read audit', () => {
  assert.equal(can(['admin'], 'users:write'), true);
  assert.equal(can(['leader'], 'users:write'), false);
  assert.equal(can(['leader'], 'audit:read'), true);
  assert.equal(can(['operator'], 'audit:read'), false);
  assert.equal(can(['grid_worker'], 'grids:read'), true);
  assert.equal(can(['grid_worker'], 'grids:write'), false);
  assert.ok(permissionsOf(['operator', 'leader']).includes('audit:read'));
});
