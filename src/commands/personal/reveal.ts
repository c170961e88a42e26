// Revealing one sealed personal value in clear (PIPL Art. 28): only with the 'personal:reveal'
// permission and a stated reason. Every attempt is written to the audit log first — granted
// ('ok'), refused ('denied') or undecryptable ('failed') — and no value leaves without its row.
// Scope is the caller's job: load the row through a scoped read before revealing its fields.
import { can } from '../../domain/auth/roles.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import { appendAudit } from '../../store/audit-store.ts';
import type { Actor, AppContext } from '../context.ts';
import type { Sealer } from './sealer.ts';

/** What a reveal needs from the context (AppContext once it carries the sealer). */
export type RevealContext = Pick<AppContext, 'db' | 'clock'> & { sealer: Sealer };

/** One reveal: the sealed value, its column, why, and what it belongs to ('case:…', 'person:…'). */
export interface RevealRequest {
  sealed: string;
  purpose: string;
  reason: string;
  target: string;
  ip?: string | null;
}

export const REVEAL_REASON_MIN = 4;
export const REVEAL_REASON_MAX = 200;

/** Returns the clear value, or throws FORBIDDEN / VALIDATION_FAILED (reason) / SEALED_VALUE_INVALID; always audited. */
export async function revealField(ctx: RevealContext, actor: Actor, req: RevealRequest): Promise<string> {
  const reason = req.reason.trim();
  const len = [...reason].length;
  const logged = len > REVEAL_REASON_MAX ? [...reason].slice(0, REVEAL_REASON_MAX).join('') + '…' : reason;
  const audit = (outcome: 'ok' | 'denied' | 'failed', refusal?: string) =>
    appendAudit(ctx.db, {
      at: ctx.clock.now(),
      actorId: actor.userId,
      actorName: actor.username,
      action: 'personal.reveal',
      target: req.target,
      outcome,
      ip: req.ip ?? null,
      details: { purpose: req.purpose, reason: logged, ...(refusal ? { refusal } : {}) },
    });

  if (!can(actor.roles, 'personal:reveal')) {
    await audit('denied', 'permission');
    throw new AppError('FORBIDDEN', { details: { permission: 'personal:reveal' } });
  }
  if (len < REVEAL_REASON_MIN || len > REVEAL_REASON_MAX) {
    await audit('denied', 'reason');
    throw invalid(
      'reason',
      `请填写查看原因（${REVEAL_REASON_MIN}–${REVEAL_REASON_MAX} 个字）`,
      `give the reason for viewing (${REVEAL_REASON_MIN}–${REVEAL_REASON_MAX} characters)`,
    );
  }
  let plain: string;
  try {
    plain = ctx.sealer.open(req.sealed, req.purpose);
  } catch (e) {
    await audit('failed', e instanceof AppError ? e.code : 'error');
    throw e;
  }
  await audit('ok');
  return plain;
}
