// What every command receives: the database, the clock, the configuration and the shared
// in-memory services. Built once per process by the CLI (or per test file by the harness).
import type { Role } from '../domain/auth/roles.ts';
import type { LockoutPolicy } from '../domain/auth/password-policy.ts';
import type { Scope } from '../domain/regions/scope.ts';
import type { Db } from '../store/db.ts';
import type { GridLocator } from './grids/grid-locator.ts';

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
  lockout: LockoutPolicy;
}

export const DEFAULT_CONFIG: AppConfig = {
  mode: 'demo',
  cityCode: '3506',
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  lockout: { maxFailures: 5, lockMinutes: 15 },
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
}
