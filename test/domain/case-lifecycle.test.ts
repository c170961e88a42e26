// The case state machine, checked against an expected matrix written out by hand below (not read from
// TRANSITIONS): every state × action pair, the role refusal and every guard of each allowed pair,
// allowedActions for realistic actors, a property test against the same matrix, and whole paths
// (happy, rework, suspension/extension, return, self-handling) as a command layer would walk them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ROLES, type Role } from '../../src/domain/auth/roles.ts';
import {
  CASE_ACTIONS,
  CASE_STATES,
  allowedActions,
  transition,
  type CaseAction,
  type CaseState,
  type Guard,
  type TransitionContext,
  type TransitionRefusal,
} from '../../src/domain/cases/lifecycle.ts';

// ── The expected matrix ────────────────────────────────────────────────────────────────────────────
// One line per action: the states it is allowed from, where it leads ('same' = the case stays),
// the roles that may take it and the guards it needs. Everything not listed is CASE_ACTION_NOT_ALLOWED.
interface Row {
  from: readonly CaseState[];
  to: CaseState | 'same';
  who: readonly Role[];
  guards: readonly Guard[];
}
const OP_SUP: Role[] = ['operator', 'supervisor']; // 受理员、值班长 (the desk)
const DISP_SUP: Role[] = ['dispatcher', 'supervisor'];
const FIELD: Role[] = ['inspector', 'grid_worker'];
const HANDLER: Role[] = ['handler'];
const SUP: Role[] = ['supervisor'];
const LEAD = 'lead_unit_member' as const;
const NO_PENDING = 'no_pending_request' as const;
// 督办 and 催办 reach any case in the dispatch-and-handle loop.
const LOOP: CaseState[] = ['registered', 'dispatched', 'handling', 'returned', 'suspended', 'reported_back'];

// prettier-ignore
const EXPECTED: Record<CaseAction, Row> = {
  send_to_verify:       { from: ['reported'],                           to: 'verifying',     who: OP_SUP,                                 guards: [] },
  confirm_report:       { from: ['verifying'],                          to: 'reported',      who: FIELD,                                  guards: [] },
  register:             { from: ['reported'],                           to: 'registered',    who: OP_SUP,                                 guards: [] },
  reject:               { from: ['reported', 'verifying'],              to: 'rejected',      who: OP_SUP,                                 guards: [] },
  void:                 { from: ['reported', 'registered', 'returned'], to: 'voided',        who: SUP,                                    guards: [] },
  merge:                { from: ['reported', 'verifying'],              to: 'merged',        who: OP_SUP,                                 guards: [] },
  self_handle:          { from: ['reported'],                           to: 'self_handled',  who: FIELD,                                  guards: [] },
  approve_self_handled: { from: ['self_handled'],                       to: 'closed',        who: OP_SUP,                                 guards: [] },
  deny_self_handled:    { from: ['self_handled'],                       to: 'registered',    who: OP_SUP,                                 guards: [] },
  dispatch:             { from: ['registered'],                         to: 'dispatched',    who: DISP_SUP,                               guards: [] },
  acknowledge:          { from: ['dispatched'],                         to: 'handling',      who: HANDLER,                                guards: [LEAD] },
  return:               { from: ['dispatched', 'handling'],             to: 'returned',      who: HANDLER,                                guards: [LEAD, NO_PENDING] },
  reassign:             { from: ['dispatched', 'handling', 'returned'], to: 'dispatched',    who: DISP_SUP,                               guards: [] },
  request_extension:    { from: ['handling'],                           to: 'same',          who: HANDLER,                                guards: [LEAD, NO_PENDING] },
  approve_extension:    { from: ['handling'],                           to: 'same',          who: SUP,                                    guards: ['pending_extension'] },
  deny_extension:       { from: ['handling'],                           to: 'same',          who: SUP,                                    guards: ['pending_extension'] },
  request_suspension:   { from: ['handling'],                           to: 'same',          who: HANDLER,                                guards: [LEAD, NO_PENDING] },
  approve_suspension:   { from: ['handling'],                           to: 'suspended',     who: SUP,                                    guards: ['pending_suspension'] },
  deny_suspension:      { from: ['handling'],                           to: 'same',          who: SUP,                                    guards: ['pending_suspension'] },
  resume:               { from: ['suspended'],                          to: 'handling',      who: SUP,                                    guards: [] },
  assist:               { from: ['dispatched', 'handling'],             to: 'same',          who: HANDLER,                                guards: ['co_unit_member'] },
  report_back:          { from: ['handling'],                           to: 'reported_back', who: HANDLER,                                guards: [LEAD, NO_PENDING] },
  verify_pass:          { from: ['reported_back'],                      to: 'closed',        who: FIELD,                                  guards: [] },
  verify_fail:          { from: ['reported_back'],                      to: 'handling',      who: FIELD,                                  guards: [] },
  follow_up:            { from: ['closed'],                             to: 'same',          who: OP_SUP,                                 guards: ['not_followed_up'] },
  reopen:               { from: ['closed'],                             to: 'registered',    who: OP_SUP,                                 guards: ['reopen_window'] },
  publish:              { from: ['closed'],                             to: 'same',          who: OP_SUP,                                 guards: ['not_published'] },
  supervise:            { from: LOOP,                                   to: 'same',          who: ['leader', 'supervisor'],               guards: [] },
  urge:                 { from: LOOP,                                   to: 'same',          who: ['dispatcher', 'supervisor', 'leader'], guards: [] },
};

