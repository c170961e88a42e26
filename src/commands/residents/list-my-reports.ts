// 我的上报: the logged-in resident's own cases — every case whose reporter phone is theirs
// (portal, hotline or any channel), newest first, in pages. Only what the tracking page shows:
// tracking code and link, category, the public step with its dates, whether it can be rated.
// Never the internal state, units, staff or notes.
import { listCasesByReporter } from '../../store/case-store.ts';
import type { AppContext } from '../context.ts';
import { publicStep, trackingToken, type PublicStep } from '../portal/tracking.ts';
import type { Resident } from './resolve-resident-session.ts';

export interface MyReport {
  code: string;
  token: string;
  track_url: string;
  category: string | null;
  summary: string;
  step: PublicStep;
  steps: { received: string; handling: string | null; done: string | null };
  merged_into: string | null;
  satisfaction: string | null;
  can_rate: boolean;
}

const SUMMARY_CHARS = 60;

export async function listMyReports(
  ctx: AppContext,
  resident: Resident,
  page: { before?: string | undefined; limit: number },
): Promise<{ items: MyReport[]; next: string | null }> {
  const rows = await listCasesByReporter(ctx.db, {
    phoneHash: ctx.sealer.hash(resident.phone, 'case.reporter_phone'),
    before: page.before,
    limit: page.limit,
  });
  const items = rows.map((r): MyReport => {
    const token = trackingToken(ctx, r.id);
    const chars = [...r.description];
    return {
      code: r.code,
      token,
      track_url: `/portal/track/${r.code}?t=${token}`,
      category: r.category_name,
      summary: chars.length > SUMMARY_CHARS ? chars.slice(0, SUMMARY_CHARS).join('') + '…' : r.description,
      step: publicStep(r.merged_state ?? r.state),
      steps: {
        received: r.reported_at.toISOString(),
        handling: r.handling_at?.toISOString() ?? null,
        done: r.closed_at?.toISOString() ?? null,
      },
      merged_into: r.merged_code,
      satisfaction: r.satisfaction,
      can_rate: r.state === 'closed' && r.satisfaction === null,
    };
  });
  return { items, next: rows.length === page.limit ? rows[rows.length - 1]!.code : null };
}
