// Lists the taxonomy, filtered by kind, major, activity and text (name, major name or code).
import type { CategoryKind } from '../../domain/categories/taxonomy.ts';
import { listCategories, type CategoryRow } from '../../store/category-store.ts';
import type { AppContext } from '../context.ts';

export interface ListCategoriesInput {
  kind?: CategoryKind | undefined;
  major?: string | undefined;
  active?: boolean | undefined;
  q?: string | undefined;
}

/** Every matching category, ordered by code (the taxonomy is small: no pagination). */
export async function listCategoriesCommand(
  ctx: AppContext,
  input: ListCategoriesInput,
): Promise<CategoryRow[]> {
  return listCategories(ctx.db, {
    kind: input.kind,
    majorCode: input.major,
    active: input.active,
    text: input.q?.trim() || undefined,
  });
}
