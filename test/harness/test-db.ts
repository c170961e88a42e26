// One isolated database per test file: a copy of the template (PGlite: loaded from the dump;
// PostgreSQL: CREATE DATABASE … TEMPLATE). Dropped when the file is done.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openDb, type Db } from '../../src/store/db.ts';
import { ENGINE, PG_URL, TEMPLATE_DB, TEMPLATE_FILE, pgUrlFor } from './engine.ts';

export interface TestDb {
  db: Db;
  close(): Promise<void>;
}

export async function openTestDb(): Promise<TestDb> {
  if (ENGINE === 'pglite') {
    const db = await openDb({ loadDataDir: new Blob([readFileSync(TEMPLATE_FILE)]) });
    return { db, close: () => db.close() };
  }
  const name = `wangge_t_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = await openDb({ databaseUrl: PG_URL, poolSize: 1 });
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
      break;
    } catch (e) {
      // Another file copying the template at the same moment: wait and retry.
      if (attempt >= 20 || !String(e).includes('being accessed by other users')) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const db = await openDb({ databaseUrl: pgUrlFor(name), poolSize: 5 });
  return {
    db,
    close: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}
