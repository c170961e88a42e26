// Every change of a case after intake goes through here: lock the row, check the version the
// caller read (stale → CONFLICT), apply the lifecycle table (wrong state, role or guard → a typed
// refusal), apply the action's effect, then update the case, append its event, any supervision
// order and an outbox message — one transaction.
import {
  transition,
  type CaseAction,
  type TransitionContext,
  type TransitionRefusal,
} from '../../domain/cases/lifecycle.ts';
import type { CaseState } from '../../domain/cases/lifecycle.ts';
import { AppError } from '../../domain/errors.ts';
import { inScope } from '../../domain/regions/scope.ts';
import { attachToCase } from '../../store/attachment-store.ts';
import { appendCaseEvent, appendOutbox, findCase, updateCase, type CaseRow } from '../../store/case-store.ts';
import type { Queryable } from '../../store/db.ts';
import type { Actor, AppContext } from '../context.ts';
import type { ActionInput } from './action-input.ts';
import { effectOf } from './case-effects.ts';
import { parseTimeLimit } from '../../domain/calendar/time-limit.ts';
import { loadWorkingCalendar } from '../calendar/load-working-calendar.ts';

/** The lifecycle's view of a case and an actor. */
export function transitionContext(ctx: AppContext, c: CaseRow, actor: Actor, now: Date): TransitionContext {
  return {
    state: c.state as CaseState,
    roles: actor.roles,
    actorUnits: actor.unitIds,
    leadUnitId: c.lead_unit_id,
    coUnitIds: c.co_unit_ids,
    pendingRequest: c.pending_request,
    published: c.published_at !== null,
    satisfaction: c.satisfaction,
    closedAt: c.closed_at,
    now,
    reopenWindowDays: ctx.config.reopenWindowDays,
  };
}

/** A case is visible to actors whose regions contain it and to handlers of its units. */
export function canSeeCase(actor: Actor, c: CaseRow): boolean {
  return (
    inScope(actor.scope, c.region_code) ||
    [c.lead_unit_id, ...c.co_unit_ids].some((u) => u !== null && actor.unitIds.includes(u))
  );
}

export function refusalError(r: TransitionRefusal): AppError {
  switch (r.code) {
    case 'CASE_ACTION_NOT_ALLOWED':
      return new AppError('CASE_ACTION_NOT_ALLOWED', { details: { action: r.action, state: r.state } });
    case 'FORBIDDEN':
      return new AppError('FORBIDDEN', { details: { action: r.action } });
    case 'CASE_GUARD_FAILED':
      return new AppError('CASE_GUARD_FAILED', { details: { action: r.action, guard: r.guard } });
  }
}

export async function actOnCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  action: CaseAction,
  input: ActionInput & { version: number },
): Promise<CaseRow> {
  const now = ctx.clock.now();
  const cal = await loadWorkingCalendar(ctx);
  const verifyLimit = parseTimeLimit(ctx.config.verifyLimit);
  return ctx.db.tx(async (q: Queryable) => {
    const c = await findCase(q, caseId, { forUpdate: true });
    if (!c || !canSeeCase(actor, c)) throw new AppError('CASE_NOT_FOUND', { details: { id: caseId } });
    if (c.version !== input.version)
      throw new AppError('CONFLICT', { details: { id: caseId, version: c.version, yours: input.version } });
    const out = transition(action, transitionContext(ctx, c, actor, now));
    if (!out.ok) throw refusalError(out.refusal);
    const effect = await effectOf(cal, verifyLimit, q, action, c, input, now);
    if (effect.photos.length) await attachToCase(q, c.id, effect.photos, actor.userId);
    const patch = { ...effect.patch, state: out.to };
    if (!(await updateCase(q, c.id, c.version, patch, now)))
      throw new AppError('CONFLICT', { details: { id: caseId } });
    await appendCaseEvent(q, {
      caseId: c.id,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      actorRole: actor.roles.find((r) => out.rule.who.includes(r)) ?? null,
      action,
      fromState: c.state,
      toState: out.to,
      note: effect.note,
      attachments: effect.photos,
      data: effect.data ?? null,
    });
    if (effect.supervision) {
      await q.query(
        `INSERT INTO supervision_orders (case_id, kind, level, unit_id, issued_at, issued_by, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          c.id,
          effect.supervision.kind,
          effect.supervision.level,
          effect.supervision.unitId,
          now,
          actor.userId,
          effect.supervision.note,
        ],
      );
    }
    await appendOutbox(q, {
      topic: `case.${action}`,
      key: c.id,
      payload: { id: c.id, code: c.code, action, from: c.state, to: out.to },
      at: now,
    });
    if (out.to === 'closed') {
      // Reporters whose reports were merged into this case are told its outcome too.
      const merged = await q.query<{ id: string; code: string }>(
        'SELECT id, code FROM cases WHERE merged_into = $1',
        [c.id],
      );
      for (const m of merged.rows) {
        await appendOutbox(q, {
          topic: 'case.outcome',
          key: m.id,
          payload: { id: m.id, code: m.code, survivor: c.code, state: 'closed' },
          at: now,
        });
      }
    }
    const updated = await findCase(q, c.id);
    if (!updated) throw new AppError('INTERNAL');
    return updated;
  });
}
