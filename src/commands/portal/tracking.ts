// What a resident sees of their own report: the tracking code (the case code) and a tracking token
// derived from the case by the server's keyed hash — nothing to store, the same on a retried
// submission, and unguessable. The public steps (受理 → 办理 → 办结) hide the internal states.
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import type { CaseRow } from '../../store/case-store.ts';
import type { AppContext } from '../context.ts';

export function trackingToken(ctx: AppContext, caseId: string): string {
  return Buffer.from(ctx.sealer.hash(caseId, 'case.tracking'), 'hex').toString('base64url').slice(0, 22);
}

export function checkTrackingToken(ctx: AppContext, c: CaseRow, token: string): void {
  const want = Buffer.from(trackingToken(ctx, c.id));
  const got = Buffer.from(token);
  if (want.length !== got.length || !timingSafeEqual(want, got))
    throw new AppError('CASE_NOT_FOUND', { details: { code: c.code } }); // the same answer as a wrong code
}

/** The public step of an internal state. */
export type PublicStep = 'received' | 'handling' | 'done' | 'not_accepted' | 'merged';

export function publicStep(state: string): PublicStep {
  switch (state) {
    case 'reported':
    case 'verifying':
      return 'received';
    case 'closed':
      return 'done';
    case 'rejected':
    case 'voided':
      return 'not_accepted';
    case 'merged':
      return 'merged';
    default:
      return 'handling';
  }
}
