#!/usr/bin/env node
// `npm test`: prepares one migrated template database with the demo city (on the engine chosen
// by WANGGE_TEST_DB: pglite, the default, or postgres), then runs every test file with Node's
// test runner; each file starts from its own copy of the template.
//   npm test                      all tests on PGlite
//   WANGGE_TEST_DB=postgres npm test
//   npm test -- test/domain       only files under a path
// When test/browser files are part of the run, the console is built first if it is missing
// or older than its sources (scripts/ensure-web-build.mjs).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

const engine = process.env.WANGGE_TEST_DB ?? 'pglite';
if (!['pglite', 'postgres'].includes(engine)) {
  console.error(`WANGGE_TEST_DB must be pglite or postgres, not ${engine}`);
  process.exit(2);
}
const env = {
  ...process.env,
  WANGGE_TEST_DB: engine,
  WANGGE_TEST_TEMPLATE: process.env.WANGGE_TEST_TEMPLATE ?? `wangge_tpl_${process.pid}`,
  TZ: 'UTC', // tests must not depend on the machine's zone: the product always computes in Asia/Shanghai
};

function findTests(path) {
  if (statSync(path).isFile()) return path.endsWith('.test.ts') ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((f) => (f === 'node_modules' ? [] : findTests(join(path, f))));
}

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
const files = roots.flatMap(findTests);
if (!files.length) {
  console.error('no test files found under ' + roots.join(' '));
  process.exit(2);
}

const node = process.execPath;
// Browser tests need the built console: build it once here (only when stale), not in each file.
if (files.some((f) => f.split(sep).includes('browser'))) {
  const web = spawnSync(node, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit', env });
  if (web.status !== 0) process.exit(web.status ?? 1);
}
const prep = spawnSync(node, ['--import', 'tsx', 'test/harness/prepare-template.ts'], {
  stdio: 'inherit',
  env,
});
if (prep.status !== 0) process.exit(prep.status ?? 1);

const run = spawnSync(
  node,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000', ...files],
  { stdio: 'inherit', env },
);
const cleanup = spawnSync(node, ['--import', 'tsx', 'test/harness/drop-template.ts'], {
  stdio: 'inherit',
  env,
});
process.exit(run.status !== 0 ? (run.status ?? 1) : (cleanup.status ?? 0));