// ── Contexts ───────────────────────────────────────────────────────────────────────────────────────
const NOW = new Date('2026-03-10T08:00:00Z');
const DAY = 86_400_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

function ctx(state: CaseState, over: Partial<TransitionContext> = {}): TransitionContext {
  return {
    state,
    roles: [],
    actorUnits: [],
    leadUnitId: 'u-lead',
    coUnitIds: ['u-co'],
    pendingRequest: null,
    published: false,
    satisfaction: null,
    closedAt: null,
    now: NOW,
    reopenWindowDays: 7,
    ...over,
  };
}

/** What makes each guard hold. */
const SATISFY: Record<Guard, Partial<TransitionContext>> = {
  lead_unit_member: { actorUnits: ['u-lead'] },
  co_unit_member: { actorUnits: ['u-co'] },
  no_pending_request: { pendingRequest: null },
  pending_extension: { pendingRequest: 'extension' },
  pending_suspension: { pendingRequest: 'suspension' },
  reopen_window: { satisfaction: 'dissatisfied', closedAt: ago(2 * DAY) },
  not_followed_up: { satisfaction: null },
  not_published: { published: false },
};

/** Ways each guard fails, applied on top of a context where every guard of the row holds. */
const VIOLATE: Record<Guard, [string, Partial<TransitionContext>][]> = {
  lead_unit_member: [
    ['handler of another unit', { actorUnits: ['u-other'] }],
    ['handler of a co-unit only', { actorUnits: ['u-co'] }],
    ['handler of no unit', { actorUnits: [] }],
    ['case without a lead unit', { leadUnitId: null }],
  ],
  co_unit_member: [
    ['handler of another unit', { actorUnits: ['u-other'] }],
    ['handler of the lead unit only', { actorUnits: ['u-lead'] }],
  ],
  no_pending_request: [
    ['extension pending', { pendingRequest: 'extension' }],
    ['suspension pending', { pendingRequest: 'suspension' }],
  ],
  pending_extension: [
    ['nothing pending', { pendingRequest: null }],
    ['suspension pending', { pendingRequest: 'suspension' }],
  ],
  pending_suspension: [
    ['nothing pending', { pendingRequest: null }],
    ['extension pending', { pendingRequest: 'extension' }],
  ],
  reopen_window: [
    ['satisfied', { satisfaction: 'satisfied' }],
    ['basically satisfied', { satisfaction: 'basically_satisfied' }],
    ['not followed up', { satisfaction: null }],
    ['dissatisfied, 1 ms past the window', { closedAt: ago(7 * DAY + 1) }],
    ['dissatisfied, no closing time', { closedAt: null }],
  ],
  not_followed_up: [
    ['already 满意', { satisfaction: 'satisfied' }],
    ['already 不满意', { satisfaction: 'dissatisfied' }],
  ],
  not_published: [['already published', { published: true }]],
};

const withGuards = (c: TransitionContext, guards: readonly Guard[]): TransitionContext =>
  guards.reduce((acc, g) => ({ ...acc, ...SATISFY[g] }), c);

