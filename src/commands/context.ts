// What every command receives: the database, the clock, the configuration and the shared
// in-memory services. Built once per process by the CLI (or per test file by the harness).
import type { Channel } from '../domain/cases/channels.ts';
import type { Role } from '../domain/auth/roles.ts';
import type { LockoutPolicy } from '../domain/auth/password-policy.ts';
import type { Scope } from '../domain/regions/scope.ts';
import type { Db } from '../store/db.ts';
import type { GridLocator } from './grids/grid-locator.ts';
import type { FileStore } from './files/file-store.ts';
import type { Sealer } from './personal/sealer.ts';
import type { SmsSender } from './sms/sms-sender.ts';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface AppConfig {
  /** demo: demo accounts and data may be created; production: never. */
  mode: 'demo' | 'production';
  /** 4-digit code of the city this installation serves (3506 漳州). */
  cityCode: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Residents' portal logins (phone + SMS code): ended after this many days without use … */
  residentSessionIdleDays: number;
  /** … and this many days after logging in, whatever the use. */
  residentSessionMaxDays: number;
  lockout: LockoutPolicy;
  /** Days after closing in which a 不满意 reporter's case may be reopened (重办). */
  reopenWindowDays: number;
  /** Duplicate suggestions: open cases of the same category within this radius and these days. */
  duplicateRadiusM: number;
  duplicateDays: number;
  /**
   * Channels whose reports go to the grid's inspector for verification (核实) before the desk
   * registers them, e.g. ['portal', 'hotline']; empty = the desk decides case by case.
   */
  verifyChannels: Channel[];
  /** Working-time limit of the inspector's steps, 核实 and 核查 ('2h', '30m', '1d'). */
  verifyLimit: string;
  /** Households a grid worker should visit each week (德化: 30). */
  visitWeeklyTarget: number;
  /** Largest photo accepted, in bytes. */
  maxPhotoBytes: number;
}

export const DEFAULT_CONFIG: AppConfig = {
  mode: 'demo',
  cityCode: '3506',
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  residentSessionIdleDays: 7,
  residentSessionMaxDays: 30,
  lockout: { maxFailures: 5, lockMinutes: 15 },
  reopenWindowDays: 7,
  duplicateRadiusM: 100,
  duplicateDays: 7,
  verifyChannels: [],
  verifyLimit: '2h',
  visitWeeklyTarget: 30,
  maxPhotoBytes: 5 * 1024 * 1024,
};

/** The person acting: resolved from the session on every request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  scope: Scope;
  unitIds: string[];
}

export interface AppContext {
  db: Db;
  clock: Clock;
  config: AppConfig;
  /** The in-memory point → grid index, shared by every request of the process. */
  locator: GridLocator;
  /** Seals personal data (reporter phone and name, later the registry) per field. */
  sealer: Sealer;
  /** Where photo bytes are kept. */
  files: FileStore;
  /** Sends text messages (one-time codes); the default writes them to the log. */
  sms: SmsSender;
}
