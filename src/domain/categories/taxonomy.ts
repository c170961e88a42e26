// The case taxonomy (CJ/T 214 / GB/T 30428 部件·事件 plus the social-governance classes): minor classes
// (小类) under majors (大类) of three kinds, each with its handling unit function per region level, its time
// limits per urgency and its closing standard. Reads the reference CSV and checks every row and field.
import { parseTimeLimit } from '../calendar/time-limit.ts';
import { AppError, type FieldIssue } from '../errors.ts';
import {
  UNIT_LEVELS,
  functionByZh,
  functionChain,
  isUnitFunction,
  type UnitLevel,
} from '../units/unit-functions.ts';
import { parseCsv } from './csv.ts';

export type CategoryKind = 'component' | 'event' | 'social';
export const CATEGORY_KINDS: readonly CategoryKind[] = ['component', 'event', 'social'];
export const CATEGORY_KIND_LABELS: Record<CategoryKind, { zh: string; en: string }> = {
  component: { zh: '部件', en: 'Component' },
  event: { zh: '事件', en: 'Event' },
  social: { zh: '社会治理', en: 'Social governance' },
};

/** Region level → unit function code: who handles a case of this class at each level. */
export type DefaultUnits = Partial<Record<UnitLevel, string>>;

export interface Category {
  code: string;
  kind: CategoryKind;
  major_code: string;
  major_name: string;
  name: string;
  default_units: DefaultUnits;
  limit_urgent: string;
  limit_normal: string;
  closing_standard: string;
}

export const CATEGORY_CSV_HEADER = [
  'kind',
  'major_code',
  'major_name',
  'minor_code',
  'minor_name',
  'default_unit',
  'limit_urgent',
  'limit_normal',
  'closing_standard',
] as const;

/** True for component, event or social. */
export function isCategoryKind(s: string): s is CategoryKind {
  return (CATEGORY_KINDS as readonly string[]).includes(s);
}

/** Keeps the levels in order, lowest first (village … city). */
function ordered(units: DefaultUnits): DefaultUnits {
  const out: DefaultUnits = {};
  for (const level of UNIT_LEVELS) if (units[level]) out[level] = units[level];
  return out;
}

/**
 * Default handling units for a class whose owner has function `fn`. 部件先属主、后属地: components go to
 * the owner's chain; 事件先属地、后属主: events and social cases go to the street office first, unless the
 * owner already sits at township or village level (派出所, 社区居委会 are themselves local).
 */
export function defaultUnitsFor(kind: CategoryKind, fn: string): DefaultUnits {
  const chain = functionChain(fn);
  if (kind === 'component' || chain.township || chain.village) return ordered(chain);
  return ordered({ township: 'street_office', ...chain });
}

/** Issues with a default_units object given by a user: known levels, known functions, at least one. */
export function defaultUnitsIssues(input: unknown, field = 'default_units'): FieldIssue[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ field, zh: '应为 { 层级: 职能 } 对象', en: 'must be an object { level: function }' }];
  }
  const issues: FieldIssue[] = [];
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length === 0)
    issues.push({ field, zh: '至少指定一个层级的承办职能', en: 'name at least one level' });
  for (const [level, fn] of entries) {
    if (!(UNIT_LEVELS as readonly string[]).includes(level)) {
      issues.push({
        field: `${field}.${level}`,
        zh: '层级应为 village、township、county 或 city',
        en: 'level must be village, township, county or city',
      });
    } else if (typeof fn !== 'string' || !isUnitFunction(fn)) {
      issues.push({
        field: `${field}.${level}`,
        zh: `未知的单位职能 ${String(fn)}`,
        en: `unknown unit function ${String(fn)}`,
      });
    }
  }
  return issues;
}

/** Issues with one time limit ('4h', '5d'), named by field. */
export function timeLimitIssues(value: string, field: string): FieldIssue[] {
  try {
    parseTimeLimit(value, field);
    return [];
  } catch (e) {
    if (e instanceof AppError) return e.issues;
    throw e;
  }
}

export interface ParseCategoriesOptions {
  warnings?: FieldIssue[];
}

/** Fractional working hours become whole working minutes ('0.5h' → '30m', as the reference gives for 火灾). */
function roundedLimit(value: string, _field: string, _line: number, _opts: ParseCategoriesOptions): string {
  const m = /^([0-9]*\.[0-9]+)h$/.exec(value);
  if (!m) return value;
  const minutes = Number(m[1]) * 60;
  return Number.isInteger(minutes) && minutes > 0 ? `${minutes}m` : value;
}

/**
 * Parses the taxonomy CSV (header as CATEGORY_CSV_HEADER). Refuses (IMPORT_REJECTED, every issue with its
 * line): wrong header or field count, unknown kind or unit, malformed codes, a minor code outside its major,
 * a major with two names or two kinds, duplicate codes or names, bad limits, empty texts.
 */
