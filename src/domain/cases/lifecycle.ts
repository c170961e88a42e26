// The case lifecycle of 数字城管 / 网格化 governance (CJ/T 214 / GB/T 30428 flow) as a table:
// 上报 → (核实) → 立案 → 派遣 → 签收 → 处置 → 反馈 → 核查 → 结案 → 回访 / 晒单, with 退回, 改派, 延期,
// 挂账, 返工, 自处理, 合并, 不予立案, 作废 and 重办. One row per (action, from): who may do it and
// where it leads. `transition` applies a row or returns a typed refusal; nothing else moves a case.
import type { Role } from '../auth/roles.ts';

export const CASE_STATES = [
  'reported', // 上报，待受理
  'verifying', // 核实中 (sent to the grid's inspector to confirm the report)
  'registered', // 已立案，待派遣
  'dispatched', // 已派遣，待签收
  'handling', // 处置中 (acknowledged; extension/suspension requests live beside it)
  'returned', // 已退回，待改派
  'suspended', // 挂账中 (clock stopped)
  'reported_back', // 已反馈，待核查
  'self_handled', // 自处理，待审核
  'closed', // 已结案 (follow-up, publishing and reopening happen here)
  'rejected', // 不予立案
  'voided', // 已作废
  'merged', // 已合并到另一案件
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_ACTIONS = [
  'send_to_verify', // 派核实
  'confirm_report', // 核实反馈 (genuine or not)
  'register', // 立案
  'reject', // 不予立案
  'void', // 作废
  'merge', // 合并
  'self_handle', // 自处理 (the reporting inspector fixed it on the spot)
  'approve_self_handled', // 自处理审核通过 → 结案
  'deny_self_handled', // 自处理审核不通过 → 立案待派遣
  'dispatch', // 派遣
  'acknowledge', // 签收
  'return', // 退回
  'reassign', // 改派
  'request_extension', // 申请延期
  'approve_extension', // 批准延期
  'deny_extension', // 驳回延期
  'request_suspension', // 申请挂账
  'approve_suspension', // 批准挂账
  'deny_suspension', // 驳回挂账
  'resume', // 挂账恢复
  'assist', // 协办反馈 (a co-unit's note on its part while the lead unit handles the case)
  'report_back', // 处置反馈
  'verify_pass', // 核查通过 → 结案
  'verify_fail', // 核查不通过 → 返工
  'follow_up', // 回访 (satisfaction)
  'reopen', // 重办
  'publish', // 晒单
  'supervise', // 督办
  'urge', // 催办
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Open states: the case is somewhere in the loop and its clock may run. */
export const OPEN_STATES: readonly CaseState[] = [
  'reported',
  'verifying',
  'registered',
  'dispatched',
  'handling',
  'returned',
  'suspended',
  'reported_back',
  'self_handled',
];
/** States that end the loop for good (closed can still be followed up, published, reopened). */
export const FINAL_STATES: readonly CaseState[] = ['closed', 'rejected', 'voided', 'merged'];

/** Extra conditions a row needs beyond state and role; checked by `transition` against the context. */
export type Guard =
  | 'lead_unit_member' // the actor handles for the case's lead unit
  | 'co_unit_member' // the actor handles for a co-unit (协办单位)
  | 'no_pending_request' // no extension/suspension request is open
  | 'pending_extension'
  | 'pending_suspension'
  | 'reopen_window' // closed within the reopen window and the reporter was 不满意
  | 'not_followed_up' // satisfaction not yet recorded (it cannot be rewritten to force a reopen)
  | 'not_published';

export interface TransitionRule {
  action: CaseAction;
  from: readonly CaseState[];
  /** null = the case stays in its state (requests, follow-up, supervision). */
  to: CaseState | null;
  who: readonly Role[];
  guards?: readonly Guard[];
}

const DESK: Role[] = ['operator', 'supervisor']; // 受理员、值班长
const DISPATCH: Role[] = ['dispatcher', 'supervisor'];
const FIELD: Role[] = ['inspector', 'grid_worker']; // 监督员、网格员
const HANDLER: Role[] = ['handler'];
const SUPERVISOR: Role[] = ['supervisor'];
const OPEN_LOOP: CaseState[] = [
  'registered',
  'dispatched',
  'handling',
  'returned',
  'suspended',
  'reported_back',
];

export const TRANSITIONS: readonly TransitionRule[] = [
  { action: 'send_to_verify', from: ['reported'], to: 'verifying', who: DESK },
  { action: 'confirm_report', from: ['verifying'], to: 'reported', who: FIELD },
  { action: 'register', from: ['reported'], to: 'registered', who: DESK },
  { action: 'reject', from: ['reported', 'verifying'], to: 'rejected', who: DESK },
  { action: 'void', from: ['reported', 'registered', 'returned'], to: 'voided', who: SUPERVISOR },
  { action: 'merge', from: ['reported', 'verifying'], to: 'merged', who: DESK },
  { action: 'self_handle', from: ['reported'], to: 'self_handled', who: FIELD },
  { action: 'approve_self_handled', from: ['self_handled'], to: 'closed', who: DESK },
  { action: 'deny_self_handled', from: ['self_handled'], to: 'registered', who: DESK },
  { action: 'dispatch', from: ['registered'], to: 'dispatched', who: DISPATCH },
  { action: 'acknowledge', from: ['dispatched'], to: 'handling', who: HANDLER, guards: ['lead_unit_member'] },
  {
    action: 'return',
    from: ['dispatched', 'handling'],
    to: 'returned',
    who: HANDLER,
    guards: ['lead_unit_member', 'no_pending_request'],
  },
  { action: 'reassign', from: ['returned', 'dispatched', 'handling'], to: 'dispatched', who: DISPATCH },
  {
    action: 'request_extension',
    from: ['handling'],
    to: null,
    who: HANDLER,
    guards: ['lead_unit_member', 'no_pending_request'],
  },
  {
    action: 'approve_extension',
    from: ['handling'],
    to: null,
    who: SUPERVISOR,
    guards: ['pending_extension'],
  },
  { action: 'deny_extension', from: ['handling'], to: null, who: SUPERVISOR, guards: ['pending_extension'] },
  {
    action: 'request_suspension',
    from: ['handling'],
    to: null,
    who: HANDLER,
    guards: ['lead_unit_member', 'no_pending_request'],
  },
  {
    action: 'approve_suspension',
    from: ['handling'],
    to: 'suspended',
    who: SUPERVISOR,
    guards: ['pending_suspension'],
  },
  {
    action: 'deny_suspension',
    from: ['handling'],
    to: null,
    who: SUPERVISOR,
    guards: ['pending_suspension'],
  },
  { action: 'resume', from: ['suspended'], to: 'handling', who: SUPERVISOR },
  {
    action: 'assist',
    from: ['dispatched', 'handling'],
    to: null,
    who: HANDLER,
    guards: ['co_unit_member'],
  },
  {
    action: 'report_back',
    from: ['handling'],
    to: 'reported_back',
    who: HANDLER,
    guards: ['lead_unit_member', 'no_pending_request'],
  },
  { action: 'verify_pass', from: ['reported_back'], to: 'closed', who: FIELD },
  { action: 'verify_fail', from: ['reported_back'], to: 'handling', who: FIELD },
  { action: 'follow_up', from: ['closed'], to: null, who: DESK, guards: ['not_followed_up'] },
  { action: 'reopen', from: ['closed'], to: 'registered', who: DESK, guards: ['reopen_window'] },
  { action: 'publish', from: ['closed'], to: null, who: DESK, guards: ['not_published'] },
  { action: 'supervise', from: OPEN_LOOP, to: null, who: ['leader', 'supervisor'] },
  { action: 'urge', from: OPEN_LOOP, to: null, who: ['dispatcher', 'supervisor', 'leader'] },
];

/** What `transition` needs to know about the case and the actor, beyond the state. */
export interface TransitionContext {
  state: CaseState;
  roles: readonly Role[];
  /** Units the actor handles for. */
  actorUnits: readonly string[];
  leadUnitId: string | null;
  coUnitIds: readonly string[];
  pendingRequest: 'extension' | 'suspension' | null;
  published: boolean;
  satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
  closedAt: Date | null;
  now: Date;
  reopenWindowDays: number;
}

export type TransitionRefusal =
  | { code: 'CASE_ACTION_NOT_ALLOWED'; action: CaseAction; state: CaseState }
  | { code: 'FORBIDDEN'; action: CaseAction; roles: readonly Role[] }
  | { code: 'CASE_GUARD_FAILED'; action: CaseAction; guard: Guard };

export type TransitionOutcome =
  { ok: true; to: CaseState; rule: TransitionRule } | { ok: false; refusal: TransitionRefusal };

function guardHolds(g: Guard, c: TransitionContext): boolean {
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
        c.now.getTime() - c.closedAt.getTime() <= c.reopenWindowDays * 86_400_000
      );
    case 'not_followed_up':
      return c.satisfaction === null;
    case 'not_published':
      return !c.published;
  }
}

/**
 * Applies the table: the state the action leads to, or a typed refusal — the wrong state first
 * (CASE_ACTION_NOT_ALLOWED), then the wrong role (FORBIDDEN), then an unmet guard.
 */
export function transition(action: CaseAction, c: TransitionContext): TransitionOutcome {
  const rule = TRANSITIONS.find((r) => r.action === action && r.from.includes(c.state));
  if (!rule) return { ok: false, refusal: { code: 'CASE_ACTION_NOT_ALLOWED', action, state: c.state } };
  if (!rule.who.some((r) => c.roles.includes(r)))
    return { ok: false, refusal: { code: 'FORBIDDEN', action, roles: c.roles } };
  for (const g of rule.guards ?? []) {
    if (!guardHolds(g, c)) return { ok: false, refusal: { code: 'CASE_GUARD_FAILED', action, guard: g } };
  }
  return { ok: true, to: rule.to ?? c.state, rule };
}

/** Every action the actor may take now: the API returns these beside each case. */
export function allowedActions(c: TransitionContext): CaseAction[] {
  return CASE_ACTIONS.filter((a) => transition(a, c).ok);
}