/** A context where the row's guards hold and every other guard fails: unlisted guards must not matter. */
function hostileExcept(
  state: CaseState,
  guards: readonly Guard[],
  roles: readonly Role[],
): TransitionContext {
  const c = ctx(state, {
    roles,
    actorUnits: [],
    pendingRequest: 'extension',
    published: true,
    satisfaction: 'satisfied',
    closedAt: ago(30 * DAY),
  });
  return withGuards(c, guards);
}

/** A context where the row's guards hold. */
const friendly = (state: CaseState, guards: readonly Guard[], roles: readonly Role[]): TransitionContext =>
  withGuards(ctx(state, { roles }), guards);

const expectedTo = (row: Row, from: CaseState): CaseState => (row.to === 'same' ? from : row.to);

// ── Every state × action ───────────────────────────────────────────────────────────────────────────
void test('every state × action pair matches the hand-written matrix (13 × 29)', async (t) => {
  assert.equal(CASE_STATES.length, 13);
  assert.equal(CASE_ACTIONS.length, 29);
  let walked = 0;
  let allowed = 0;
  for (const state of CASE_STATES) {
    await t.test(state, () => {
      for (const action of CASE_ACTIONS) {
        walked++;
        const row = EXPECTED[action];
        const label = `${action} from ${state}`;
        if (!row.from.includes(state)) {
          // Refused on the state even for an actor holding every role with every guard satisfied.
          const everything = friendly(state, row.guards, ROLES);
          assert.deepEqual(
            transition(action, everything),
            { ok: false, refusal: { code: 'CASE_ACTION_NOT_ALLOWED', action, state } },
            label,
          );
          continue;
        }
        allowed++;
        const to = expectedTo(row, state);
        // Each allowed role alone succeeds, and so does the role when every unlisted guard fails.
        for (const role of row.who) {
          for (const c of [friendly(state, row.guards, [role]), hostileExcept(state, row.guards, [role])]) {
            const out = transition(action, c);
            assert.ok(out.ok, `${label} by ${role}: ${JSON.stringify(out)}`);
            assert.equal(out.to, to, `${label} by ${role}`);
            assert.equal(out.rule.action, action);
          }
        }
        // Any actor with none of the allowed roles is FORBIDDEN, before guards are looked at.
        const others = ROLES.filter((r) => !row.who.includes(r));
        for (const roles of [others, [] as Role[], ...others.map((r) => [r])]) {
          assert.deepEqual(
            transition(action, hostileExcept(state, [], roles)),
            { ok: false, refusal: { code: 'FORBIDDEN', action, roles } },
            `${label} by [${roles.join(',')}]`,
          );
        }
        // Each guard, broken in each way while the others hold, refuses with that guard.
        for (const guard of row.guards) {
          for (const [why, broken] of VIOLATE[guard]) {
            const c = { ...friendly(state, row.guards, row.who), ...broken };
            assert.deepEqual(
              transition(action, c),
              { ok: false, refusal: { code: 'CASE_GUARD_FAILED', action, guard } },
              `${label}: ${why}`,
            );
          }
        }
      }
    });
  }
  assert.equal(walked, 13 * 29);
  assert.equal(allowed, 47); // counted by hand from the matrix: 47 allowed pairs, 330 refused
});

// ── Guards named in the rules ──────────────────────────────────────────────────────────────────────
const refusalOf = (action: CaseAction, c: TransitionContext): TransitionRefusal | null => {
  const out = transition(action, c);
  return out.ok ? null : out.refusal;
};

void test('guards: acknowledge needs the lead unit; report_back waits for a pending request', () => {
  const other = ctx('dispatched', { roles: ['handler'], actorUnits: ['u-other'] });
  assert.deepEqual(refusalOf('acknowledge', other), {
    code: 'CASE_GUARD_FAILED',
    action: 'acknowledge',
    guard: 'lead_unit_member',
  });
  const coUnit = ctx('dispatched', { roles: ['handler'], actorUnits: ['u-co'] });
  assert.equal(refusalOf('acknowledge', coUnit)?.code, 'CASE_GUARD_FAILED');
  const pending = ctx('handling', {
    roles: ['handler'],
    actorUnits: ['u-lead'],
    pendingRequest: 'extension',
  });
  assert.deepEqual(refusalOf('report_back', pending), {
    code: 'CASE_GUARD_FAILED',
    action: 'report_back',
    guard: 'no_pending_request',
  });
  const nothingPending = ctx('handling', { roles: ['supervisor'] });
  assert.deepEqual(refusalOf('approve_extension', nothingPending), {
    code: 'CASE_GUARD_FAILED',
    action: 'approve_extension',
    guard: 'pending_extension',
  });
});