export function parseCategoriesCsv(text: string, opts: ParseCategoriesOptions = {}): Category[] {
  const { records, problems } = parseCsv(text);
  const issues: FieldIssue[] = problems.map((p) => ({ field: 'csv', zh: p.zh, en: p.en, line: p.line }));
  const [header, ...rows] = records;
  if (!header || header.fields.join(',') !== CATEGORY_CSV_HEADER.join(',')) {
    const expected = CATEGORY_CSV_HEADER.join(',');
    issues.push({
      field: 'header',
      zh: `表头应为 ${expected}`,
      en: `the header must be ${expected}`,
      line: 1,
    });
    throw new AppError('IMPORT_REJECTED', { issues });
  }
  const out: Category[] = [];
  const codes = new Map<string, number>();
  const names = new Map<string, number>();
  const majors = new Map<string, { kind: string; name: string; line: number }>();
  for (const { line, fields } of rows) {
    const add = (field: string, zh: string, en: string): void => {
      issues.push({ field, zh, en, line });
    };
    if (fields.length !== CATEGORY_CSV_HEADER.length) {
      add(
        'row',
        `应有 ${CATEGORY_CSV_HEADER.length} 列，实有 ${fields.length} 列`,
        `expected 9 fields, got ${fields.length}`,
      );
      continue;
    }
    const [kind, majorCode, majorName, code, name, unit, rawUrgent, rawNormal, closing] = fields.map((f) =>
      f.trim(),
    ) as [string, string, string, string, string, string, string, string, string];
    const urgent = roundedLimit(rawUrgent, 'limit_urgent', line, opts);
    const normal = roundedLimit(rawNormal, 'limit_normal', line, opts);
    const before = issues.length;
    if (!isCategoryKind(kind))
      add(
        'kind',
        `类型 ${kind} 应为 component、event 或 social`,
        `kind ${kind} must be component, event or social`,
      );
    if (!/^[0-9]{2}$/.test(majorCode))
      add('major_code', '大类代码应为 2 位数字', 'major_code must be 2 digits');
    if (!majorName) add('major_name', '大类名称不能为空', 'major_name is required');
    if (!/^[0-9]{4,6}$/.test(code))
      add('minor_code', '小类代码应为 4–6 位数字', 'minor_code must be 4–6 digits');
    else if (!code.startsWith(majorCode))
      add(
        'minor_code',
        `小类代码 ${code} 不在大类 ${majorCode} 下`,
        `minor_code ${code} is not under major ${majorCode}`,
      );
    if (name.length < 1 || name.length > 50)
      add('minor_name', '小类名称应为 1–50 个字', 'minor_name must be 1–50 characters');
    const fn = functionByZh(unit);
    if (!fn) add('default_unit', `未知的承办单位职能：${unit}`, `unknown unit function: ${unit}`);
    issues.push(...timeLimitIssues(urgent, 'limit_urgent').map((i) => ({ ...i, line })));
    issues.push(...timeLimitIssues(normal, 'limit_normal').map((i) => ({ ...i, line })));
    if (!closing) add('closing_standard', '结案标准不能为空', 'closing_standard is required');

    const major = majors.get(majorCode);
    if (!major) majors.set(majorCode, { kind, name: majorName, line });
    else if (isCategoryKind(kind) && (major.kind !== kind || major.name !== majorName)) {
      add(
        'major_code',
        `大类 ${majorCode} 与第 ${major.line} 行的类型或名称不一致`,
        `major ${majorCode} differs from line ${major.line} in kind or name`,
      );
    }
    const seenCode = codes.get(code);
    if (seenCode !== undefined)
      add(
        'minor_code',
        `小类代码 ${code} 与第 ${seenCode} 行重复`,
        `minor_code ${code} repeats line ${seenCode}`,
      );
    else codes.set(code, line);
    const key = `${kind}/${majorCode}/${name}`;
    const seenName = names.get(key);
    if (seenName !== undefined)
      add(
        'minor_name',
        `小类名称 ${name} 与第 ${seenName} 行重复`,
        `minor_name ${name} repeats line ${seenName}`,
      );
    else names.set(key, line);

    if (issues.length > before || !fn || !isCategoryKind(kind)) continue;
    out.push({
      code,
      kind,
      major_code: majorCode,
      major_name: majorName,
      name,
      default_units: defaultUnitsFor(kind, fn.code),
      limit_urgent: urgent,
      limit_normal: normal,
      closing_standard: closing,
    });
  }
  if (issues.length > 0) throw new AppError('IMPORT_REJECTED', { issues });
  return out;
}
