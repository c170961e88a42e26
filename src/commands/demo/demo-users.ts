// The demo accounts (demo mode only; never in production): one per standard role, bound to the
// demo city, a county, a township (南坑街道 in Zhangzhou) or a unit, so scope can be seen at work.
import type { Role } from '../../domain/auth/roles.ts';
import { padRegionCode } from '../../domain/regions/region-code.ts';
import type { Queryable } from '../../store/db.ts';
import { insertUser } from '../../store/user-store.ts';
import { hashPassword } from '../auth/password-hash.ts';

export const DEMO_PASSWORD = 'Wangge@2026';

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  regions: string[];
  units: string[];
  /** Grid codes the user works as grid worker in. */
  grids: string[];
}

/** Picks the demo accounts for a city from what is in the database. */
export async function demoUsersFor(q: Queryable, cityCode: string): Promise<DemoUser[]> {
  const city = padRegionCode(cityCode);
  const one = async (sql: string, params: unknown[]) =>
    (await q.query<{ code: string }>(sql, params)).rows[0]?.code;
  // 南坑街道 (350602005) when present, else the city's first street/township with grids.
  const township =
    (await one(`SELECT code FROM regions WHERE code = $1`, ['350602005000'])) ??
    (await one(
      `SELECT code FROM regions WHERE level = 'township' AND code LIKE $1 ORDER BY kind = 'street' DESC, code LIMIT 1`,
      [cityCode + '%'],
    )) ??
    city;
  const county = township.slice(0, 6).padEnd(12, '0');
  const grid = await one(
    `SELECT code FROM grids WHERE kind = 'basic' AND region_code LIKE $1 ORDER BY code LIMIT 1`,
    [township.slice(0, 9) + '%'],
  );
  const unit = await one(
    `SELECT id AS code FROM units WHERE region_code = $1 AND function = 'urban_management' LIMIT 1`,
    [county],
  );
  const base = { units: [] as string[], grids: [] as string[] };
  return [
    { ...base, username: 'admin', displayName: '系统管理员', roles: ['admin'], regions: [city] },
    { ...base, username: 'leader', displayName: '市领导', roles: ['leader'], regions: [city] },
    { ...base, username: 'supervisor', displayName: '值班长', roles: ['supervisor'], regions: [city] },
    { ...base, username: 'operator', displayName: '热线受理员', roles: ['operator'], regions: [city] },
    { ...base, username: 'dispatcher', displayName: '派遣员', roles: ['dispatcher'], regions: [city] },
    { ...base, username: 'screen', displayName: '指挥中心大屏', roles: ['display'], regions: [city] },
    { ...base, username: 'county', displayName: '区县领导', roles: ['leader'], regions: [county] },
    { ...base, username: 'inspector', displayName: '街道监督员', roles: ['inspector'], regions: [township] },
    {
      username: 'gridworker',
      displayName: '网格员',
      roles: ['grid_worker'],
      regions: grid ? [grid.slice(0, 12)] : [township],
      units: [],
      grids: grid ? [grid] : [],
    },
    {
      ...base,
      username: 'handler',
      displayName: '城管处置员',
      roles: ['handler'],
      regions: [],
      units: unit ? [unit] : [],
    },
  ].filter((u) => u.regions.length || u.units.length) as DemoUser[];
}

/** Creates the demo accounts (all with DEMO_PASSWORD); returns them. */
export async function seedDemoUsers(q: Queryable, cityCode: string, now: Date): Promise<DemoUser[]> {
  const users = await demoUsersFor(q, cityCode);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of users) {
    const id = await insertUser(q, { ...u, passwordHash, mustChangePassword: false, now });
    for (const g of u.grids) {
      await q.query(
        `INSERT INTO grid_members (grid_code, user_id, role, full_time) VALUES ($1, $2, 'grid_worker', true)`,
        [g, id],
      );
    }
  }
  return users;
}
