// Which counters and rates each KPI table shows (考核评价: area, unit and role evaluation of
// CJ/T 292), the labels of the counters, and the cell texts — shared by the table on screen and
// the Excel export so that both say the same.
import type { I18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { roleLabel } from '../../layout/role-label.ts';
import type { XlsxCellKind, XlsxValue } from '../../lib/xlsx/xlsx-writer.ts';
import type { Breakdown, KpiBreakdownRow, KpiDefinition } from './kpi-api.ts';

export interface KpiColumn {
  key: string;
  type: 'counter' | 'rate';
}

const counter = (key: string): KpiColumn => ({ key, type: 'counter' });
const rate = (key: string): KpiColumn => ({ key, type: 'rate' });

export const KPI_COLUMNS: Record<Breakdown, KpiColumn[]> = {
  // Area evaluation: intake and closure of the region's cases, and how its units and dispatchers did.
  region: [
    counter('reported'),
    counter('registered'),
    counter('due'),
    counter('closed'),
    rate('closureRate'),
    rate('onTimeClosureRate'),
    rate('reworkRate'),
    rate('timelyAcknowledgementRate'),
    rate('onTimeHandlingRate'),
    rate('satisfactionRate'),
    rate('publicReportRate'),
    rate('accurateDispatchRate'),
  ],
  // Unit evaluation: what was dispatched to the unit and how it handled it.
  unit: [
    counter('dispatched'),
    counter('acknowledged'),
    counter('handled'),
    counter('due'),
    counter('closed'),
    rate('closureRate'),
    rate('onTimeClosureRate'),
    rate('timelyAcknowledgementRate'),
    rate('onTimeHandlingRate'),
    rate('reworkRate'),
    rate('returnRate'),
    rate('satisfactionRate'),
    rate('reopenRate'),
  ],
  // Role evaluation: inspectors (reports, 核实, 核查) and dispatchers.
  person: [
    counter('inspectorReports'),
    counter('verifyTasks'),
    counter('checkTasks'),
    counter('dispatched'),
    rate('inspectorValidReportRate'),
    rate('inspectorOnTimeVerifyRate'),
    rate('inspectorOnTimeCheckRate'),
    rate('accurateDispatchRate'),
  ],
};

const COUNTER_LABELS: Record<string, MessageKey> = {
  reported: 'reports.counter.reported',
  registered: 'reports.counter.registered',
  due: 'reports.counter.due',
  closed: 'reports.counter.closed',
  dispatched: 'reports.counter.dispatched',
  acknowledged: 'reports.counter.acknowledged',
  handled: 'reports.counter.handled',
  inspectorReports: 'reports.counter.inspectorReports',
  verifyTasks: 'reports.counter.verifyTasks',
  checkTasks: 'reports.counter.checkTasks',
};

export function counterLabel(key: string, t: I18n['t']): string {
  const k = COUNTER_LABELS[key];
  return k ? t(k) : key;
}

/** The rate's name in the user's language and its formula ("结案数 ÷ 应结案数"). */
export function rateText(
  key: string,
  defs: readonly KpiDefinition[] | undefined,
  lang: I18n['lang'],
): { name: string; formula: string } {
  const d = defs?.find((x) => x.key === key);
  if (!d) return { name: key, formula: '' };
  return lang === 'en' ? { name: d.en, formula: d.formula_en } : { name: d.zh, formula: d.formula_zh };
}

const LEVEL_LABELS: Record<string, MessageKey> = {
  province: 'admin.level.province',
  city: 'admin.level.city',
  county: 'admin.level.county',
  township: 'admin.level.township',
  village: 'admin.level.village',
};

const UNIT_KIND_LABELS: Record<string, MessageKey> = {
  department: 'admin.unitKind.department',
  street_office: 'admin.unitKind.street_office',
  community_committee: 'admin.unitKind.community_committee',
  property_company: 'admin.unitKind.property_company',
  enterprise: 'admin.unitKind.enterprise',
};

export function regionLevelLabel(level: string, t: I18n['t']): string {
  const k = LEVEL_LABELS[level];
  return k ? t(k) : level;
}

export function unitKindLabel(kind: string, t: I18n['t']): string {
  const k = UNIT_KIND_LABELS[kind];
  return k ? t(k) : kind;
}

/** The "kind" column: a region's level, a unit's kind, a person's roles. */
export function rowKindLabel(by: Breakdown, kind: string, t: I18n['t']): string {
  if (!kind) return '';
  switch (by) {
    case 'region':
      return regionLevelLabel(kind, t);
    case 'unit':
      return unitKindLabel(kind, t);
    case 'person':
      return kind
        .split(',')
        .filter(Boolean)
        .map((r) => roleLabel(r, t))
        .join('、');
  }
}

/** One cell as shown on screen. */
export function cellText(row: Pick<KpiBreakdownRow, 'counters' | 'rates'>, col: KpiColumn, fmt: I18n['fmt']) {
  return col.type === 'counter' ? fmt.number(row.counters[col.key] ?? 0) : fmt.percent(row.rates[col.key]);
}

/** One cell as exported: counters as integers, rates as ratios (percent format), no rate as "—". */
export function cellValue(row: Pick<KpiBreakdownRow, 'counters' | 'rates'>, col: KpiColumn): XlsxValue {
  if (col.type === 'counter') return row.counters[col.key] ?? 0;
  const v = row.rates[col.key];
  return v === null || v === undefined ? '—' : v;
}

export function cellKind(col: KpiColumn): XlsxCellKind {
  return col.type === 'counter' ? 'integer' : 'percent';
}
