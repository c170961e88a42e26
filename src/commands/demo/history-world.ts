// Everything the demo history is generated from, read once before any transaction: the city's
// grids (weighted: urban streets and communities denser than rural villages), the active
// categories with their time limits, the units the dispatch rule chooses from, the working
// calendar (with the Spring Festival days) and the demo accounts who act in the timelines.
import { parseTimeLimit, type TimeLimit } from '../../domain/calendar/time-limit.ts';
import { parseLocalDate } from '../../domain/calendar/local-date.ts';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar.ts';
import { suggestLeadUnit, type UnitCandidate } from '../../domain/cases/dispatch-rules.ts';
import type { CategoryKind, DefaultUnits } from '../../domain/categories/taxonomy.ts';
import type { AreaGeometry } from '../../domain/geo/geometry.ts';
import { ancestorCodes } from '../../domain/regions/region-code.ts';
import { listCategories } from '../../store/category-store.ts';
import { listHistoryGrids, listHistoryUnits, listHistoryUsers } from '../../store/history-store.ts';
import { loadCalendarSnapshot } from '../calendar/load-working-calendar.ts';
import type { AppContext } from '../context.ts';
import { CategoryMix } from './history-mix.ts';
import { WeightedTable } from './history-random.ts';

/** A basic grid with its place names; urban = a community or in a street (街道). */
export interface WorldGrid {
  code: string;
  regionCode: string;
  townshipCode: string;
  villageName: string;
  townshipName: string;
  countyName: string;
  geometry: AreaGeometry;
  bbox: [number, number, number, number];
  urban: boolean;
}

/** An active category with its parsed time limits. */
export interface WorldCategory {
  code: string;
  major_code: string;
  kind: CategoryKind;
  name: string;
  defaultUnits: DefaultUnits;
  limitNormal: TimeLimit;
  limitUrgent: TimeLimit;
  closingStandard: string;
}

/** Who acts: a demo account (id and display name) or, for units without one, the unit's clerk. */
export interface WorldActor {
  id: string | null;
  name: string;
  role: string;
}

/** The desk and field roles the demo accounts play. */
export type ActorKey = 'operator' | 'dispatcher' | 'supervisor' | 'inspector' | 'gridWorker' | 'leader';

/** Everything the plan is drawn from (read once; the plan itself does no I/O). */
export interface HistoryWorld {
  cityCode: string;
  calendar: WorkingCalendar;
  /** Local day numbers of the Spring Festival holidays (春节). */
  festivalDays: Set<number>;
  grids: WorldGrid[];
  gridTable: WeightedTable<WorldGrid>;
  categories: WorldCategory[];
  mix: CategoryMix<WorldCategory>;
  actors: Record<ActorKey, WorldActor>;
  /** The handler account and the units it works for (its name is used for those units). */
  handler: WorldActor & { units: string[] };
  unitsByRegion: Map<string, UnitCandidate[]>;
  unitNames: Map<string, string>;
  reopenWindowDays: number;
  leadCache: Map<string, string | null>;
}

const USERNAMES: Record<ActorKey | 'handler', [string, string]> = {
  operator: ['operator', '受理员'],
  dispatcher: ['dispatcher', '派遣员'],
  supervisor: ['supervisor', '值班长'],
  inspector: ['inspector', '监督员'],
  gridWorker: ['gridworker', '网格员'],
  leader: ['leader', '领导'],
  handler: ['handler', '处置员'],
};

/** '解放东社区居委会' → '解放东社区', '古城村委会' → '古城村': how people name the place. */
function shortVillageName(name: string): string {
  return name
    .replace(/社区(居民委员会|居委会)$/, '社区')
    .replace(/(居民委员会|居委会)$/, '社区')
    .replace(/(村民委员会|村委会)$/, '村');
}

/** Grid weight: streets and communities are denser than villages (reports per grid per year). */
function gridWeight(villageKind: string | null, townshipKind: string | null): number {
  const village = villageKind === 'community' ? 3 : villageKind === 'village' ? 1 : 1.5;
  return village * (townshipKind === 'street' ? 2.5 : 1);
}

