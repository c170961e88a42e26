// The deadline sweep (时限监控): recolours open cases by the working time they have used and,
// when a case turns yellow (80 %) or red (past the deadline), issues one automatic supervision
// order to its unit, with a case event and an outbox message for the unit and its leader.
// Idempotent and safe to run in several processes at once (rows are claimed with SKIP LOCKED).
import { deadlineColour, worsened } from '../domain/cases/deadline-colour.ts';
import { loadWorkingCalendar } from '../commands/calendar/load-working-calendar.ts';
import type { AppContext } from '../commands/context.ts';
import { appendCaseEvent, appendOutbox } from '../store/case-store.ts';
import { claimSweepCandidates, insertAutoSupervision, setCaseColour } from '../store/sweep-store.ts';
import { startLoop } from './loop.ts';

const BATCH = 500;
const NOTE = {
  yellow: '办理时限已过 80%，请抓紧办理（系统预警）',
  red: '已超过办理时限，系统自动督办',
} as const;

export interface SweepResult {
  checked: number;
  recoloured: number;
  orders: number;
}

export async function runDeadlineSweep(ctx: AppContext): Promise<SweepResult> {
  const cal = await loadWorkingCalendar(ctx);
  const now = ctx.clock.now();
  const total: SweepResult = { checked: 0, recoloured: 0, orders: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await ctx.db.tx(async (q) => {
      const rows = await claimSweepCandidates(q, after, BATCH);
      for (const c of rows) {
        const colour = deadlineColour(
          cal.workingMsBetween(c.dispatched_at, now),
          cal.workingMsBetween(c.dispatched_at, c.deadline_at),
        );
        if (!worsened(c.colour, colour)) continue;
        await setCaseColour(q, c.id, colour, now);
        total.recoloured++;
        if (colour === 'green') continue;
        if (
          !(await insertAutoSupervision(q, {
            caseId: c.id,
            level: colour,
            unitId: c.lead_unit_id,
            at: now,
            note: NOTE[colour],
          }))
        )
          continue;
        total.orders++;
        await appendCaseEvent(q, {
          caseId: c.id,
          at: now,
          actorId: null,
          actorName: '系统',
          actorRole: 'system',
          action: colour === 'red' ? 'auto_supervise' : 'auto_warn',
          fromState: c.state,
          toState: c.state,
          note: NOTE[colour],
          data: { colour, deadline_at: c.deadline_at.toISOString() },
        });
        await appendOutbox(q, {
          topic: 'case.supervised',
          key: c.id,
          payload: { id: c.id, code: c.code, level: colour, unit: c.lead_unit_id },
          at: now,
        });
      }
      return rows;
    });
    total.checked += batch.length;
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]!.id;
  }
  return total;
}

/** Runs the sweep every `everyMs` in the background; returns a stop function. Errors are logged. */
export function startDeadlineSweepLoop(
  ctx: AppContext,
  everyMs: number,
  log: (e: unknown) => void,
): () => void {
  return startLoop(() => runDeadlineSweep(ctx), everyMs, log);
}
