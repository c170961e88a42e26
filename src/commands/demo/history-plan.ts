// The demo history as a pure, seeded plan: day by day through the window, how many reports come
// in, from which channel, at what time, in which grid (a random point inside it), of which
// category, and what then happens to each (its simulated timeline, cut at the end of the
// window). No I/O: the same world, options and seed give the same plan, case for case.
import { isPublicChannel, type Channel } from '../../domain/cases/channels.ts';
import { DAY_MS } from '../../domain/calendar/local-date.ts';
import { pointInGeometry } from '../../domain/geo/geometry.ts';
import { interiorPoint } from '../../domain/grids/interior-point.ts';
import { playLifecycle } from './history-lifecycle.ts';
import { CHANNEL_WEIGHTS, SELF_HANDLEABLE, channelGroup } from './history-mix.ts';
import { Rng, WeightedTable } from './history-random.ts';
import { CaseSim } from './history-sim.ts';
import type { Outcome } from './history-steps.ts';
import { NOTES, describeReport } from './history-templates.ts';
import { allocate, historyDays, reportInstant, type HistoryDay } from './history-timeline.ts';
import type { HistoryWorld, WorldActor, WorldCategory, WorldGrid } from './history-world.ts';

/** How many cases, over how many days up to when, from which seed. */
export interface HistoryPlanOptions {
  cases: number;
  endAt: Date;
  days: number;
  seed: number;
}

/** One generated case: what intake would have recorded, and its simulated life. */
export interface PlannedCase {
  /** 1-based position in the history (report order). */
  ordinal: number;
  /** Local date of the report (YYYY-MM-DD): the date part of the case number. */
  date: string;
  reportedAt: number;
  channel: Channel;
  category: WorldCategory;
  urgency: 'normal' | 'urgent';
  description: string;
  address: string;
  lng: number;
  lat: number;
  grid: WorldGrid;
  /** Index of the fake reporter whose contact is sealed, or null (grid workers, cameras …). */
  reporter: number | null;
  /** Who contacted us: name and phone, or only the phone. */
  reporterName: boolean;
  /** The submitting account, or the outside client (actor id null, role 'client'). */
  submitter: WorldActor;
  sim: CaseSim;
  mergeTarget: PlannedCase | null;
}

const CLIENTS: Partial<Record<Channel, string>> = {
  resident: 'resident-app',
  merchant: 'merchant-app',
  sensor: 'video-ai',
  upper_level: 'upper-platform',
  open311: 'open311',
};
const URGENT = new Map(
  '1404:1 1405:1 1401:0.6 1402:0.6 1403:0.5 2601:0.5 2201:0.3 2203:0.3 2301:0.4 2302:0.4 2401:0.3 0601:0.5 0135:0.5'
    .split(' ')
    .map((p) => [p.slice(0, 4), Number(p.slice(5))]),
);
const INTAKE_PHOTO: Partial<Record<Channel, number>> = {
  grid_worker: 0.9,
  resident: 0.5,
  merchant: 0.3,
  sensor: 1,
};

/** The case number intake gives: city, local date, 7-digit sequence number. */
export function caseCode(cityCode: string, date: string, n: number): string {
  return `${cityCode}-${date.replaceAll('-', '')}-${String(n).padStart(7, '0')}`;
}

function pointIn(g: WorldGrid, rng: Rng, near?: [number, number]): [number, number] {
  const [minX, minY, maxX, maxY] = g.bbox;
  for (let i = 0; i < 30; i++) {
    const x = near ? near[0] + rng.between(-4e-4, 4e-4) : rng.between(minX, maxX);
    const y = near ? near[1] + rng.between(-4e-4, 4e-4) : rng.between(minY, maxY);
    const p: [number, number] = [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6];
    if (pointInGeometry(p[0], p[1], g.geometry)) return p;
  }
  return near ?? interiorPoint(g.geometry);
}

function submitterOf(w: HistoryWorld, channel: Channel): WorldActor {
  if (channel === 'grid_worker') return w.actors.gridWorker;
  if (channel === 'hotline') return w.actors.operator;
  const client = CLIENTS[channel] ?? channel;
  return { id: null, name: client, role: 'client' };
}

class Planner {
  private readonly rng: Rng;
  private readonly recent: PlannedCase[] = [];
  private ordinal = 0;
  private readonly reporters: number;
  private readonly channels: Record<'working' | 'off', WeightedTable<Channel>>;

