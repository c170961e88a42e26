// An administrator changes the daily working periods (default 08:30–12:00, 14:00–17:30); every working
// hour and working day limit is counted in them from then on. Audited.
import { buildWorkingCalendar, type WorkingHours } from '../../domain/calendar/working-calendar.ts';
import { appendAudit } from '../../store/audit-store.ts';
import { bumpCalendarRevision, saveWorkingHours } from '../../store/calendar-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { invalidateWorkingCalendar } from './load-working-calendar.ts';

/** Stores the hours. Refuses VALIDATION_FAILED for no periods, bad times, periods out of order or overlapping. */
export async function putWorkingHours(ctx: AppContext, actor: Actor, hours: WorkingHours): Promise<void> {
  const now = ctx.clock.now();
  buildWorkingCalendar([], hours); // validates the periods (issues named periods[i].start …)
  const clean: WorkingHours = { periods: hours.periods.map((p) => ({ start: p.start, end: p.end })) };
  await ctx.db.tx(async (q) => {
    await saveWorkingHours(q, clean, now);
    await bumpCalendarRevision(q, now);
    await appendAudit(q, {
      at: now,
      actorId: actor.userId,
      actorName: actor.username,
      action: 'calendar.put_working_hours',
      target: 'calendar:working_hours',
      outcome: 'ok',
      details: { ...clean },
    });
  });
  invalidateWorkingCalendar(ctx.db);
}
