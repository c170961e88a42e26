// The HTTP contract every route keeps: declared access, one error shape in zh and en, docs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { registerRouteGuard } from '../src/http/plugins/route-guard.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
before(async () => {
  t = await openTestApp();
});
after(async () => t.close());

void test('a route that declares no access stops the app from starting', async () => {
  const app = Fastify();
  registerRouteGuard(app);
  assert.throws(() => app.get('/oops', async () => 'open'), /declares no access/);
  app.get('/fine', { config: { access: 'public' } }, async () => 'ok');
  await app.close();
});

void test('malformed JSON, unknown route, wrong types: one error shape, field named, zh and en', async () => {
  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: '{"username": ',
  });
  assert.equal(bad.statusCode, 400);
  const e = bad.json<{ error: { code: string; issues: { field: string; zh: string; en: string }[] } }>()
    .error;
  assert.equal(e.code, 'VALIDATION_FAILED');
  assert.equal(e.issues[0]?.field, 'body');
  const missing = await t.call('POST', '/api/v1/auth/login', undefined, { username: 'admin' });
  const m = missing.json<{
    error: { message: string; message_en: string; issues: { field: string; zh: string; en: string }[] };
  }>().error;
  assert.deepEqual(
    m.issues.map((i) => i.field),
    ['body.password'],
  );
  assert.equal(m.issues[0]?.zh, '为必填项');
  assert.equal(m.issues[0]?.en, 'is required');
  assert.match(m.message, /body\.password/);
  const nf = await t.call('GET', '/api/v1/nothing-here');
  assert.equal(nf.statusCode, 404);
  assert.equal(nf.json<{ error: { code: string } }>().error.code, 'ROUTE_NOT_FOUND');
  assert.ok(!bad.body.includes('    at '), 'no stack trace');
});

void test('OpenAPI document lists the routes; /docs is served', async () => {
  const doc = await t.app.inject({ method: 'GET', url: '/docs/json' });
  assert.equal(doc.statusCode, 200);
  const paths = Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths);
  for (const p of [
    '/api/v1/auth/login',
    '/api/v1/regions',
    '/api/v1/grids',
    '/api/v1/locate',
    '/api/v1/users',
  ])
    assert.ok(paths.includes(p), p);
  const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
  assert.equal(ui.statusCode, 200);
  const health = await t.call('GET', '/api/v1/health');
  assert.equal(health.json<{ status: string }>().status, 'ok');
});
