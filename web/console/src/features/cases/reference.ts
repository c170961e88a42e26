// Reference data of the case screens, loaded once per page load and shared: the category tree,
// the length of a working day, and the names of villages (looked up per township as rows need
// them, so a 10,000-row table costs one request per township, not per row).
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { useAsync } from '../../../../shared/use-async.ts';
import { DEFAULT_WORKING_DAY_MS } from './labels.ts';
import { refApi, type CategoryTreeKind, type CategoryView } from './cases-api.ts';

export interface Categories {
  tree: CategoryTreeKind[];
  byCode: Map<string, CategoryView>;
}

let categories: Promise<Categories> | null = null;

/** The active taxonomy (kind → major → minor) and a lookup by minor code. */
export function loadCategories(): Promise<Categories> {
  categories ??= refApi.categoryTree().then(
    ({ tree }) => {
      const byCode = new Map<string, CategoryView>();
      for (const k of tree) for (const m of k.majors) for (const c of m.minors) byCode.set(c.code, c);
      return { tree, byCode };
    },
    (e: unknown) => {
      categories = null; // let the next screen try again
      throw e;
    },
  );
  return categories;
}

export function useCategories() {
  return useAsync(() => loadCategories(), []);
}

let dayMs: Promise<number> | null = null;

/** Working ms in one working day (from the calendar; 7 h when it cannot be read). */
export function useWorkingDayMs(): number {
  dayMs ??= refApi.workingHours().then(
    (r) => r.working_ms_per_day || DEFAULT_WORKING_DAY_MS,
    () => DEFAULT_WORKING_DAY_MS,
  );
  const { data } = useAsync(() => dayMs ?? Promise.resolve(DEFAULT_WORKING_DAY_MS), []);
  return data ?? DEFAULT_WORKING_DAY_MS;
}

/** Names looked up in groups (a township's villages, one unit), cached for the page's life. */
class NameCache {
  private names = new Map<string, string>();
  private requested = new Set<string>();
  private listeners = new Set<() => void>();
  private version = 0;

  constructor(
    private readonly groupOf: (key: string) => string,
    private readonly loadGroup: (group: string) => Promise<[string, string][]>,
  ) {}

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };

  getVersion = () => this.version;

  request(keys: readonly string[]): void {
    for (const k of keys) {
      const g = this.groupOf(k);
      if (this.requested.has(g)) continue;
      this.requested.add(g);
      this.loadGroup(g).then(
        (entries) => {
          for (const [key, name] of entries) this.names.set(key, name);
          this.version++;
          for (const l of this.listeners) l();
        },
        () => undefined, // names are a nicety: the code stays visible
      );
    }
  }

  get(key: string): string | undefined {
    return this.names.get(key);
  }
}

const villageNames = new NameCache(
  (code) => code.slice(0, 9) + '000',
  async (township) => {
    const { items } = await refApi.children(township);
    return items.map((r) => [r.code, r.name]);
  },
);

function useNames(cache: NameCache, keys: readonly string[]): (key: string) => string | undefined {
  const version = useSyncExternalStore(cache.subscribe, cache.getVersion);
  const joined = [...new Set(keys)].sort().join(',');
  useEffect(() => {
    if (joined) cache.request(joined.split(','));
  }, [cache, joined]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version is the trigger: the cache changed
  return useCallback((key: string) => cache.get(key), [cache, version]);
}

/** Village/community names by 12-digit code (loaded per township as codes appear). */
export function useVillageNames(codes: readonly string[]) {
  return useNames(villageNames, codes);
}

/** Category label "大类 / 小类" (or the code when unknown). */
export function useCategoryName(): (code: string | null | undefined) => string {
  const { data } = useCategories();
  return useMemo(() => {
    const by = data?.byCode;
    return (code) => {
      if (!code) return '—';
      const c = by?.get(code);
      return c ? `${c.major_name} / ${c.name}` : code;
    };
  }, [data]);
}