void test('guards: reopen only when 不满意 and within reopenWindowDays of closedAt, boundary included', () => {
  const closed = (over: Partial<TransitionContext>) =>
    ctx('closed', { roles: ['operator'], satisfaction: 'dissatisfied', closedAt: ago(DAY), ...over });
  assert.equal(refusalOf('reopen', closed({})), null);
  assert.equal(refusalOf('reopen', closed({ closedAt: ago(7 * DAY) })), null); // exactly 7 days
  assert.equal(refusalOf('reopen', closed({ closedAt: ago(7 * DAY + 1) }))?.code, 'CASE_GUARD_FAILED');
  assert.equal(refusalOf('reopen', closed({ closedAt: NOW, reopenWindowDays: 0 })), null);
  assert.equal(
    refusalOf('reopen', closed({ closedAt: ago(1), reopenWindowDays: 0 }))?.code,
    'CASE_GUARD_FAILED',
  );
  assert.equal(refusalOf('reopen', closed({ closedAt: ago(29 * DAY), reopenWindowDays: 30 })), null);
  for (const satisfaction of ['satisfied', 'basically_satisfied', null] as const) {
    assert.deepEqual(refusalOf('reopen', closed({ satisfaction })), {
      code: 'CASE_GUARD_FAILED',
      action: 'reopen',
      guard: 'reopen_window',
    });
  }
});

// ── allowedActions for realistic actors ────────────────────────────────────────────────────────────
void test('allowedActions: what the API shows beside a case for real actors', () => {
  const lead = { roles: ['handler'] as Role[], actorUnits: ['u-lead'] };
  const cases: [string, TransitionContext, CaseAction[]][] = [
    ['dispatcher, registered', ctx('registered', { roles: ['dispatcher'] }), ['dispatch', 'urge']],
    ['lead handler, dispatched', ctx('dispatched', lead), ['acknowledge', 'return']],
    [
      'co-unit handler, dispatched',
      ctx('dispatched', { roles: ['handler'], actorUnits: ['u-co'] }),
      ['assist'],
    ],
    [
      'lead handler, handling',
      ctx('handling', lead),
      ['return', 'request_extension', 'request_suspension', 'report_back'],
    ],
    [
      'lead handler, handling, extension pending',
      ctx('handling', { ...lead, pendingRequest: 'extension' }),
      [],
    ],
    ['supervisor, suspended', ctx('suspended', { roles: ['supervisor'] }), ['resume', 'supervise', 'urge']],
    [
      'supervisor, handling, extension pending',
      ctx('handling', { roles: ['supervisor'], pendingRequest: 'extension' }),
      ['reassign', 'approve_extension', 'deny_extension', 'supervise', 'urge'],
    ],
    [
      'operator, reported',
      ctx('reported', { roles: ['operator'] }),
      ['send_to_verify', 'register', 'reject', 'merge'],
    ],
    ['grid worker, reported', ctx('reported', { roles: ['grid_worker'] }), ['self_handle']],
    [
      'inspector, reported_back',
      ctx('reported_back', { roles: ['inspector'] }),
      ['verify_pass', 'verify_fail'],
    ],
    [
      'operator, closed, 不满意 yesterday',
      ctx('closed', { roles: ['operator'], satisfaction: 'dissatisfied', closedAt: ago(DAY) }),
      ['reopen', 'publish'],
    ],
    [
      'operator, closed and published',
      ctx('closed', { roles: ['operator'], published: true }),
      ['follow_up'],
    ],
    ['leader, handling', ctx('handling', { roles: ['leader'] }), ['supervise', 'urge']],
    ['co-unit handler, handling', ctx('handling', { roles: ['handler'], actorUnits: ['u-co'] }), ['assist']],
    ['admin, handling', ctx('handling', { roles: ['admin'] }), []],
    ['every role, merged', ctx('merged', { roles: [...ROLES], actorUnits: ['u-lead'] }), []],
  ];
  for (const [who, c, want] of cases) assert.deepEqual(allowedActions(c), want, who);
});

