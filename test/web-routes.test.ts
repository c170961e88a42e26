// Serving the console: index.html never cached, hashed assets cached for a year, client routes
// answered with index.html, while the API, the docs and Open311 keep their own answers; the
// landing page when there is no build.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/http/app.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
let web: FastifyInstance;
let bare: FastifyInstance;
before(async () => {
  t = await openTestApp();
  const dir = mkdtempSync(join(tmpdir(), 'wangge-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  web = await buildApp(t.ctx, { webDir: dir });
  bare = await buildApp(t.ctx, { webDir: null });
});
after(async () => {
  await web?.close();
  await bare?.close();
  await t?.close();
});

void test('index.html at / and for client routes, never cached', async () => {
  for (const url of ['/', '/intake', '/admin/users/42', '/login?next=%2Fmap']) {
    const r = await web.inject({ method: 'GET', url });
    assert.equal(r.statusCode, 200, url);
    assert.match(String(r.headers['content-type']), /text\/html/, url);
    assert.equal(r.headers['cache-control'], 'no-cache', url);
    assert.match(r.body, /<title>console<\/title>/, url);
  }
});

void test('hashed assets: long immutable cache; a missing asset is a 404, not index.html', async () => {
  const r = await web.inject({ method: 'GET', url: '/assets/index-abc123.js' });
  assert.equal(r.statusCode, 200);
  assert.match(String(r.headers['content-type']), /javascript/);
  assert.match(String(r.headers['cache-control']), /max-age=31536000/);
  assert.match(String(r.headers['cache-control']), /immutable/);
  assert.equal((await web.inject({ method: 'GET', url: '/assets/nope.js' })).statusCode, 404);
  for (const url of ['/assets/..%2f..%2fpackage.json', '/assets/', '/assets//x.js', '/assets/..%5cx.js']) {
    assert.equal((await web.inject({ method: 'GET', url })).statusCode, 404, url);
  }
  const fav = await web.inject({ method: 'GET', url: '/favicon.svg' });
  assert.equal(fav.statusCode, 200);
  assert.match(String(fav.headers['content-type']), /svg/);
});

void test('the API, the docs and Open311 are untouched by the console', async () => {
  const health = await web.inject({ method: 'GET', url: '/api/v1/health' });
  assert.equal(health.statusCode, 200);
  assert.equal(health.json<{ status: string }>().status, 'ok');
  const missing = await web.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json<{ error: { code: string } }>().error.code, 'ROUTE_NOT_FOUND');
  assert.equal((await web.inject({ method: 'GET', url: '/open311/v2/discovery.json' })).statusCode, 200);
  const o311missing = await web.inject({ method: 'GET', url: '/open311/v2/nope.json' });
  assert.equal(o311missing.statusCode, 404);
  assert.doesNotMatch(String(o311missing.headers['content-type']), /text\/html/);
  const docs = await web.inject({ method: 'GET', url: '/docs/json' });
  assert.equal(docs.statusCode, 200);
  assert.ok(docs.json<{ openapi: string }>().openapi);
});

void test('without a build: the landing page at /', async () => {
  const r = await bare.inject({ method: 'GET', url: '/' });
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /网格 Wangge/);
  assert.match(r.body, /\/docs/);
  assert.equal((await bare.inject({ method: 'GET', url: '/intake' })).statusCode, 404);
});
