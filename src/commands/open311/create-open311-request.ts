// POST requests: an Open311 service request becomes a case through the one intake (channel
// 'open311', submitter = the API key's client). The spec's fields map onto intake: service_code →
// category, lat/long (WGS-84, required: an address alone cannot be placed in a grid), description,
// names and phone → the sealed reporter, attribute[urgency] and attribute[address_detail]. A retried
// POST returns the same case: the Idempotency-Key header, or else a hash of what was sent.
import { createHash } from 'node:crypto';
import { localDateOf } from '../../domain/calendar/local-date.ts';
import { describeTimeLimit, parseTimeLimit } from '../../domain/calendar/time-limit.ts';
import { AppError, type FieldIssue } from '../../domain/errors.ts';
import { parsePhone } from '../../domain/personal/mask.ts';
import type { ApiKeyRow } from '../../store/api-key-store.ts';
import { touchApiKey } from '../../store/api-key-store.ts';
import type { CaseRow } from '../../store/case-store.ts';
import { findCategory } from '../../store/category-store.ts';
import { intakeCase } from '../cases/intake-case.ts';
import type { AppContext } from '../context.ts';
import { INPUT_ATTRIBUTES } from './open311-mapping.ts';

export interface Open311PostInput {
  fields: Record<string, string>;
  attributes: Record<string, string>;
  /** The Idempotency-Key header, when the client sent one. */
  idempotencyKey?: string | undefined;
}

export interface Open311PostResult {
  caseRow: CaseRow;
  replayed: boolean;
  serviceNotice: string;
}

const issue = (field: string, en: string, zh: string): FieldIssue => ({ field, en, zh });

function coordinate(
  f: Record<string, string>,
  field: 'lat' | 'long',
  max: number,
  issues: FieldIssue[],
): number | undefined {
  const raw = f[field]?.trim();
  if (!raw) {
    const addressOnly = !!(f.address_string?.trim() || f.address_id?.trim());
    issues.push(
      issue(
        field,
        addressOnly
          ? 'is required: requests are located by lat/long (WGS-84); an address_string or address_id alone cannot be placed in a grid'
          : 'is required (WGS-84 decimal degrees)',
        addressOnly
          ? '必填：须提供经纬度（WGS-84）才能定位到网格，仅凭地址无法定位'
          : '必填（WGS-84 十进制度）',
      ),
    );
    return undefined;
  }
  const n = Number(raw);
  if (!/^[+-]?\d+(\.\d+)?$/.test(raw) || !Number.isFinite(n) || Math.abs(n) > max) {
    issues.push(
      issue(field, `must be a number between -${max} and ${max}`, `应为 -${max} 到 ${max} 之间的数值`),
    );
    return undefined;
  }
  return n;
}

function checkAttributes(attrs: Record<string, string>, issues: FieldIssue[]) {
  let urgency: 'normal' | 'urgent' | undefined;
  let detail: string | undefined;
  for (const [code, value] of Object.entries(attrs)) {
    const def = INPUT_ATTRIBUTES.find((a) => a.code === code);
    const field = `attribute[${code}]`;
    if (!def) {
      const known = INPUT_ATTRIBUTES.map((a) => a.code).join(', ');
      issues.push(
        issue(field, `unknown attribute; this service takes ${known}`, `未知属性，本服务支持 ${known}`),
      );
    } else if (def.values) {
      const keys = def.values.map((v) => v.key);
      if (!keys.includes(value.trim()))
        issues.push(issue(field, `must be one of ${keys.join(', ')}`, `应为 ${keys.join('、')} 之一`));
      else if (code === 'urgency') urgency = value.trim() as 'normal' | 'urgent';
    } else if (value.trim().length > 100) {
      issues.push(issue(field, 'must be at most 100 characters', '不能超过 100 个字'));
    } else if (code === 'address_detail') {
      detail = value.trim() || undefined;
    }
  }
  return { urgency, detail };
}

