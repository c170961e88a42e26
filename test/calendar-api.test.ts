// The working calendar through the API: stored years, day types, deadlines across 调休 days and the
// National Day holiday, working time, admin changes (validated, audited, seen at once by every reader).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { seedCalendar } from '../src/commands/demo/seed-calendar.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

interface ErrorBody {
  error: {
    code: string;
    message: string;
    message_en: string;
    issues: { field: string; zh: string; en: string }[];
  };
}
interface DayBody {
  date: string;
  type: string;
  is_working_day: boolean;
  holiday: string | null;
  has_data: boolean;
}
interface DeadlineBody {
  start: string;
  deadline: string;
  working_ms: number;
  limit_text: { zh: string; en: string };
  has_calendar_data: boolean;
}

let t: TestApp;
let admin: string;
let operator: string;
before(async () => {
  t = await openTestApp();
  admin = await t.login('admin');
  operator = await t.login('operator');
});
after(async () => t.close());

const HOUR = 3_600_000;

async function deadline(start: string, limit: string): Promise<DeadlineBody> {
  const r = await t.call(
    'GET',
    `/api/v1/calendar/deadline?start=${encodeURIComponent(start)}&limit=${limit}`,
    operator,
  );
  assert.equal(r.statusCode, 200, r.body);
  return r.json<DeadlineBody>();
}

void test('stored years: 2025 and 2026 from the reference; seeding again adds nothing', async () => {
  const r = await t.call('GET', '/api/v1/calendar/years', operator);
  assert.equal(r.statusCode, 200);
  const years = r.json<{ items: { year: number; makeup_workdays: string[] }[] }>().items;
  assert.deepEqual(
    years.map((y) => y.year),
    [2025, 2026],
  );
  assert.ok(years[0]?.makeup_workdays.includes('2025-10-11'));
  assert.equal(await seedCalendar(t.ctx.db), 0);
});

void test('one year: every day with its type; National Day is a holiday, 2025-10-11 (Saturday) a make-up day', async () => {
  const r = await t.call('GET', '/api/v1/calendar/years/2025', operator);
  assert.equal(r.statusCode, 200);
  const body = r.json<{ days: DayBody[]; working_days: number }>();
  assert.equal(body.days.length, 365);
  const day = (d: string) => body.days.find((x) => x.date === d);
  assert.deepEqual(day('2025-10-01'), {
    ...day('2025-10-01'),
    type: 'holiday',
    is_working_day: false,
    holiday: '国庆节、中秋节',
  });
  assert.deepEqual(day('2025-10-11'), {
    ...day('2025-10-11'),
    type: 'makeup_workday',
    is_working_day: true,
    holiday: null,
  });
  assert.equal(day('2025-10-12')?.type, 'weekend');
  assert.equal(body.working_days, 248); // 2025: 261 weekdays − 18 weekday holidays + 5 make-up days
  const missing = await t.call('GET', '/api/v1/calendar/years/2030', operator);
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json<ErrorBody>().error.code, 'CALENDAR_YEAR_NOT_FOUND');
});

void test('deadline across the 调休 Sunday before National Day, the holiday itself and the 调休 Saturday after', async () => {
  // Fri 16:00 + 4h: 1.5 h on Friday, the weekend's Saturday off, Sunday 2025-09-28 is worked: 08:30 + 2.5 h.
  const a = await deadline('2025-09-26T16:00:00+08:00', '4h');
  assert.equal(a.deadline, '2025-09-28T11:00:00+08:00');
  assert.equal(a.working_ms, 4 * HOUR);
  assert.deepEqual(a.limit_text, { zh: '4个工作时', en: '4 working hours' });
  // Tue 09-30 15:00 + 3 working days (21 h): 2.5 h, then Oct 1–8 off, Oct 9 and 10 (14 h), Sat Oct 11 worked.
  const b = await deadline('2025-09-30T15:00:00+08:00', '3d');
  assert.equal(b.deadline, '2025-10-11T15:00:00+08:00');
  assert.equal(b.working_ms, 21 * HOUR);
  assert.equal(b.has_calendar_data, true);
  // An instant given in UTC is answered in +08:00.
  const c = await deadline('2025-09-30T08:00:00Z', '2h');
  assert.equal(c.start, '2025-09-30T16:00:00+08:00');
  assert.equal(c.deadline, '2025-10-09T09:00:00+08:00');
  const bad = await t.call('GET', '/api/v1/calendar/deadline?start=2025-09-30T08:00:00Z&limit=4x', operator);
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json<ErrorBody>().error.issues[0]?.field, 'limit');
  const noZone = await t.call(
    'GET',
    '/api/v1/calendar/deadline?start=2025-09-30T08:00:00&limit=4h',
    operator,
  );
  assert.equal(noZone.statusCode, 400);
});

void test('working time between two instants skips the holiday; day list names holidays; at most 366 days', async () => {
  const r = await t.call(
    'GET',
    `/api/v1/calendar/working-time?from=${encodeURIComponent('2025-09-30T08:30:00+08:00')}&to=${encodeURIComponent('2025-10-09T12:00:00+08:00')}`,
    operator,
  );
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json(), {
    from: '2025-09-30T08:30:00+08:00',
    to: '2025-10-09T12:00:00+08:00',
    working_ms: 10.5 * HOUR,
    working_hours: 10.5,
    working_days: 1.5,
  });
  const days = await t.call('GET', '/api/v1/calendar/days?from=2025-09-27&to=2025-10-12', operator);
  const items = days.json<{ items: DayBody[] }>().items;
  assert.equal(items.length, 16);
  assert.deepEqual(
    items.filter((d) => d.is_working_day).map((d) => d.date),
    ['2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09', '2025-10-10', '2025-10-11'],
  );
  assert.equal(items.find((d) => d.date === '2025-10-06')?.holiday, '国庆节、中秋节');
  const far = await t.call('GET', '/api/v1/calendar/days?from=2025-01-01&to=2026-01-02', operator);
  assert.equal(far.statusCode, 400);
  assert.equal(far.json<ErrorBody>().error.issues[0]?.field, 'to');
  const noData = await t.call('GET', '/api/v1/calendar/days?from=2027-01-01&to=2027-01-01', operator);
  assert.equal(noData.json<{ items: DayBody[] }>().items[0]?.has_data, false);
});

