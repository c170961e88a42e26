// Reads one case the actor may see, with its timeline.
import { AppError } from '../../domain/errors.ts';
import { findCase, listCaseEvents, type CaseEventRow, type CaseRow } from '../../store/case-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { canSeeCase } from './act-on-case.ts';

export async function getCase(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ caseRow: CaseRow; events: CaseEventRow[] }> {
  const c = /^[0-9a-f-]{36}$/.test(id) ? await findCase(ctx.db, id) : undefined;
  if (!c || !canSeeCase(actor, c)) throw new AppError('CASE_NOT_FOUND', { details: { id } });
  return { caseRow: c, events: await listCaseEvents(ctx.db, id) };
}
