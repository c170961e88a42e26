// Configuration from the environment, checked: a bad value names the variable and the reason.
import { resolve } from 'node:path';
import { DEFAULT_CONFIG, type AppConfig } from '../commands/context.ts';
import { AppError, type FieldIssue } from '../domain/errors.ts';
import { CHANNELS, type Channel } from '../domain/cases/channels.ts';
import { parseTimeLimit } from '../domain/calendar/time-limit.ts';

export interface RuntimeConfig {
  app: AppConfig;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Where photos are kept (default: <dataDir>/files). */
  filesDir: string;
  /** Base64 of the 32-byte master key for sealed personal data (WANGGE_SEAL_KEY). */
  sealKey: string | undefined;
  /** Where the outbox relay posts messages (upward sync / notifications); unset = no relay. */
  webhookUrl: string | undefined;
  webhookSecret: string;
  /** Demo cases generated on first start (demo mode): WANGGE_DEMO_CASES, default 100,000. */
  demoCases: number;
  logLevel: string;
}

function int(
  env: NodeJS.ProcessEnv,
  name: string,
  dflt: number,
  min: number,
  max: number,
  issues: FieldIssue[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    issues.push({
      field: name,
      zh: `应为 ${min}–${max} 之间的整数`,
      en: `must be an integer from ${min} to ${max}`,
    });
    return dflt;
  }
  return n;
}

/** A comma-separated list of report channels (WANGGE_VERIFY_CHANNELS=resident,hotline). */
function channelList(env: NodeJS.ProcessEnv, name: string, issues: FieldIssue[]): Channel[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  const list = raw.split(',').map((s) => s.trim());
  const bad = list.filter((c) => !(CHANNELS as readonly string[]).includes(c));
  if (bad.length) {
    issues.push({
      field: name,
      zh: `未知的上报渠道 ${bad.join('、')}；可选 ${CHANNELS.join(', ')}`,
      en: `unknown channel ${bad.join(', ')}; one of ${CHANNELS.join(', ')}`,
    });
    return [];
  }
  return list as Channel[];
}

/** A working-time limit such as 30m, 2h or 1d. */
function timeLimit(env: NodeJS.ProcessEnv, name: string, dflt: string, issues: FieldIssue[]): string {
  const raw = env[name]?.trim();
  if (!raw) return dflt;
  try {
    parseTimeLimit(raw, name);
    return raw;
  } catch (e) {
    if (e instanceof AppError) issues.push(...e.issues);
    return dflt;
  }
}

/** Reads PORT, HOST, DATABASE_URL, WANGGE_DATA_DIR, WANGGE_CITY, WANGGE_MODE, WANGGE_SESSION_IDLE_MINUTES … */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const issues: FieldIssue[] = [];
  const mode = env.WANGGE_MODE ?? 'demo';
  if (mode !== 'demo' && mode !== 'production') {
    issues.push({ field: 'WANGGE_MODE', zh: '应为 demo 或 production', en: 'must be demo or production' });
  }
  const city = env.WANGGE_CITY ?? DEFAULT_CONFIG.cityCode;
  if (!/^[1-9][0-9]{3}$/.test(city)) {
    issues.push({
      field: 'WANGGE_CITY',
      zh: '应为 4 位城市代码（如 3506 漳州）',
      en: 'must be a 4-digit city code (e.g. 3506 Zhangzhou)',
    });
  }
  const url = env.DATABASE_URL || undefined;
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    issues.push({ field: 'DATABASE_URL', zh: '应以 postgres:// 开头', en: 'must start with postgres://' });
  }
  const cfg: RuntimeConfig = {
    port: int(env, 'PORT', 3000, 1, 65535, issues),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: url,
    dataDir: resolve(env.WANGGE_DATA_DIR ?? './data'),
    filesDir: resolve(env.WANGGE_FILES_DIR ?? resolve(env.WANGGE_DATA_DIR ?? './data', 'files')),
    sealKey: env.WANGGE_SEAL_KEY || undefined,
    webhookUrl: env.WANGGE_WEBHOOK_URL || undefined,
    webhookSecret: env.WANGGE_WEBHOOK_SECRET ?? '',
    demoCases: int(env, 'WANGGE_DEMO_CASES', 100_000, 0, 10_000_000, issues),
    logLevel: env.LOG_LEVEL ?? 'info',
    app: {
      mode: mode === 'production' ? 'production' : 'demo',
      cityCode: city,
      sessionIdleMinutes: int(
        env,
        'WANGGE_SESSION_IDLE_MINUTES',
        DEFAULT_CONFIG.sessionIdleMinutes,
        1,
        24 * 60,
        issues,
      ),
      sessionMaxHours: int(
        env,
        'WANGGE_SESSION_MAX_HOURS',
        DEFAULT_CONFIG.sessionMaxHours,
        1,
        24 * 30,
        issues,
      ),
      residentSessionIdleDays: int(
        env,
        'WANGGE_RESIDENT_SESSION_IDLE_DAYS',
        DEFAULT_CONFIG.residentSessionIdleDays,
        1,
        365,
        issues,
      ),
      residentSessionMaxDays: int(
        env,
        'WANGGE_RESIDENT_SESSION_MAX_DAYS',
        DEFAULT_CONFIG.residentSessionMaxDays,
        1,
        365,
        issues,
      ),
      lockout: {
        maxFailures: int(env, 'WANGGE_LOCKOUT_FAILURES', DEFAULT_CONFIG.lockout.maxFailures, 1, 100, issues),
        lockMinutes: int(
          env,
          'WANGGE_LOCKOUT_MINUTES',
          DEFAULT_CONFIG.lockout.lockMinutes,
          1,
          24 * 60,
          issues,
        ),
      },
      reopenWindowDays: int(
        env,
        'WANGGE_REOPEN_WINDOW_DAYS',
        DEFAULT_CONFIG.reopenWindowDays,
        0,
        365,
        issues,
      ),
      duplicateRadiusM: int(
        env,
        'WANGGE_DUPLICATE_RADIUS_M',
        DEFAULT_CONFIG.duplicateRadiusM,
        1,
        10_000,
        issues,
      ),
      duplicateDays: int(env, 'WANGGE_DUPLICATE_DAYS', DEFAULT_CONFIG.duplicateDays, 1, 365, issues),
      verifyChannels: channelList(env, 'WANGGE_VERIFY_CHANNELS', issues),
      verifyLimit: timeLimit(env, 'WANGGE_VERIFY_LIMIT', DEFAULT_CONFIG.verifyLimit, issues),
      visitWeeklyTarget: int(env, 'WANGGE_VISIT_TARGET', DEFAULT_CONFIG.visitWeeklyTarget, 0, 1000, issues),
      maxPhotoBytes: int(env, 'WANGGE_MAX_PHOTO_MB', 5, 1, 50, issues) * 1024 * 1024,
    },
  };
  if (cfg.webhookUrl && !/^https?:\/\//.test(cfg.webhookUrl)) {
    issues.push({
      field: 'WANGGE_WEBHOOK_URL',
      zh: '应以 http:// 或 https:// 开头',
      en: 'must start with http:// or https://',
    });
  }
  if (cfg.webhookUrl && cfg.webhookSecret.length < 16) {
    issues.push({
      field: 'WANGGE_WEBHOOK_SECRET',
      zh: '配置了 WANGGE_WEBHOOK_URL 时须设置至少 16 位的签名密钥',
      en: 'must be at least 16 characters when WANGGE_WEBHOOK_URL is set',
    });
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
  return cfg;
}
