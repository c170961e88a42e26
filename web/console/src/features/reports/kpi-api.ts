// The KPI endpoints the reports screen reads (src/http/routes/kpi-routes.ts).
import { api } from '../../api/client.ts';

export type Breakdown = 'region' | 'unit' | 'person';

/** Counter names as the server sends them (src/domain/kpi/types.ts). */
export type KpiCounters = Record<string, number>;
/** Rates 0..1, null when the denominator is 0 ("no cases", shown as —). */
export type KpiRates = Record<string, number | null>;

export interface KpiBreakdownRow {
  key: string;
  name: string;
  /** region: its level; unit: its kind; person: their roles, comma-separated. */
  kind: string;
  drillable: boolean;
  counters: KpiCounters;
  rates: KpiRates;
}

export interface KpiBreakdown {
  by: Breakdown;
  from: string;
  to: string;
  regions: { code: string; name: string }[];
  rows: KpiBreakdownRow[];
  total: { counters: KpiCounters; rates: KpiRates };
}

export interface KpiDefinition {
  key: string;
  zh: string;
  en: string;
  formula_zh: string;
  formula_en: string;
  numerator: string[];
  denominator: string;
}

export interface BreakdownQuery {
  by: Breakdown;
  region?: string | undefined;
  from: string;
  /** Exclusive: the day after the last. */
  to: string;
  category?: string | undefined;
}

export const kpiApi = {
  breakdown: (q: BreakdownQuery, signal?: AbortSignal) =>
    api.get<KpiBreakdown>('/kpi/breakdown', { ...q }, signal),
  definitions: (signal?: AbortSignal) =>
    api.get<{ items: KpiDefinition[] }>('/kpi/definitions', undefined, signal),
};