void test('PUT a year: a make-up day on a Wednesday → 422 naming makeup_workdays[1]; nothing stored', async () => {
  const r = await t.call('PUT', '/api/v1/calendar/years/2027', admin, {
    holidays: [{ name: '春节', days: ['2027-02-06', '2027-02-07', '2027-02-08'] }],
    makeup_workdays: ['2027-02-20', '2027-02-17'],
  });
  assert.equal(r.statusCode, 422);
  const e = r.json<ErrorBody>().error;
  assert.equal(e.code, 'CALENDAR_YEAR_INVALID');
  assert.deepEqual(
    e.issues.map((i) => i.field),
    ['makeup_workdays[1]'],
  );
  assert.match(e.issues[0]?.zh ?? '', /周三/);
  assert.match(e.issues[0]?.en ?? '', /Wednesday/);
  const rows = await t.ctx.db.query('SELECT 1 FROM calendar_years WHERE year = 2027');
  assert.equal(rows.rows.length, 0);
  const denied = await t.call('PUT', '/api/v1/calendar/years/2027', operator, {
    holidays: [],
    makeup_workdays: [],
  });
  assert.equal(denied.statusCode, 403);
});

void test('PUT a year: stored, audited, and deadlines use it at once; PUT again replaces it', async () => {
  const before = await deadline('2027-02-05T16:00:00+08:00', '4h'); // no 2027 data yet: plain Mon–Fri
  assert.equal(before.deadline, '2027-02-08T11:00:00+08:00');
  assert.equal(before.has_calendar_data, false);
  const body = {
    holidays: [{ name: '春节', days: ['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'] }],
    makeup_workdays: ['2027-02-20'],
  };
  const r = await t.call('PUT', '/api/v1/calendar/years/2027', admin, body);
  assert.equal(r.statusCode, 201, r.body);
  const row = await t.ctx.db.query<{
    holidays: unknown;
    makeup_workdays: unknown;
    updated_by: string | null;
  }>('SELECT holidays, makeup_workdays, updated_by FROM calendar_years WHERE year = 2027');
  assert.deepEqual(row.rows[0]?.holidays, body.holidays);
  assert.deepEqual(row.rows[0]?.makeup_workdays, body.makeup_workdays);
  assert.ok(row.rows[0]?.updated_by);
  const audit = await t.ctx.db.query(
    `SELECT 1 FROM audit_log WHERE action = 'calendar.put_year' AND target = 'calendar:2027'`,
  );
  assert.equal(audit.rows.length, 1);
  const after = await deadline('2027-02-05T16:00:00+08:00', '4h');
  assert.equal(after.deadline, '2027-02-10T11:00:00+08:00');

  const again = await t.call('PUT', '/api/v1/calendar/years/2027', admin, {
    holidays: [],
    makeup_workdays: [],
  });
  assert.equal(again.statusCode, 200);
  assert.equal(again.json<{ created: boolean }>().created, false);
  assert.equal((await deadline('2027-02-05T16:00:00+08:00', '4h')).deadline, '2027-02-08T11:00:00+08:00');
});

void test('a change made by another process is seen within a second (revision counter)', async () => {
  assert.equal((await deadline('2026-03-06T16:00:00+08:00', '4h')).deadline, '2026-03-09T11:00:00+08:00');
  await t.ctx.db.query(
    `UPDATE calendar_years SET makeup_workdays = '["2026-03-07"]'::jsonb WHERE year = 2026`,
  );
  await t.ctx.db.query(`UPDATE revisions SET revision = revision + 1 WHERE topic = 'calendar'`);
  await new Promise((r) => setTimeout(r, 1100));
  assert.equal((await deadline('2026-03-06T16:00:00+08:00', '4h')).deadline, '2026-03-07T11:00:00+08:00');
});

void test('working hours: bad periods → 400 naming the period; a new day length changes working-day limits', async () => {
  const bad = await t.call('PUT', '/api/v1/calendar/working-hours', admin, {
    periods: [{ start: '09:00', end: '08:00' }],
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json<ErrorBody>().error.issues[0]?.field, 'periods[0].end');
  const ok = await t.call('PUT', '/api/v1/calendar/working-hours', admin, {
    periods: [{ start: '09:00', end: '17:00' }],
  });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json<{ working_ms_per_day: number }>().working_ms_per_day, 8 * HOUR);
  const stored = await t.ctx.db.query<{ value: unknown }>(
    `SELECT value FROM settings WHERE key = 'working_hours'`,
  );
  assert.deepEqual(stored.rows[0]?.value, { periods: [{ start: '09:00', end: '17:00' }] });
  const d = await deadline('2025-09-30T15:00:00+08:00', '1d');
  assert.equal(d.working_ms, 8 * HOUR);
  assert.equal(d.deadline, '2025-10-09T15:00:00+08:00');
  const read = await t.call('GET', '/api/v1/calendar/working-hours', operator);
  assert.deepEqual(read.json<{ periods: unknown }>().periods, [{ start: '09:00', end: '17:00' }]);
});
