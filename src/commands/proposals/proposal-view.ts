// The shape of a proposal: what is asked, the windows and the phase now, the comments (by
// household, never a phone), the result once published and, for staff, the size of the roll.
// Never a ballot or a voter.
import { phaseAt } from '../../domain/proposals/proposal-rules.ts';
import { findResult, listComments, rollSize, type ProposalRow } from '../../store/proposal-store.ts';
import type { AppContext } from '../context.ts';
import { publishResult } from './publish-results.ts';

export async function proposalView(
  ctx: AppContext,
  p: ProposalRow,
  opts: { comments: boolean; roll?: boolean },
) {
  const now = ctx.clock.now();
  const phase = phaseAt(
    { consultationFrom: p.consultation_from, votingFrom: p.voting_from, votingTo: p.voting_to },
    now,
  );
  if (phase === 'closed' && p.status === 'published') await publishResult(ctx, p.id); // the job may lag
  const result = phase === 'closed' ? await findResult(ctx.db, p.id) : undefined;
  return {
    id: p.id,
    region_code: p.region_code,
    title: p.title,
    body: p.body,
    options: p.options,
    eligibility: p.eligibility,
    pass_rule: p.pass_rule,
    pass_option: p.pass_option,
    allow_change: p.allow_change,
    consultation_from: p.consultation_from.toISOString(),
    consultation_to: p.consultation_to.toISOString(),
    voting_from: p.voting_from.toISOString(),
    voting_to: p.voting_to.toISOString(),
    status: p.status,
    phase,
    result: result
      ? {
          counts: result.counts,
          votes: result.votes,
          eligible: result.eligible,
          turnout: result.turnout === null ? null : Number(result.turnout),
          passed: result.passed,
          published_at: result.published_at.toISOString(),
        }
      : null,
    comments: opts.comments
      ? (await listComments(ctx.db, p.id)).map((c) => ({
          id: c.id,
          household: c.household_code,
          body: c.body,
          at: c.at.toISOString(),
        }))
      : undefined,
    roll: opts.roll ? await rollSize(ctx.db, p.id) : undefined,
  };
}
