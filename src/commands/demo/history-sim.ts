// One case's life, replayed in memory: each action passes the lifecycle table (`transition`, the
// same check the real commands make) and sets the columns the real effect sets; the deadline
// sweep is replayed between actions (yellow at 80 %, red past the deadline, one automatic order
// and event per level). Actions after the end of the window are not taken: the case stays open.
import {
  deadlineColour,
  worsened,
  YELLOW_AT,
  type DeadlineColour,
} from '../../domain/cases/deadline-colour.ts';
import { transition, type CaseAction, type CaseState } from '../../domain/cases/lifecycle.ts';
import type { Role } from '../../domain/auth/roles.ts';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar.ts';
import type { WorldActor } from './history-world.ts';

/** A step of the timeline, as case_events will hold it. */
export interface SimEvent {
  at: number;
  actor: WorldActor;
  action: string;
  from: CaseState | null;
  to: CaseState;
  note: string | null;
  data: Record<string, unknown> | null;
  /** How many photos the actor attached. */
  photos: number;
}

/** A supervision order (automatic, urge or manual). */
export interface SimOrder {
  at: number;
  kind: 'auto' | 'manual' | 'urge';
  level: 'yellow' | 'red' | 'manual';
  unitId: string | null;
  issuedBy: string | null;
  note: string;
}

/** The case columns a lifecycle action may change (instants as epoch ms). */
export interface SimRow {
  state: CaseState;
  leadUnitId: string | null;
  pendingRequest: 'extension' | 'suspension' | null;
  pendingRequestData: Record<string, unknown> | null;
  deadlineAt: number | null;
  suspendedAt: number | null;
  suspendedMs: number;
  colour: DeadlineColour;
  verified: boolean | null;
  reworkCount: number;
  returnCount: number;
  reassignCount: number;
  reopenCount: number;
  satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
  publishedAt: number | null;
  result: string | null;
  registeredAt: number | null;
  dispatchedAt: number | null;
  acknowledgedAt: number | null;
  reportedBackAt: number | null;
  closedAt: number | null;
  version: number;
  updatedAt: number;
}

/** What an action changes beyond the state, as in commands/cases/case-effects.ts. */
export interface SimEffect {
  patch?: Partial<SimRow>;
  note?: string | null;
  data?: Record<string, unknown> | null;
  photos?: number;
}

/** The calendar, the end of the window and the reopen window the simulation runs under. */
export interface SimEnv {
  calendar: WorkingCalendar;
  endAt: number;
  reopenWindowDays: number;
}

const SWEEP_NOTE = {
  yellow: '办理时限已过 80%，请抓紧办理（系统预警）',
  red: '已超过办理时限，系统自动督办',
} as const;
const SYSTEM: WorldActor = { id: null, name: '系统', role: 'system' };

/** One case in memory: its row, its events and orders, moved only through the lifecycle table. */
export class CaseSim {
  readonly row: SimRow;
  readonly events: SimEvent[] = [];
  readonly orders: SimOrder[] = [];
  /** True once an action fell after the end of the window: nothing more happens to the case. */
  stopped = false;
  private readonly issued = new Set<string>();

  constructor(
    private readonly env: SimEnv,
    reportedAt: number,
    reporter: WorldActor,
    data: Record<string, unknown>,
    photos: number,
  ) {
    this.row = {
      state: 'reported',
      leadUnitId: null,
      pendingRequest: null,
      pendingRequestData: null,
      deadlineAt: null,
      suspendedAt: null,
      suspendedMs: 0,
      colour: 'green',
      verified: null,
      reworkCount: 0,
      returnCount: 0,
      reassignCount: 0,
      reopenCount: 0,
      satisfaction: null,
      publishedAt: null,
      result: null,
      registeredAt: null,
      dispatchedAt: null,
      acknowledgedAt: null,
      reportedBackAt: null,
      closedAt: null,
      version: 1,
      updatedAt: reportedAt,
    };
    this.events.push({
      at: reportedAt,
      actor: reporter,
      action: 'report',
      from: null,
      to: 'reported',
      note: null,
      data,
      photos,
    });
  }

  get state(): CaseState {
    return this.row.state;
  }

