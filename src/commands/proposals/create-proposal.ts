// A community publishes a proposal (出卷) for its residents; a property company's proposal waits
// for the community's approval (物业发起，社区审核). The community is a village-level region in the
// proposer's scope (or the region of the proposer's unit).
import { randomBytes } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import { checkProposal, type ProposalDraft } from '../../domain/proposals/proposal-rules.ts';
import { inScope } from '../../domain/regions/scope.ts';
import {
  approveProposal,
  findProposal,
  insertProposal,
  type ProposalRow,
} from '../../store/proposal-store.ts';
import type { Actor, AppContext } from '../context.ts';

async function proposerUnit(ctx: AppContext, actor: Actor, regionCode: string) {
  if (!actor.unitIds.length) return null;
  const r = await ctx.db.query<{ id: string; kind: string; region_code: string }>(
    'SELECT id, kind, region_code FROM units WHERE id = ANY($1::text[]) ORDER BY id',
    [actor.unitIds],
  );
  return r.rows.find((u) => regionCode.startsWith(u.region_code.replace(/0+$/, ''))) ?? r.rows[0] ?? null;
}

export async function createProposal(
  ctx: AppContext,
  actor: Actor,
  input: ProposalDraft & { regionCode: string },
): Promise<ProposalRow> {
  const now = ctx.clock.now();
  const issues = checkProposal(input, now);
  const region = (
    await ctx.db.query<{ level: string }>('SELECT level FROM regions WHERE code = $1', [input.regionCode])
  ).rows[0];
  if (!region || region.level !== 'village')
    issues.push({
      field: 'region_code',
      zh: '应为社区（村、居）代码',
      en: 'must be a community (village-level) code',
    });
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
  const unit = await proposerUnit(ctx, actor, input.regionCode);
  const byProperty = unit?.kind === 'property_company';
  if (!byProperty && !inScope(actor.scope, input.regionCode))
    throw new AppError('OUT_OF_SCOPE', { details: { code: input.regionCode } });
  return insertProposal(ctx.db, {
    region_code: input.regionCode,
    title: input.title.trim(),
    body: input.body.trim(),
    options: input.options.map((o) => ({ key: o.key, label: o.label.trim() })),
    eligibility: input.eligibility,
    pass_rule: input.passRule,
    pass_option: input.passOption,
    allow_change: input.allowChange,
    consultation_from: input.consultationFrom,
    consultation_to: input.consultationTo,
    voting_from: input.votingFrom,
    voting_to: input.votingTo,
    status: byProperty ? 'pending_approval' : 'published',
    proposer_unit_id: unit?.id ?? null,
    created_by: actor.userId,
    ballot_secret_sealed: ctx.sealer.seal(randomBytes(32).toString('base64'), 'proposals.ballot_secret'),
    created_at: now,
  });
}

/** The community approves a property company's proposal. */
export async function approveProposalCommand(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<ProposalRow> {
  const p = await findProposal(ctx.db, id);
  if (!p) throw new AppError('PROPOSAL_NOT_FOUND', { details: { id } });
  if (!inScope(actor.scope, p.region_code))
    throw new AppError('OUT_OF_SCOPE', { details: { code: p.region_code } });
  if (!(await approveProposal(ctx.db, id, actor.userId, ctx.clock.now())))
    throw new AppError('CONFLICT', { details: { id, status: p.status } });
  return (await findProposal(ctx.db, id))!;
}
