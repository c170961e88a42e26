// Opens the configured database and builds the process context.
import { createContext } from '../commands/create-context.ts';
import type { AppContext } from '../commands/context.ts';
import { openDb } from '../store/db.ts';
import { LocalFileStore } from '../commands/files/file-store.ts';
import { createSealer, loadSealKey } from '../commands/personal/sealer.ts';
import type { RuntimeConfig } from './config.ts';

export async function openRuntime(cfg: RuntimeConfig): Promise<AppContext> {
  const sealer = createSealer(loadSealKey({ env: cfg.sealKey, dataDir: cfg.dataDir, mode: cfg.app.mode }));
  const db = await openDb({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  return createContext(db, { config: cfg.app, sealer, files: new LocalFileStore(cfg.filesDir) });
}

export function describeStorage(cfg: RuntimeConfig): string {
  if (cfg.databaseUrl) {
    const u = new URL(cfg.databaseUrl);
    return `PostgreSQL ${u.host}${u.pathname}`;
  }
  return `PGlite (嵌入式 embedded) ${cfg.dataDir}`;
}
