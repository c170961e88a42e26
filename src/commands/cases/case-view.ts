// The API's shape of a case: reporter contact masked (reveal is separate and audited), times in
// ISO-8601, and the actions the caller may take now — so no client re-implements the rules.
import { OPEN_STATES, allowedActions, type CaseState } from '../../domain/cases/lifecycle.ts';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar.ts';
import { maskName, maskPhone } from '../../domain/personal/mask.ts';
import type { CaseEventRow, CaseRow } from '../../store/case-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { transitionContext } from './act-on-case.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Working time left before `due` (negative once it has passed), or null without a deadline. */
function workingMsLeft(cal: WorkingCalendar | undefined, due: Date | null, now: Date): number | null {
  if (!cal || !due) return null;
  return due >= now ? cal.workingMsBetween(now, due) : -cal.workingMsBetween(due, now);
}

/**
 * `cal` (the working calendar) adds the working time left on the unit's deadline and on the
 * inspector's step (核实 / 核查) — what every row of the workbench shows.
 */
export function toCaseView(ctx: AppContext, c: CaseRow, actor: Actor | null, cal?: WorkingCalendar) {
  const now = ctx.clock.now();
  const clockRuns = OPEN_STATES.includes(c.state as CaseState) && c.suspended_at === null;
  const open = (sealed: string | null, purpose: string) => (sealed ? ctx.sealer.open(sealed, purpose) : null);
  const name = open(c.reporter_name_sealed, 'case.reporter_name');
  const phone = open(c.reporter_phone_sealed, 'case.reporter_phone');
  return {
    id: c.id,
    code: c.code,
    channel: c.channel,
    state: c.state,
    category_code: c.category_code,
    urgency: c.urgency,
    title: c.title,
    description: c.description,
    address: c.address,
    location: { lng: c.lng, lat: c.lat },
    grid_code: c.grid_code,
    region_code: c.region_code,
    reporter: { name: name ? maskName(name) : null, phone: phone ? maskPhone(phone) : null },
    lead_unit_id: c.lead_unit_id,
    co_unit_ids: c.co_unit_ids,
    pending_request: c.pending_request,
    pending_request_data: c.pending_request_data,
    deadline_at: iso(c.deadline_at),
    working_ms_left: clockRuns ? workingMsLeft(cal, c.deadline_at, now) : null,
    step_deadline_at: iso(c.step_deadline_at),
    step_working_ms_left: clockRuns ? workingMsLeft(cal, c.step_deadline_at, now) : null,
    colour: c.colour,
    merged_into: c.merged_into,
    verified: c.verified,
    counts: {
      rework: c.rework_count,
      return: c.return_count,
      reassign: c.reassign_count,
      reopen: c.reopen_count,
    },
    satisfaction: c.satisfaction,
    result: c.result,
    published_at: iso(c.published_at),
    reported_at: iso(c.reported_at),
    registered_at: iso(c.registered_at),
    dispatched_at: iso(c.dispatched_at),
    acknowledged_at: iso(c.acknowledged_at),
    reported_back_at: iso(c.reported_back_at),
    closed_at: iso(c.closed_at),
    suspended_at: iso(c.suspended_at),
    version: c.version,
    actions: actor ? allowedActions(transitionContext(ctx, c, actor, now)) : [],
  };
}

export function toEventView(e: CaseEventRow) {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actor_name,
    role: e.actor_role,
    action: e.action,
    from: e.from_state,
    to: e.to_state,
    note: e.note,
    attachments: e.attachments,
    data: e.data,
  };
}
