#!/usr/bin/env node
// Builds the web apps when their build is missing or older than their sources: the console
// (web/console → dist/web/console) and the mobile apps (web/mobile → dist/web/mobile: /portal and
// /field), each checked against its own sources plus web/shared, package.json and package-lock.json, then
// reports the bundle sizes. `npm start` runs it first (prestart), and so does `npm test` before
// the browser tests.
//   node scripts/ensure-web-build.mjs [--force]
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { DEFAULT_DIST, MOBILE_DIST, reportMobile, reportWeb } from './web-size.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));

export const APPS = [
  {
    name: 'console',
    src: join(repo, 'web', 'console'),
    dist: DEFAULT_DIST,
    index: 'index.html',
    report: reportWeb,
  },
  {
    name: 'mobile',
    src: join(repo, 'web', 'mobile'),
    dist: MOBILE_DIST,
    index: join('portal', 'index.html'),
    report: reportMobile,
  },
];

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path)
    .filter((f) => f !== 'node_modules' && !f.startsWith('.'))
    .reduce((m, f) => Math.max(m, newestMtime(join(path, f))), st.mtimeMs);
}

/** True when the app's build is missing or any of its sources is newer than it. */
export function isStale(app) {
  const stamp = join(app.dist, '.vite', 'manifest.json');
  if (!existsSync(stamp) || !existsSync(join(app.dist, app.index))) return true;
  const built = statSync(stamp).mtimeMs;
  const sources = [
    app.src,
    join(repo, 'web', 'shared'), // code both apps import
    join(repo, 'package.json'),
    join(repo, 'package-lock.json'),
  ].filter(existsSync);
  return sources.some((s) => newestMtime(s) > built);
}

/** Kept for callers of the first version: is the console's build stale? */
export function webBuildIsStale() {
  return isStale(APPS[0]);
}

/** Builds every stale app; returns true when all are up to date and within their budgets. */
export async function ensureWebBuild({ force = false, log = console.log } = {}) {
  let ok = true;
  for (const app of APPS) {
    if (!force && !isStale(app)) continue;
    log(`网格 Wangge: building the ${app.name} app (${app.src} → ${app.dist}) …`);
    const { build } = await import('vite');
    await build({ configFile: join(app.src, 'vite.config.ts'), logLevel: 'warn' });
    ok = app.report(app.dist, log) && ok;
  }
  return ok;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureWebBuild({ force: process.argv.includes('--force') }).then(
    (ok) => process.exit(ok ? 0 : 1),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
