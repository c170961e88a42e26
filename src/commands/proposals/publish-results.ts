// When a voting window closes the result is counted and published once — counts, turnout and
// pass / fail by the proposal's rule — and the ballot secret is erased. The database keeps the
// result final (no update or delete) and refuses any ballot change after it (migration 0006).
import { tally } from '../../domain/proposals/proposal-rules.ts';
import {
  countBallots,
  countEligible,
  dueForResult,
  findProposal,
  findResult,
  insertResult,
} from '../../store/proposal-store.ts';
import type { AppContext } from '../context.ts';

/** Publishes the result of one proposal whose voting has ended (idempotent). */
export async function publishResult(ctx: AppContext, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.tx(async (q) => {
    const p = await findProposal(q, id, { forUpdate: true });
    if (!p || p.status !== 'published' || p.voting_to > now || (await findResult(q, id))) return;
    const t = tally(
      p.options,
      await countBallots(q, id),
      await countEligible(q, p),
      p.pass_rule,
      p.pass_option,
    );
    await insertResult(q, {
      proposal_id: id,
      counts: t.counts,
      votes: t.votes,
      eligible: t.eligible,
      turnout: t.turnout,
      passed: t.passed,
      published_at: now,
    });
  });
}

/** The job's step: every proposal whose voting ended without a published result. */
export async function publishDueResults(ctx: AppContext): Promise<number> {
  const ids = await dueForResult(ctx.db, ctx.clock.now(), 100);
  for (const id of ids) await publishResult(ctx, id);
  return ids.length;
}