// ── Property: allowedActions, transition and the matrix agree on any context ───────────────────────
const guardHolds = (g: Guard, c: TransitionContext): boolean => {
  switch (g) {
    case 'lead_unit_member':
      return c.leadUnitId !== null && c.actorUnits.includes(c.leadUnitId);
    case 'co_unit_member':
      return c.coUnitIds.some((u) => c.actorUnits.includes(u));
    case 'no_pending_request':
      return c.pendingRequest === null;
    case 'pending_extension':
      return c.pendingRequest === 'extension';
    case 'pending_suspension':
      return c.pendingRequest === 'suspension';
    case 'reopen_window':
      return (
        c.satisfaction === 'dissatisfied' &&
        c.closedAt !== null &&
        c.now.getTime() - c.closedAt.getTime() <= c.reopenWindowDays * DAY
      );
    case 'not_followed_up':
      return c.satisfaction === null;
    case 'not_published':
      return !c.published;
  }
};

function oracle(action: CaseAction, c: TransitionContext): string {
  const row = EXPECTED[action];
  if (!row.from.includes(c.state)) return 'CASE_ACTION_NOT_ALLOWED';
  if (!row.who.some((r) => c.roles.includes(r))) return 'FORBIDDEN';
  const failed = row.guards.find((g) => !guardHolds(g, c));
  return failed ? `CASE_GUARD_FAILED:${failed}` : `ok:${expectedTo(row, c.state)}`;
}

const contexts: fc.Arbitrary<TransitionContext> = fc
  .record({
    state: fc.constantFrom(...CASE_STATES),
    roles: fc.subarray([...ROLES]),
    actorUnits: fc.subarray(['u-lead', 'u-co', 'u-other']),
    leadUnitId: fc.constantFrom('u-lead', null),
    coUnitIds: fc.subarray(['u-co']),
    pendingRequest: fc.constantFrom('extension' as const, 'suspension' as const, null),
    published: fc.boolean(),
    satisfaction: fc.constantFrom(
      'satisfied' as const,
      'basically_satisfied' as const,
      'dissatisfied' as const,
      null,
    ),
    closedAgoMs: fc.option(fc.integer({ min: 0, max: 40 * DAY })),
    reopenWindowDays: fc.integer({ min: 0, max: 30 }),
  })
  .map(({ closedAgoMs, ...rest }) => ({
    ...rest,
    closedAt: closedAgoMs === null ? null : ago(closedAgoMs),
    now: NOW,
  }));

void test('property: allowedActions is exactly the successful transitions, and both follow the matrix', () => {
  fc.assert(
    fc.property(contexts, (c) => {
      const succeeded = CASE_ACTIONS.filter((a) => transition(a, c).ok);
      assert.deepEqual(allowedActions(c), succeeded);
      for (const a of CASE_ACTIONS) {
        const out = transition(a, c);
        if (out.ok) {
          assert.ok((CASE_STATES as readonly string[]).includes(out.to), out.to);
          assert.equal(`ok:${out.to}`, oracle(a, c), a);
        } else {
          const r = out.refusal;
          const got = r.code === 'CASE_GUARD_FAILED' ? `${r.code}:${r.guard}` : r.code;
          assert.equal(got, oracle(a, c), a);
        }
      }
    }),
    { numRuns: 2000 },
  );
});

// ── Whole paths ────────────────────────────────────────────────────────────────────────────────────
interface Actor {
  roles: Role[];
  units?: string[];
}
const OPERATOR: Actor = { roles: ['operator'] };
const SUPERVISOR: Actor = { roles: ['supervisor'] };
const DISPATCHER: Actor = { roles: ['dispatcher'] };
const INSPECTOR: Actor = { roles: ['inspector'] };
const GRID_WORKER: Actor = { roles: ['grid_worker'] };
const LEAD_HANDLER: Actor = { roles: ['handler'], units: ['u-lead'] };
const CO_HANDLER: Actor = { roles: ['handler'], units: ['u-co'] };
const LEADER: Actor = { roles: ['leader'] };

/**
 * A stand-in for the command layer: applies one action as `actor`, asserts it succeeds, moves the
 * state and records what the command would store beside it (requests, satisfaction, closing time).
 */
