// Demo specialized grids (专业网格) that overlay the basic ones: a fire grid (消防网格) per
// township and a city-management grid (城管网格) per urban street, shaped like the township.
import { areaM2, bboxOf, type AreaGeometry } from '../../domain/geo/geometry.ts';
import type { Queryable } from '../../store/db.ts';
import { upsertGrids, type GridInput } from '../../store/grid-store.ts';

export async function seedSpecializedGrids(q: Queryable, cityCode: string, now: Date): Promise<number> {
  const townships = (
    await q.query<{ code: string; name: string; kind: string | null; geometry: AreaGeometry }>(
      `SELECT code, name, kind, geometry FROM regions WHERE level = 'township' AND geometry IS NOT NULL AND code LIKE $1 || '%'`,
      [cityCode],
    )
  ).rows;
  const grids: GridInput[] = [];
  for (const t of townships) {
    const common = {
      kind: 'specialized' as const,
      region_code: t.code,
      geometry: t.geometry,
      area_m2: areaM2(t.geometry),
      bbox: bboxOf(t.geometry),
      source: 'generated' as const,
    };
    grids.push({ ...common, code: `${t.code}F001`, name: `${t.name}消防网格`, specialty: 'fire' });
    if (t.kind === 'street')
      grids.push({
        ...common,
        code: `${t.code}C001`,
        name: `${t.name}城管网格`,
        specialty: 'city_management',
      });
  }
  await upsertGrids(q, grids, now);
  return grids.length;
}
