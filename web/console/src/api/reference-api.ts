// Reference data the shell needs: the names of the user's regions and units.
import { api } from './client.ts';

export interface RegionSummary {
  code: string;
  name: string;
  level: string;
}

export interface UnitSummary {
  id: string;
  name: string;
}

export const referenceApi = {
  region: (code: string) =>
    api.get<{ region: RegionSummary; path: RegionSummary[] }>(`/regions/${encodeURIComponent(code)}`),
  unit: (id: string) => api.get<{ unit: UnitSummary }>(`/units/${encodeURIComponent(id)}`),
};
