// The scripts a demo case follows after its report: rejected, voided, merged, fixed on the spot
// (自处理), or the full loop — register, dispatch to the suggested unit (sometimes first to a wrong
// one that returns it), acknowledge, handle (usually in time, some late, some extended or
// suspended, late ones urged), report back, verify (some reworked), close, follow up, publish, and
// now and then reopen after a 不满意. Desk work happens in working time; urgent cases at once.
import { RETURN_REASONS } from '../cases/action-input.ts';
import type { CaseSim, SimEffect } from './history-sim.ts';
import { NOTES, handlingResult } from './history-templates.ts';
import type { Rng } from './history-random.ts';
import {
  HOUR,
  MIN,
  allowedMs,
  dispatchTo,
  field,
  handledAt,
  later,
  requests,
  superviseIfLate,
  wrongUnit,
  type Life,
  type LifeInput,
} from './history-steps.ts';
import { handlerFor, suggestedLeadUnit, type HistoryWorld } from './history-world.ts';

const onTimeShare = (rng: Rng): number => 0.1 + 0.87 * Math.pow(rng.next(), 1.8);
const share = (rng: Rng, lateP: number): number =>
  rng.chance(lateP) ? rng.logBetween(1.03, 2.5) : onTimeShare(rng);

/** Desk delay in working minutes: mostly `lo`–`hi`, sometimes hours when the desk is busy. */
function deskDelay(rng: Rng, lo: number, hi: number): number {
  const x = rng.next();
  return (x < 0.8 ? rng.between(lo, hi) : x < 0.96 ? rng.between(hi, 240) : rng.between(240, 840)) * MIN;
}

/** Dispatch → acknowledge → handle → report back → verify (with rework) → closed. */
function handle(l: Life, firstDispatch: boolean): void {
  const { rng, sim, w, c } = l;
  const right = suggestedLeadUnit(w, c.category, c.villageCode);
  const wrong = firstDispatch && rng.chance(0.035) ? wrongUnit(l, right) : null;
  const first = wrong ?? right ?? wrongUnit(l, null);
  if (!first) return;
  const desk = (ms: number) => later(l, sim.last, ms, c.urgent);
  if (
    !dispatchTo(
      l,
      'dispatch',
      desk(c.urgent ? rng.between(1, 5) * MIN : deskDelay(rng, 5, 40)),
      first,
      first === right,
    )
  )
    return;
  if (wrong && right) {
    const handler = handlerFor(w, wrong);
    if (rng.chance(0.4))
      sim.act('acknowledge', desk(rng.between(10, 90) * MIN), handler, (t) => ({
        patch: { acknowledgedAt: t },
      }));
    const code = rng.pick(Object.keys(RETURN_REASONS) as (keyof typeof RETURN_REASONS)[]);
    sim.act('return', desk(rng.between(20, 240) * MIN), handler, () => ({
      patch: { returnCount: sim.row.returnCount + 1 },
      note: NOTES.returnText[code],
      data: { reason_code: code },
    }));
    dispatchTo(l, 'reassign', desk(rng.between(10, 180) * MIN), right, false);
  }
  const handler = handlerFor(w, sim.row.leadUnitId!);
  const ackMin = c.urgent
    ? rng.between(2, 15)
    : rng.chance(0.75)
      ? rng.between(5, 60)
      : rng.chance(0.8)
        ? rng.between(60, 240)
        : rng.between(240, 900);
  sim.act('acknowledge', desk(ackMin * MIN), handler, (t) => ({ patch: { acknowledgedAt: t } }));
  const asked = requests(l, sim.last);
  for (let round = 0; round < 3 && !sim.stopped; round++) {
    // When the case should be closed; the unit reports back part-way there and the check closes it.
    const closeAt =
      round > 0
        ? later(l, sim.last, allowedMs(l) * rng.between(0.1, 0.4), c.urgent)
        : handledAt(l, asked ? sim.last : sim.row.dispatchedAt!, share(rng, 0.06));
    const start = sim.last;
    const span = c.urgent ? closeAt - start : w.calendar.workingMsBetween(new Date(start), new Date(closeAt));
    const backAt = later(l, start, Math.max(10 * MIN, span * rng.between(0.55, 0.9)), c.urgent);
    superviseIfLate(l, backAt);
    const result = handlingResult(rng, c.category);
    if (
      !sim.act('report_back', backAt, handlerFor(w, sim.row.leadUnitId!), (t) => ({
        patch: { result, reportedBackAt: t },
        photos: 1,
      }))
    )
      return;
    const checkAt = Math.max(closeAt, later(l, sim.last, rng.between(5, 30) * MIN, c.urgent));
    if (round < 2 && rng.chance(0.04)) {
      const note = rng.pick(NOTES.verifyFail);
      sim.act('verify_fail', checkAt, field(l), () => ({
        patch: { reworkCount: sim.row.reworkCount + 1, reportedBackAt: null },
        note,
      }));
      continue;
    }
    sim.act('verify_pass', checkAt, field(l), (t) => ({
      patch: { closedAt: t, colour: 'green' },
      photos: 1,
    }));
    return;
  }
}

