// 预约 for staff of a service centre: offer a service, open its slots over a date range on
// working days — and on holidays only when asked (节假日办事预约) — list the bookings (names and
// phones masked) and confirm them.
import {
  formatLocalDate,
  localInstant,
  parseLocalDate,
  parseHhmm,
} from '../../domain/calendar/local-date.ts';
import { AppError, invalid, type FieldIssue } from '../../domain/errors.ts';
import { maskName, maskPhone } from '../../domain/personal/mask.ts';
import { assertInScope, scopePatterns } from '../../domain/regions/scope.ts';
import {
  confirmAppointment,
  findAppointment,
  findService,
  findSlot,
  insertService,
  insertSlots,
  listAppointments,
  listServices,
  listSlots,
  type ServiceRow,
  type SlotRow,
} from '../../store/appointment-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { loadWorkingCalendar } from '../calendar/load-working-calendar.ts';

const MAX_DAYS = 92;

export async function createService(
  ctx: AppContext,
  actor: Actor,
  input: { regionCode: string; name: string; place: string },
): Promise<ServiceRow> {
  assertInScope(actor.scope, input.regionCode);
  const level = (
    await ctx.db.query<{ level: string }>('SELECT level FROM regions WHERE code = $1', [input.regionCode])
  ).rows[0]?.level;
  const issues: FieldIssue[] = [];
  if (level !== 'township' && level !== 'village')
    issues.push({
      field: 'region_code',
      zh: '应为乡镇（街道）或村（社区）',
      en: 'must be a township or a community',
    });
  if (input.name.trim().length < 2) issues.push({ field: 'name', zh: '请填写服务名称', en: 'is required' });
  if (input.place.trim().length < 2) issues.push({ field: 'place', zh: '请填写办理地点', en: 'is required' });
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
  return insertService(ctx.db, {
    regionCode: input.regionCode,
    name: input.name.trim(),
    place: input.place.trim(),
    at: ctx.clock.now(),
  });
}

async function ownService(ctx: AppContext, actor: Actor, id: string): Promise<ServiceRow> {
  const s = await findService(ctx.db, id);
  if (!s) throw new AppError('NOT_FOUND', { details: { service: id } });
  assertInScope(actor.scope, s.region_code);
  return s;
}

/** The active services of the actor's scope (staff of a service centre). */
export async function listServicesInScope(ctx: AppContext, actor: Actor): Promise<ServiceRow[]> {
  return listServices(ctx.db, scopePatterns(actor.scope));
}

/** The slots of a service in the actor's scope, with places taken and left. */
export async function listServiceSlots(
  ctx: AppContext,
  actor: Actor,
  serviceId: string,
  from: Date,
  to: Date,
): Promise<{ service: ServiceRow; slots: SlotRow[] }> {
  const service = await ownService(ctx, actor, serviceId);
  return { service, slots: await listSlots(ctx.db, serviceId, from, to) };
}

export async function openSlots(
  ctx: AppContext,
  actor: Actor,
  serviceId: string,
  input: { from: string; to: string; times: string[]; capacity: number; includeHolidays: boolean },
): Promise<{ created: number; holiday_slots: number }> {
  await ownService(ctx, actor, serviceId);
  const from = parseLocalDate(input.from);
  const to = parseLocalDate(input.to);
  if ('error' in from) throw invalid('from', '应为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
  if ('error' in to) throw invalid('to', '应为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
  if (to.day < from.day || to.day - from.day >= MAX_DAYS)
    throw invalid(
      'to',
      `结束日期应在开始日期之后 ${MAX_DAYS} 天内`,
      `must be on or after from, within ${MAX_DAYS} days`,
    );
  const windows = input.times.map((t, i) => {
    const [a = '', b = ''] = t.split('-');
    const s = parseHhmm(a);
    const e = parseHhmm(b);
    if (s === null || e === null || s >= e)
      throw invalid(`times[${i}]`, '时段格式应为 09:00-10:00', 'must look like 09:00-10:00');
    return [a, b] as const;
  });
  const cal = await loadWorkingCalendar(ctx);
  const now = ctx.clock.now();
  const slots: { startsAt: Date; endsAt: Date; capacity: number; holiday: boolean }[] = [];
  for (let d = from.day; d <= to.day; d++) {
    const date = formatLocalDate(d);
    const working = cal.isWorkingDay(date);
    if (!working && !input.includeHolidays) continue;
    for (const [a, b] of windows) {
      const startsAt = localInstant(date, a);
      if (startsAt <= now) continue;
      slots.push({ startsAt, endsAt: localInstant(date, b), capacity: input.capacity, holiday: !working });
    }
  }
  const created = await ctx.db.tx((q) => insertSlots(q, serviceId, slots));
  return { created, holiday_slots: slots.filter((s) => s.holiday).length };
}

export async function listBookings(ctx: AppContext, actor: Actor, serviceId: string, from: Date, to: Date) {
  await ownService(ctx, actor, serviceId);
  const rows = await listAppointments(ctx.db, serviceId, from, to);
  return rows.map((a) => ({
    id: a.id,
    code: a.code,
    slot: { starts_at: a.starts_at.toISOString(), ends_at: a.ends_at.toISOString() },
    name: maskName(ctx.sealer.open(a.name_sealed, 'appointments.name')),
    phone: maskPhone(ctx.sealer.open(a.phone_sealed, 'appointments.phone')),
    status: a.status,
    confirmed_at: a.confirmed_at?.toISOString() ?? null,
  }));
}

export async function confirmBooking(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const a = await findAppointment(ctx.db, id);
  const slot = a ? await findSlot(ctx.db, a.slot_id) : undefined;
  if (!a || !slot) throw new AppError('NOT_FOUND', { details: { appointment: id } });
  await ownService(ctx, actor, slot.service_id);
  if (!(await confirmAppointment(ctx.db, id, actor.userId, ctx.clock.now())))
    throw new AppError('CONFLICT', { details: { appointment: id, status: a.status } });
}
