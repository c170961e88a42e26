// Roles of the standard (数字城管 / 网格化) and what each may do. Routes declare one permission;
// `can` is the pure check. Scope (which regions) is separate: see regions/scope.ts.

export const ROLES = [
  'operator', // 受理员: takes reports from every channel
  'supervisor', // 值班长 (supervisor on duty): registers, approves extensions and suspensions
  'dispatcher', // 派遣员: sends cases to units
  'inspector', // 监督员: verifies on site
  'grid_worker', // 网格员: walks a grid, reports, verifies, keeps base data
  'handler', // 承办单位处置人员 (unit handler): acknowledges and handles cases of their units
  'leader', // 领导: sees everything in scope, supervises by hand
  'admin', // 系统管理员: users, units, categories, calendar, grids
  'display', // 大屏展示账号: a wall display in the command centre — the big screen and nothing else
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  operator: { zh: '受理员', en: 'Operator' },
  supervisor: { zh: '值班长', en: 'Supervisor on duty' },
  dispatcher: { zh: '派遣员', en: 'Dispatcher' },
  inspector: { zh: '监督员', en: 'Inspector' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  handler: { zh: '承办单位人员', en: 'Unit handler' },
  leader: { zh: '领导', en: 'Leader' },
  admin: { zh: '系统管理员', en: 'Administrator' },
  display: { zh: '大屏展示', en: 'Wall display' },
};

export const PERMISSIONS = [
  'regions:read',
  'grids:read',
  'grids:write',
  'units:read',
  'units:write',
  'categories:read',
  'categories:write',
  'calendar:read',
  'calendar:write',
  'users:read',
  'users:write',
  'audit:read',
  'personal:reveal', // see sealed personal data in clear, with a reason; every reveal is audited
  'dashboard:read', // the big screen's figures for a region in scope (totals, rates, rankings, feed)
  'cases:read', // see cases in scope (and, for handlers, cases of their units)
  'cases:report', // take a report in (intake) and upload photos
  'cases:act', // take lifecycle actions; the lifecycle table decides which, by role
  'proposals:manage', // publish proposals for residents' consultation and e-voting, import rolls
  'field:work', // patrols and visits of one's own (走访 / 巡查)
  'appointments:manage', // service slots and bookings of a service centre (预约)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_BASE: Permission[] = [
  'regions:read',
  'grids:read',
  'units:read',
  'categories:read',
  'calendar:read',
];

const CASE_WORK: Permission[] = ['cases:read', 'dashboard:read', 'cases:report', 'cases:act'];

const GRANTS: Record<Role, readonly Permission[]> = {
  operator: [...READ_BASE, ...CASE_WORK],
  supervisor: [
    ...READ_BASE,
    ...CASE_WORK,
    'users:read',
    'personal:reveal',
    'proposals:manage',
    'appointments:manage',
  ],
  dispatcher: [...READ_BASE, 'cases:read', 'dashboard:read', 'cases:act'],
  inspector: [...READ_BASE, ...CASE_WORK, 'field:work'],
  grid_worker: [...READ_BASE, ...CASE_WORK, 'proposals:manage', 'field:work', 'appointments:manage'], // community staff (社区网格员)
  // Property companies' staff are handlers of a property_company unit; their proposals wait for
  // the community's approval.
  handler: [...READ_BASE, 'cases:read', 'dashboard:read', 'cases:act', 'cases:report', 'proposals:manage'],
  leader: [
    ...READ_BASE,
    'cases:read',
    'dashboard:read',
    'cases:act',
    'users:read',
    'audit:read',
    'personal:reveal',
    'proposals:manage',
    'appointments:manage',
  ],
  admin: [...PERMISSIONS],
  // The wall's account can be left logged in on a screen in a public room: it reads the big
  // screen's aggregates and region outlines, never a case, a person or a form.
  display: ['regions:read', 'dashboard:read'],
};

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** True when any of the roles grants the permission. */
export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => GRANTS[r].includes(permission));
}

/** Every permission the roles grant, for the client to shape its menus. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  return PERMISSIONS.filter((p) => can(roles, p));
}
