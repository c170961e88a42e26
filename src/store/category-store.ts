// The case taxonomy (案件类别). All SQL about categories lives here.
import type { Category } from '../domain/categories/taxonomy.ts';
import type { Queryable } from './db.ts';

export interface CategoryRow extends Category {
  active: boolean;
  version: number;
  updated_at: Date;
}

const SELECT_CATEGORY = `
  SELECT code, kind, major_code, major_name, name, default_units, limit_urgent, limit_normal, closing_standard,
         active, version, updated_at
  FROM categories`;

/** One category by code, undefined when there is none. */
export async function findCategory(q: Queryable, code: string): Promise<CategoryRow | undefined> {
  return (await q.query<CategoryRow>(`${SELECT_CATEGORY} WHERE code = $1`, [code])).rows[0];
}

export interface CategoryFilter {
  kind?: string | undefined;
  majorCode?: string | undefined;
  active?: boolean | undefined;
  text?: string | undefined;
}

/** Categories matching the filter, ordered by code (the whole taxonomy is a few hundred rows). */
export async function listCategories(q: Queryable, f: CategoryFilter): Promise<CategoryRow[]> {
  const text = f.text ? '%' + f.text.replace(/[\\%_]/g, (c) => '\\' + c) + '%' : null;
  const r = await q.query<CategoryRow>(
    `${SELECT_CATEGORY}
     WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR major_code = $2)
       AND ($3::boolean IS NULL OR active = $3)
       AND ($4::text IS NULL OR name ILIKE $4 OR major_name ILIKE $4 OR code LIKE $4)
     ORDER BY code`,
    [f.kind ?? null, f.majorCode ?? null, f.active ?? null, text],
  );
  return r.rows;
}

/** Inserts categories in one statement; existing codes (or names within a major) are skipped. Returns the count added. */
export async function insertCategories(q: Queryable, categories: Category[], now: Date): Promise<number> {
  if (!categories.length) return 0;
  const r = await q.query(
    `INSERT INTO categories (code, kind, major_code, major_name, name, default_units, limit_urgent, limit_normal,
                             closing_standard, updated_at)
     SELECT x.code, x.kind, x.major_code, x.major_name, x.name, x.default_units, x.limit_urgent, x.limit_normal,
            x.closing_standard, $2
     FROM jsonb_to_recordset($1::jsonb) AS x(code text, kind text, major_code text, major_name text, name text,
          default_units jsonb, limit_urgent text, limit_normal text, closing_standard text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(categories), now],
  );
  return r.rowCount;
}

/** The kind and name of a major class, from any of its minors; undefined for a new major. */
export async function findMajor(
  q: Queryable,
  majorCode: string,
): Promise<{ kind: string; major_name: string } | undefined> {
  const r = await q.query<{ kind: string; major_name: string }>(
    'SELECT kind, major_name FROM categories WHERE major_code = $1 ORDER BY code LIMIT 1',
    [majorCode],
  );
  return r.rows[0];
}

/** Codes already used under a major (to allocate the next local code). */
export async function categoryCodesUnder(q: Queryable, majorCode: string): Promise<string[]> {
  const r = await q.query<{ code: string }>(
    'SELECT code FROM categories WHERE major_code = $1 ORDER BY code',
    [majorCode],
  );
  return r.rows.map((x) => x.code);
}

/** True when another minor of the same kind and major already has this name. */
export async function categoryNameTaken(
  q: Queryable,
  c: { kind: string; majorCode: string; name: string; exceptCode?: string },
): Promise<boolean> {
  const r = await q.query(
    'SELECT 1 FROM categories WHERE kind = $1 AND major_code = $2 AND name = $3 AND code <> $4',
    [c.kind, c.majorCode, c.name, c.exceptCode ?? ''],
  );
  return r.rows.length > 0;
}

export interface CategoryPatch {
  name?: string | undefined;
  limitUrgent?: string | undefined;
  limitNormal?: string | undefined;
  defaultUnits?: Record<string, string> | undefined;
  closingStandard?: string | undefined;
  active?: boolean | undefined;
}

/** Optimistic update: returns false when the version no longer matches. */
export async function updateCategory(
  q: Queryable,
  code: string,
  version: number,
  p: CategoryPatch,
  now: Date,
): Promise<boolean> {
  const r = await q.query(
    `UPDATE categories SET name = COALESCE($3, name), limit_urgent = COALESCE($4, limit_urgent),
       limit_normal = COALESCE($5, limit_normal), default_units = COALESCE($6::jsonb, default_units),
       closing_standard = COALESCE($7, closing_standard), active = COALESCE($8, active),
       version = version + 1, updated_at = $9
     WHERE code = $1 AND version = $2`,
    [
      code,
      version,
      p.name ?? null,
      p.limitUrgent ?? null,
      p.limitNormal ?? null,
      p.defaultUnits ? JSON.stringify(p.defaultUnits) : null,
      p.closingStandard ?? null,
      p.active ?? null,
      now,
    ],
  );
  return r.rowCount === 1;
}
