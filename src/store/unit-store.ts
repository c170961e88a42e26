// Handling units (承办单位). All SQL about units lives here; lists are scoped in SQL by region prefix.
import type { Queryable } from './db.ts';

export interface UnitRow {
  id: string;
  name: string;
  kind: string;
  function: string;
  region_code: string;
  region_name: string | null;
  parent_id: string | null;
  phone: string | null;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT_UNIT = `
  SELECT u.id, u.name, u.kind, u.function, u.region_code, r.name AS region_name, u.parent_id, u.phone,
         u.active, u.version, u.created_at, u.updated_at
  FROM units u LEFT JOIN regions r ON r.code = u.region_code`;

/** One unit by id, whatever its scope (callers check scope). */
export async function findUnit(q: Queryable, id: string): Promise<UnitRow | undefined> {
  return (await q.query<UnitRow>(`${SELECT_UNIT} WHERE u.id = $1`, [id])).rows[0];
}

/** True when a unit with this name already exists in the region (names are unique per region). */
export async function unitNameTaken(
  q: Queryable,
  regionCode: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM units WHERE region_code = $1 AND name = $2 AND id <> $3', [
    regionCode,
    name,
    exceptId ?? '',
  ]);
  return r.rows.length > 0;
}

/** The ids among `ids` that exist (for choosing a free readable id). */
export async function existingUnitIds(q: Queryable, ids: string[]): Promise<Set<string>> {
  const r = await q.query<{ id: string }>('SELECT id FROM units WHERE id = ANY($1::text[])', [ids]);
  return new Set(r.rows.map((x) => x.id));
}

export interface NewUnit {
  id: string;
  name: string;
  kind: string;
  function: string;
  region_code: string;
  parent_id: string | null;
  phone: string | null;
}

/**
 * Inserts units in one statement (a self-referencing batch is fine: foreign keys are checked at the end
 * of the statement). Units whose id or (region, name) already exist are skipped; returns the count added.
 */
export async function insertUnits(q: Queryable, units: NewUnit[], now: Date): Promise<number> {
  if (!units.length) return 0;
  const r = await q.query(
    `INSERT INTO units (id, name, kind, function, region_code, parent_id, phone, created_at, updated_at)
     SELECT x.id, x.name, x.kind, x.function, x.region_code, x.parent_id, x.phone, $2, $2
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, kind text, function text, region_code text,
                                               parent_id text, phone text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(units), now],
  );
  return r.rowCount;
}

export interface UnitPatch {
  name?: string | undefined;
  kind?: string | undefined;
  function?: string | undefined;
  parentId?: string | null | undefined;
  phone?: string | null | undefined;
  active?: boolean | undefined;
}

/** Optimistic update: returns false when the version no longer matches. null clears parent or phone. */
export async function updateUnit(
  q: Queryable,
  id: string,
  version: number,
  p: UnitPatch,
  now: Date,
): Promise<boolean> {
  const r = await q.query(
    `UPDATE units SET name = COALESCE($3, name), kind = COALESCE($4, kind), function = COALESCE($5, function),
       parent_id = CASE WHEN $6::boolean THEN $7 ELSE parent_id END,
       phone = CASE WHEN $8::boolean THEN $9 ELSE phone END,
       active = COALESCE($10, active), version = version + 1, updated_at = $11
     WHERE id = $1 AND version = $2`,
    [
      id,
      version,
      p.name ?? null,
      p.kind ?? null,
      p.function ?? null,
      p.parentId !== undefined,
      p.parentId ?? null,
      p.phone !== undefined,
      p.phone ?? null,
      p.active ?? null,
      now,
    ],
  );
  return r.rowCount === 1;
}

export interface UnitListFilter {
  scopePatterns: string[];
  /** Region subtree prefix + '%' (e.g. '350602%'). */
  regionPattern?: string | undefined;
  function?: string | undefined;
  kind?: string | undefined;
  text?: string | undefined;
  active?: boolean | undefined;
  afterId?: string | undefined;
  limit: number;
}

/** Units inside the scope, filtered, ordered by id in byte order on both engines (keyset pagination with afterId). */
export async function listUnits(q: Queryable, f: UnitListFilter): Promise<UnitRow[]> {
  const text = f.text ? '%' + f.text.replace(/[\\%_]/g, (c) => '\\' + c) + '%' : null;
  const r = await q.query<UnitRow>(
    `${SELECT_UNIT}
     WHERE u.region_code LIKE ANY($1::text[])
       AND ($2::text IS NULL OR u.region_code LIKE $2)
       AND ($3::text IS NULL OR u.function = $3)
       AND ($4::text IS NULL OR u.kind = $4)
       AND ($5::text IS NULL OR u.name ILIKE $5 OR u.id ILIKE $5)
       AND ($6::boolean IS NULL OR u.active = $6)
       AND ($7::text IS NULL OR u.id COLLATE "C" > $7)
     ORDER BY u.id COLLATE "C" LIMIT $8`,
    [
      f.scopePatterns,
      f.regionPattern ?? null,
      f.function ?? null,
      f.kind ?? null,
      text,
      f.active ?? null,
      f.afterId ?? null,
      f.limit,
    ],
  );
  return r.rows;
}

export interface RegionForUnits {
  code: string;
  name: string;
  level: 'city' | 'county' | 'township' | 'village';
  kind: string | null;
  parent_code: string | null;
}

/** Level of an existing region, undefined when there is no such region (units must sit on a real one). */
export async function regionLevel(q: Queryable, code: string): Promise<string | undefined> {
  return (await q.query<{ level: string }>('SELECT level FROM regions WHERE code = $1', [code])).rows[0]
    ?.level;
}

/** The city, county, township and village rows under a city prefix ('3506'), ordered by code. */
export async function listRegionsForUnits(q: Queryable, cityPrefix: string): Promise<RegionForUnits[]> {
  const r = await q.query<RegionForUnits>(
    `SELECT code, name, level, kind, parent_code FROM regions
     WHERE code LIKE $1 AND level IN ('city', 'county', 'township', 'village') ORDER BY code`,
    [cityPrefix + '%'],
  );
  return r.rows;
}
