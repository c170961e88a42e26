// intake: requests/s and p50/p99 of authenticated case intake over HTTP (validation, locate,
// deadline-free intake write: case + event + outbox + idempotency in one transaction) against the
// same server's bare INSERT … RETURNING route, at 10 connections, measured in the same run.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { openDb } from '../src/store/db.ts';
import { DEMO_PASSWORD } from '../src/commands/demo/demo-users.ts';
import { runLoad } from './load.ts';
import type { BenchOptions, BenchResult } from './run.ts';

const PG = process.env.WANGGE_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function intakeBench(o: BenchOptions): Promise<BenchResult> {
  const dbName = `wangge_bench_intake_${process.pid}`;
  let url: string | undefined;
  if (o.db === 'postgres') {
    const admin = await openDb({ databaseUrl: PG, poolSize: 1 });
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.close();
    const u = new URL(PG);
    u.pathname = '/' + dbName;
    url = u.toString();
  }
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/intake-server.ts'], {
    env: { ...process.env, BENCH_DATABASE_URL: url ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const { port } = JSON.parse(line) as { port: number };
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'operator', password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    // Points spread over central Zhangzhou (芗城区/龙文区), all inside grids.
    const point = (i: number) => [
      117.62 + (((i * 7919) % 1000) / 1000) * 0.1,
      24.48 + (((i * 104729) % 1000) / 1000) * 0.06,
    ];
    const n = o.quick ? 2_000 : 20_000;
    const intakeBody = (i: number) => {
      const [lng, lat] = point(i);
      return {
        channel: 'hotline',
        lng,
        lat,
        description: `市民反映：第 ${i} 号路段路灯不亮`,
        category_code: '0118',
        reporter_phone: '13800000000',
        idempotency_key: `bench-${process.pid}-${i}`,
      };
    };
    const headers = { authorization: `Bearer ${token}` };
    console.error('warm-up …');
    await runLoad({
      port,
      path: '/api/v1/cases',
      connections: 10,
      requests: 300,
      body: (i) => intakeBody(n + i),
      headers,
    });
    await runLoad({
      port,
      path: '/bench/bare',
      connections: 10,
      requests: 300,
      body: (i) => intakeBody(n + i),
    });
    const intake = await runLoad({
      port,
      path: '/api/v1/cases',
      connections: 10,
      requests: n,
      body: intakeBody,
      headers,
    });
    console.error(`intake: ${JSON.stringify(intake)}`);
    const bare = await runLoad({ port, path: '/bench/bare', connections: 10, requests: n, body: intakeBody });
    console.error(`bare:   ${JSON.stringify(bare)}`);
    return {
      bench: 'intake',
      db: o.db,
      metrics: {
        intake_rps: intake.rps,
        intake_p50_ms: intake.p50_ms,
        intake_p99_ms: intake.p99_ms,
        intake_errors: intake.errors,
        bare_rps: bare.rps,
        bare_p50_ms: bare.p50_ms,
        bare_p99_ms: bare.p99_ms,
        ratio: Math.round((intake.rps / bare.rps) * 100) / 100,
        requests: n,
        connections: 10,
      },
      targets: { ratio: '>=0.5', intake_p99_ms: '<=15' },
    };
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    if (o.db === 'postgres') {
      const admin = await openDb({ databaseUrl: PG, poolSize: 1 });
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.close();
    }
  }
}
