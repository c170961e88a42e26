// Demo history: 2,000 generated cases over 60 days must look exactly like what the real commands
// write — legal lifecycle paths, monotonic times in the window, deadlines on the working calendar,
// colours the sweep agrees with, points in their grids, sealed reporters, unique case numbers
// that later intakes do not collide with — with a plausible mix, and the same plan for a seed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../src/cli/args.ts';
import { DEMO_FLAGS, runDemo } from '../src/cli/demo-command.ts';
import { loadWorkingCalendar } from '../src/commands/calendar/load-working-calendar.ts';
import { suggestedUnit } from '../src/commands/cases/case-effects.ts';
import { generateHistory, type GenerateHistoryResult } from '../src/commands/demo/generate-history.ts';
import { planHistory } from '../src/commands/demo/history-plan.ts';
import { NOTES } from '../src/commands/demo/history-templates.ts';
import { loadHistoryWorld } from '../src/commands/demo/history-world.ts';
import type { Role } from '../src/domain/auth/roles.ts';
import { localDateOf } from '../src/domain/calendar/local-date.ts';
import { deadlineFor, parseTimeLimit } from '../src/domain/calendar/time-limit.ts';
import type { WorkingCalendar } from '../src/domain/calendar/working-calendar.ts';
import { deadlineColour } from '../src/domain/cases/deadline-colour.ts';
import { transition, type CaseAction, type TransitionContext } from '../src/domain/cases/lifecycle.ts';
import { AppError } from '../src/domain/errors.ts';
import { pointInGeometry, type AreaGeometry } from '../src/domain/geo/geometry.ts';
import type { CaseEventRow, CaseRow } from '../src/store/case-store.ts';
import { runDeadlineSweep } from '../src/jobs/deadline-sweep.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

const END = new Date('2026-03-10T02:00:00Z'); // Tuesday 10:00 in Zhangzhou
const DAYS = 60;
const START = END.getTime() - DAYS * 86_400_000;
let t: TestApp;
let result: GenerateHistoryResult;
let cal: WorkingCalendar;
let cases: CaseRow[];
const events = new Map<string, CaseEventRow[]>();
const limits = new Map<string, { limit_normal: string; limit_urgent: string }>();

before(async () => {
  t = await openTestApp({ now: END.toISOString() });
  result = await generateHistory(t.ctx, { cases: 2000, endAt: END, days: DAYS, seed: 7, chunkSize: 700 });
  cal = await loadWorkingCalendar(t.ctx);
  cases = (await t.ctx.db.query<CaseRow>('SELECT * FROM cases ORDER BY reported_at, code')).rows;
  const rows = await t.ctx.db.query<CaseEventRow & { case_id: string }>(
    'SELECT * FROM case_events ORDER BY id',
  );
  for (const e of rows.rows) events.set(e.case_id, [...(events.get(e.case_id) ?? []), e]);
  const cats = await t.ctx.db.query<{ code: string; limit_normal: string; limit_urgent: string }>(
    'SELECT code, limit_normal, limit_urgent FROM categories',
  );
  for (const c of cats.rows) limits.set(c.code, c);
});
after(async () => t.close());

const SYSTEM_ACTIONS = new Set(['report', 'auto_warn', 'auto_supervise']);
const START_CONTEXT: TransitionContext = {
  ...{ state: 'reported', roles: [], actorUnits: [], leadUnitId: null, coUnitIds: [], pendingRequest: null },
  ...{ published: false, satisfaction: null, closedAt: null, now: END, reopenWindowDays: 0 },
};
const limitOf = (c: CaseRow) => {
  const l = limits.get(c.category_code!)!;
  return parseTimeLimit(c.urgency === 'urgent' ? l.limit_urgent : l.limit_normal);
};

