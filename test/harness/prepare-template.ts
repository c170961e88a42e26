// Builds the template every test file starts from: migrated, with the demo city loaded through
// the same code path as `npm start`. PGlite: a dumped data directory; PostgreSQL: a template db.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createContext } from '../../src/commands/create-context.ts';
import { testEdges } from './test-app.ts';
import { initializeDatabase } from '../../src/commands/demo/initialize-database.ts';
import { dumpEmbedded, openDb } from '../../src/store/db.ts';
import { ENGINE, PG_URL, TEMPLATE_DB, TEMPLATE_FILE, pgUrlFor } from './engine.ts';

const started = Date.now();
if (ENGINE === 'postgres') {
  const admin = await openDb({ databaseUrl: PG_URL, poolSize: 1 });
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.close();
  const db = await openDb({ databaseUrl: pgUrlFor(TEMPLATE_DB), poolSize: 2 });
  await initializeDatabase(createContext(db, testEdges()), { log: () => undefined });
  await db.close();
} else {
  const db = await openDb({});
  await initializeDatabase(createContext(db, testEdges()), { log: () => undefined });
  const blob = await dumpEmbedded(db);
  mkdirSync(dirname(TEMPLATE_FILE), { recursive: true });
  writeFileSync(TEMPLATE_FILE, Buffer.from(await blob.arrayBuffer()));
  await db.close();
}
console.error(`test template (${ENGINE}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
