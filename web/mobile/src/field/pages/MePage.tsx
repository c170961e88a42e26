// 我的: who is logged in, their grids, the language, logging out (what waits to send stays).
import { Button, Dialog, List, Selector } from 'antd-mobile';
import { Page, Section } from '../components/Page.tsx';
import { useFieldData } from '../data.tsx';
import { useI18n, type Lang, type MessageKey } from '../i18n/i18n.tsx';
import { useQueue } from '../offline/use-queue.ts';

export function MePage({ onLogout }: { onLogout: () => Promise<void> }) {
  const { t, lang, setLang } = useI18n();
  const { me, userId, tasks, grids } = useFieldData();
  const queue = useQueue(userId);
  const roles = me.user.roles
    .map((r) => (r === 'grid_worker' || r === 'inspector' ? t(`role.${r}` as MessageKey) : t('role.other')))
    .join('、');
  const gridNames = grids.length
    ? grids.map((g) => g.properties.name).join('、')
    : (tasks.value?.data.grids.join('、') ?? '—');

  const logout = async () => {
    if (queue.mine.length > 0) {
      const ok = await Dialog.confirm({
        content: t('me.logoutConfirm', { n: queue.mine.length }),
        confirmText: t('me.logout'),
        cancelText: t('common.cancel'),
      });
      if (!ok) return;
    }
    await onLogout();
  };

  return (
    <Page title={t('me.title')} testId="page-me">
      <Section>
        <List>
          <List.Item description={me.user.username} data-testid="me-name">
            <span style={{ fontSize: 17, fontWeight: 600 }}>{me.user.display_name}</span>
          </List.Item>
          <List.Item extra={roles}>{t('me.roles')}</List.Item>
          <List.Item description={gridNames}>{t('me.grids')}</List.Item>
        </List>
      </Section>
      <Section title={t('me.language')}>
        <div className="field-lang">
          <Selector<Lang>
            columns={2}
            value={[lang]}
            onChange={(v) => v[0] && setLang(v[0])}
            options={[
              { label: '中文', value: 'zh-CN' },
              { label: 'English', value: 'en' },
            ]}
            data-testid="me-language"
          />
        </div>
      </Section>
      <div className="field-actions">
        <Button
          color="danger"
          fill="outline"
          size="large"
          block
          onClick={() => void logout()}
          data-testid="logout"
        >
          {t('me.logout')}
        </Button>
      </div>
    </Page>
  );
}
