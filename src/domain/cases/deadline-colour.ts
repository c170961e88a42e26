// Deadline colours (时限预警): green until 80 % of the working time between dispatch and the
// deadline has passed, yellow from 80 %, red once the deadline has passed.
export type DeadlineColour = 'green' | 'yellow' | 'red';

export const YELLOW_AT = 0.8;

/** Colour from working time used (`usedMs`) out of the whole allowance (`allowedMs`). */
export function deadlineColour(usedMs: number, allowedMs: number): DeadlineColour {
  if (usedMs > allowedMs) return 'red';
  return usedMs >= YELLOW_AT * allowedMs ? 'yellow' : 'green';
}

const RANK: Record<DeadlineColour, number> = { green: 0, yellow: 1, red: 2 };

/** True when the colour got worse (each worsening issues one automatic supervision order). */
export function worsened(from: DeadlineColour, to: DeadlineColour): boolean {
  return RANK[to] > RANK[from];
}
