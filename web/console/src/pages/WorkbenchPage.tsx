// Workbench (工作台): for now who is logged in — name, roles, scope, last login; the queues
// (to register, to dispatch, returned, to approve, to verify, due soon, overdue) come next.
import { Card, Descriptions, Tag, Typography } from 'antd';
import { useMe } from '../auth/auth-context.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { roleLabel } from '../layout/role-label.ts';
import { useScopeNames } from '../layout/use-scope-names.ts';

export default function WorkbenchPage() {
  const me = useMe();
  const { t, fmt } = useI18n();
  const scope = useScopeNames(me);
  const none = t('workbench.none');
  return (
    <Card>
      <Typography.Title level={3} data-testid="workbench-welcome">
        {t('workbench.welcome', { name: me.user.display_name })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('workbench.intro')}</Typography.Paragraph>
      <Descriptions column={1} bordered size="small" data-testid="workbench-user">
        <Descriptions.Item label={t('workbench.username')}>{me.user.username}</Descriptions.Item>
        <Descriptions.Item label={t('workbench.roles')}>
          {me.user.roles.map((r) => (
            <Tag key={r} color="blue">
              {roleLabel(r, t)}
            </Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('workbench.scope')}>
          {scope.regions.map((r) => `${r.name} ${r.code}`).join('、') || none}
        </Descriptions.Item>
        <Descriptions.Item label={t('workbench.units')}>
          {scope.units.map((u) => u.name).join('、') || none}
        </Descriptions.Item>
        <Descriptions.Item label={t('workbench.lastLogin')}>
          {fmt.dateTime(me.user.last_login_at)}
        </Descriptions.Item>
        <Descriptions.Item label={t('workbench.idleTimeout')}>
          {t('workbench.minutes', { n: fmt.number(me.idle_timeout_minutes) })}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
