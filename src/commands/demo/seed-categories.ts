// Loads the standard taxonomy (reference/categories.csv: 145 minor classes) into an empty or partly
// filled database; categories already there (same code, or same name in the major) are left as they are.
// The reference gives 0.5h for two emergencies (火灾, 燃气泄漏): they are stored as 30m (working minutes).
import { readFile } from 'node:fs/promises';
import { parseCategoriesCsv } from '../../domain/categories/taxonomy.ts';
import { insertCategories } from '../../store/category-store.ts';
import type { Queryable } from '../../store/db.ts';

export const CATEGORIES_CSV = new URL('../../../reference/categories.csv', import.meta.url);

/** Inserts the reference taxonomy; returns how many categories were added (0 when already seeded). */
export async function seedCategories(q: Queryable): Promise<number> {
  const categories = parseCategoriesCsv(await readFile(CATEGORIES_CSV, 'utf8'));
  return insertCategories(q, categories, new Date());
}
