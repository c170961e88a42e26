// 中文 / English toggle; the choice is kept in localStorage by the i18n provider.
import { Segmented } from 'antd';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LANGS, type Lang } from '../i18n/messages.ts';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t('lang.label')}
      data-testid="language-switch"
      value={lang}
      onChange={setLang}
      options={LANGS.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
    />
  );
}
