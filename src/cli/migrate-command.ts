// `wangge migrate`: applies pending migrations and exits.
import { migrate } from '../store/migrate.ts';
import { loadConfig } from './config.ts';
import { describeStorage, openRuntime } from './open-runtime.ts';

export async function runMigrate(): Promise<number> {
  const cfg = loadConfig();
  const ctx = await openRuntime(cfg);
  try {
    const applied = await migrate(ctx.db);
    console.log(
      `${describeStorage(cfg)}: ${applied.length ? `已执行 applied ${applied.join(', ')}` : '已是最新 up to date'}`,
    );
    return 0;
  } finally {
    await ctx.db.close();
  }
}
