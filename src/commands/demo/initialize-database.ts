// First start: migrate, then — on an empty database — load the configured city (regions and
// generated grids), the category taxonomy, the working calendar and, in demo mode, demo units,
// specialized grids and accounts. All of it in one transaction, so a crash leaves nothing half-loaded.
import { migrate } from '../../store/migrate.ts';
import { bumpRevision } from '../../store/grid-store.ts';
import { countRegions } from '../../store/region-store.ts';
import type { AppContext } from '../context.ts';
import { importCity } from '../regions/import-city.ts';
import { seedCalendar } from './seed-calendar.ts';
import { seedCategories } from './seed-categories.ts';
import { seedDemoUnits } from './seed-demo-units.ts';
import { seedDemoUsers, type DemoUser } from './demo-users.ts';
import { seedSpecializedGrids } from './seed-specialized-grids.ts';
import { seedDemoApiKey } from '../open311/seed-demo-api-key.ts';
import { generateHistory } from './generate-history.ts';

export interface InitializeResult {
  migrations: string[];
  loaded: boolean;
  cityName?: string;
  regions?: number;
  grids?: number;
  units?: number;
  categories?: number;
  demoUsers?: DemoUser[];
  historyCases?: number;
  warnings: string[];
  ms: number;
}

/**
 * `historyCases`: how many demo cases (about a year of history) to generate after the base data, in
 * demo mode only; 0 for none (the test template).
 */
export async function initializeDatabase(
  ctx: AppContext,
  io: { log: (line: string) => void },
  opts: { historyCases: number } = { historyCases: 0 },
): Promise<InitializeResult> {
  const started = Date.now();
  const migrations = await migrate(ctx.db);
  if ((await countRegions(ctx.db)) > 0)
    return { migrations, loaded: false, warnings: [], ms: Date.now() - started };
  const city = ctx.config.cityCode;
  io.log(`首次启动：正在加载城市 ${city} 的区划、网格与基础数据… / first start: loading city ${city}…`);
  const now = ctx.clock.now();
  const result = await ctx.db.tx(async (q) => {
    const imported = await importCity(ctx, city, { q });
    const categories = await seedCategories(q);
    await seedCalendar(q);
    let units = 0;
    let demoUsers: DemoUser[] | undefined;
    if (ctx.config.mode === 'demo') {
      units = await seedDemoUnits(q, city);
      await seedSpecializedGrids(q, city, now);
      await bumpRevision(q, 'grids', now);
      demoUsers = await seedDemoUsers(q, city, now);
      await seedDemoApiKey(q, now);
    }
    return { imported, categories, units, demoUsers };
  });
  let history = 0;
  if (ctx.config.mode === 'demo' && opts.historyCases > 0) {
    io.log(`正在生成约一年的演示案件 generating about a year of demo cases (${opts.historyCases}) …`);
    const h = await generateHistory(ctx, { cases: opts.historyCases, endAt: now, days: 365, seed: 1 });
    history = h.cases;
  }
  return {
    migrations,
    loaded: true,
    historyCases: history,
    cityName: result.imported.cityName,
    regions: result.imported.regions,
    grids: result.imported.grids,
    units: result.units,
    categories: result.categories,
    ...(result.demoUsers ? { demoUsers: result.demoUsers } : {}),
    warnings: result.imported.warnings,
    ms: Date.now() - started,
  };
}
