// English: the same keys as zh-CN.ts (the type makes a missing key a compile error).
import type { MessageKey } from './zh-CN.ts';
import { adminEn } from './admin.en.ts';
import { casesEn } from './cases.en.ts';
import { communityEn } from './community.en.ts';
import { mapEn } from './map.en.ts';

export const en: Record<MessageKey, string> = {
  'app.name': 'Grid-based Social Governance',
  'app.shortName': 'Wangge',
  'app.title': 'Wangge 网格',

  'menu.workbench': 'Workbench',
  'menu.intake': 'Intake',
  'menu.map': 'Map',
  'menu.bigScreen': 'Big screen',
  'menu.reports': 'Reports',
  'menu.admin': 'Administration',

  'lang.label': 'Language',
  'lang.zh-CN': '中文',
  'lang.en': 'English',

  'login.title': 'Log in',
  'login.subtitle': 'Grid-based social governance · command centre',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.usernameRequired': 'Enter your username',
  'login.passwordRequired': 'Enter your password',
  'login.attemptsLeft': '{n} more attempts before the account is locked',
  'login.lockedUntil': 'Locked until {time}',
  'login.demoHint': 'Demo accounts: admin, leader, operator …, password Wangge@2026',

  'header.scope': 'Scope',
  'header.units': 'Units',
  'header.logout': 'Log out',
  'header.roles': 'Roles',

  'auth.loggedOut': 'You have logged out',
  'auth.sessionEnded': 'Your session has ended; please log in again',
  'auth.idleLoggedOut': 'Logged out after {minutes} minutes without activity',

  'role.operator': 'Operator',
  'role.supervisor': 'Supervisor on duty',
  'role.dispatcher': 'Dispatcher',
  'role.inspector': 'Inspector',
  'role.grid_worker': 'Grid worker',
  'role.handler': 'Unit handler',
  'role.leader': 'Leader',
  'role.admin': 'Administrator',
  'role.display': 'Wall display',

  'workbench.welcome': 'Hello, {name}',
  'workbench.intro':
    'The workbench will list your queues: to register, to dispatch, returned, to approve, to verify, due soon and overdue.',
  'workbench.username': 'Username',
  'workbench.roles': 'Roles',
  'workbench.scope': 'Scope',
  'workbench.units': 'Units',
  'workbench.lastLogin': 'Last login',
  'workbench.idleTimeout': 'Idle logout after',
  'workbench.minutes': '{n} minutes',
  'workbench.none': 'None',

  'comingSoon.title': '{screen}: coming soon',
  'comingSoon.body': 'This screen arrives in a later version.',
  'comingSoon.back': 'Back to the workbench',

  'notFound.title': 'No such page',
  'notFound.back': 'Back to the workbench',

  'state.loading': 'Loading…',
  'state.empty': 'No data',
  'state.error': 'Could not load',
  'state.retry': 'Retry',

  'error.title': 'Failed',
  'error.network': 'Cannot reach the server; check the network and retry',
  'error.unexpected': 'Something went wrong; please try again later',
  'error.pageCrashed': 'This page ran into an error',
  'error.reload': 'Reload',
  ...casesEn,
  ...mapEn,
  ...adminEn,
  ...communityEn,
};
