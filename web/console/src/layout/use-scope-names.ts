// Names of the user's scope regions and units for the header (codes until they load, or if a
// lookup fails: the header must never break on reference data).
import { referenceApi } from '../api/reference-api.ts';
import type { Me } from '../api/auth-api.ts';
import { useAsync } from '../../../shared/use-async.ts';

export interface ScopeEntry {
  code: string;
  name: string;
}

export interface ScopeNames {
  regions: ScopeEntry[];
  units: ScopeEntry[];
}

export function useScopeNames(me: Me): ScopeNames {
  const regions = me.scope.length ? me.scope : me.user.regions;
  const units = me.user.units;
  const key = regions.join(',') + '|' + units.join(',');
  const { data } = useAsync(async () => {
    const [r, u] = await Promise.all([
      Promise.all(
        regions.map((code) =>
          referenceApi.region(code).then(
            (x) => ({ code, name: x.region.name }),
            () => ({ code, name: code }),
          ),
        ),
      ),
      Promise.all(
        units.map((id) =>
          referenceApi.unit(id).then(
            (x) => ({ code: id, name: x.unit.name }),
            () => ({ code: id, name: id }),
          ),
        ),
      ),
    ]);
    return { regions: r, units: u };
  }, [key]);
  return (
    data ?? {
      regions: regions.map((code) => ({ code, name: code })),
      units: units.map((id) => ({ code: id, name: id })),
    }
  );
}
