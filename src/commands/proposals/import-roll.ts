// The roll (表决名册) of a proposal, imported from CSV until the resident registry exists: one line
// per member, `household,phone` (a header line is allowed). Every bad line is reported with its
// number; nothing is imported unless every line is good. Phones are stored as keyed hashes only.
import { AppError, type FieldIssue } from '../../domain/errors.ts';
import { inScope } from '../../domain/regions/scope.ts';
import { findProposal, replaceRoll } from '../../store/proposal-store.ts';
import type { Actor, AppContext } from '../context.ts';

export async function importRoll(
  ctx: AppContext,
  actor: Actor,
  proposalId: string,
  csv: string,
): Promise<{ members: number; households: number }> {
  const p = await findProposal(ctx.db, proposalId);
  if (!p) throw new AppError('PROPOSAL_NOT_FOUND', { details: { id: proposalId } });
  if (
    !inScope(actor.scope, p.region_code) &&
    !(p.proposer_unit_id && actor.unitIds.includes(p.proposer_unit_id))
  )
    throw new AppError('OUT_OF_SCOPE', { details: { code: p.region_code } });
  if (ctx.clock.now() >= p.voting_from)
    throw new AppError('PROPOSAL_NOT_OPEN', { details: { reason: 'the roll is fixed once voting starts' } });
  const issues: FieldIssue[] = [];
  const rows: { household: string; phoneHash: string }[] = [];
  const seen = new Map<string, number>();
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (!text) return;
    const [household = '', phone = '', ...rest] = text.split(',').map((s) => s.trim());
    if (line === 1 && !/\d/.test(phone)) return; // header
    if (rest.length)
      issues.push({
        field: 'csv',
        line,
        zh: '每行应为「户号,手机号」两列',
        en: 'must have two columns: household,phone',
      });
    if (!household || household.length > 50)
      issues.push({
        field: 'household',
        line,
        zh: '户号不能为空且不超过 50 字',
        en: 'must be 1–50 characters',
      });
    const p11 = phone.replace(/^\+?86/, '');
    if (!/^1[3-9]\d{9}$/.test(p11)) {
      issues.push({
        field: 'phone',
        line,
        zh: '应为 11 位手机号码',
        en: 'must be an 11-digit mobile number',
      });
      return;
    }
    const dup = seen.get(p11);
    if (dup) issues.push({ field: 'phone', line, zh: `与第 ${dup} 行手机号重复`, en: `repeats line ${dup}` });
    seen.set(p11, line);
    rows.push({ household, phoneHash: ctx.sealer.hash(p11, 'resident.phone') });
  });
  if (!rows.length && !issues.length) issues.push({ field: 'csv', zh: '名册为空', en: 'the roll is empty' });
  if (issues.length) throw new AppError('IMPORT_REJECTED', { issues: issues.slice(0, 200) });
  await ctx.db.tx((q) => replaceRoll(q, proposalId, rows));
  return { members: rows.length, households: new Set(rows.map((r) => r.household)).size };
}
