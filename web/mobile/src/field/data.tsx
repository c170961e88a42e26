// What every screen of the logged-in worker reads: who they are, their tasks and grids (with the
// outlines, for the map and the offline "is this in my grid" check) and the categories. Each
// comes from the server when it can and from the device's copy otherwise.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fieldApi, type Category, type GridFeature, type Me, type Tasks } from './api/field-api.ts';
import { cachedRead, useCachedRead, type CachedState } from './offline/cache.ts';

export interface FieldData {
  me: Me;
  userId: string;
  tasks: CachedState<Tasks>;
  grids: GridFeature[];
  categories: CachedState<Category[]>;
}

const Ctx = createContext<FieldData | null>(null);

export function FieldDataProvider({ me, children }: { me: Me; children: ReactNode }) {
  const userId = me.user.id;
  const tasks = useCachedRead(`tasks:${userId}`, fieldApi.tasks);
  const categories = useCachedRead('ref:categories', async () =>
    (await fieldApi.categories()).items.filter((c) => c.active),
  );
  const [grids, setGrids] = useState<GridFeature[]>([]);
  const codes = tasks.value?.data.grids.join(',') ?? '';
  useEffect(() => {
    if (!codes) return;
    let live = true;
    Promise.all(
      codes
        .split(',')
        .map((code) => cachedRead(`grid:${code}`, () => fieldApi.grid(code)).then((c) => c.data)),
    ).then(
      (gs) => live && setGrids(gs),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [codes]);
  const value = useMemo(
    () => ({ me, userId, tasks, grids, categories }),
    [me, userId, tasks, grids, categories],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useFieldData(): FieldData {
  const v = useContext(Ctx);
  if (!v) throw new Error('useFieldData outside FieldDataProvider');
  return v;
}
