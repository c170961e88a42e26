// The roll (表决名册) of a proposal, imported from a file until the resident registry exists: CSV
// (UTF-8 or GBK, `household,phone` per line) or an Excel workbook (.xlsx, the first sheet, the same
// two columns), a header row allowed. Every bad row is reported with its line (the sheet's row
// number); nothing is imported unless every row is good. Phones are stored as keyed hashes only.
import { csvRows, decodeText } from '../../domain/files/csv-rows.ts';
import { XlsxReadError, readXlsxRows, type SheetRow } from '../../domain/files/xlsx-reader.ts';
import { AppError } from '../../domain/errors.ts';
import { checkRollRows } from '../../domain/proposals/roll-rows.ts';
import { replaceRoll } from '../../store/proposal-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { getManagedProposal } from './get-managed-proposal.ts';

export type RollFile = { format: 'csv'; body: Uint8Array | string } | { format: 'xlsx'; body: Uint8Array };

function rowsOf(file: RollFile): SheetRow[] {
  if (file.format === 'csv')
    return csvRows(typeof file.body === 'string' ? file.body : decodeText(file.body));
  try {
    return readXlsxRows(file.body).rows;
  } catch (e) {
    if (e instanceof XlsxReadError)
      throw new AppError('IMPORT_REJECTED', { issues: [{ field: 'file', zh: e.zh, en: e.en }] });
    throw e;
  }
}

/** Replaces the roll of a proposal the actor manages, before its voting starts (all or nothing). */
export async function importRoll(
  ctx: AppContext,
  actor: Actor,
  proposalId: string,
  file: RollFile,
): Promise<{ members: number; households: number }> {
  const p = await getManagedProposal(ctx, actor, proposalId);
  if (ctx.clock.now() >= p.voting_from)
    throw new AppError('PROPOSAL_NOT_OPEN', { details: { reason: 'the roll is fixed once voting starts' } });
  const { members, issues } = checkRollRows(rowsOf(file));
  if (issues.length) throw new AppError('IMPORT_REJECTED', { issues, details: { format: file.format } });
  const rows = members.map((m) => ({
    household: m.household,
    phoneHash: ctx.sealer.hash(m.phone, 'resident.phone'),
  }));
  await ctx.db.tx((q) => replaceRoll(q, proposalId, rows));
  return { members: rows.length, households: new Set(rows.map((r) => r.household)).size };
}
