// Regions (行政区划): the 5-level tree keyed by 12-digit statistical codes, with outlines.
import type { AreaGeometry } from '../domain/geo/geometry.ts';
import type { RegionLevel } from '../domain/regions/region-code.ts';
import type { Queryable } from './db.ts';

export interface RegionInput {
  code: string;
  name: string;
  level: RegionLevel;
  kind: string | null;
  parent_code: string | null;
  geometry: AreaGeometry | null;
  bbox: [number, number, number, number] | null;
  center: [number, number] | null;
}

export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  kind: string | null;
  parent_code: string | null;
  center_lng: number | null;
  center_lat: number | null;
  min_lng: number | null;
  min_lat: number | null;
  max_lng: number | null;
  max_lat: number | null;
  child_count: number;
  grid_count: number;
}

const CHUNK = 1000;

/** Inserts or updates regions (parents before children), in chunks of set-based statements. */
export async function upsertRegions(q: Queryable, rows: RegionInput[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level,
      kind: r.kind,
      parent_code: r.parent_code,
      geometry: r.geometry,
      min_lng: r.bbox?.[0] ?? null,
      min_lat: r.bbox?.[1] ?? null,
      max_lng: r.bbox?.[2] ?? null,
      max_lat: r.bbox?.[3] ?? null,
      center_lng: r.center?.[0] ?? null,
      center_lat: r.center?.[1] ?? null,
    }));
    await q.query(
      `INSERT INTO regions (code, name, level, kind, parent_code, geometry, min_lng, min_lat, max_lng, max_lat, center_lng, center_lat, updated_at)
       SELECT code, name, level, kind, parent_code, geometry, min_lng, min_lat, max_lng, max_lat, center_lng, center_lat, $2
       FROM jsonb_to_recordset($1::jsonb) AS x(code text, name text, level text, kind text, parent_code text, geometry jsonb,
            min_lng float8, min_lat float8, max_lng float8, max_lat float8, center_lng float8, center_lat float8)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, kind = EXCLUDED.kind,
         parent_code = EXCLUDED.parent_code, geometry = COALESCE(EXCLUDED.geometry, regions.geometry),
         min_lng = COALESCE(EXCLUDED.min_lng, regions.min_lng), min_lat = COALESCE(EXCLUDED.min_lat, regions.min_lat),
         max_lng = COALESCE(EXCLUDED.max_lng, regions.max_lng), max_lat = COALESCE(EXCLUDED.max_lat, regions.max_lat),
         center_lng = COALESCE(EXCLUDED.center_lng, regions.center_lng), center_lat = COALESCE(EXCLUDED.center_lat, regions.center_lat),
         updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(chunk), now],
    );
  }
}

const SELECT_REGION = `
  SELECT r.code, r.name, r.level, r.kind, r.parent_code, r.center_lng, r.center_lat, r.min_lng, r.min_lat, r.max_lng, r.max_lat,
         (SELECT count(*)::int FROM regions c WHERE c.parent_code = r.code) AS child_count,
         (SELECT count(*)::int FROM grids g WHERE g.kind = 'basic' AND g.region_code LIKE r.code_prefix || '%') AS grid_count
  FROM (SELECT *, CASE level WHEN 'province' THEN left(code, 2) WHEN 'city' THEN left(code, 4) WHEN 'county' THEN left(code, 6)
               WHEN 'township' THEN left(code, 9) ELSE code END AS code_prefix FROM regions) r`;

export async function findRegion(q: Queryable, code: string): Promise<RegionRow | undefined> {
  return (await q.query<RegionRow>(`${SELECT_REGION} WHERE r.code = $1`, [code])).rows[0];
}

/**
 * Children of a region the actor may see: inside the scope, or an ancestor on the way to it
 * (an inspector bound to a township still sees its county to navigate).
 */
export async function listChildRegions(
  q: Queryable,
  parentCode: string | null,
  visible: { patterns: string[]; ancestors: string[] },
): Promise<RegionRow[]> {
  const r = await q.query<RegionRow>(
    `${SELECT_REGION}
     WHERE (($1::text IS NULL AND r.parent_code IS NULL) OR r.parent_code = $1)
       AND (r.code LIKE ANY($2::text[]) OR r.code = ANY($3::text[]))
     ORDER BY r.code`,
    [parentCode, visible.patterns, visible.ancestors],
  );
  return r.rows;
}

/** Name search within the scope (e.g. '南坑'), villages and townships included. */
export async function searchRegions(
  q: Queryable,
  text: string,
  patterns: string[],
  limit: number,
): Promise<RegionRow[]> {
  const r = await q.query<RegionRow>(
    `${SELECT_REGION} WHERE r.name LIKE '%' || $1 || '%' AND r.code LIKE ANY($2::text[]) ORDER BY r.code LIMIT $3`,
    [text, patterns, limit],
  );
  return r.rows;
}

export async function regionGeometry(q: Queryable, code: string): Promise<AreaGeometry | null> {
  const r = await q.query<{ geometry: AreaGeometry | null }>('SELECT geometry FROM regions WHERE code = $1', [
    code,
  ]);
  return r.rows[0]?.geometry ?? null;
}

/** Code, name, level and parent of every region under a prefix (for in-memory lookups). */
export async function regionNames(
  q: Queryable,
  prefix = '',
): Promise<{ code: string; name: string; level: RegionLevel; parent_code: string | null }[]> {
  return (
    await q.query<{ code: string; name: string; level: RegionLevel; parent_code: string | null }>(
      `SELECT code, name, level, parent_code FROM regions WHERE code LIKE $1 || '%'`,
      [prefix],
    )
  ).rows;
}

/** Villages (with outlines) of a city, for checking imported grids. */
export async function villageShapes(
  q: Queryable,
  prefix: string,
): Promise<{ code: string; geometry: AreaGeometry }[]> {
  return (
    await q.query<{ code: string; geometry: AreaGeometry }>(
      `SELECT code, geometry FROM regions WHERE level = 'village' AND geometry IS NOT NULL AND code LIKE $1 || '%'`,
      [prefix],
    )
  ).rows;
}

export async function countRegions(q: Queryable): Promise<number> {
  return (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM regions')).rows[0]?.n ?? 0;
}
