// Grids (网格): basic unit grids under villages and specialized grids overlaying them, stored as
// GeoJSON with their bounding boxes. The `grids` revision tells app processes to rebuild the index.
import type { AreaGeometry, BBox } from '../domain/geo/geometry.ts';
import type { Queryable } from './db.ts';

export type GridKind = 'basic' | 'specialized';
export type GridSpecialty = 'fire' | 'environment' | 'food_drug' | 'city_management';

export interface GridInput {
  code: string;
  name: string;
  kind: GridKind;
  specialty: GridSpecialty | null;
  region_code: string;
  geometry: AreaGeometry;
  area_m2: number;
  bbox: BBox;
  source: 'generated' | 'imported' | 'drawn';
}

export interface GridRow {
  code: string;
  name: string;
  kind: GridKind;
  specialty: GridSpecialty | null;
  region_code: string;
  area_m2: number;
  source: string;
  geometry: AreaGeometry;
  updated_at: Date;
}

const CHUNK = 1000;

/** Inserts or replaces grids by code, in chunks of set-based statements. */
export async function upsertGrids(q: Queryable, grids: GridInput[], now: Date): Promise<void> {
  for (let i = 0; i < grids.length; i += CHUNK) {
    const chunk = grids.slice(i, i + CHUNK).map((g) => ({
      code: g.code,
      name: g.name,
      kind: g.kind,
      specialty: g.specialty,
      region_code: g.region_code,
      geometry: g.geometry,
      area_m2: g.area_m2,
      min_lng: g.bbox[0],
      min_lat: g.bbox[1],
      max_lng: g.bbox[2],
      max_lat: g.bbox[3],
      source: g.source,
    }));
    await q.query(
      `INSERT INTO grids (code, name, kind, specialty, region_code, geometry, area_m2, min_lng, min_lat, max_lng, max_lat, source, created_at, updated_at)
       SELECT code, name, kind, specialty, region_code, geometry, area_m2, min_lng, min_lat, max_lng, max_lat, source, $2, $2
       FROM jsonb_to_recordset($1::jsonb) AS x(code text, name text, kind text, specialty text, region_code text, geometry jsonb,
            area_m2 float8, min_lng float8, min_lat float8, max_lng float8, max_lat float8, source text)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, specialty = EXCLUDED.specialty,
         region_code = EXCLUDED.region_code, geometry = EXCLUDED.geometry, area_m2 = EXCLUDED.area_m2,
         min_lng = EXCLUDED.min_lng, min_lat = EXCLUDED.min_lat, max_lng = EXCLUDED.max_lng, max_lat = EXCLUDED.max_lat,
         source = EXCLUDED.source, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(chunk), now],
    );
  }
}

/** Deletes the basic grids of the given villages that are not in `keep` and have no members. */
export async function deleteVillageGridsExcept(
  q: Queryable,
  villages: string[],
  keep: string[],
): Promise<number> {
  const r = await q.query(
    `DELETE FROM grids g WHERE g.kind = 'basic' AND g.region_code = ANY($1::text[]) AND NOT (g.code = ANY($2::text[]))
       AND NOT EXISTS (SELECT 1 FROM grid_members m WHERE m.grid_code = g.code)`,
    [villages, keep],
  );
  return r.rowCount;
}

export async function findGrid(q: Queryable, code: string): Promise<GridRow | undefined> {
  return (
    await q.query<GridRow>(
      'SELECT code, name, kind, specialty, region_code, area_m2, source, geometry, updated_at FROM grids WHERE code = $1',
      [code],
    )
  ).rows[0];
}

export interface GridFilter {
  bbox?: BBox | undefined;
  regionPrefix?: string | undefined;
  kind?: GridKind | undefined;
  specialty?: GridSpecialty | undefined;
  scopePatterns: string[];
  afterCode?: string | undefined;
  limit: number;
}

/** Grids in scope, optionally within a bbox / under a region, ordered by code (keyset). */
export async function listGrids(q: Queryable, f: GridFilter): Promise<GridRow[]> {
  const b = f.bbox;
  const r = await q.query<GridRow>(
    `SELECT code, name, kind, specialty, region_code, area_m2, source, geometry, updated_at FROM grids
     WHERE region_code LIKE ANY($1::text[])
       AND ($2::float8 IS NULL OR (max_lng >= $2 AND min_lng <= $4 AND max_lat >= $3 AND min_lat <= $5))
       AND ($6::text IS NULL OR region_code LIKE $6 || '%')
       AND ($7::text IS NULL OR kind = $7) AND ($8::text IS NULL OR specialty = $8)
       AND ($9::text IS NULL OR code > $9)
     ORDER BY code LIMIT $10`,
    [
      f.scopePatterns,
      b?.[0] ?? null,
      b?.[1] ?? null,
      b?.[2] ?? null,
      b?.[3] ?? null,
      f.regionPrefix ?? null,
      f.kind ?? null,
      f.specialty ?? null,
      f.afterCode ?? null,
      f.limit,
    ],
  );
  return r.rows;
}

/** Every grid's shape, for building the in-memory spatial index. */
export async function allGridShapes(q: Queryable): Promise<
  {
    code: string;
    name: string;
    kind: GridKind;
    specialty: GridSpecialty | null;
    region_code: string;
    geometry: AreaGeometry;
  }[]
> {
  return (
    await q.query<{
      code: string;
      name: string;
      kind: GridKind;
      specialty: GridSpecialty | null;
      region_code: string;
      geometry: AreaGeometry;
    }>('SELECT code, name, kind, specialty, region_code, geometry FROM grids ORDER BY code')
  ).rows;
}

export async function countGrids(q: Queryable, prefix = ''): Promise<number> {
  return (
    (
      await q.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM grids WHERE kind = 'basic' AND region_code LIKE $1 || '%'`,
        [prefix],
      )
    ).rows[0]?.n ?? 0
  );
}

export async function bumpRevision(q: Queryable, topic: string, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO revisions (topic, revision, updated_at) VALUES ($1, 1, $2)
     ON CONFLICT (topic) DO UPDATE SET revision = revisions.revision + 1, updated_at = $2`,
    [topic, now],
  );
}

export async function getRevision(q: Queryable, topic: string): Promise<number> {
  return (
    (await q.query<{ revision: number }>('SELECT revision FROM revisions WHERE topic = $1', [topic])).rows[0]
      ?.revision ?? 0
  );
}
