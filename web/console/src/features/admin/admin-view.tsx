// 系统管理: one tab per section, each at /admin/<section> (so a section can be linked to and the
// back button works). Administrators only: others see a refusal (and no menu entry; nav-items.tsx).
import { Button, Card, Result, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useMe } from '../../auth/auth-context.tsx';
import type { Me } from '../../api/auth-api.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { AuditLog } from './audit-log.tsx';
import { CalendarAdmin } from './calendar-admin.tsx';
import { CategoriesAdmin } from './categories-admin.tsx';
import { RegionsGrids } from './regions-grids.tsx';
import { RoutingRules } from './routing-rules.tsx';
import { UnitsAdmin } from './units-admin.tsx';
import { UsersAdmin } from './users-admin.tsx';

interface Section {
  key: string;
  label: MessageKey;
  render: () => ReactNode;
}

const SECTIONS: Section[] = [
  { key: 'regions', label: 'admin.tab.regions', render: () => <RegionsGrids /> },
  { key: 'units', label: 'admin.tab.units', render: () => <UnitsAdmin /> },
  { key: 'categories', label: 'admin.tab.categories', render: () => <CategoriesAdmin /> },
  { key: 'routing', label: 'admin.tab.routing', render: () => <RoutingRules /> },
  { key: 'calendar', label: 'admin.tab.calendar', render: () => <CalendarAdmin /> },
  { key: 'users', label: 'admin.tab.users', render: () => <UsersAdmin /> },
  { key: 'audit', label: 'admin.tab.audit', render: () => <AuditLog /> },
];

/** Administration is for administrators (the role that holds every *:write permission). */
export function isAdmin(me: Me): boolean {
  return me.user.roles.includes('admin');
}

export function AdminView() {
  const me = useMe();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  if (!isAdmin(me)) {
    return (
      <Result
        status="403"
        title={t('admin.forbidden')}
        subTitle={t('admin.forbiddenBody')}
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            {t('notFound.back')}
          </Button>
        }
      />
    );
  }
  const key = location.pathname.split('/')[2] ?? '';
  const section = SECTIONS.find((s) => s.key === key);
  if (!section) return <Navigate to="/admin/regions" replace />;
  return (
    <Card title={t('menu.admin')} styles={{ body: { paddingTop: 0 } }} data-testid="admin-page">
      <Tabs
        activeKey={section.key}
        onChange={(k) => void navigate(`/admin/${k}`)}
        items={SECTIONS.map((s) => ({
          key: s.key,
          label: <span data-testid={`admin-tab-${s.key}`}>{t(s.label)}</span>,
        }))}
      />
      {section.render()}
    </Card>
  );
}
