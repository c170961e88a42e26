// Builds the per-process context: one database, one clock, one grid index.
import type { Db } from '../store/db.ts';
import { DEFAULT_CONFIG, systemClock, type AppConfig, type AppContext, type Clock } from './context.ts';
import { GridLocator } from './grids/grid-locator.ts';

export function createContext(db: Db, opts: { clock?: Clock; config?: Partial<AppConfig> } = {}): AppContext {
  return {
    db,
    clock: opts.clock ?? systemClock,
    config: { ...DEFAULT_CONFIG, ...opts.config },
    locator: new GridLocator(db),
  };
}
