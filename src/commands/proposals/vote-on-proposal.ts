// Residents take part: a comment during consultation (征求意见) and one vote in the voting window
// (电子票决), both with a phone proved by a one-time SMS code or by the resident's login (then no
// phone or code may be sent). Eligibility comes from the roll by the phone's hash; the ballot is
// stored under HMAC(proposal secret, voter) — the household for 一户一票, else the phone's hash,
// never the session — so a second ballot is refused by the primary key, or replaces the first when
// the proposal allows, however the phone was proved.
import { createHmac } from 'node:crypto';
import { AppError, invalid } from '../../domain/errors.ts';
import { phaseAt, type ProposalPhase } from '../../domain/proposals/proposal-rules.ts';
import {
  castBallot,
  findProposal,
  insertComment,
  rollEntry,
  type ProposalRow,
} from '../../store/proposal-store.ts';
import type { AppContext } from '../context.ts';
import { provePhone, type PhoneProof } from '../residents/prove-phone.ts';

async function openProposal(ctx: AppContext, id: string, phase: ProposalPhase): Promise<ProposalRow> {
  const p = await findProposal(ctx.db, id);
  if (!p || p.status !== 'published') throw new AppError('PROPOSAL_NOT_FOUND', { details: { id } });
  const now = ctx.clock.now();
  const at = phaseAt(
    { consultationFrom: p.consultation_from, votingFrom: p.voting_from, votingTo: p.voting_to },
    now,
  );
  const inWindow =
    phase === 'consultation' ? now >= p.consultation_from && now < p.consultation_to : at === phase;
  if (!inWindow) throw new AppError('PROPOSAL_NOT_OPEN', { details: { phase: at, wanted: phase } });
  return p;
}

export async function commentOnProposal(
  ctx: AppContext,
  id: string,
  input: PhoneProof & { body: string },
): Promise<void> {
  const body = input.body.trim();
  if (body.length < 2 || body.length > 500)
    throw invalid('body', '意见应为 2–500 个字', 'must be 2–500 characters');
  const p = await openProposal(ctx, id, 'consultation');
  const { phoneHash } = await provePhone(ctx, input, 'comment');
  const member = await rollEntry(ctx.db, p.id, phoneHash);
  if (!member) throw new AppError('VOTE_NOT_ELIGIBLE');
  await insertComment(ctx.db, {
    proposalId: p.id,
    household: member.household_code,
    body,
    at: ctx.clock.now(),
  });
}

export async function voteOnProposal(
  ctx: AppContext,
  id: string,
  input: PhoneProof & { option: string },
): Promise<{ outcome: 'cast' | 'changed' }> {
  const p = await openProposal(ctx, id, 'voting');
  if (!p.options.some((o) => o.key === input.option))
    throw invalid('option', '没有这个选项', `must be one of ${p.options.map((o) => o.key).join(', ')}`);
  const { phoneHash } = await provePhone(ctx, input, 'vote');
  const member = await rollEntry(ctx.db, p.id, phoneHash);
  if (!member) throw new AppError('VOTE_NOT_ELIGIBLE');
  if (!p.ballot_secret_sealed) throw new AppError('PROPOSAL_NOT_OPEN', { details: { phase: 'closed' } });
  const secret = ctx.sealer.open(p.ballot_secret_sealed, 'proposals.ballot_secret');
  const voter =
    p.eligibility === 'household' ? `household:${member.household_code}` : `resident:${phoneHash}`;
  const ballotKey = createHmac('sha256', secret).update(voter).digest('hex');
  const outcome = await castBallot(ctx.db, {
    proposalId: p.id,
    ballotKey,
    option: input.option,
    allowChange: p.allow_change,
  });
  if (outcome === 'exists') throw new AppError('VOTE_ALREADY_CAST');
  return { outcome };
}
