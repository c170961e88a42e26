// Reads one category of the taxonomy (shared by every region: no scope applies).
import { AppError } from '../../domain/errors.ts';
import { findCategory, type CategoryRow } from '../../store/category-store.ts';
import type { Queryable } from '../../store/db.ts';

/** The category, or CATEGORY_NOT_FOUND. */
export async function getCategory(q: Queryable, code: string): Promise<CategoryRow> {
  const c = await findCategory(q, code);
  if (!c) throw new AppError('CATEGORY_NOT_FOUND', { details: { code } });
  return c;
}
