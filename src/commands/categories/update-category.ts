// An administrator edits a category: name, time limits, default units, closing standard, active
// (optimistic: the caller sends the version it read; a stale version is a CONFLICT and nothing changes).
import type { DefaultUnits } from '../../domain/categories/taxonomy.ts';
import { AppError } from '../../domain/errors.ts';
import { appendAudit } from '../../store/audit-store.ts';
import { categoryNameTaken, updateCategory } from '../../store/category-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { getCategory } from './get-category.ts';
import { validateCategoryFields } from './validate-category-fields.ts';

export interface UpdateCategoryInput {
  version: number;
  name?: string | undefined;
  limitUrgent?: string | undefined;
  limitNormal?: string | undefined;
  defaultUnits?: DefaultUnits | undefined;
  closingStandard?: string | undefined;
  active?: boolean | undefined;
}

/** Applies the patch. Refuses CATEGORY_NOT_FOUND, VALIDATION_FAILED (each field), CONFLICT (name or version). */
export async function updateCategoryCommand(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: UpdateCategoryInput,
): Promise<void> {
  const now = ctx.clock.now();
  const issues = validateCategoryFields(input);
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
  const name = input.name?.trim();
  await ctx.db.tx(async (q) => {
    const current = await getCategory(q, code);
    if (
      name &&
      (await categoryNameTaken(q, {
        kind: current.kind,
        majorCode: current.major_code,
        name,
        exceptCode: code,
      }))
    ) {
      throw new AppError('CONFLICT', {
        issues: [
          { field: 'name', zh: `本大类已有小类 ${name}`, en: `the major already has a minor named ${name}` },
        ],
      });
    }
    const patch = { ...input, name, closingStandard: input.closingStandard?.trim() };
    if (!(await updateCategory(q, code, input.version, patch, now))) {
      throw new AppError('CONFLICT', { details: { code, version: input.version, current: current.version } });
    }
    await appendAudit(q, {
      at: now,
      actorId: actor.userId,
      actorName: actor.username,
      action: 'category.update',
      target: `category:${code}`,
      outcome: 'ok',
      details: { ...input },
    });
  });
}
