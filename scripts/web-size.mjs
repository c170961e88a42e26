#!/usr/bin/env node
// Size report of the console build (dist/web/console), from Vite's manifest: the gzipped size
// of the initial JavaScript (the entry and everything it imports statically, which the browser
// loads before the first screen) and of each lazy chunk. Fails (exit 1) when the initial JS is
// over the budget (300 kB gzipped, issue #4), or when ECharts or MapLibre are in it.
//   node scripts/web-size.mjs [DIST_DIR]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const INITIAL_BUDGET_BYTES = 300 * 1024;
// WANGGE_WEB_DIST moves the build elsewhere (e.g. one directory per parallel test run).
export const DEFAULT_DIST =
  process.env.WANGGE_WEB_DIST || fileURLToPath(new URL('../dist/web/console', import.meta.url));
const HEAVY = /echarts|maplibre/i;
/** The mobile apps (/portal, /field): one multi-page build; WANGGE_WEB_MOBILE_DIST moves it. */
export const MOBILE_DIST =
  process.env.WANGGE_WEB_MOBILE_DIST || fileURLToPath(new URL('../dist/web/mobile', import.meta.url));
export const MOBILE_BUDGET_BYTES = 200 * 1024;

/** Reads the manifest under `dist` and measures each emitted JS and CSS file (of one entry, if named). */
export function measureWeb(dist = DEFAULT_DIST, entry = undefined) {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  const gz = (file) => gzipSync(readFileSync(join(dist, file))).length;
  const initialKeys = new Set();
  const visit = (key) => {
    if (initialKeys.has(key) || !manifest[key]) return;
    initialKeys.add(key);
    for (const k of manifest[key].imports ?? []) visit(k);
  };
  for (const [key, chunk] of Object.entries(manifest))
    if (chunk.isEntry && (entry === undefined || key === entry)) visit(key);

  const files = new Map(); // file → { initial, gzip, key }
  for (const [key, chunk] of Object.entries(manifest)) {
    const initial = initialKeys.has(key);
    for (const file of [chunk.file, ...(chunk.css ?? [])]) {
      if (!/\.(js|css)$/.test(file)) continue;
      const prev = files.get(file);
      files.set(file, { file, key, initial: initial || (prev?.initial ?? false), gzip: gz(file) });
    }
  }
  const all = [...files.values()].sort((a, b) => b.gzip - a.gzip);
  const sum = (xs) => xs.reduce((n, f) => n + f.gzip, 0);
  const initialJs = all.filter((f) => f.initial && f.file.endsWith('.js'));
  const lazyJs = all.filter((f) => !f.initial && f.file.endsWith('.js'));
  return {
    initialJs,
    lazyJs,
    initialCss: all.filter((f) => f.initial && f.file.endsWith('.css')),
    initialJsBytes: sum(initialJs),
    lazyJsBytes: sum(lazyJs),
    heavyInInitial: initialJs.filter((f) => HEAVY.test(f.key) || HEAVY.test(f.file)),
  };
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

/** Prints the report; returns false when the budget is broken. */
export function reportWeb(dist = DEFAULT_DIST, log = console.log) {
  const m = measureWeb(dist);
  log('console bundle (gzipped):');
  log(
    `  initial JS  ${kb(m.initialJsBytes).padStart(9)}  (${m.initialJs.length} files, budget ${kb(INITIAL_BUDGET_BYTES)})`,
  );
  for (const f of m.initialJs) log(`    ${kb(f.gzip).padStart(9)}  ${f.file}`);
  for (const f of m.initialCss) log(`    ${kb(f.gzip).padStart(9)}  ${f.file} (css)`);
  log(`  lazy JS     ${kb(m.lazyJsBytes).padStart(9)}  (${m.lazyJs.length} files, loaded on demand)`);
  for (const f of m.lazyJs) log(`    ${kb(f.gzip).padStart(9)}  ${f.file}`);
  let ok = true;
  if (m.initialJsBytes > INITIAL_BUDGET_BYTES) {
    log(`FAIL: initial JS ${kb(m.initialJsBytes)} is over the budget of ${kb(INITIAL_BUDGET_BYTES)}`);
    ok = false;
  }
  for (const f of m.heavyInInitial) {
    log(`FAIL: ${f.file} (${f.key}) is in the initial bundle; load ECharts and MapLibre lazily`);
    ok = false;
  }
  return ok;
}

/** The mobile apps: each entry's initial JS against its own budget (200 kB gzipped, issue #5). */
export function reportMobile(dist = MOBILE_DIST, log = console.log) {
  let ok = true;
  for (const app of ['portal', 'field']) {
    const m = measureWeb(dist, `${app}/index.html`);
    log(
      `${app} app bundle (gzipped): initial JS ${kb(m.initialJsBytes)} (${m.initialJs.length} files, budget ${kb(MOBILE_BUDGET_BYTES)})`,
    );
    for (const f of m.initialJs) log(`    ${kb(f.gzip).padStart(9)}  ${f.file}`);
    if (m.initialJsBytes > MOBILE_BUDGET_BYTES) {
      log(`FAIL: ${app} initial JS ${kb(m.initialJsBytes)} is over the budget of ${kb(MOBILE_BUDGET_BYTES)}`);
      ok = false;
    }
  }
  return ok;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const consoleOk = reportWeb(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_DIST);
  const mobileOk = process.argv[2] ? true : reportMobile(MOBILE_DIST);
  process.exit(consoleOk && mobileOk ? 0 : 1);
}
