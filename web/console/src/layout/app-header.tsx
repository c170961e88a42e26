// The header: the user's name and roles, their scope (region and unit names; codes on hover),
// the language switch and logout.
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import { useAuth, useMe } from '../auth/auth-context.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { roleLabel } from './role-label.ts';
import { LanguageSwitch } from './language-switch.tsx';
import { useScopeNames, type ScopeEntry } from './use-scope-names.ts';

function Entries({ label, entries, testId }: { label: string; entries: ScopeEntry[]; testId: string }) {
  if (!entries.length) return null;
  return (
    <Tooltip title={entries.map((e) => `${e.name} ${e.code}`).join('、')}>
      <Typography.Text type="secondary" data-testid={testId} ellipsis style={{ maxWidth: 260, minWidth: 40 }}>
        {label}: {entries.map((e) => e.name).join('、')}
      </Typography.Text>
    </Tooltip>
  );
}

export function AppHeader() {
  const me = useMe();
  const { logout } = useAuth();
  const { t } = useI18n();
  const scope = useScopeNames(me);
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 16, minWidth: 0, lineHeight: 'normal' }}>
      <Entries label={t('header.scope')} entries={scope.regions} testId="header-scope" />
      <Entries label={t('header.units')} entries={scope.units} testId="header-units" />
      <Space size={4} style={{ flexShrink: 0 }}>
        <UserOutlined />
        <Typography.Text strong data-testid="header-user">
          {me.user.display_name}
        </Typography.Text>
        {me.user.roles.map((r) => (
          <Tag key={r} bordered={false} color="blue">
            {roleLabel(r, t)}
          </Tag>
        ))}
      </Space>
      <LanguageSwitch />
      <Button icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
        {t('header.logout')}
      </Button>
    </div>
  );
}