  constructor(
    private readonly w: HistoryWorld,
    private readonly opts: HistoryPlanOptions,
  ) {
    this.rng = new Rng(opts.seed);
    this.reporters = Math.min(20_000, Math.max(50, Math.floor(opts.cases / 8)));
    const names = Object.keys(CHANNEL_WEIGHTS) as Channel[];
    const table = (off: boolean) =>
      new WeightedTable(
        names,
        names.map((c) => CHANNEL_WEIGHTS[c] * (off && c === 'grid_worker' ? 0.5 : 1)),
      );
    this.channels = { working: table(false), off: table(true) };
  }

  *plan(): Generator<PlannedCase[]> {
    const endMs = this.opts.endAt.getTime();
    const days = historyDays(this.w, endMs - this.opts.days * DAY_MS, endMs, this.rng);
    const counts = allocate(days, this.opts.cases);
    for (const [i, d] of days.entries()) {
      const slots: { t: number; channel: Channel }[] = [];
      for (let k = 0; k < counts[i]!; k++) {
        const channel = this.channels[d.working ? 'working' : 'off'].pick(this.rng);
        slots.push({ t: reportInstant(d, channel, this.rng), channel });
      }
      slots.sort((a, b) => a.t - b.t);
      if (slots.length) yield slots.map((s) => this.makeCase(d, s.t, s.channel));
    }
  }

  /** A recent case of which this report is a duplicate (3 %), reported 10 min – 48 h earlier. */
  private duplicateOf(t: number): PlannedCase | null {
    if (!this.rng.chance(0.03)) return null;
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const c = this.recent[i]!;
      if (c.reportedAt > t - 600_000) continue;
      if (c.reportedAt < t - 2 * DAY_MS) break;
      if (this.rng.chance(0.3)) return c;
    }
    return null;
  }

  private makeCase(d: HistoryDay, t: number, channel: Channel): PlannedCase {
    const { w, rng } = this;
    const target = this.duplicateOf(t);
    const grid = target?.grid ?? w.gridTable.pick(rng);
    const category =
      target?.category ?? w.mix.table(d.month, d.typhoon, channelGroup(channel), grid.urban).pick(rng);
    const [lng, lat] = pointIn(grid, rng, target ? [target.lng, target.lat] : undefined);
    const urgency = target?.urgency ?? (rng.chance(URGENT.get(category.code) ?? 0.02) ? 'urgent' : 'normal');
    const { description, address } = describeReport(rng, category, grid, channel);
    const contact = channel === 'hotline' || channel === 'resident' || channel === 'merchant';
    const submitter = submitterOf(w, channel);
    const photos = rng.chance(INTAKE_PHOTO[channel] ?? 0) ? 1 : 0;
    const sim = new CaseSim(
      { calendar: w.calendar, endAt: this.opts.endAt.getTime(), reopenWindowDays: w.reopenWindowDays },
      t,
      submitter,
      { channel, grid: grid.code, crs: 'wgs84' },
      photos,
    );
    let outcome: Outcome = 'normal';
    const x = rng.next();
    if (target) outcome = 'merge';
    else if (channel === 'grid_worker' && SELF_HANDLEABLE.has(category.code) && x < 0.3) outcome = 'self';
    else if (x < 0.03) outcome = 'reject';
    else if (x < 0.033) outcome = 'void';
    const planned: PlannedCase = {
      ordinal: ++this.ordinal,
      date: d.date,
      reportedAt: t,
      channel,
      category,
      urgency,
      description,
      address,
      lng,
      lat,
      grid,
      reporter: contact ? rng.int(0, this.reporters - 1) : null,
      reporterName: channel !== 'resident' || rng.chance(0.5),
      submitter,
      sim,
      mergeTarget: target,
    };
    const note = rng.pick(NOTES.merge);
    playLifecycle(
      w,
      sim,
      rng,
      {
        category,
        urgent: urgency === 'urgent',
        villageCode: grid.regionCode,
        townshipCode: grid.townshipCode,
        public: isPublicChannel(channel),
        outcome,
      },
      () => ({ patch: {}, note }),
    );
    if ((outcome === 'normal' || outcome === 'self') && !['rejected', 'voided'].includes(sim.state)) {
      this.recent.push(planned);
      if (this.recent.length > 400) this.recent.splice(0, 100);
    }
    return planned;
  }
}

/**
 * The history as day batches in report order (a generator, so a year of cases never sits in
 * memory at once). Deterministic for a given world, options and seed.
 */
export function planHistory(w: HistoryWorld, opts: HistoryPlanOptions): Generator<PlannedCase[]> {
  return new Planner(w, opts).plan();
}
