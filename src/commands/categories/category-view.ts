// The public shape of a category: the row, its limits said in Chinese and English, its default unit
// functions' names; and the taxonomy as a tree (kind → major → minor).
import { describeTimeLimit, parseTimeLimit } from '../../domain/calendar/time-limit.ts';
import { CATEGORY_KINDS, CATEGORY_KIND_LABELS, type CategoryKind } from '../../domain/categories/taxonomy.ts';
import { functionByCode } from '../../domain/units/unit-functions.ts';
import type { CategoryRow } from '../../store/category-store.ts';

type Text = { zh: string; en: string };

export interface CategoryView {
  code: string;
  kind: string;
  major_code: string;
  major_name: string;
  name: string;
  default_units: Record<string, string>;
  default_unit_labels: Record<string, Text>;
  limit_urgent: string;
  limit_normal: string;
  limits: { urgent: Text; normal: Text };
  closing_standard: string;
  active: boolean;
  version: number;
  updated_at: string;
}

function describe(limit: string): Text {
  try {
    return describeTimeLimit(parseTimeLimit(limit));
  } catch {
    return { zh: limit, en: limit };
  }
}

/** A category row as the API returns it. */
export function toCategoryView(c: CategoryRow): CategoryView {
  const units: Record<string, string> = { ...c.default_units };
  const labels: Record<string, Text> = {};
  for (const [level, fn] of Object.entries(units)) {
    const f = functionByCode(fn);
    labels[level] = f ? { zh: f.zh, en: f.en } : { zh: fn, en: fn };
  }
  return {
    code: c.code,
    kind: c.kind,
    major_code: c.major_code,
    major_name: c.major_name,
    name: c.name,
    default_units: units,
    default_unit_labels: labels,
    limit_urgent: c.limit_urgent,
    limit_normal: c.limit_normal,
    limits: { urgent: describe(c.limit_urgent), normal: describe(c.limit_normal) },
    closing_standard: c.closing_standard,
    active: c.active,
    version: c.version,
    updated_at: c.updated_at.toISOString(),
  };
}

export interface CategoryTreeKind {
  kind: CategoryKind;
  label: Text;
  majors: { code: string; name: string; minors: CategoryView[] }[];
}

/** Groups categories (ordered by code) by kind, then major; kinds without rows are left out. */
export function toCategoryTree(rows: CategoryRow[]): CategoryTreeKind[] {
  return CATEGORY_KINDS.map((kind) => {
    const majors = new Map<string, CategoryTreeKind['majors'][number]>();
    for (const r of rows) {
      if (r.kind !== kind) continue;
      let major = majors.get(r.major_code);
      if (!major) majors.set(r.major_code, (major = { code: r.major_code, name: r.major_name, minors: [] }));
      major.minors.push(toCategoryView(r));
    }
    return { kind, label: CATEGORY_KIND_LABELS[kind], majors: [...majors.values()] };
  }).filter((k) => k.majors.length > 0);
}