function act(c: TransitionContext, action: CaseAction, actor: Actor, extra: Partial<TransitionContext> = {}) {
  const out = transition(action, { ...c, roles: actor.roles, actorUnits: actor.units ?? [] });
  assert.ok(out.ok, `${action} from ${c.state}: ${JSON.stringify(out)}`);
  const next: TransitionContext = { ...c, state: out.to, ...extra };
  if (action === 'request_extension') next.pendingRequest = 'extension';
  if (action === 'request_suspension') next.pendingRequest = 'suspension';
  if (/^(approve|deny)_(extension|suspension)$/.test(action)) next.pendingRequest = null;
  if (out.to === 'closed' && c.state !== 'closed') next.closedAt = next.now;
  if (action === 'publish') next.published = true;
  if (action === 'reopen') Object.assign(next, { satisfaction: null, closedAt: null, published: false });
  return next;
}

function refuse(c: TransitionContext, action: CaseAction, actor: Actor): TransitionRefusal {
  const out = transition(action, { ...c, roles: actor.roles, actorUnits: actor.units ?? [] });
  assert.ok(!out.ok, `${action} from ${c.state} should be refused`);
  return out.refusal;
}

function walk(c: TransitionContext, steps: [CaseAction, Actor, Partial<TransitionContext>?][]) {
  const states: CaseState[] = [c.state];
  for (const [action, actor, extra] of steps) {
    c = act(c, action, actor, extra);
    states.push(c.state);
  }
  return { c, path: states.join(' → ') };
}

void test('path: the happy loop, reported → closed → follow-up → published once', () => {
  const { c, path } = walk(ctx('reported'), [
    ['send_to_verify', OPERATOR],
    ['confirm_report', GRID_WORKER],
    ['register', OPERATOR],
    ['dispatch', DISPATCHER],
    ['acknowledge', LEAD_HANDLER],
    ['report_back', LEAD_HANDLER],
    ['verify_pass', INSPECTOR],
    ['follow_up', OPERATOR, { satisfaction: 'satisfied' }],
    ['publish', OPERATOR],
  ]);
  assert.equal(
    path,
    'reported → verifying → reported → registered → dispatched → handling → reported_back → closed → closed → closed',
  );
  assert.equal(c.published, true);
  assert.deepEqual(refuse(c, 'publish', OPERATOR), {
    code: 'CASE_GUARD_FAILED',
    action: 'publish',
    guard: 'not_published',
  });
  assert.equal(refuse(c, 'reopen', OPERATOR).code, 'CASE_GUARD_FAILED'); // 满意: nothing to redo
  assert.equal(refuse(c, 'urge', LEADER).code, 'CASE_ACTION_NOT_ALLOWED');
  assert.deepEqual(allowedActions({ ...c, roles: ['operator'] }), []);
  assert.equal(refuse(c, 'follow_up', OPERATOR).code, 'CASE_GUARD_FAILED'); // satisfaction is recorded once
});

void test('path: rework after a failed check, then 不满意 and 重办 within the window', () => {
  let { c, path } = walk(ctx('reported'), [
    ['register', SUPERVISOR],
    ['dispatch', SUPERVISOR],
    ['acknowledge', LEAD_HANDLER],
    ['report_back', LEAD_HANDLER],
    ['verify_fail', INSPECTOR],
    ['report_back', LEAD_HANDLER],
    ['verify_pass', GRID_WORKER],
  ]);
  assert.equal(
    path,
    'reported → registered → dispatched → handling → reported_back → handling → reported_back → closed',
  );
  c = act(c, 'follow_up', OPERATOR, { satisfaction: 'dissatisfied' });
  // Eight days later the window (7) has passed; six days later it has not.
  assert.equal(
    refuse({ ...c, now: new Date(NOW.getTime() + 8 * DAY) }, 'reopen', OPERATOR).code,
    'CASE_GUARD_FAILED',
  );
  c = act({ ...c, now: new Date(NOW.getTime() + 6 * DAY) }, 'reopen', OPERATOR);
  assert.equal(c.state, 'registered');
  ({ c, path } = walk(c, [
    ['dispatch', DISPATCHER],
    ['acknowledge', LEAD_HANDLER],
    ['report_back', LEAD_HANDLER],
    ['verify_pass', INSPECTOR],
    ['publish', OPERATOR],
  ]));
  assert.equal(path, 'registered → dispatched → handling → reported_back → closed → closed');
});

