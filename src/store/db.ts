// One database interface over two engines: embedded PGlite (in-process, data in a directory)
// and PostgreSQL 15+ through a node-postgres pool. Same SQL, same migrations, same results
// (int8 parsed to number on both; numeric stays a string on both).
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Anything that can run one parameterized statement: the database or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /**
   * Runs fn in one transaction: committed if it resolves, rolled back if it throws. Inside fn use
   * only the given Queryable: PGlite has one connection, so a query on the Db itself would wait
   * for this very transaction and never run.
   */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). No parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

pg.types.setTypeParser(20, (v: string) => Number(v)); // int8 → number, as PGlite does

class PostgresDb implements Db {
  readonly engine = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {}

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const r = await this.pool.query(sql, params as unknown[]);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  }

  async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const q: Queryable = {
        query: async <R>(sql: string, params: readonly unknown[] = []) => {
          const r = await client.query(sql, params as unknown[]);
          return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
        },
      };
      const out = await fn(q);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

class PgliteDb implements Db {
  readonly engine = 'pglite' as const;
  constructor(readonly pglite: PGlite) {}

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const r = await this.pglite.query<T>(sql, params as unknown[]);
    return { rows: r.rows, rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) };
  }

  async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.pglite.transaction(async (t) =>
      fn({
        query: async <R>(sql: string, params: readonly unknown[] = []) => {
          const r = await t.query<R>(sql, params as unknown[]);
          return { rows: r.rows, rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) };
        },
      }),
    );
  }

  async exec(sql: string): Promise<void> {
    await this.pglite.exec(sql);
  }

  async close(): Promise<void> {
    await this.pglite.close();
  }
}

export interface OpenDbOptions {
  /** postgres://… — when set, PostgreSQL is used and dataDir is ignored. */
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; omitted = in memory. */
  dataDir?: string | undefined;
  /** A dumped PGlite data directory to start from (tests start every file from one template). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite (created once per process). */
export async function openDb(opts: OpenDbOptions): Promise<Db> {
  if (opts.databaseUrl) {
    const url = new URL(opts.databaseUrl);
    // A URL without a user falls back to PGUSER/USER, then 'postgres' (no USER in some CI shells).
    if (!url.username) url.username = process.env.PGUSER ?? process.env.USER ?? 'postgres';
    const pool = new pg.Pool({ connectionString: url.toString(), max: opts.poolSize ?? 10 });
    // An idle client whose connection the server ends (restart, DROP DATABASE … FORCE) must not
    // crash the process; the pool discards it and the next query opens a new one.
    pool.on('error', () => undefined);
    const db = new PostgresDb(pool);
    await db.query('SELECT 1');
    return db;
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  return new PgliteDb(pglite);
}

/** The embedded engine's data directory as a gzipped tarball (test templates, backups). */
export async function dumpEmbedded(db: Db): Promise<Blob> {
  if (!(db instanceof PgliteDb)) throw new Error('dumpEmbedded: not an embedded database');
  return db.pglite.dumpDataDir('gzip');
}
