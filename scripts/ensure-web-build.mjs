#!/usr/bin/env node
// Builds the console (vite build + size report) when dist/web/console is missing or older than
// its sources: web/console, package.json and package-lock.json. `npm start` runs it first
// (prestart), and so does `npm test` before the browser tests.
//   node scripts/ensure-web-build.mjs [--force]
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { DEFAULT_DIST, reportWeb } from './web-size.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const webRoot = join(repo, 'web', 'console');
const stamp = join(DEFAULT_DIST, '.vite', 'manifest.json');

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path)
    .filter((f) => f !== 'node_modules' && !f.startsWith('.'))
    .reduce((m, f) => Math.max(m, newestMtime(join(path, f))), st.mtimeMs);
}

/** True when the build is missing or any source is newer than it. */
export function webBuildIsStale() {
  if (!existsSync(stamp) || !existsSync(join(DEFAULT_DIST, 'index.html'))) return true;
  const built = statSync(stamp).mtimeMs;
  const sources = [webRoot, join(repo, 'package.json'), join(repo, 'package-lock.json')].filter(existsSync);
  return sources.some((s) => newestMtime(s) > built);
}

/** Builds the console if needed; returns true when it is up to date and within budget. */
export async function ensureWebBuild({ force = false, log = console.log } = {}) {
  if (!force && !webBuildIsStale()) return true;
  log('网格 Wangge: building the console (web/console → dist/web/console) …');
  const { build } = await import('vite');
  await build({ configFile: join(webRoot, 'vite.config.ts'), logLevel: 'warn' });
  return reportWeb(DEFAULT_DIST, log);
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
