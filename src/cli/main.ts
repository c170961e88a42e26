// The `wangge` command: start | migrate | import regions --city CODE | import grids FILE.geojson | demo --cases N
// Errors are printed in Chinese and English with the field at fault, never as a stack trace.
import { AppError, ERROR_CATALOGUE } from '../domain/errors.ts';
import { parseArgs } from './args.ts';
import { runImport } from './import-command.ts';
import { runMigrate } from './migrate-command.ts';
import { runStart } from './start-command.ts';
import { DEMO_FLAGS, runDemo } from './demo-command.ts';

const USAGE = `用法 Usage:
  wangge start                              启动服务 start the server (PORT, DATABASE_URL, WANGGE_DATA_DIR …)
  wangge migrate                            执行数据库迁移 apply migrations
  wangge import regions --city 3505 [--no-grids]   导入城市区划与网格 load a city's regions and grids
  wangge import grids FILE.geojson          导入真实网格边界 import real grid boundaries
  wangge demo --cases 100000 [--days 365] [--seed 1]   生成演示历史案件 generate demo case history`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest, ['city', 'no-grids', 'help', ...DEMO_FLAGS]);
  switch (command) {
    case 'start':
      return runStart();
    case 'migrate':
      return runMigrate();
    case 'import':
      return runImport(args);
    case 'demo':
      return runDemo(args);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      console.error(`未知命令 unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

export function printError(e: unknown): void {
  if (e instanceof AppError) {
    const entry = ERROR_CATALOGUE[e.code];
    console.error(`错误 ${e.code}: ${entry.zh} / ${entry.en}`);
    for (const i of e.issues)
      console.error(`  - ${i.line ? `第 ${i.line} 行 line ${i.line}: ` : ''}${i.field}: ${i.zh} / ${i.en}`);
    if (e.details) console.error(`  ${JSON.stringify(e.details)}`);
  } else {
    console.error(`错误 Error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (e: unknown) => {
    printError(e);
    process.exitCode = 1;
  },
);
