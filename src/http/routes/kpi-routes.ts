// KPIs (考核指标): the summary of a slice (region subtree, unit, person, category, days) read from
// the rollups, and the list of rate definitions (names and formulas in zh and en).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../commands/context.ts';
import { getKpiSummary, parseKpiPeriod } from '../../commands/kpi/get-kpi-summary.ts';
import { KPI_DEFINITIONS } from '../../domain/kpi/formulas.ts';
import { BREAKDOWNS, getKpiBreakdown } from '../../commands/kpi/get-kpi-breakdown.ts';
import { getDashboard } from '../../commands/dashboard/get-dashboard.ts';
import { StringEnum } from './common-schemas.ts';
import { parseRegionCode } from '../../domain/regions/region-code.ts';
import { actorOf } from '../plugins/auth.ts';

const LocalDate = (description: string) => Type.String({ maxLength: 10, description });

/** GET /kpi/summary, /kpi/breakdown (cases:read), /dashboard (dashboard:read), GET /kpi/definitions (any logged-in user). */
export function kpiRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/kpi/summary',
      {
        config: { access: 'cases:read' },
        schema: {
          tags: ['kpi'],
          summary: '考核指标 KPI summary of a region subtree, unit, person or category over [from, to)',
          querystring: Type.Object({
            region: Type.Optional(Type.String({ maxLength: 12, description: '4/6/9/12-digit region code' })),
            unit: Type.Optional(Type.String({ maxLength: 64 })),
            person: Type.Optional(
              Type.String({ format: 'uuid', description: 'user id (inspector, dispatcher)' }),
            ),
            category: Type.Optional(Type.String({ pattern: '^[0-9]{4,6}$' })),
            from: Type.Optional(LocalDate('first day, YYYY-MM-DD (default: the 1st of this month)')),
            to: Type.Optional(LocalDate('day after the last, YYYY-MM-DD (default: tomorrow)')),
          }),
        },
      },
      async (req) => {
        const q = req.query;
        const period = parseKpiPeriod(q.from, q.to, ctx.clock.now(), (f) => `query.${f}`);
        return getKpiSummary(ctx, actorOf(req), {
          region: q.region === undefined ? undefined : parseRegionCode(q.region, 'query.region'),
          unit: q.unit,
          person: q.person,
          category: q.category,
          ...period,
        });
      },
    );

    app.get(
      '/kpi/breakdown',
      {
        config: { access: 'cases:read' },
        schema: {
          tags: ['kpi'],
          summary: '考核评价表 KPI table by child region (drill-down), unit or person over [from, to)',
          querystring: Type.Object({
            by: StringEnum(BREAKDOWNS),
            region: Type.Optional(Type.String({ maxLength: 12, description: '4/6/9/12-digit region code' })),
            unit: Type.Optional(Type.String({ maxLength: 64 })),
            category: Type.Optional(Type.String({ pattern: '^[0-9]{4,6}$' })),
            from: Type.Optional(LocalDate('first day, YYYY-MM-DD (default: the 1st of this month)')),
            to: Type.Optional(LocalDate('day after the last, YYYY-MM-DD (default: tomorrow)')),
          }),
        },
      },
      async (req) => {
        const q = req.query;
        const period = parseKpiPeriod(q.from, q.to, ctx.clock.now(), (f) => `query.${f}`);
        return getKpiBreakdown(ctx, actorOf(req), {
          by: q.by,
          region: q.region === undefined ? undefined : parseRegionCode(q.region, 'query.region'),
          unit: q.unit,
          category: q.category,
          ...period,
        });
      },
    );

    app.get(
      '/dashboard',
      {
        config: { access: 'dashboard:read' },
        schema: {
          tags: ['kpi'],
          summary: '大屏 Everything the big screen shows for a region (default: my scope)',
          querystring: Type.Object({
            region: Type.Optional(Type.String({ maxLength: 12, description: '4/6/9/12-digit region code' })),
          }),
        },
      },
      async (req) =>
        getDashboard(
          ctx,
          actorOf(req),
          req.query.region === undefined ? undefined : parseRegionCode(req.query.region, 'query.region'),
        ),
    );

    app.get(
      '/kpi/definitions',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['kpi'], summary: '指标定义 Every rate with its formula' },
      },
      async () => ({ items: KPI_DEFINITIONS }),
    );
  };
}
