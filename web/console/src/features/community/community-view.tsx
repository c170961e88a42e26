// 社区议事 (community work): one tab per part, each at /community/<tab> — proposals and e-voting
// (proposals:manage), appointments (appointments:manage) and grid workers' visits (cases:read).
// A user sees the tabs their permissions allow; with none, a refusal (and no menu entry).
import { Button, Card, Result, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useMe } from '../../auth/auth-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { AppointmentsTab } from './appointments-tab.tsx';
import { ProposalsTab } from './proposals-tab.tsx';
import { VisitsTab } from './visits-tab.tsx';

interface Section {
  key: string;
  label: MessageKey;
  permission: string;
  render: () => ReactNode;
}

const SECTIONS: Section[] = [
  {
    key: 'proposals',
    label: 'community.tab.proposals',
    permission: 'proposals:manage',
    render: () => <ProposalsTab />,
  },
  {
    key: 'appointments',
    label: 'community.tab.appointments',
    permission: 'appointments:manage',
    render: () => <AppointmentsTab />,
  },
  { key: 'visits', label: 'community.tab.visits', permission: 'cases:read', render: () => <VisitsTab /> },
];

/** The permissions that open this screen (the menu entry shows for them). */
export const COMMUNITY_PERMISSIONS = ['proposals:manage', 'appointments:manage'] as const;

export function CommunityView() {
  const me = useMe();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const perms = me.user.permissions;
  if (!COMMUNITY_PERMISSIONS.some((p) => perms.includes(p))) {
    return (
      <Result
        status="403"
        title={t('community.forbidden')}
        subTitle={t('community.forbiddenBody')}
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            {t('notFound.back')}
          </Button>
        }
      />
    );
  }
  const sections = SECTIONS.filter((s) => perms.includes(s.permission));
  const key = location.pathname.split('/')[2] ?? '';
  const section = sections.find((s) => s.key === key);
  if (!section) return <Navigate to={`/community/${sections[0]!.key}`} replace />;
  return (
    <Card title={t('menu.community')} styles={{ body: { paddingTop: 0 } }} data-testid="community-page">
      <Tabs
        activeKey={section.key}
        onChange={(k) => void navigate(`/community/${k}`)}
        items={sections.map((s) => ({
          key: s.key,
          label: <span data-testid={`community-tab-${s.key}`}>{t(s.label)}</span>,
        }))}
      />
      {section.render()}
    </Card>
  );
}