void test('writes the requested number of cases with their events, orders and photos', async () => {
  assert.equal(result.cases, 2000);
  assert.equal(cases.length, 2000);
  const n = (sql: string) => t.ctx.db.query<{ n: number }>(sql).then((r) => Number(r.rows[0]!.n));
  assert.equal(await n('SELECT count(*) AS n FROM case_events'), result.events);
  assert.equal(await n('SELECT count(*) AS n FROM supervision_orders'), result.orders);
  assert.equal(await n('SELECT count(*) AS n FROM attachments WHERE case_id IS NOT NULL'), result.photos);
  assert.equal(await n('SELECT count(*) AS n FROM outbox'), 0, 'history is never relayed');
});

void test('every timeline is a legal path through the lifecycle table, ending in the row state', () => {
  const byId = new Map(cases.map((c) => [c.id, c]));
  for (const c of cases) {
    const evs = events.get(c.id)!;
    assert.equal(evs[0]!.action, 'report');
    const r: TransitionContext = { ...START_CONTEXT, reopenWindowDays: t.ctx.config.reopenWindowDays };
    let acts = 0;
    for (const e of evs.slice(1)) {
      assert.equal(e.from_state, r.state, `${c.code} ${e.action}`);
      if (SYSTEM_ACTIONS.has(e.action)) continue;
      if (e.action === 'dispatch' || e.action === 'reassign') r.leadUnitId = e.data!.lead_unit_id as string;
      const handler = e.actor_role === 'handler' && r.leadUnitId;
      const out = transition(e.action as CaseAction, {
        ...r,
        ...{ roles: [e.actor_role as Role], actorUnits: handler ? [handler] : [], now: e.at },
      });
      assert.ok(out.ok, `${c.code} ${e.action} from ${r.state}: ${JSON.stringify(!out.ok && out.refusal)}`);
      assert.equal(e.to_state, out.to, `${c.code} ${e.action}`);
      acts++;
      r.state = out.to;
      if (e.action.startsWith('request_'))
        r.pendingRequest = e.action === 'request_extension' ? 'extension' : 'suspension';
      if (/^(approve|deny)_(extension|suspension)$|^reassign$/.test(e.action)) r.pendingRequest = null;
      if (e.action === 'follow_up')
        r.satisfaction = e.note === NOTES.followUp.dissatisfied ? 'dissatisfied' : 'satisfied';
      if (e.action === 'publish') r.published = true;
      if (r.state === 'closed' && r.closedAt === null) r.closedAt = e.at;
      if (e.action === 'reopen') Object.assign(r, { satisfaction: null, published: false, closedAt: null });
    }
    assert.equal(r.state, c.state, c.code);
    assert.equal(c.version, 1 + acts, `${c.code}: one version per action`);
    assert.equal(c.lead_unit_id, r.leadUnitId, c.code);
    const target = byId.get(c.merged_into ?? '');
    assert.equal(c.state === 'merged', !!target && !/^(rejected|voided|merged)$/.test(target.state), c.code);
  }
});

void test('times are monotonic per case and inside the window; closing follows the report-back', () => {
  for (const c of cases) {
    const evs = events.get(c.id)!;
    assert.ok(c.reported_at.getTime() >= START && c.reported_at <= END, c.code);
    assert.equal(evs[0]!.at.getTime(), c.reported_at.getTime());
    for (let i = 1; i < evs.length; i++)
      assert.ok(evs[i]!.at >= evs[i - 1]!.at, `${c.code} ${evs[i]!.action}`);
    assert.ok(evs[evs.length - 1]!.at <= END, c.code);
    assert.ok(c.updated_at >= evs[evs.length - 1]!.at, c.code);
    if (c.closed_at && c.reported_back_at) assert.ok(c.closed_at >= c.reported_back_at, c.code);
    if (c.state === 'closed') assert.ok(c.closed_at, c.code);
  }
});

