// One screen of the portal: the title bar (back arrow when the screen is below a tab, the
// language switch on the right) and the content. Sets the document title.
import { NavBar } from 'antd-mobile';
import { useEffect, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';

export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <button
      type="button"
      className="pt-lang"
      data-testid="lang-switch"
      aria-label={t('app.switchLanguage')}
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {lang === 'en' ? '中文' : 'EN'}
    </button>
  );
}

export function PageFrame({
  title,
  back,
  children,
}: {
  title: string;
  /** Where the back arrow goes; no arrow when absent. */
  back?: string | undefined;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="pt-page">
      <NavBar
        className="pt-navbar"
        back={back ? t('common.back') : null}
        onBack={back ? () => void navigate(back) : undefined}
        right={<LangSwitch />}
      >
        <h1 className="pt-title">{title}</h1>
      </NavBar>
      <div className="pt-content">{children}</div>
    </div>
  );
}

/** A centred spinner while a screen or its data loads. */
export function Loading({ label }: { label?: string | undefined }) {
  const { t } = useI18n();
  return (
    <div className="pt-loading" role="status" aria-live="polite">
      <span className="pt-spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}
