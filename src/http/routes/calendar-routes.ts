// The working calendar (工作日历): stored years of holidays and 调休 days, the working hours, and the
// arithmetic every deadline uses (deadline of a limit, working time between instants, day types).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { toShanghaiIso } from '../../commands/calendar/calendar-view.ts';
import { computeDeadline } from '../../commands/calendar/compute-deadline.ts';
import { getCalendarYear } from '../../commands/calendar/get-calendar-year.ts';
import { listCalendarDays } from '../../commands/calendar/list-calendar-days.ts';
import { loadCalendarSnapshot } from '../../commands/calendar/load-working-calendar.ts';
import { measureWorkingTime } from '../../commands/calendar/measure-working-time.ts';
import { putCalendarYear } from '../../commands/calendar/put-calendar-year.ts';
import { putWorkingHours } from '../../commands/calendar/put-working-hours.ts';
import type { AppContext } from '../../commands/context.ts';
import { listCalendarYears } from '../../store/calendar-store.ts';
import { actorOf } from '../plugins/auth.ts';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Instant = Type.String({
  format: 'date-time',
  description: 'ISO 8601 with an offset, e.g. 2025-09-30T15:00:00+08:00',
});
const LocalDate = Type.String({ format: 'date', description: 'YYYY-MM-DD (Asia/Shanghai)' });
const Periods = Type.Array(Type.Object({ start: Type.String(), end: Type.String() }), { maxItems: 10 });

/** /calendar/years[/:year], /calendar/working-hours, /deadline, /working-time, /days (calendar:read, PUT calendar:write). */
export function calendarRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/calendar/years',
      {
        config: { access: 'calendar:read' },
        schema: { tags: ['calendar'], summary: '已维护的年度 Stored years' },
      },
      async () => ({
        items: (await listCalendarYears(ctx.db)).map((r) => ({
          year: r.year,
          holidays: r.holidays,
          makeup_workdays: r.makeup_workdays,
          updated_at: r.updated_at.toISOString(),
        })),
      }),
    );

    app.get(
      '/calendar/years/:year',
      {
        config: { access: 'calendar:read' },
        schema: {
          tags: ['calendar'],
          summary: '年度日历 A year with every day',
          params: Type.Object({ year: Year }),
        },
      },
      async (req) => {
        const { row, days } = await getCalendarYear(ctx, req.params.year);
        return {
          year: row.year,
          holidays: row.holidays,
          makeup_workdays: row.makeup_workdays,
          working_days: days.filter((d) => d.is_working_day).length,
          updated_at: row.updated_at.toISOString(),
          days,
        };
      },
    );

    app.put(
      '/calendar/years/:year',
      {
        config: { access: 'calendar:write' },
        schema: {
          tags: ['calendar'],
          summary: '新增或替换年度节假日安排 Add or replace a year',
          params: Type.Object({ year: Year }),
          body: Type.Object(
            {
              holidays: Type.Array(Type.Object({ name: Type.String(), days: Type.Array(Type.String()) })),
              makeup_workdays: Type.Array(Type.String()),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const created = await putCalendarYear(ctx, actorOf(req), {
          year: req.params.year,
          holidays: req.body.holidays,
          makeupWorkdays: req.body.makeup_workdays,
        });
        void reply.status(created ? 201 : 200);
        const { row } = await getCalendarYear(ctx, req.params.year);
        return { year: row.year, holidays: row.holidays, makeup_workdays: row.makeup_workdays, created };
      },
    );

    app.get(
      '/calendar/working-hours',
      {
        config: { access: 'calendar:read' },
        schema: { tags: ['calendar'], summary: '工作时段 Working hours' },
      },
      async () => {
        const s = await loadCalendarSnapshot(ctx);
        return { periods: s.hours.periods, working_ms_per_day: s.calendar.workingMsPerDay };
      },
    );

    app.put(
      '/calendar/working-hours',
      {
        config: { access: 'calendar:write' },
        schema: {
          tags: ['calendar'],
          summary: '修改工作时段 Set the working hours',
          body: Type.Object({ periods: Periods }, { additionalProperties: false }),
        },
      },
      async (req) => {
        await putWorkingHours(ctx, actorOf(req), { periods: req.body.periods });
        const s = await loadCalendarSnapshot(ctx);
        return { periods: s.hours.periods, working_ms_per_day: s.calendar.workingMsPerDay };
      },
    );

    app.get(
      '/calendar/deadline',
      {
        config: { access: 'calendar:read' },
        schema: {
          tags: ['calendar'],
          summary: '计算办理期限 Deadline of a time limit',
          querystring: Type.Object({ start: Type.Optional(Instant), limit: Type.String({ maxLength: 10 }) }),
        },
      },
      async (req) => {
        const start = req.query.start ? new Date(req.query.start) : ctx.clock.now();
        const r = await computeDeadline(ctx, start, req.query.limit);
        return {
          start: toShanghaiIso(start),
          limit: req.query.limit,
          limit_text: r.text,
          deadline: toShanghaiIso(r.deadline),
          working_ms: r.workingMs,
          has_calendar_data: r.hasCalendarData,
        };
      },
    );

    app.get(
      '/calendar/working-time',
      {
        config: { access: 'calendar:read' },
        schema: {
          tags: ['calendar'],
          summary: '两时刻间的工作时长 Working time between two instants',
          querystring: Type.Object({ from: Instant, to: Instant }),
        },
      },
      async (req) => {
        const from = new Date(req.query.from);
        const to = new Date(req.query.to);
        const r = await measureWorkingTime(ctx, from, to);
        return {
          from: toShanghaiIso(from),
          to: toShanghaiIso(to),
          working_ms: r.workingMs,
          working_hours: r.workingMs / 3_600_000,
          working_days: r.workingMs / r.workingMsPerDay,
        };
      },
    );

    app.get(
      '/calendar/days',
      {
        config: { access: 'calendar:read' },
        schema: {
          tags: ['calendar'],
          summary: '日期类型 Day types in a range (≤ 366 days)',
          querystring: Type.Object({ from: LocalDate, to: LocalDate }),
        },
      },
      async (req) => ({ items: await listCalendarDays(ctx, req.query.from, req.query.to) }),
    );
  };
}
