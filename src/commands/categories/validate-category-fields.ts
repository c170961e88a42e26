// Checks the editable fields of a category (name, limits, default units, closing standard); every
// problem names its field, in Chinese and English.
import { defaultUnitsIssues, timeLimitIssues } from '../../domain/categories/taxonomy.ts';
import type { FieldIssue } from '../../domain/errors.ts';

export interface CategoryFields {
  name?: string | undefined;
  limitUrgent?: string | undefined;
  limitNormal?: string | undefined;
  defaultUnits?: unknown;
  closingStandard?: string | undefined;
}

/** Every problem with the given fields (absent fields are not checked); empty when all is well. */
export function validateCategoryFields(f: CategoryFields): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (f.name !== undefined && (f.name.trim().length < 1 || f.name.trim().length > 50)) {
    issues.push({ field: 'name', zh: '名称应为 1–50 个字', en: 'name must be 1–50 characters' });
  }
  if (f.limitUrgent !== undefined) issues.push(...timeLimitIssues(f.limitUrgent, 'limit_urgent'));
  if (f.limitNormal !== undefined) issues.push(...timeLimitIssues(f.limitNormal, 'limit_normal'));
  if (f.defaultUnits !== undefined) issues.push(...defaultUnitsIssues(f.defaultUnits));
  if (f.closingStandard !== undefined && f.closingStandard.trim() === '') {
    issues.push({ field: 'closing_standard', zh: '结案标准不能为空', en: 'closing_standard is required' });
  }
  return issues;
}
