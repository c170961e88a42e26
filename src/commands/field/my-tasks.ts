// 我的网格: what a grid worker (or inspector) has to do now — 核实 (verify a report) and 核查 (verify
// a result) in their grids (or, without grid membership, in their scope), each with its working
// time left; recent supervision notices on cases there; and their grids.
import { scopePatterns } from '../../domain/regions/scope.ts';
import { gridsOfUser } from '../../store/field-store.ts';
import type { CaseRow } from '../../store/case-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { loadWorkingCalendar } from '../calendar/load-working-calendar.ts';
import { toCaseView } from '../cases/case-view.ts';

export async function myTasks(ctx: AppContext, actor: Actor) {
  const grids = await gridsOfUser(ctx.db, actor.userId);
  const cal = await loadWorkingCalendar(ctx);
  const where = grids.length ? 'grid_code = ANY($1::text[])' : 'region_code LIKE ANY($1::text[])';
  const arg = grids.length ? grids : scopePatterns(actor.scope);
  const tasks = await ctx.db.query<CaseRow>(
    `SELECT * FROM cases WHERE state IN ('verifying', 'reported_back') AND ${where}
     ORDER BY step_deadline_at NULLS LAST, reported_at LIMIT 200`,
    [arg],
  );
  const notices = await ctx.db.query<{
    code: string;
    title: string;
    kind: string;
    level: string;
    note: string | null;
    issued_at: Date;
  }>(
    `SELECT c.code, c.title, s.kind, s.level, s.note, s.issued_at FROM supervision_orders s JOIN cases c ON c.id = s.case_id
     WHERE c.${where} AND s.issued_at >= $2 ORDER BY s.issued_at DESC LIMIT 50`,
    [arg, new Date(ctx.clock.now().getTime() - 7 * 86_400_000)],
  );
  return {
    grids,
    tasks: tasks.rows.map((c) => ({
      task: c.state === 'verifying' ? ('verify_report' as const) : ('verify_result' as const),
      case: toCaseView(ctx, c, actor, cal),
    })),
    notices: notices.rows.map((n) => ({ ...n, issued_at: n.issued_at.toISOString() })),
  };
}
