// The server half of the intake benchmark, run as a child process so that the load generator
// has its own core: a fresh database with the demo city, the real app, and beside it a bare
// route doing one INSERT … RETURNING into a one-table schema. Prints {"port":N} when ready.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../src/commands/create-context.ts';
import { initializeDatabase } from '../src/commands/demo/initialize-database.ts';
import { LocalFileStore } from '../src/commands/files/file-store.ts';
import { SEAL_KEY_FOR_TESTS, createSealer } from '../src/commands/personal/sealer.ts';
import { buildApp } from '../src/http/app.ts';
import { openDb } from '../src/store/db.ts';

const url = process.env.BENCH_DATABASE_URL || undefined;
const db = await openDb({ databaseUrl: url, poolSize: 20 });
const ctx = createContext(db, {
  sealer: createSealer(SEAL_KEY_FOR_TESTS),
  files: new LocalFileStore(mkdtempSync(join(tmpdir(), 'wangge-bench-'))),
});
await initializeDatabase(ctx, { log: (l) => console.error(l) });
await ctx.locator.refresh(true);
await db.exec(
  'CREATE TABLE IF NOT EXISTS bench_bare (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())',
);
const app = await buildApp(ctx);
app.post('/bench/bare', { config: { access: 'public' } }, async (req) => {
  const r = await db.query<{ id: number }>('INSERT INTO bench_bare (body) VALUES ($1) RETURNING id', [
    JSON.stringify(req.body),
  ]);
  return { id: r.rows[0]!.id };
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => db.close())
    .then(() => process.exit(0));
});
