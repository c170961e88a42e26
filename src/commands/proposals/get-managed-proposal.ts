// The proposal a staff member manages: in their scope, or proposed by one of their units (a
// property company's staff manage the proposals they put to the community). Others are refused.
import { AppError } from '../../domain/errors.ts';
import { inScope } from '../../domain/regions/scope.ts';
import { findProposal, type ProposalRow } from '../../store/proposal-store.ts';
import type { Actor, AppContext } from '../context.ts';

/** Throws PROPOSAL_NOT_FOUND, or OUT_OF_SCOPE for a proposal of another area and unit. */
export async function getManagedProposal(ctx: AppContext, actor: Actor, id: string): Promise<ProposalRow> {
  const p = await findProposal(ctx.db, id);
  if (!p) throw new AppError('PROPOSAL_NOT_FOUND', { details: { id } });
  if (
    !inScope(actor.scope, p.region_code) &&
    !(p.proposer_unit_id && actor.unitIds.includes(p.proposer_unit_id))
  )
    throw new AppError('OUT_OF_SCOPE', { details: { code: p.region_code } });
  return p;
}
