// Removes the template made by prepare-template.ts.
import { rmSync } from 'node:fs';
import { openDb } from '../../src/store/db.ts';
import { ENGINE, PG_URL, TEMPLATE_DB, TEMPLATE_FILE } from './engine.ts';

if (ENGINE === 'postgres') {
  const admin = await openDb({ databaseUrl: PG_URL, poolSize: 1 });
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.close();
} else {
  rmSync(TEMPLATE_FILE, { force: true });
}