void test('deadlines come from the category limit on the working calendar', () => {
  let checked = 0;
  for (const c of cases) {
    let expected: number | null = null;
    for (const e of events.get(c.id)!) {
      const d = e.data as { deadline_at?: string; paused_working_ms?: number } | null;
      if (e.action === 'dispatch' || e.action === 'reassign') {
        expected = deadlineFor(e.at, limitOf(c), cal).getTime();
        assert.equal(d!.deadline_at, new Date(expected).toISOString(), c.code);
      } else if (e.action === 'approve_extension') {
        const days = Array.from({ length: 20 }, (_, i) =>
          deadlineFor(new Date(expected!), { amount: i + 1, unit: 'day' }, cal),
        );
        assert.ok(
          days.some((x) => x.toISOString() === d!.deadline_at),
          `${c.code} extension`,
        );
        expected = new Date(d!.deadline_at!).getTime();
      } else if (e.action === 'resume') {
        expected = cal.addWorkingMs(new Date(expected!), d!.paused_working_ms!).getTime();
      }
    }
    assert.equal(c.deadline_at?.getTime() ?? null, expected, c.code);
    if (expected !== null) checked++;
  }
  assert.ok(checked > 1500, `checked ${checked}`);
});

void test('colours agree with the sweep at the end of the window, which then has nothing to do', async () => {
  for (const c of cases.filter((x) => ['dispatched', 'handling'].includes(x.state) && !x.suspended_at)) {
    const used = cal.workingMsBetween(c.dispatched_at!, END);
    const allowed = cal.workingMsBetween(c.dispatched_at!, c.deadline_at!);
    assert.equal(c.colour, deadlineColour(used, allowed), c.code);
  }
  for (const c of cases.filter((x) => x.state === 'closed')) assert.equal(c.colour, 'green', c.code);
  const autos = [...events.values()].flat().filter((e) => e.action.startsWith('auto_')).length;
  const orders = await t.ctx.db.query(`SELECT 1 FROM supervision_orders WHERE kind = 'auto'`);
  assert.equal(orders.rowCount, autos);
  const sweep = await runDeadlineSweep(t.ctx);
  assert.deepEqual([sweep.recoloured, sweep.orders], [0, 0]);
});

void test('points lie in their grid, the grid in its village; lead units follow the dispatch rule', async () => {
  const grids = await t.ctx.db.query<{ code: string; region_code: string; geometry: AreaGeometry }>(
    `SELECT code, region_code, geometry FROM grids WHERE code = ANY($1::text[])`,
    [[...new Set(cases.map((c) => c.grid_code))]],
  );
  const byCode = new Map(grids.rows.map((g) => [g.code, g]));
  for (const c of cases) {
    const g = byCode.get(c.grid_code)!;
    assert.equal(g.region_code, c.region_code, c.code);
    assert.ok(pointInGeometry(c.lng, c.lat, g.geometry), `${c.code} point in ${c.grid_code}`);
  }
  for (const c of cases.filter((x) => x.lead_unit_id).slice(0, 300)) {
    const suggested = await suggestedUnit(t.ctx.db, c);
    if (suggested) assert.equal(c.lead_unit_id, suggested, c.code);
  }
});

void test('reporter contact is sealed with the sealer, only for public channels', () => {
  const s = t.ctx.sealer;
  for (const c of cases) {
    if (['grid_worker', 'sensor', 'upper_level'].includes(c.channel)) {
      assert.equal(c.reporter_phone_sealed, null, c.code);
      continue;
    }
    const phone = s.open(c.reporter_phone_sealed!, 'case.reporter_phone');
    assert.match(phone, /^138000\d{5}$/);
    assert.equal(c.reporter_phone_hash, s.hash(phone, 'case.reporter_phone'));
    if (c.channel === 'hotline')
      assert.match(s.open(c.reporter_name_sealed!, 'case.reporter_name'), /(先生|女士)$/);
  }
});