function followUpAndPublish(l: Life, reopenAllowed: boolean): void {
  const { rng, sim, w } = l;
  if (sim.state !== 'closed') return;
  if (rng.chance(0.92)) {
    const x = rng.next();
    const s = reopenAllowed
      ? x < 0.85
        ? 'satisfied'
        : x < 0.95
          ? 'basically_satisfied'
          : 'dissatisfied'
      : x < 0.6
        ? 'satisfied'
        : 'basically_satisfied';
    sim.act('follow_up', later(l, sim.last, rng.between(1, 21) * HOUR), w.actors.operator, () => ({
      patch: { satisfaction: s },
      note: NOTES.followUp[s],
    }));
    if (s === 'dissatisfied' && rng.chance(0.4)) {
      const at = later(l, sim.last, rng.between(0.5, 8) * HOUR);
      const window = sim.row.closedAt! + w.reopenWindowDays * 86_400_000;
      const note = rng.pick(NOTES.reopen);
      if (
        at <= window &&
        sim.act('reopen', at, w.actors.operator, (t) => ({
          patch: {
            closedAt: null,
            reopenCount: sim.row.reopenCount + 1,
            registeredAt: t,
            satisfaction: null,
            publishedAt: null,
          },
          note,
        }))
      ) {
        handle(l, false);
        followUpAndPublish(l, false);
        return;
      }
    }
  }
  if (sim.state === 'closed' && rng.chance(0.85))
    sim.act('publish', later(l, sim.last, rng.between(0.5, 14) * HOUR), w.actors.operator, (t) => ({
      patch: { publishedAt: t },
    }));
}

/** Plays the case's script from its report to the end of the window (or its end). */
export function playLifecycle(
  w: HistoryWorld,
  sim: CaseSim,
  rng: Rng,
  c: LifeInput,
  mergeNote?: () => SimEffect,
): void {
  const l: Life = { w, sim, rng, c };
  const desk = (lo: number, hi: number) => later(l, sim.last, rng.between(lo, hi) * MIN, c.urgent);
  const op = w.actors.operator;
  switch (c.outcome) {
    case 'merge':
      sim.act('merge', desk(5, 40), op, mergeNote ?? (() => ({})));
      break;
    case 'reject':
      sim.act('reject', desk(5, 60), op, () => ({ note: rng.pick(NOTES.reject) }));
      break;
    case 'self': {
      const result = handlingResult(rng, c.category);
      sim.act('self_handle', sim.last + rng.between(2, 30) * MIN, w.actors.gridWorker, () => ({
        patch: { result },
        photos: 1,
      }));
      if (rng.chance(0.1)) {
        const note = rng.pick(NOTES.denySelfHandled);
        if (sim.act('deny_self_handled', desk(10, 240), op, (t) => ({ patch: { registeredAt: t }, note })))
          handle(l, true);
        followUpAndPublish(l, true);
      } else {
        sim.act('approve_self_handled', desk(10, 240), op, (t) => ({
          patch: { closedAt: t, colour: 'green' },
        }));
        if (rng.chance(0.5))
          sim.act('publish', later(l, sim.last, rng.between(0.5, 14) * HOUR), op, (t) => ({
            patch: { publishedAt: t },
          }));
      }
      break;
    }
    case 'void':
    case 'normal': {
      if (c.public && rng.chance(0.12)) {
        sim.act('send_to_verify', desk(5, 30), op, () => ({}));
        const genuine = rng.chance(0.9);
        sim.act('confirm_report', desk(20, 240), field(l), () => ({
          patch: { verified: genuine },
          note: genuine ? '现场核实，情况属实' : '现场核实，情况不属实',
        }));
        if (!genuine) {
          sim.act('reject', desk(5, 60), op, () => ({ note: rng.pick(NOTES.rejectAfterVerify) }));
          break;
        }
      }
      if (
        !sim.act(
          'register',
          later(l, sim.last, c.urgent ? 4 * MIN : deskDelay(rng, 3, 45), c.urgent),
          op,
          (t) => ({
            patch: { registeredAt: t },
          }),
        )
      )
        break;
      if (c.outcome === 'void') {
        sim.act('void', desk(10, 180), w.actors.supervisor, () => ({ note: rng.pick(NOTES.void) }));
        break;
      }
      handle(l, true);
      followUpAndPublish(l, true);
      break;
    }
  }
  sim.finish();
}
