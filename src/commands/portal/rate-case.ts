// 评价: the reporter rates a closed case from the portal (满意 / 基本满意 / 不满意). The rating is the
// case's follow-up (回访), recorded as the resident's; 不满意 within the reopen window reopens the
// case (重办) in the same transaction. The lifecycle table decides both, as for the desk.
import { transition, type CaseAction } from '../../domain/cases/lifecycle.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import { appendCaseEvent, appendOutbox, findCase, updateCase, type CaseRow } from '../../store/case-store.ts';
import type { Queryable } from '../../store/db.ts';
import { parseTimeLimit } from '../../domain/calendar/time-limit.ts';
import type { AppContext } from '../context.ts';
import { refusalError, transitionContext } from '../cases/act-on-case.ts';
import { effectOf } from '../cases/case-effects.ts';
import { loadWorkingCalendar } from '../calendar/load-working-calendar.ts';
import { findTrackedCase } from './track-case.ts';

const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

/** The portal acts for the desk (its roles), as the resident (the event names them). */
const PORTAL_ACTOR = {
  userId: '',
  username: 'portal',
  displayName: '群众（门户）',
  roles: ['operator' as const],
  scope: { regions: [] },
  unitIds: [],
};

export async function rateCase(
  ctx: AppContext,
  code: string,
  token: string,
  satisfaction: string,
  comment?: string,
): Promise<{ reopened: boolean }> {
  if (!(SATISFACTIONS as readonly string[]).includes(satisfaction))
    throw invalid(
      'satisfaction',
      '满意度应为 满意/基本满意/不满意',
      'must be satisfied, basically_satisfied or dissatisfied',
    );
  const tracked = await findTrackedCase(ctx, code, token);
  const now = ctx.clock.now();
  const cal = await loadWorkingCalendar(ctx);
  const verifyLimit = parseTimeLimit(ctx.config.verifyLimit);
  return ctx.db.tx(async (q) => {
    const step = async (c: CaseRow, action: CaseAction, input: Record<string, unknown>): Promise<CaseRow> => {
      const out = transition(action, transitionContext(ctx, c, PORTAL_ACTOR, now));
      if (!out.ok) throw refusalError(out.refusal);
      const effect = await effectOf(cal, verifyLimit, q, action, c, input, now);
      if (!(await updateCase(q, c.id, c.version, { ...effect.patch, state: out.to }, now)))
        throw new AppError('CONFLICT', { details: { code } });
      await appendCaseEvent(q, {
        caseId: c.id,
        at: now,
        actorId: null,
        actorName: PORTAL_ACTOR.displayName,
        actorRole: 'resident',
        action,
        fromState: c.state,
        toState: out.to,
        note: effect.note,
        data: { via: 'portal', ...(effect.data ?? {}) },
      });
      await appendOutbox(q, {
        topic: `case.${action}`,
        key: c.id,
        payload: { id: c.id, code: c.code, action, from: c.state, to: out.to, via: 'portal' },
        at: now,
      });
      return (await findCase(q, c.id))!;
    };
    const c = await lockCase(q, tracked.id);
    const rated = await step(c, 'follow_up', { satisfaction: satisfaction, note: comment });
    if (satisfaction !== 'dissatisfied') return { reopened: false };
    const canReopen = transition('reopen', transitionContext(ctx, rated, PORTAL_ACTOR, now)).ok;
    if (canReopen) await step(rated, 'reopen', { reason: comment?.trim() || '群众评价不满意，申请重办' });
    return { reopened: canReopen };
  });
}

async function lockCase(q: Queryable, id: string): Promise<CaseRow> {
  const c = await findCase(q, id, { forUpdate: true });
  if (!c) throw new AppError('CASE_NOT_FOUND', { details: { id } });
  return c;
}
