// The working time between two instants: how much of a time limit a case has used (holidays, weekends
// and hours outside the working periods do not count).
import { invalid } from '../../domain/errors.ts';
import type { AppContext } from '../context.ts';
import { loadWorkingCalendar } from './load-working-calendar.ts';

/** Working ms in [from, to) and the length of a working day. Refuses VALIDATION_FAILED when to < from. */
export async function measureWorkingTime(
  ctx: AppContext,
  from: Date,
  to: Date,
): Promise<{ workingMs: number; workingMsPerDay: number }> {
  if (to.getTime() < from.getTime()) {
    throw invalid('to', '结束时间不能早于开始时间', 'to must not be before from');
  }
  const cal = await loadWorkingCalendar(ctx);
  return { workingMs: cal.workingMsBetween(from, to), workingMsPerDay: cal.workingMsPerDay };
}
