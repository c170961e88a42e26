// Our cases and categories in Open311 GeoReport v2 terms: categories are services (with a service
// definition: urgency, address detail and the handling time limit), cases are service requests
// (open/closed, status notes from the latest public event, the lead unit as agency, the deadline
// as expected time, all times ISO-8601 in +08:00). Nothing personal ever leaves through here.
import { FINAL_STATES, OPEN_STATES } from '../../domain/cases/lifecycle.ts';
import { describeTimeLimit, parseTimeLimit } from '../../domain/calendar/time-limit.ts';
import { SHANGHAI_OFFSET_MS } from '../../domain/calendar/local-date.ts';
import { CATEGORY_KIND_LABELS } from '../../domain/categories/taxonomy.ts';
import type { CategoryRow } from '../../store/category-store.ts';
import type { PublicCaseRow } from './open311-queries.ts';

/** Known jurisdictions by city code; other cities get a stable made-up id. */
const JURISDICTIONS: Readonly<Record<string, string>> = {
  '3506': 'zhangzhou.gov.cn',
  '3505': 'quanzhou.gov.cn',
};

export function jurisdictionId(cityCode: string): string {
  return JURISDICTIONS[cityCode] ?? `city-${cityCode}.wangge`;
}

/** '2026-03-10T10:00:00+08:00': the instant in China Standard Time, seconds precision. */
export function isoShanghai(d: Date): string;
export function isoShanghai(d: Date | null): string | null;
export function isoShanghai(d: Date | null): string | null {
  if (!d) return null;
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}

export type Open311Status = 'open' | 'closed';

/** closed, rejected, voided and merged are closed; every other state is open. */
export function statusOf(state: string): Open311Status {
  return (FINAL_STATES as readonly string[]).includes(state) ? 'closed' : 'open';
}

export function statesFor(status: Open311Status): readonly string[] {
  return status === 'closed' ? FINAL_STATES : OPEN_STATES;
}

export interface ServiceAttribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

/** Attributes every service accepts (variable = the client sends a value). */
export const INPUT_ATTRIBUTES: readonly ServiceAttribute[] = [
  {
    variable: true,
    code: 'urgency',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: 'normal 或 urgent（默认 normal）/ normal or urgent (default normal)',
    order: 1,
    description: '紧急程度 Urgency',
    values: [
      { key: 'normal', name: '一般 Normal' },
      { key: 'urgent', name: '紧急 Urgent' },
    ],
  },
  {
    variable: true,
    code: 'address_detail',
    datatype: 'string',
    required: false,
    datatype_description: '最多 100 字 / up to 100 characters',
    order: 2,
    description: '详细位置：门牌号、楼栋或附近地标 Exact place: house number, building or landmark',
  },
];

function limitText(c: Pick<CategoryRow, 'limit_normal' | 'limit_urgent' | 'closing_standard'>) {
  const n = describeTimeLimit(parseTimeLimit(c.limit_normal));
  const u = describeTimeLimit(parseTimeLimit(c.limit_urgent));
  return (
    `处置时限：一般 ${n.zh}，紧急 ${u.zh}；结案标准：${c.closing_standard} / ` +
    `Time limit: normal ${n.en}, urgent ${u.en}`
  );
}

export function toService(c: CategoryRow) {
  const kind = CATEGORY_KIND_LABELS[c.kind]?.zh ?? c.kind;
  return {
    service_code: c.code,
    service_name: c.name,
    description: `${kind} · ${c.major_name} · ${c.name}`,
    metadata: true,
    type: 'realtime' as const,
    keywords: [kind, c.major_name, c.name].join(','),
    group: c.major_name,
  };
}

export function toServiceDefinition(c: CategoryRow) {
  const info: ServiceAttribute = {
    variable: false,
    code: 'time_limit',
    datatype: 'text',
    required: false,
    datatype_description: null,
    order: 3,
    description: limitText(c),
  };
  return { service_code: c.code, attributes: [...INPUT_ATTRIBUTES, info] };
}

const NOTES: Record<string, string> = {
  report: '已受理，待立案',
  send_to_verify: '核实中',
  register: '已立案，待派遣',
  reject: '不予立案',
  void: '已作废',
  merge: '与已有案件重复，已合并办理',
  dispatch: '已派遣至承办单位',
  reassign: '已改派承办单位',
  acknowledge: '承办单位已签收，正在处置',
  approve_suspension: '已挂账，待条件具备后处置',
  resume: '已恢复处置',
  approve_extension: '已批准延期处置',
  report_back: '承办单位已反馈处置结果，待核查',
  verify_fail: '核查未通过，返工处置中',
  verify_pass: '核查通过，已结案',
  self_handle: '已现场处置，待审核',
  approve_self_handled: '已现场处置并结案',
  reopen: '已重新办理',
  publish: '处置结果已公开',
};

/** The latest public step in words; only reasons given to the public (reject, void) and a published result are quoted. */
export function statusNotes(r: PublicCaseRow): string | null {
  if (!r.last_action) return null;
  const base = NOTES[r.last_action] ?? null;
  if (!base) return null;
  if ((r.last_action === 'reject' || r.last_action === 'void') && r.last_note)
    return `${base}：${r.last_note}`;
  if (r.last_action === 'merge' && r.duplicate_of) return `${base}（${r.duplicate_of}）`;
  if (r.published_at && r.result && r.state === 'closed') return `${base}：${r.result}`;
  return base;
}

/** Social-governance classes (disputes, help requests …) concern people: their text and place stay inside. */
function restricted(r: PublicCaseRow): boolean {
  return r.category_kind === 'social';
}

export function toRequest(r: PublicCaseRow, opts: { extensions: boolean }) {
  const status = statusOf(r.state);
  const hidden = restricted(r);
  const limit = describeTimeLimit(parseTimeLimit(r.urgency === 'urgent' ? r.limit_urgent : r.limit_normal));
  const out = {
    service_request_id: r.code,
    status,
    status_notes: statusNotes(r),
    service_name: r.service_name,
    service_code: r.category_code,
    description: hidden ? null : r.description,
    agency_responsible: r.agency,
    service_notice: `派遣后 ${limit.zh}内处置 / to be handled within ${limit.en} of dispatch`,
    requested_datetime: isoShanghai(r.reported_at),
    updated_datetime: isoShanghai(status === 'closed' ? (r.closed_at ?? r.updated_at) : r.updated_at),
    expected_datetime: isoShanghai(r.deadline_at),
    address: hidden ? null : r.address,
    address_id: null,
    zipcode: null,
    lat: hidden ? null : r.lat,
    long: hidden ? null : r.lng,
    media_url: null,
  };
  if (!opts.extensions) return out;
  return {
    ...out,
    extended_attributes: { channel: r.channel, grid: r.grid_code, duplicate_of: r.duplicate_of },
  };
}

export type Open311Request = ReturnType<typeof toRequest>;
