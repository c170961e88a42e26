// Builds the per-process context: one database, one clock, one grid index, the sealer and the
// file store.
import type { Db } from '../store/db.ts';
import { DEFAULT_CONFIG, systemClock, type AppConfig, type AppContext, type Clock } from './context.ts';
import type { FileStore } from './files/file-store.ts';
import { GridLocator } from './grids/grid-locator.ts';
import type { Sealer } from './personal/sealer.ts';
import { LogSmsSender, type SmsSender } from './sms/sms-sender.ts';

export function createContext(
  db: Db,
  opts: { sealer: Sealer; files: FileStore; clock?: Clock; config?: Partial<AppConfig>; sms?: SmsSender },
): AppContext {
  return {
    db,
    clock: opts.clock ?? systemClock,
    config: { ...DEFAULT_CONFIG, ...opts.config },
    locator: new GridLocator(db),
    sealer: opts.sealer,
    files: opts.files,
    sms: opts.sms ?? new LogSmsSender(),
  };
}
