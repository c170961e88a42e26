// Opens the configured database and builds the process context.
import { createContext } from '../commands/create-context.ts';
import type { AppContext } from '../commands/context.ts';
import { openDb } from '../store/db.ts';
import type { RuntimeConfig } from './config.ts';

export async function openRuntime(cfg: RuntimeConfig): Promise<AppContext> {
  const db = await openDb({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  return createContext(db, { config: cfg.app });
}

export function describeStorage(cfg: RuntimeConfig): string {
  if (cfg.databaseUrl) {
    const u = new URL(cfg.databaseUrl);
    return `PostgreSQL ${u.host}${u.pathname}`;
  }
  return `PGlite (嵌入式 embedded) ${cfg.dataDir}`;
}