void test('path: suspension and extension requests block the unit until decided', () => {
  let { c } = walk(ctx('registered'), [
    ['dispatch', DISPATCHER],
    ['acknowledge', LEAD_HANDLER],
    ['request_suspension', LEAD_HANDLER],
  ]);
  assert.equal(c.state, 'handling');
  assert.equal(refuse(c, 'report_back', LEAD_HANDLER).code, 'CASE_GUARD_FAILED');
  assert.equal(refuse(c, 'request_extension', LEAD_HANDLER).code, 'CASE_GUARD_FAILED');
  assert.equal(refuse(c, 'return', LEAD_HANDLER).code, 'CASE_GUARD_FAILED');
  assert.deepEqual(refuse(c, 'approve_extension', SUPERVISOR), {
    code: 'CASE_GUARD_FAILED',
    action: 'approve_extension',
    guard: 'pending_extension',
  });
  assert.equal(refuse(c, 'approve_suspension', DISPATCHER).code, 'FORBIDDEN');
  c = act(c, 'approve_suspension', SUPERVISOR);
  assert.equal(c.state, 'suspended');
  assert.deepEqual(refuse(c, 'report_back', LEAD_HANDLER), {
    code: 'CASE_ACTION_NOT_ALLOWED',
    action: 'report_back',
    state: 'suspended',
  });
  const { path } = walk(c, [
    ['supervise', LEADER],
    ['urge', DISPATCHER],
    ['resume', SUPERVISOR],
    ['request_extension', LEAD_HANDLER],
    ['deny_extension', SUPERVISOR],
    ['request_extension', LEAD_HANDLER],
    ['approve_extension', SUPERVISOR],
    ['request_suspension', LEAD_HANDLER],
    ['deny_suspension', SUPERVISOR],
    ['report_back', LEAD_HANDLER],
    ['verify_pass', INSPECTOR],
  ]);
  assert.equal(
    path,
    'suspended → suspended → suspended → handling → handling → handling → handling → handling → handling → handling → reported_back → closed',
  );
});

void test('path: a co-unit cannot take the case; the lead unit returns it and it is reassigned', () => {
  let c = act(ctx('registered'), 'dispatch', DISPATCHER);
  assert.deepEqual(refuse(c, 'acknowledge', CO_HANDLER), {
    code: 'CASE_GUARD_FAILED',
    action: 'acknowledge',
    guard: 'lead_unit_member',
  });
  assert.equal(refuse(c, 'reassign', LEAD_HANDLER).code, 'FORBIDDEN');
  c = act(c, 'return', LEAD_HANDLER);
  assert.equal(c.state, 'returned');
  assert.equal(refuse(c, 'acknowledge', LEAD_HANDLER).code, 'CASE_ACTION_NOT_ALLOWED');
  const { path } = walk(c, [
    ['urge', LEADER],
    ['reassign', DISPATCHER, { leadUnitId: 'u-co', coUnitIds: [] }],
    ['acknowledge', CO_HANDLER],
    ['report_back', CO_HANDLER],
    ['verify_pass', INSPECTOR],
  ]);
  assert.equal(path, 'returned → returned → dispatched → handling → reported_back → closed');
});

void test('path: self-handling on the spot, approved or sent into the normal loop', () => {
  const done = act(ctx('reported'), 'self_handle', GRID_WORKER);
  assert.equal(done.state, 'self_handled');
  assert.equal(refuse(done, 'approve_self_handled', GRID_WORKER).code, 'FORBIDDEN');
  assert.equal(act(done, 'approve_self_handled', OPERATOR).state, 'closed');
  assert.equal(act(done, 'deny_self_handled', SUPERVISOR).state, 'registered');
  // Rejected, merged and voided reports are final: nothing moves them.
  for (const [action, actor] of [
    ['reject', OPERATOR],
    ['merge', OPERATOR],
    ['void', SUPERVISOR],
  ] as const) {
    const end = act(ctx('reported'), action, actor);
    assert.deepEqual(allowedActions({ ...end, roles: [...ROLES], actorUnits: ['u-lead'] }), [], action);
  }
});
