// The side menu: one entry per screen, in the order of the command centre's day.
import {
  AppstoreOutlined,
  BarChartOutlined,
  DesktopOutlined,
  EnvironmentOutlined,
  FormOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/messages.ts';

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Only users with one of these roles see the entry (everyone when absent). */
  roles?: readonly string[];
  /** Only users with one of these permissions see the entry (everyone when absent). */
  permissions?: readonly string[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'menu.workbench', icon: <AppstoreOutlined /> },
  { path: '/intake', label: 'menu.intake', icon: <FormOutlined /> },
  { path: '/map', label: 'menu.map', icon: <EnvironmentOutlined /> },
  { path: '/big-screen', label: 'menu.bigScreen', icon: <DesktopOutlined /> },
  { path: '/reports', label: 'menu.reports', icon: <BarChartOutlined /> },
  {
    path: '/community',
    label: 'menu.community',
    icon: <TeamOutlined />,
    permissions: ['proposals:manage', 'appointments:manage'],
  },
  { path: '/admin', label: 'menu.admin', icon: <SettingOutlined />, roles: ['admin'] },
];

/** The entries a user with these roles and permissions sees. */
export function navItemsFor(user: { roles: readonly string[]; permissions: readonly string[] }): NavItem[] {
  return NAV_ITEMS.filter(
    (n) =>
      (!n.roles || n.roles.some((r) => user.roles.includes(r))) &&
      (!n.permissions || n.permissions.some((p) => user.permissions.includes(p))),
  );
}

/** The menu entry a location belongs to ('' for none). */
export function navKeyOf(pathname: string): string {
  const hit = NAV_ITEMS.find((n) =>
    n.path === '/' ? pathname === '/' : pathname === n.path || pathname.startsWith(n.path + '/'),
  );
  return hit?.path ?? '';
}
