// Placeholder for a screen not built yet (its page file is replaced when it is).
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';

export function ComingSoon({ screen }: { screen: MessageKey }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="info"
      title={t('comingSoon.title', { screen: t(screen) })}
      subTitle={t('comingSoon.body')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('comingSoon.back')}
        </Button>
      }
    />
  );
}