/** The reporter's name in the order its script expects: 张 + 三 → 张三, Jane + Doe → Jane Doe. */
function fullName(first: string, last: string): string | undefined {
  if (!first && !last) return undefined;
  const latin = /^[\p{Script=Latin}\s.'-]*$/u;
  return latin.test(first + last) ? [first, last].filter(Boolean).join(' ') : last + first;
}

// Control characters (other than tab and line breaks) have no place in a report, nor in XML.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const clean = (r: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.replace(CONTROL_CHARS, '')]));

export async function createOpen311Request(
  ctx: AppContext,
  key: ApiKeyRow,
  input: Open311PostInput,
): Promise<Open311PostResult> {
  const f = clean(input.fields);
  const attributes = clean(input.attributes);
  const issues: FieldIssue[] = [];
  const serviceCode = f.service_code?.trim() ?? '';
  if (!serviceCode) issues.push(issue('service_code', 'is required', '必填：请选择服务类型（案件类别）'));
  else if (!/^[0-9]{4,6}$/.test(serviceCode))
    issues.push(
      issue('service_code', 'must be a service_code from services', '应为服务列表中的 service_code'),
    );
  const lat = coordinate(f, 'lat', 90, issues);
  const lng = coordinate(f, 'long', 180, issues);
  const description = f.description?.trim() ?? '';
  if (description.length > 2000)
    issues.push(issue('description', 'must be at most 2000 characters', '不能超过 2000 个字'));
  const addressString = f.address_string?.trim() ?? '';
  const { urgency, detail } = checkAttributes(attributes, issues);
  const address = [addressString, detail].filter(Boolean).join(' ');
  if (address.length > 200)
    issues.push(issue('address_string', 'must be at most 200 characters', '不能超过 200 个字'));
  const name = fullName(f.first_name?.trim() ?? '', f.last_name?.trim() ?? '');
  if (name && name.length > 50)
    issues.push(
      issue('first_name', 'first_name and last_name: at most 50 characters', '姓名不能超过 50 个字'),
    );
  let phone: string | undefined;
  if (f.phone?.trim()) {
    try {
      phone = parsePhone(f.phone, 'phone');
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      issues.push(...e.issues);
    }
  }
  const header = input.idempotencyKey?.trim();
  if (header !== undefined && !/^[A-Za-z0-9_.:-]{8,100}$/.test(header))
    issues.push(
      issue('Idempotency-Key', 'must be 8–100 letters, digits or _.:-', '应为 8–100 位字母、数字或 _.:-'),
    );
  if (issues.length || lat === undefined || lng === undefined)
    throw new AppError('VALIDATION_FAILED', { issues });

  const category = await findCategory(ctx.db, serviceCode);
  if (!category || !category.active) {
    throw new AppError('CATEGORY_NOT_FOUND', {
      issues: [
        issue('service_code', `no such service ${serviceCode}`, `服务类型 ${serviceCode} 不存在或已停用`),
      ],
    });
  }
  const now = ctx.clock.now();
  const idempotencyKey =
    header ||
    'o311-' +
      createHash('sha256')
        .update([key.id, serviceCode, lat, lng, description, phone ?? '', localDateOf(now)].join('\n'))
        .digest('hex')
        .slice(0, 48);
  let made: Awaited<ReturnType<typeof intakeCase>>;
  try {
    made = await intakeCase(
      ctx,
      { client: `open311:${key.name}` },
      {
        channel: 'open311',
        lng,
        lat,
        crs: 'wgs84',
        categoryCode: category.code,
        urgency: urgency ?? 'normal',
        description: description || `${category.name}（Open311 上报）`,
        address: address || undefined,
        reporterName: name,
        reporterPhone: phone,
        idempotencyKey,
      },
    );
  } catch (e) {
    if (e instanceof AppError && e.code === 'OUTSIDE_JURISDICTION')
      throw new AppError('OUTSIDE_JURISDICTION', {
        issues: [
          issue('lat', 'lat/long is outside every grid of this jurisdiction', '该经纬度不在本辖区任何网格内'),
        ],
      });
    throw e;
  }
  await touchApiKey(ctx.db, key.id, now);
  const limit = describeTimeLimit(
    parseTimeLimit(made.caseRow.urgency === 'urgent' ? category.limit_urgent : category.limit_normal),
  );
  return {
    ...made,
    serviceNotice:
      `已受理，案件编号 ${made.caseRow.code}，立案派遣后 ${limit.zh}内处置 / ` +
      `Received as case ${made.caseRow.code}; to be handled within ${limit.en} of dispatch`,
  };
}