void test('the mix is plausible: outcomes, channels, weekdays, satisfaction, live work at every stage', () => {
  const followed = cases.filter((c) => c.satisfaction);
  const shares: [string, number, number, number][] = [
    ['closed', cases.filter((c) => c.state === 'closed').length / cases.length, 0.82, 0.95],
    ['rejected', cases.filter((c) => c.state === 'rejected').length / cases.length, 0.015, 0.06],
    ['merged', cases.filter((c) => c.state === 'merged').length / cases.length, 0.015, 0.05],
    ['grid worker', cases.filter((c) => c.channel === 'grid_worker').length / cases.length, 0.4, 0.58],
    ['hotline', cases.filter((c) => c.channel === 'hotline').length / cases.length, 0.15, 0.27],
    ['resident', cases.filter((c) => c.channel === 'resident').length / cases.length, 0.15, 0.27],
    [
      'satisfied',
      followed.filter((c) => c.satisfaction === 'satisfied').length / followed.length,
      0.75,
      0.92,
    ],
  ];
  for (const [what, x, lo, hi] of shares) assert.ok(x >= lo && x <= hi, `${what}: ${x}`);
  const perDay = (weekend: boolean) => {
    const days = new Map<string, number>();
    for (const c of cases) {
      const wd = new Date(c.reported_at.getTime() + 8 * 3_600_000).getUTCDay();
      const d = localDateOf(c.reported_at);
      if ((wd === 0 || wd === 6) === weekend) days.set(d, (days.get(d) ?? 0) + 1);
    }
    return [...days.values()].reduce((a, b) => a + b, 0) / days.size;
  };
  assert.ok(perDay(false) > perDay(true) * 1.2, `weekday ${perDay(false)} vs weekend ${perDay(true)}`);
  for (const s of 'reported registered dispatched handling reported_back closed'.split(' '))
    assert.ok(
      cases.some((c) => c.state === s),
      `some case is ${s}`,
    );
  const actions = new Set([...events.values()].flat().map((e) => e.action));
  const expected =
    'return reassign verify_fail approve_extension resume reopen urge merge self_handle send_to_verify';
  for (const a of `${expected} reject auto_warn auto_supervise publish`.split(' '))
    assert.ok(actions.has(a), `some case was through ${a}`);
});

void test('case numbers are unique, dated by the report, and the next intake does not collide', async () => {
  const codes = cases.map((c) => c.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const c of cases) {
    assert.match(c.code, /^3506-\d{8}-\d{7}$/);
    assert.equal(c.code.slice(5, 13), localDateOf(c.reported_at).replaceAll('-', ''));
  }
  const token = await t.login('operator');
  const c = cases.find((x) => x.channel === 'hotline')!;
  const r = await t.call('POST', '/api/v1/cases', token, {
    channel: 'hotline',
    lng: c.lng,
    lat: c.lat,
    description: '市民来电反映：路灯不亮',
    category_code: '0118',
    idempotency_key: 'after-history-0001',
  });
  assert.equal(r.statusCode, 201, r.body);
  const code = r.json<{ case: { code: string } }>().case.code;
  assert.ok(!codes.includes(code));
  assert.ok(Number(code.slice(-7)) > Math.max(...codes.map((x) => Number(x.slice(-7)))));
});

void test('the plan is deterministic for a seed and differs for another', async () => {
  const w = await loadHistoryWorld(t.ctx);
  const summary = (seed: number) =>
    [...planHistory(w, { cases: 300, endAt: END, days: 30, seed })]
      .flat()
      .map((p) =>
        [
          p.date,
          p.ordinal,
          p.reportedAt,
          p.grid.code,
          p.category.code,
          p.sim.state,
          p.sim.events.length,
        ].join(),
      );
  assert.deepEqual(summary(11), summary(11));
  assert.notDeepEqual(summary(11), summary(12));
});

void test('wangge demo validates its flags, naming the flag', async () => {
  for (const argv of ['--cases 0', '--cases 10000001', '--cases many', '--days 0', '--seed -1'].map((x) =>
    x.split(' '),
  )) {
    await assert.rejects(runDemo(parseArgs(argv, DEMO_FLAGS)), (e: unknown) => {
      assert.ok(e instanceof AppError && e.code === 'VALIDATION_FAILED');
      assert.equal(e.issues[0]!.field, argv[0]);
      return true;
    });
  }
});
