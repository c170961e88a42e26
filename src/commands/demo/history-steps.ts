// The steps of a demo case's script that the lifecycle composes: the working-time clock of the
// desks, dispatching (with the deadline from the category limit on the working calendar), a
// plausible wrong first unit, urging late cases, and extension or suspension requests.
import { deadlineFor, parseTimeLimit, type TimeLimit } from '../../domain/calendar/time-limit.ts';
import type { CaseSim, SimEffect } from './history-sim.ts';
import { NOTES } from './history-templates.ts';
import type { Rng } from './history-random.ts';
import { handlerFor, type HistoryWorld, type WorldActor, type WorldCategory } from './history-world.ts';

/** Milliseconds in a minute and an hour. */
export const MIN = 60_000;
export const HOUR = 3_600_000;

/** How a case ends (the rest of its path is drawn as it is played). */
export type Outcome = 'normal' | 'reject' | 'void' | 'self' | 'merge';

/** What the script needs to know about a case. */
export interface LifeInput {
  category: WorldCategory;
  urgent: boolean;
  villageCode: string;
  townshipCode: string;
  public: boolean;
  outcome: Outcome;
}

/** One case being played: the world, its simulation, the random stream and what it is. */
export type Life = { w: HistoryWorld; sim: CaseSim; rng: Rng; c: LifeInput };

/** ISO-8601 of an epoch-ms instant. */
export const iso = (ms: number): string => new Date(ms).toISOString();

/** The category's time limit for the case's urgency. */
export function limitOf(c: LifeInput): TimeLimit {
  return c.urgent ? c.category.limitUrgent : c.category.limitNormal;
}

/** `ms` of working time after `from` (an urgent case's desk works around the clock). */
export function later(l: Life, from: number, ms: number, urgent = false): number {
  if (urgent) return from + Math.round(ms);
  return l.w.calendar.addWorkingMs(new Date(from), Math.max(1, Math.round(ms))).getTime();
}

/** Working time from the current dispatch to the deadline. */
export function allowedMs(l: Life): number {
  const r = l.sim.row;
  return l.w.calendar.workingMsBetween(new Date(r.dispatchedAt!), new Date(r.deadlineAt!));
}

/** Who checks on site: an inspector or the grid worker. */
export const field = (l: Life): WorldActor =>
  l.rng.chance(0.6) ? l.w.actors.inspector : l.w.actors.gridWorker;

/** Dispatches (or reassigns) to `unit`, with the deadline the real dispatch computes. */
export function dispatchTo(
  l: Life,
  action: 'dispatch' | 'reassign',
  at: number,
  unit: string,
  suggested: boolean,
): boolean {
  return l.sim.act(action, at, l.w.actors.dispatcher, (t): SimEffect => {
    const deadline = deadlineFor(new Date(t), limitOf(l.c), l.w.calendar).getTime();
    return {
      patch: {
        leadUnitId: unit,
        deadlineAt: deadline,
        dispatchedAt: t,
        acknowledgedAt: null,
        colour: 'green',
        pendingRequest: null,
        pendingRequestData: null,
        ...(action === 'reassign' ? { reassignCount: l.sim.row.reassignCount + 1 } : {}),
      },
      data: { lead_unit_id: unit, co_unit_ids: [], deadline_at: iso(deadline), suggested },
    };
  });
}

/** A plausible wrong first unit: the township office, a property company or the village committee. */
export function wrongUnit(l: Life, right: string | null): string | null {
  const w = l.w;
  const candidates = [
    ...(w.unitsByRegion.get(l.c.townshipCode) ?? []),
    ...(w.unitsByRegion.get(l.c.villageCode) ?? []),
  ].filter(
    (u) =>
      u.id !== right && ['street_office', 'community_committee', 'property_company'].includes(u.function),
  );
  return candidates.length ? l.rng.pick(candidates).id : null;
}

