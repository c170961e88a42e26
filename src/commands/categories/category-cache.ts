// A per-process cache of categories for hot paths (intake): the taxonomy is a few hundred rows
// that change rarely; an edit is seen here within TTL_MS.
import type { Db } from '../../store/db.ts';
import { listCategories, type CategoryRow } from '../../store/category-store.ts';

const TTL_MS = 5_000;
const caches = new WeakMap<Db, { at: number; byCode: Map<string, CategoryRow> }>();

export async function cachedCategory(db: Db, code: string): Promise<CategoryRow | undefined> {
  let c = caches.get(db);
  if (!c || Date.now() - c.at > TTL_MS) {
    c = { at: Date.now(), byCode: new Map((await listCategories(db, {})).map((r) => [r.code, r])) };
    caches.set(db, c);
  }
  return c.byCode.get(code);
}
