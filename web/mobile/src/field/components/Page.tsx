// The frame of a screen: a sticky header (title, back, online state, language), the offline and
// waiting-to-send banners, then the content.
import type { ReactNode } from 'react';
import { NavBar } from 'antd-mobile';
import { useI18n } from '../i18n/i18n.tsx';
import { goBack, navigate, useRoute } from '../lib/router.ts';
import { useOnline, useQueue } from '../offline/use-queue.ts';
import { useFieldData } from '../data.tsx';

export function Page({
  title,
  back,
  children,
  testId,
}: {
  title: string;
  back?: boolean;
  children: ReactNode;
  testId: string;
}) {
  const { t, lang, setLang } = useI18n();
  const online = useOnline();
  const { userId } = useFieldData();
  const queue = useQueue(userId);
  const { path } = useRoute();
  const waiting = queue.mine.length;
  return (
    <div data-testid={testId}>
      <header className="field-header">
        <NavBar
          back={back ? t('task.back') : null}
          onBack={back ? () => goBack() : undefined}
          right={
            <button
              type="button"
              className="field-header-lang"
              data-testid="header-lang"
              onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
              aria-label={t('me.language')}
            >
              {lang === 'en' ? '中文' : 'EN'}
            </button>
          }
        >
          {title}
        </NavBar>
      </header>
      {!online && (
        <div className="field-banner offline" role="status" data-testid="offline-banner">
          {t('net.offline')}
        </div>
      )}
      {waiting > 0 && path !== '/queue' && (
        <div
          className="field-banner waiting"
          role="button"
          tabIndex={0}
          data-testid="waiting-banner"
          onClick={() => navigate('/queue')}
          onKeyDown={(e) => e.key === 'Enter' && navigate('/queue')}
        >
          {t('net.waiting', { n: waiting })} ›
        </div>
      )}
      {children}
    </div>
  );
}

/** A white rounded block with an optional heading. */
export function Section({
  title,
  extra,
  children,
  testId,
}: {
  title?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section className="field-section" data-testid={testId}>
      {(title || extra) && (
        <h2>
          <span>{title}</span>
          {extra}
        </h2>
      )}
      {children}
    </section>
  );
}