/** Urges (and now and then a leader supervises) a case gone red before it is reported back at `until`. */
export function superviseIfLate(l: Life, until: number): void {
  const red = l.sim.crossing('red');
  if (red === null || red >= until) return;
  if (l.rng.chance(0.3)) {
    const at = later(l, red, l.rng.between(0.5, 4) * HOUR);
    const note = l.rng.pick(NOTES.urge);
    if (at < until && l.sim.act('urge', at, l.w.actors.dispatcher, () => ({ note })))
      l.sim.order('urge', l.w.actors.dispatcher, note);
  }
  if (l.rng.chance(0.05)) {
    const at = later(l, red, l.rng.between(4, 14) * HOUR);
    const note = l.rng.pick(NOTES.supervise);
    if (at < until && l.sim.act('supervise', at, l.w.actors.leader, () => ({ note })))
      l.sim.order('manual', l.w.actors.leader, note);
  }
}

/** When the unit reports back: `share` of the working time left from `from` (urgent: wall clock). */
export function handledAt(l: Life, from: number, share: number): number {
  if (l.c.urgent) {
    const lim = limitOf(l.c);
    const unit = lim.unit === 'minute' ? MIN : lim.unit === 'hour' ? HOUR : 7 * HOUR;
    return from + share * lim.amount * unit;
  }
  const left = l.w.calendar.workingMsBetween(new Date(from), new Date(l.sim.row.deadlineAt!));
  return later(l, from, Math.max(10 * MIN, share * left));
}

/** Now and then an extension or a suspension while handling; true when one was asked for. */
export function requests(l: Life, from: number): boolean {
  const { rng, sim, w } = l;
  const lim = limitOf(l.c);
  if (l.c.urgent || lim.unit !== 'day') return false;
  const handler = handlerFor(w, sim.row.leadUnitId!);
  if (lim.amount >= 2 && rng.chance(0.05)) {
    const reason = rng.pick(NOTES.extension);
    const extra = `${Math.max(1, Math.round(lim.amount * rng.between(0.5, 1)))}d`;
    const at = later(l, from, allowedMs(l) * rng.between(0.4, 0.75));
    const asked = sim.act('request_extension', at, handler, (t) => ({
      patch: { pendingRequest: 'extension', pendingRequestData: { reason, extra, requested_at: iso(t) } },
      note: reason,
    }));
    const decideAt = later(l, sim.last, rng.between(0.5, 6) * HOUR);
    if (asked && rng.chance(0.85)) {
      sim.act('approve_extension', decideAt, w.actors.supervisor, () => {
        const deadline = deadlineFor(
          new Date(sim.row.deadlineAt!),
          parseTimeLimit(extra),
          w.calendar,
        ).getTime();
        return {
          patch: { deadlineAt: deadline, pendingRequest: null, pendingRequestData: null, colour: 'green' },
          data: { deadline_at: iso(deadline) },
        };
      });
    } else if (asked) {
      const note = rng.pick(NOTES.denyExtension);
      sim.act('deny_extension', decideAt, w.actors.supervisor, () => ({
        patch: { pendingRequest: null, pendingRequestData: null },
        note,
      }));
    }
    return true;
  }
  if (lim.amount >= 3 && rng.chance(0.015)) {
    const reason = rng.pick(NOTES.suspension);
    const at = later(l, from, allowedMs(l) * rng.between(0.2, 0.5));
    if (
      !sim.act('request_suspension', at, handler, (t) => ({
        patch: {
          pendingRequest: 'suspension',
          pendingRequestData: { reason, extra: null, requested_at: iso(t) },
        },
        note: reason,
      }))
    )
      return true;
    sim.act('approve_suspension', later(l, sim.last, rng.between(1, 8) * HOUR), w.actors.supervisor, (t) => ({
      patch: { pendingRequest: null, pendingRequestData: null, suspendedAt: t },
    }));
    const back = w.calendar
      .nextWorkingMoment(new Date(sim.last + rng.between(10, 90) * 86_400_000))
      .getTime();
    sim.act('resume', later(l, back, rng.between(0.5, 3) * HOUR), w.actors.supervisor, (t) => {
      const since = sim.row.suspendedAt ?? t;
      const paused = w.calendar.workingMsBetween(new Date(since), new Date(t));
      const deadline = w.calendar.addWorkingMs(new Date(sim.row.deadlineAt!), Math.max(0, paused)).getTime();
      return {
        patch: { suspendedAt: null, suspendedMs: sim.row.suspendedMs + (t - since), deadlineAt: deadline },
        data: { paused_working_ms: paused },
      };
    });
    return true;
  }
  return false;
}
