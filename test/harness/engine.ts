// Which engine the tests run on, and where the template lives.
import { fileURLToPath } from 'node:url';

export const ENGINE = (process.env.WANGGE_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';
export const PG_URL = process.env.WANGGE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEMPLATE_DB = process.env.WANGGE_TEST_TEMPLATE ?? 'wangge_tpl_local';
export const TEMPLATE_FILE = fileURLToPath(new URL(`../../.cache/${TEMPLATE_DB}.tar.gz`, import.meta.url));

/** The URL of another database on the same PostgreSQL server. */
export function pgUrlFor(database: string): string {
  const u = new URL(PG_URL);
  u.pathname = '/' + database;
  return u.toString();
}
