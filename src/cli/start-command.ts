// `wangge start` / `npm start`: migrate, load the demo city on first start, serve on PORT.
import { DEMO_PASSWORD } from '../commands/demo/demo-users.ts';
import { initializeDatabase } from '../commands/demo/initialize-database.ts';
import { buildApp } from '../http/app.ts';
import { ROLE_LABELS } from '../domain/auth/roles.ts';
import { loadConfig } from './config.ts';
import { startDeadlineSweepLoop } from '../jobs/deadline-sweep.ts';
import { startProposalResultsLoop } from '../jobs/proposal-results.ts';
import { startKpiRollupLoop } from '../jobs/kpi-rollup.ts';
import { WebhookSink, startOutboxRelayLoop } from '../jobs/outbox-relay.ts';
import { describeStorage, openRuntime } from './open-runtime.ts';

export async function runStart(): Promise<number> {
  const cfg = loadConfig();
  const ctx = await openRuntime(cfg);
  const init = await initializeDatabase(ctx, { log: (l) => console.log(l) }, { historyCases: cfg.demoCases });
  if (init.loaded) {
    console.log(
      `已加载 loaded ${init.cityName}: ${init.regions} 个区划 regions, ${init.grids} 个网格 grids, ` +
        `${init.units} 个承办单位 units, ${init.categories} 个案件小类 categories (${(init.ms / 1000).toFixed(1)} s)`,
    );
    if (init.historyCases)
      console.log(`已生成 generated ${init.historyCases} 个演示案件 demo cases (about one year)`);
    for (const w of init.warnings) console.log(`  注意 note: ${w}`);
  }
  await ctx.locator.refresh(true);
  const app = await buildApp(ctx, { logger: { level: cfg.logLevel === 'info' ? 'warn' : cfg.logLevel } });
  await app.listen({ port: cfg.port, host: cfg.host });
  const shown = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(cfg.host) ? 'localhost' : cfg.host;
  const url = `http://${shown}:${cfg.port}`;
  const users = (
    await ctx.db.query<{ username: string; roles: string[] }>(
      `SELECT username, roles FROM users ORDER BY created_at, username`,
    )
  ).rows;
  console.log(`\n网格 Wangge 已启动 is running: ${url}`);
  console.log(`  接口文档 API docs: ${url}/docs`);
  console.log(
    `  数据 data: ${describeStorage(cfg)}${cfg.databaseUrl ? '' : '（再次启动沿用此数据 reused on next start）'}`,
  );
  console.log(`  网格索引 grid index: ${ctx.locator.size} 个基础网格 basic grids in memory`);
  if (cfg.app.mode === 'demo') {
    console.log(`  演示账号 demo accounts (密码 password: ${DEMO_PASSWORD}):`);
    for (const u of users) {
      console.log(
        `    ${u.username.padEnd(11)} ${u.roles.map((r) => (r in ROLE_LABELS ? ROLE_LABELS[r as keyof typeof ROLE_LABELS].zh : r)).join('、')}`,
      );
    }
  }
  const logErr = (job: string) => (e: unknown) => app.log.error({ err: e }, `${job} failed`);
  const stopJobs = [
    startDeadlineSweepLoop(ctx, 60_000, logErr('deadline sweep')),
    startKpiRollupLoop(ctx, 10_000, logErr('kpi rollup')),
    startProposalResultsLoop(ctx, 30_000, logErr('proposal results')),
  ];
  if (cfg.webhookUrl) {
    stopJobs.push(
      startOutboxRelayLoop(
        ctx,
        new WebhookSink(cfg.webhookUrl, cfg.webhookSecret),
        5_000,
        logErr('outbox relay'),
      ),
    );
  }
  const stop = async () => {
    for (const s of stopJobs) s();
    await app.close();
    await ctx.db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return -1;
}