  /** Time of the latest event. */
  get last(): number {
    return this.events[this.events.length - 1]!.at;
  }

  /**
   * Takes `action` at `at` (never before the latest event) as `actor`, with the effect computed for
   * the final instant. Throws when the lifecycle table refuses (a bug in the script); returns
   * false, and stops the case, when the instant is past the end of the window.
   */
  act(action: CaseAction, at: number, actor: WorldActor, effect: (at: number) => SimEffect): boolean {
    if (this.stopped) return false;
    const t = Math.max(Math.round(at), this.last);
    if (t > this.env.endAt) {
      this.stopped = true;
      return false;
    }
    this.sweepUntil(t);
    const r = this.row;
    const out = transition(action, {
      state: r.state,
      roles: [actor.role as Role],
      actorUnits: actor.role === 'handler' && r.leadUnitId ? [r.leadUnitId] : [],
      leadUnitId: r.leadUnitId,
      coUnitIds: [],
      pendingRequest: r.pendingRequest,
      published: r.publishedAt !== null,
      satisfaction: r.satisfaction,
      closedAt: r.closedAt === null ? null : new Date(r.closedAt),
      now: new Date(t),
      reopenWindowDays: this.env.reopenWindowDays,
    });
    if (!out.ok) throw new Error(`demo history: ${action} refused in ${r.state}: ${out.refusal.code}`);
    const e = effect(t);
    const from = r.state;
    Object.assign(r, e.patch ?? {});
    r.state = out.to;
    r.version++;
    r.updatedAt = t;
    this.events.push({
      at: t,
      actor,
      action,
      from,
      to: out.to,
      note: e.note ?? null,
      data: e.data ?? null,
      photos: e.photos ?? 0,
    });
    return true;
  }

  /** Adds the supervision order an urge or supervise action issues (after a successful act). */
  order(kind: 'manual' | 'urge', issuedBy: WorldActor, note: string): void {
    this.orders.push({
      at: this.last,
      kind,
      level: 'manual',
      unitId: this.row.leadUnitId,
      issuedBy: issuedBy.id,
      note,
    });
  }

  /** When the running clock crosses `level` under the current deadline; null when it is not running. */
  crossing(level: 'yellow' | 'red'): number | null {
    const r = this.row;
    if ((r.state !== 'dispatched' && r.state !== 'handling') || r.suspendedAt !== null) return null;
    if (r.deadlineAt === null || r.dispatchedAt === null) return null;
    const cal = this.env.calendar;
    const from = new Date(r.dispatchedAt);
    const allowed = cal.workingMsBetween(from, new Date(r.deadlineAt));
    const target = level === 'yellow' ? Math.ceil(YELLOW_AT * allowed) : allowed + 1;
    return cal.addWorkingMs(from, Math.max(1, target)).getTime();
  }

  /** Replays the sweep up to the end of the window (call once the script is done). */
  finish(): void {
    this.sweepUntil(this.env.endAt);
  }

  private sweepUntil(t: number): void {
    const r = this.row;
    for (let step = 0; step < 2 && r.colour !== 'red'; step++) {
      const at = this.crossing(r.colour === 'green' ? 'yellow' : 'red');
      if (at === null || at > t) return;
      const cal = this.env.calendar;
      const from = new Date(r.dispatchedAt!);
      const colour = deadlineColour(
        cal.workingMsBetween(from, new Date(at)),
        cal.workingMsBetween(from, new Date(r.deadlineAt!)),
      );
      if (!worsened(r.colour, colour)) return;
      r.colour = colour;
      const when = Math.max(at, this.last);
      r.updatedAt = Math.max(r.updatedAt, when);
      if (colour === 'green' || this.issued.has(colour)) continue;
      this.issued.add(colour);
      const note = SWEEP_NOTE[colour];
      this.orders.push({ at: when, kind: 'auto', level: colour, unitId: r.leadUnitId, issuedBy: null, note });
      this.events.push({
        at: when,
        actor: SYSTEM,
        action: colour === 'red' ? 'auto_supervise' : 'auto_warn',
        from: r.state,
        to: r.state,
        note,
        data: { colour, deadline_at: new Date(r.deadlineAt!).toISOString() },
        photos: 0,
      });
    }
  }
}
