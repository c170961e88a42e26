// Serving the mobile apps: /portal and /field pages answered with their own index.html (never
// cached), their manifest and service worker, the shared hashed assets cached for a year, and
// nothing served for paths that try to leave the build.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/http/app.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
let app: FastifyInstance;
before(async () => {
  t = await openTestApp();
  const web = mkdtempSync(join(tmpdir(), 'wangge-console-'));
  writeFileSync(join(web, 'index.html'), '<title>console</title>');
  const dir = mkdtempSync(join(tmpdir(), 'wangge-mobile-'));
  for (const name of ['portal', 'field']) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'index.html'), `<title>${name}</title>`);
    writeFileSync(join(dir, name, 'manifest.webmanifest'), `{"name":"${name}"}`);
  }
  writeFileSync(join(dir, 'shell-sw.js'), '// the shared service worker');
  mkdirSync(join(dir, 'm-assets'));
  writeFileSync(join(dir, 'm-assets', 'portal-abc.js'), 'console.log(1)');
  app = await buildApp(t.ctx, { webDir: web, mobileDir: dir });
});
after(async () => {
  await app?.close();
  await t?.close();
});

void test('each app answers its pages with its own index.html, never cached', async () => {
  for (const [url, title] of [
    ['/portal/', 'portal'],
    ['/portal/track/3506-20260310-0000001?t=abc', 'portal'],
    ['/field/', 'field'],
    ['/field/tasks', 'field'],
    ['/', 'console'],
    ['/map', 'console'],
  ] as const) {
    const r = await app.inject({ method: 'GET', url });
    assert.equal(r.statusCode, 200, url);
    assert.match(r.body, new RegExp(`<title>${title}</title>`), url);
    assert.equal(r.headers['cache-control'], 'no-cache', url);
  }
  const bare = await app.inject({ method: 'GET', url: '/portal' });
  assert.equal(bare.statusCode, 302);
  assert.equal(bare.headers.location, '/portal/');
  const withPoint = await app.inject({ method: 'GET', url: '/portal?lng=117.6&lat=24.5&crs=gcj02' });
  assert.equal(withPoint.headers.location, '/portal/?lng=117.6&lat=24.5&crs=gcj02');
});

void test('manifest, service worker (scope allowed) and hashed assets', async () => {
  const m = await app.inject({ method: 'GET', url: '/field/manifest.webmanifest' });
  assert.equal(m.body, '{"name":"field"}');
  for (const name of ['portal', 'field']) {
    const sw = await app.inject({ method: 'GET', url: `/${name}/sw.js` });
    assert.equal(sw.body, '// the shared service worker', name);
    assert.equal(sw.headers['service-worker-allowed'], `/${name}/`);
    assert.match(String(sw.headers['cache-control']), /max-age=0/);
  }
  const a = await app.inject({ method: 'GET', url: '/m-assets/portal-abc.js' });
  assert.equal(a.statusCode, 200);
  assert.match(String(a.headers['cache-control']), /max-age=31536000/);
  assert.equal(
    (await app.inject({ method: 'GET', url: '/m-assets/..%2Fportal%2Findex.html' })).statusCode,
    404,
  );
  assert.equal((await app.inject({ method: 'GET', url: '/m-assets/missing.js' })).statusCode, 404);
  // The API is not shadowed.
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode, 200);
});
