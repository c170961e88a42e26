// Ajv's validation errors, said in Chinese and English with the field path (body.lat,
// query.bbox, params.code) so that a person can fix the input without reading a schema.
import type { FieldIssue } from '../../domain/errors.ts';

export interface AjvErrorLike {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const CONTEXT_NAME: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

function fieldOf(e: AjvErrorLike, context: string): string {
  const base = CONTEXT_NAME[context] ?? context;
  const path = e.instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('');
  const missing = e.keyword === 'required' ? `.${String(e.params.missingProperty)}` : '';
  const extra = e.keyword === 'additionalProperties' ? `.${String(e.params.additionalProperty)}` : '';
  return `${base}${path}${missing}${extra}`;
}

function reason(e: AjvErrorLike): { zh: string; en: string } {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return { zh: '为必填项', en: 'is required' };
    case 'type':
      return { zh: `类型应为 ${String(p.type)}`, en: `must be of type ${String(p.type)}` };
    case 'minLength':
      return { zh: `长度至少为 ${String(p.limit)}`, en: `must be at least ${String(p.limit)} characters` };
    case 'maxLength':
      return { zh: `长度不能超过 ${String(p.limit)}`, en: `must be at most ${String(p.limit)} characters` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { zh: `不能小于 ${String(p.limit)}`, en: `must be ≥ ${String(p.limit)}` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { zh: `不能大于 ${String(p.limit)}`, en: `must be ≤ ${String(p.limit)}` };
    case 'minItems':
      return { zh: `至少需要 ${String(p.limit)} 项`, en: `must have at least ${String(p.limit)} items` };
    case 'maxItems':
      return { zh: `最多 ${String(p.limit)} 项`, en: `must have at most ${String(p.limit)} items` };
    case 'pattern':
      return { zh: '格式不正确', en: `must match the pattern ${String(p.pattern)}` };
    case 'format':
      return { zh: `格式应为 ${String(p.format)}`, en: `must be a valid ${String(p.format)}` };
    case 'enum':
    case 'const':
      return {
        zh: `取值应为以下之一：${JSON.stringify(p.allowedValues ?? p.allowedValue)}`,
        en: `must be one of ${JSON.stringify(p.allowedValues ?? p.allowedValue)}`,
      };
    case 'additionalProperties':
      return { zh: '是不认识的字段', en: 'is not a known field' };
    case 'anyOf':
    case 'oneOf':
      return { zh: '不符合任何允许的格式', en: 'matches none of the allowed forms' };
    default:
      return { zh: `不合法（${e.message ?? e.keyword}）`, en: e.message ?? `fails ${e.keyword}` };
  }
}

export function translateValidation(errors: AjvErrorLike[], context: string): FieldIssue[] {
  // anyOf/oneOf also report each branch's failure at or below their path: keep the summary only.
  const unions = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .map((e) => e.instancePath);
  const kept = errors.filter(
    (e) =>
      e.keyword === 'anyOf' ||
      e.keyword === 'oneOf' ||
      !unions.some((p) => e.instancePath === p || e.instancePath.startsWith(p + '/')),
  );
  const seen = new Set<string>();
  return kept
    .map((e) => ({ field: fieldOf(e, context), ...reason(e) }))
    .filter((i) => (seen.has(i.field + i.en) ? false : (seen.add(i.field + i.en), true)));
}
