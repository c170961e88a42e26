// An administrator adds a local category (本地扩展小类) under an existing major of the same kind or under a
// new major. The code, when not given, is the next free one after the standard codes of the major.
import { defaultUnitsFor, type CategoryKind, type DefaultUnits } from '../../domain/categories/taxonomy.ts';
import { AppError, type FieldIssue } from '../../domain/errors.ts';
import { isUnitFunction } from '../../domain/units/unit-functions.ts';
import { appendAudit } from '../../store/audit-store.ts';
import {
  categoryCodesUnder,
  categoryNameTaken,
  findMajor,
  insertCategories,
} from '../../store/category-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { validateCategoryFields } from './validate-category-fields.ts';

export interface CreateCategoryInput {
  kind: CategoryKind;
  majorCode: string;
  majorName?: string | undefined;
  code?: string | undefined;
  name: string;
  /** Either the levels explicitly, or one owner function from which they are derived (属主/属地 rule). */
  defaultUnits?: DefaultUnits | undefined;
  defaultUnit?: string | undefined;
  limitUrgent: string;
  limitNormal: string;
  closingStandard: string;
}

/** The next free code under a major: after its highest 4-digit code, else the first free 6-digit one. */
function nextCode(major: string, used: string[]): string | undefined {
  const taken = new Set(used);
  const top = Math.max(0, ...used.filter((c) => c.length === 4).map((c) => Number(c.slice(2))));
  for (let i = top + 1; i <= 99; i++)
    if (!taken.has(major + String(i).padStart(2, '0'))) return major + String(i).padStart(2, '0');
  for (let i = 1; i <= 9999; i++)
    if (!taken.has(major + String(i).padStart(4, '0'))) return major + String(i).padStart(4, '0');
  return undefined;
}

/**
 * Creates the category and returns its code. Refuses VALIDATION_FAILED (bad fields, a major of another
 * kind or with another name, a code outside its major, no default unit) and CONFLICT (code or name taken).
 */
export async function createCategory(
  ctx: AppContext,
  actor: Actor,
  input: CreateCategoryInput,
): Promise<string> {
  const now = ctx.clock.now();
  const name = input.name.trim();
  const issues: FieldIssue[] = validateCategoryFields(input);
  if (input.defaultUnits === undefined && input.defaultUnit === undefined) {
    issues.push({
      field: 'default_units',
      zh: '请指定 default_units 或 default_unit',
      en: 'give default_units or default_unit',
    });
  }
  if (input.defaultUnit !== undefined && !isUnitFunction(input.defaultUnit)) {
    issues.push({
      field: 'default_unit',
      zh: `未知的单位职能 ${input.defaultUnit}`,
      en: `unknown unit function ${input.defaultUnit}`,
    });
  }
  if (input.code !== undefined && !input.code.startsWith(input.majorCode)) {
    issues.push({
      field: 'code',
      zh: `小类代码应以大类代码 ${input.majorCode} 开头`,
      en: `code must start with the major code ${input.majorCode}`,
    });
  }
  return ctx.db.tx(async (q) => {
    const major = await findMajor(q, input.majorCode);
    const majorName = input.majorName?.trim() || major?.major_name;
    if (major && major.kind !== input.kind) {
      issues.push({
        field: 'major_code',
        zh: `大类 ${input.majorCode} 属于 ${major.kind}`,
        en: `major ${input.majorCode} is a ${major.kind} major`,
      });
    } else if (major && majorName !== major.major_name) {
      issues.push({
        field: 'major_name',
        zh: `大类 ${input.majorCode} 名为 ${major.major_name}`,
        en: `major ${input.majorCode} is named ${major.major_name}`,
      });
    } else if (!majorName) {
      issues.push({ field: 'major_name', zh: '新大类须有名称', en: 'a new major needs a name' });
    }
    if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
    const code = input.code ?? nextCode(input.majorCode, await categoryCodesUnder(q, input.majorCode));
    if (!code) {
      throw new AppError('CONFLICT', {
        issues: [
          {
            field: 'code',
            zh: `大类 ${input.majorCode} 已无可用代码`,
            en: `no free code under ${input.majorCode}`,
          },
        ],
      });
    }
    if (await categoryNameTaken(q, { kind: input.kind, majorCode: input.majorCode, name })) {
      throw new AppError('CONFLICT', {
        issues: [
          { field: 'name', zh: `本大类已有小类 ${name}`, en: `the major already has a minor named ${name}` },
        ],
      });
    }
    const defaultUnits = input.defaultUnits ?? defaultUnitsFor(input.kind, input.defaultUnit ?? '');
    const added = await insertCategories(
      q,
      [
        {
          code,
          kind: input.kind,
          major_code: input.majorCode,
          major_name: majorName ?? '',
          name,
          default_units: defaultUnits,
          limit_urgent: input.limitUrgent,
          limit_normal: input.limitNormal,
          closing_standard: input.closingStandard.trim(),
        },
      ],
      now,
    );
    if (added !== 1) {
      throw new AppError('CONFLICT', {
        issues: [{ field: 'code', zh: `小类代码 ${code} 已存在`, en: `code ${code} is taken` }],
      });
    }
    await appendAudit(q, {
      at: now,
      actorId: actor.userId,
      actorName: actor.username,
      action: 'category.create',
      target: `category:${code}`,
      outcome: 'ok',
      details: { kind: input.kind, major_code: input.majorCode, name },
    });
    return code;
  });
}