/** Reads the world for the city of `ctx` (run it before any transaction: it queries ctx.db). */
export async function loadHistoryWorld(ctx: AppContext): Promise<HistoryWorld> {
  const snapshot = await loadCalendarSnapshot(ctx);
  const festivalDays = new Set<number>();
  for (const y of snapshot.years)
    for (const h of y.holidays)
      if (h.name.includes('春节'))
        for (const d of h.days) {
          const p = parseLocalDate(d);
          if ('day' in p) festivalDays.add(p.day);
        }
  const gridRows = await listHistoryGrids(ctx.db, ctx.config.cityCode);
  const grids = gridRows.map((g): WorldGrid => ({
    code: g.code,
    regionCode: g.region_code,
    townshipCode: g.township_code,
    villageName: shortVillageName(g.village_name),
    townshipName: g.township_name,
    countyName: g.county_name,
    geometry: g.geometry,
    bbox: [g.min_lng, g.min_lat, g.max_lng, g.max_lat],
    urban: g.village_kind === 'community' || g.township_kind === 'street',
  }));
  const weights = gridRows.map((g) => gridWeight(g.village_kind, g.township_kind));
  const categories = (await listCategories(ctx.db, { active: true })).map((c): WorldCategory => ({
    code: c.code,
    major_code: c.major_code,
    kind: c.kind,
    name: c.name,
    defaultUnits: c.default_units,
    limitNormal: parseTimeLimit(c.limit_normal),
    limitUrgent: parseTimeLimit(c.limit_urgent),
    closingStandard: c.closing_standard,
  }));
  const units = await listHistoryUnits(ctx.db);
  const unitsByRegion = new Map<string, UnitCandidate[]>();
  for (const u of units) {
    const list = unitsByRegion.get(u.region_code) ?? [];
    list.push({ id: u.id, function: u.function, region_code: u.region_code });
    unitsByRegion.set(u.region_code, list);
  }
  const users = await listHistoryUsers(
    ctx.db,
    Object.values(USERNAMES).map(([u]) => u),
  );
  const actor = (key: ActorKey | 'handler'): WorldActor & { units: string[] } => {
    const [username, fallback] = USERNAMES[key];
    const u = users.find((x) => x.username === username);
    const role = key === 'gridWorker' ? 'grid_worker' : key;
    return { id: u?.id ?? null, name: u?.display_name ?? fallback, role, units: u?.unit_ids ?? [] };
  };
  return {
    cityCode: ctx.config.cityCode,
    calendar: snapshot.calendar,
    festivalDays,
    grids,
    gridTable: new WeightedTable(grids, weights),
    categories,
    mix: new CategoryMix(categories),
    actors: {
      operator: actor('operator'),
      dispatcher: actor('dispatcher'),
      supervisor: actor('supervisor'),
      inspector: actor('inspector'),
      gridWorker: actor('gridWorker'),
      leader: actor('leader'),
    },
    handler: actor('handler'),
    unitsByRegion,
    unitNames: new Map(units.map((u) => [u.id, u.name])),
    reopenWindowDays: ctx.config.reopenWindowDays,
    leadCache: new Map(),
  };
}

/** The unit the dispatch rule suggests for a category in a village (as `suggestedUnit` does). */
export function suggestedLeadUnit(w: HistoryWorld, c: WorldCategory, villageCode: string): string | null {
  const key = `${c.code}|${villageCode}`;
  const hit = w.leadCache.get(key);
  if (hit !== undefined) return hit;
  const chain = [...ancestorCodes(villageCode), villageCode];
  const units = chain
    .flatMap((code) => w.unitsByRegion.get(code) ?? [])
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const id = suggestLeadUnit(c.kind, c.defaultUnits, villageCode, units)?.id ?? null;
  w.leadCache.set(key, id);
  return id;
}

/** Who acts for a unit: the demo handler for its own units, else the unit's clerk (经办人). */
export function handlerFor(w: HistoryWorld, unitId: string): WorldActor {
  if (w.handler.units.includes(unitId)) return { id: w.handler.id, name: w.handler.name, role: 'handler' };
  return { id: null, name: `${w.unitNames.get(unitId) ?? unitId}经办人`, role: 'handler' };
}
