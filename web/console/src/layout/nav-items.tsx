// The side menu: one entry per screen, in the order of the command centre's day.
import {
  AppstoreOutlined,
  BarChartOutlined,
  DesktopOutlined,
  EnvironmentOutlined,
  FormOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/messages.ts';

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'menu.workbench', icon: <AppstoreOutlined /> },
  { path: '/intake', label: 'menu.intake', icon: <FormOutlined /> },
  { path: '/map', label: 'menu.map', icon: <EnvironmentOutlined /> },
  { path: '/big-screen', label: 'menu.bigScreen', icon: <DesktopOutlined /> },
  { path: '/reports', label: 'menu.reports', icon: <BarChartOutlined /> },
  { path: '/admin', label: 'menu.admin', icon: <SettingOutlined /> },
];

/** The menu entry a location belongs to ('' for none). */
export function navKeyOf(pathname: string): string {
  const hit = NAV_ITEMS.find((n) =>
    n.path === '/' ? pathname === '/' : pathname === n.path || pathname.startsWith(n.path + '/'),
  );
  return hit?.path ?? '';
}
