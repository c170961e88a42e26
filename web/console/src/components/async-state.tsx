// The three states of anything loaded from the server: a spinner while loading, the error in
// the user's language with a retry button, an empty placeholder, or the content.
import { Alert, Button, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { errorText } from '../api/error-text.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export interface AsyncStateProps {
  loading: boolean;
  error?: unknown;
  /** True when loaded but there is nothing to show. */
  empty?: boolean;
  onRetry?: () => void;
  emptyText?: ReactNode;
  children?: ReactNode;
}

export function AsyncState({ loading, error, empty, onRetry, emptyText, children }: AsyncStateProps) {
  const i18n = useI18n();
  if (error) {
    const { title, lines } = errorText(error, i18n);
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        message={i18n.t('state.error')}
        description={
          <>
            <div>{title}</div>
            {lines.map((l) => (
              <div key={l}>{l}</div>
            ))}
          </>
        }
        action={
          onRetry ? (
            <Button size="small" onClick={onRetry}>
              {i18n.t('state.retry')}
            </Button>
          ) : undefined
        }
      />
    );
  }
  if (loading) return <PageSpinner />;
  if (empty) return <Empty description={emptyText ?? i18n.t('state.empty')} />;
  return <>{children}</>;
}

/** A centred spinner with "loading" in the user's language (also the Suspense fallback). */
export function PageSpinner() {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
      <Spin tip={t('state.loading')} size="large">
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}
