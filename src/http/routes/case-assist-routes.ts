// Helpers for the console's case screens: the likely duplicates of a report before it is saved
// (the same rule intake applies: open cases of the category within the radius and the period,
// nearest first, only those the caller may see), and the lead unit the dispatch rules suggest
// for a case (what a dispatch without lead_unit_id would choose), and the units a case names (its
// lead and co-units, now and in its timeline) for whoever may read the case, even outside the
// units' own region.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { loadWorkingCalendar } from '../../commands/calendar/load-working-calendar.ts';
import { canSeeCase } from '../../commands/cases/act-on-case.ts';
import { suggestedUnit } from '../../commands/cases/case-effects.ts';
import { toCaseView } from '../../commands/cases/case-view.ts';
import { duplicateWindow, rankDuplicates } from '../../commands/cases/find-duplicates.ts';
import { getCase } from '../../commands/cases/get-case.ts';
import type { AppContext } from '../../commands/context.ts';
import { toUnitView } from '../../commands/units/unit-view.ts';
import { parseCrs, validateLngLat } from '../../domain/geo/crs.ts';
import { nearbyOpenCases } from '../../store/case-store.ts';
import { findUnit } from '../../store/unit-store.ts';
import { actorOf } from '../plugins/auth.ts';

export function caseAssistRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/cases/duplicates',
      {
        config: { access: 'cases:report' },
        schema: {
          tags: ['cases'],
          summary: '登记前查重 Likely duplicates of a report before it is saved, and where the point is',
          querystring: Type.Object({
            lng: Type.Number({ minimum: -180, maximum: 180 }),
            lat: Type.Number({ minimum: -90, maximum: 90 }),
            crs: Type.String({ default: 'wgs84' }),
            category: Type.String({ pattern: '^[0-9]{4,6}$' }),
          }),
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const [lng, lat] = validateLngLat(req.query.lng, req.query.lat, 'query.');
        const loc = await ctx.locator.locate(lng, lat, parseCrs(req.query.crs, 'query.crs'));
        const rows = await nearbyOpenCases(
          ctx.db,
          duplicateWindow(ctx, req.query.category, loc.lng, loc.lat),
        );
        const ranked = rankDuplicates(
          ctx,
          loc,
          rows.filter((c) => canSeeCase(actor, c)),
        );
        const cal = await loadWorkingCalendar(ctx);
        return {
          location: loc,
          items: ranked.map((d) => ({ ...toCaseView(ctx, d.case, actor, cal), distance_m: d.distance_m })),
        };
      },
    );

    app.get(
      '/cases/:id/suggested-unit',
      {
        config: { access: 'cases:read' },
        schema: {
          tags: ['cases'],
          summary: '推荐主办单位 The lead unit the dispatch rules suggest (null when none applies)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        },
      },
      async (req) => {
        const { caseRow } = await getCase(ctx, actorOf(req), req.params.id);
        const id = await suggestedUnit(ctx.db, caseRow);
        const unit = id ? await findUnit(ctx.db, id) : undefined;
        return { unit: unit ? toUnitView(unit) : null };
      },
    );

    app.get(
      '/cases/:id/units',
      {
        config: { access: 'cases:read' },
        schema: {
          tags: ['cases'],
          summary: '案件涉及的单位 The units a case names (lead, co-units, and those in its timeline)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        },
      },
      async (req) => {
        const { caseRow, events } = await getCase(ctx, actorOf(req), req.params.id);
        const ids = new Set<string>([
          ...(caseRow.lead_unit_id ? [caseRow.lead_unit_id] : []),
          ...caseRow.co_unit_ids,
        ]);
        for (const e of events) {
          const d = e.data ?? {};
          if (typeof d.lead_unit_id === 'string') ids.add(d.lead_unit_id);
          if (Array.isArray(d.co_unit_ids))
            for (const u of d.co_unit_ids) if (typeof u === 'string') ids.add(u);
        }
        const units = await Promise.all([...ids].map((id) => findUnit(ctx.db, id)));
        return { items: units.flatMap((u) => (u ? [toUnitView(u)] : [])) };
      },
    );
  };
}
