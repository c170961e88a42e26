// `wangge import regions --city CODE [--no-grids]` and `wangge import grids FILE.geojson`.
import { readFileSync } from 'node:fs';
import { importGrids } from '../commands/grids/import-grids.ts';
import { importCity } from '../commands/regions/import-city.ts';
import { invalid } from '../domain/errors.ts';
import { migrate } from '../store/migrate.ts';
import { flagString, type ParsedArgs } from './args.ts';
import { loadConfig } from './config.ts';
import { describeStorage, openRuntime } from './open-runtime.ts';

export async function runImport(args: ParsedArgs): Promise<number> {
  const [what, file] = args.positionals;
  if (what !== 'regions' && what !== 'grids') {
    throw invalid('import', '应为 regions 或 grids', 'must be "regions" or "grids"');
  }
  let text = '';
  let city = '';
  if (what === 'regions') {
    city = flagString(args, 'city') ?? '';
    if (!/^[1-9][0-9]{3}$/.test(city))
      throw invalid(
        '--city',
        '应为 4 位城市代码，如 3505（泉州）',
        'must be a 4-digit city code, e.g. 3505 (Quanzhou)',
      );
  } else {
    if (!file) throw invalid('FILE', '请指定 GeoJSON 文件', 'give the GeoJSON file to import');
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw invalid(
        'FILE',
        `无法读取文件 ${file}`,
        `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      );
    }
  }
  const cfg = loadConfig();
  const ctx = await openRuntime(cfg);
  try {
    await migrate(ctx.db);
    if (what === 'regions') {
      const r = await importCity(ctx, city, { grids: !args.flags.has('no-grids') });
      console.log(
        `${describeStorage(cfg)}: 已导入 imported ${r.cityName} (${r.cityCode}): ${r.regions} 个区划 regions, ${r.grids} 个网格 grids`,
      );
      console.log(`  用时 took: read ${r.ms.read} ms, generate ${r.ms.generate} ms, store ${r.ms.store} ms`);
      for (const w of r.warnings) console.log(`  注意 note: ${w}`);
    } else {
      const r = await importGrids(ctx, text, null);
      console.log(
        `已导入 imported ${r.imported} 个网格 grids in ${r.villages} 个村/社区 villages (replaced ${r.replaced} generated grids)`,
      );
    }
    return 0;
  } finally {
    await ctx.db.close();
  }
}
