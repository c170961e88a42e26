// An administrator adds or replaces one year of the holiday arrangement (国务院办公厅节假日安排). The data
// is validated whole (every issue at once, paths like makeup_workdays[1]); the change is audited.
import { parseCalendarYear } from '../../domain/calendar/working-calendar.ts';
import { AppError } from '../../domain/errors.ts';
import { appendAudit } from '../../store/audit-store.ts';
import { bumpCalendarRevision, upsertCalendarYear } from '../../store/calendar-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { invalidateWorkingCalendar } from './load-working-calendar.ts';

export interface PutCalendarYearInput {
  year: number;
  holidays: unknown;
  makeupWorkdays: unknown;
}

/**
 * Stores the year and returns whether it was new. Refuses CALENDAR_YEAR_INVALID (422) for bad dates,
 * dates outside the year, make-up days on a weekday, repeated days or a day both holiday and make-up.
 */
export async function putCalendarYear(
  ctx: AppContext,
  actor: Actor,
  input: PutCalendarYearInput,
): Promise<boolean> {
  const now = ctx.clock.now();
  let year;
  try {
    year = parseCalendarYear({
      year: input.year,
      holidays: input.holidays,
      makeupWorkdays: input.makeupWorkdays,
    });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    // The API names the field as its body does (snake_case), not as the domain type does.
    const issues = e.issues.map((i) => ({
      ...i,
      field: i.field.replace(/^makeupWorkdays/, 'makeup_workdays'),
    }));
    throw new AppError(e.code, { issues });
  }
  const created = await ctx.db.tx(async (q) => {
    const isNew = await upsertCalendarYear(q, year, actor.userId, now);
    await bumpCalendarRevision(q, now);
    await appendAudit(q, {
      at: now,
      actorId: actor.userId,
      actorName: actor.username,
      action: 'calendar.put_year',
      target: `calendar:${year.year}`,
      outcome: 'ok',
      details: { created: isNew, holidays: year.holidays.length, makeup_workdays: year.makeupWorkdays },
    });
    return isNew;
  });
  invalidateWorkingCalendar(ctx.db);
  return created;
}
