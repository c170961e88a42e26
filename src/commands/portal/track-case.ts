// 查询进度: the resident's view of their report by tracking code and token — the public steps with
// their times, the category and place (to the grid), and when the result is published, what was
// done and the photos taken after. A merged report follows the case it was merged into.
import { AppError } from '../../domain/errors.ts';
import { findCase, findCaseByCode, type CaseRow } from '../../store/case-store.ts';
import type { AppContext } from '../context.ts';
import { checkTrackingToken, publicStep } from './tracking.ts';

export async function findTrackedCase(ctx: AppContext, code: string, token: string): Promise<CaseRow> {
  const c = await findCaseByCode(ctx.db, code);
  if (!c) throw new AppError('CASE_NOT_FOUND', { details: { code } });
  checkTrackingToken(ctx, c, token);
  return c;
}

export async function trackCase(ctx: AppContext, code: string, token: string) {
  const mine = await findTrackedCase(ctx, code, token);
  const c = mine.merged_into ? ((await findCase(ctx.db, mine.merged_into)) ?? mine) : mine;
  const names = (
    await ctx.db.query<{ category: string | null; village: string | null; grid: string | null }>(
      `SELECT (SELECT name FROM categories WHERE code = $1) AS category, (SELECT name FROM regions WHERE code = $2) AS village,
              (SELECT name FROM grids WHERE code = $3) AS grid`,
      [c.category_code, c.region_code, c.grid_code],
    )
  ).rows[0];
  const published = c.published_at !== null;
  const photos = published
    ? (
        await ctx.db.query<{ id: string }>(
          `SELECT a.value AS id FROM case_events e, jsonb_array_elements_text(e.attachments) a
           WHERE e.case_id = $1 AND e.action IN ('report_back', 'verify_pass', 'self_handle') ORDER BY e.id`,
          [c.id],
        )
      ).rows.map((r) => r.id)
    : [];
  const step = publicStep(mine.state === 'merged' ? c.state : mine.state);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const reason =
    step === 'not_accepted'
      ? ((
          await ctx.db.query<{ note: string | null }>(
            `SELECT note FROM case_events WHERE case_id = $1 AND action IN ('reject', 'void') ORDER BY id DESC LIMIT 1`,
            [c.id],
          )
        ).rows[0]?.note ?? null)
      : null;
  return {
    code: mine.code,
    merged_into: mine.merged_into ? c.code : null,
    step,
    steps: {
      received: iso(mine.reported_at),
      handling: iso(c.registered_at ?? c.dispatched_at),
      done: iso(c.closed_at),
    },
    category: names?.category ?? null,
    place: [names?.village, names?.grid].filter(Boolean).join(' · '),
    description: mine.description,
    not_accepted_reason: reason,
    result: published ? c.result : null,
    after_photos: photos,
    satisfaction: c.satisfaction,
    can_rate: c.state === 'closed' && c.satisfaction === null && !mine.merged_into,
  };
}
