// The roll (表决名册) of a proposal as rows of a file — CSV or the first sheet of an .xlsx — two
// columns `household, phone` (户号, 手机号), an optional header row first. Pure: every bad row is
// named with its line, its field and the reason in Chinese and English; the caller imports nothing
// unless there is none.
import type { FieldIssue } from '../errors.ts';

export interface RollRow {
  line: number;
  cells: readonly string[];
}

export interface RollMember {
  line: number;
  household: string;
  /** 11 digits, without +86, spaces or dashes. */
  phone: string;
}

/** 138 0013 8000, 138-0013-8000, +86 13800138000 and 8613800138000 all read 13800138000. */
export function normalizeRollPhone(raw: string): string {
  return raw.replace(/[\s\u00a0\u3000-]/g, '').replace(/^(\+|00)?86(?=1\d{10}$)/, '');
}

/** At most this many issues are reported (the file may be entirely wrong). */
export const MAX_ROLL_ISSUES = 200;

/** The members of a roll and every problem with its rows. */
export function checkRollRows(rows: readonly RollRow[]): { members: RollMember[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const members: RollMember[] = [];
  const seen = new Map<string, number>();
  let first = true;
  for (const row of rows) {
    const cells = row.cells.map((c) => c.trim());
    while (cells.length && !cells[cells.length - 1]) cells.pop();
    if (!cells.length) continue;
    const [household = '', phoneRaw = '', ...rest] = cells;
    const line = row.line;
    // The first row is a header when its phone column has no digit (户号,手机号 / household,phone).
    const header = first && !/\d/.test(phoneRaw);
    first = false;
    if (header) continue;
    if (rest.length)
      issues.push({
        field: 'columns',
        line,
        zh: '每行应为「户号,手机号」两列',
        en: 'must have two columns: household, phone',
      });
    if (!household || household.length > 50)
      issues.push({
        field: 'household',
        line,
        zh: '户号不能为空且不超过 50 字',
        en: 'must be 1–50 characters',
      });
    const phone = normalizeRollPhone(phoneRaw);
    if (!/^1[3-9]\d{9}$/.test(phone)) {
      issues.push({
        field: 'phone',
        line,
        zh: '应为 11 位手机号码',
        en: 'must be an 11-digit mobile number',
      });
      continue;
    }
    const dup = seen.get(phone);
    if (dup !== undefined)
      issues.push({ field: 'phone', line, zh: `与第 ${dup} 行手机号重复`, en: `repeats line ${dup}` });
    else seen.set(phone, line);
    if (household && household.length <= 50) members.push({ line, household, phone });
  }
  if (!members.length && !issues.length)
    issues.push({
      field: 'file',
      zh: '名册为空（没有户号和手机号）',
      en: 'the roll is empty (no household and phone)',
    });
  return { members, issues: issues.slice(0, MAX_ROLL_ISSUES) };
}
