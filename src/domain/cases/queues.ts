// The work queues of the console's workbench (工作台): which open cases each queue holds and which
// roles work it. The list endpoint filters by a queue; the counts come from one query.
import type { Role } from '../auth/roles.ts';
import type { CaseState } from './lifecycle.ts';

export const QUEUES = [
  'to_register', // 待受理 / 待立案
  'to_verify_report', // 核实中
  'to_review_self_handled', // 自处理待审核
  'to_dispatch', // 待派遣
  'returned', // 退回待改派
  'to_acknowledge', // 待签收
  'handling', // 处置中
  'to_approve', // 延期 / 挂账 待审批
  'to_verify', // 待核查
  'due_soon', // 即将超期 (yellow)
  'overdue', // 已超期 (red)
] as const;
export type Queue = (typeof QUEUES)[number];

export interface QueueFilter {
  states: readonly CaseState[];
  colour?: 'yellow' | 'red';
  /** Only cases with an extension or suspension request waiting for the supervisor. */
  pending?: true;
}

const RUNNING: CaseState[] = ['dispatched', 'handling'];

export const QUEUE_FILTERS: Record<Queue, QueueFilter> = {
  to_register: { states: ['reported'] },
  to_verify_report: { states: ['verifying'] },
  to_review_self_handled: { states: ['self_handled'] },
  to_dispatch: { states: ['registered'] },
  returned: { states: ['returned'] },
  to_acknowledge: { states: ['dispatched'] },
  handling: { states: ['handling'] },
  to_approve: { states: ['handling'], pending: true },
  to_verify: { states: ['reported_back'] },
  due_soon: { states: RUNNING, colour: 'yellow' },
  overdue: { states: RUNNING, colour: 'red' },
};

/** Who works each queue (leaders and admins watch them all). */
export const QUEUE_ROLES: Record<Queue, readonly Role[]> = {
  to_register: ['operator', 'supervisor'],
  to_verify_report: ['operator', 'supervisor', 'inspector', 'grid_worker'],
  to_review_self_handled: ['operator', 'supervisor'],
  to_dispatch: ['dispatcher', 'supervisor'],
  returned: ['dispatcher', 'supervisor'],
  to_acknowledge: ['handler', 'dispatcher', 'supervisor'],
  handling: ['handler', 'dispatcher', 'supervisor'],
  to_approve: ['supervisor'],
  to_verify: ['inspector', 'grid_worker', 'supervisor'],
  due_soon: ['handler', 'dispatcher', 'supervisor'],
  overdue: ['handler', 'dispatcher', 'supervisor'],
};

/** The queues shown to someone with these roles, in workbench order. */
export function queuesFor(roles: readonly Role[]): Queue[] {
  if (roles.includes('leader') || roles.includes('admin')) return [...QUEUES];
  return QUEUES.filter((q) => QUEUE_ROLES[q].some((r) => roles.includes(r)));
}
