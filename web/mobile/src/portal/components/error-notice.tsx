// An error said in plain words: what went wrong, what to do next, the fields to fix, and a
// "try again" button when trying again can help (no answer, a server failure, too many tries).
import { Button } from 'antd-mobile';
import { explain, isRetryable, type ExplainOverrides } from '../api/explain.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function ErrorNotice({
  error,
  onRetry,
  overrides,
  testId = 'error-notice',
}: {
  error: unknown;
  onRetry?: (() => void) | undefined;
  overrides?: ExplainOverrides;
  testId?: string;
}) {
  const i18n = useI18n();
  if (!error) return null;
  const e = explain(error, i18n, overrides);
  return (
    <div className="pt-error" role="alert" data-testid={testId} data-code={e.code}>
      <div className="pt-error-title">{e.title}</div>
      {e.details.length > 0 && (
        <ul className="pt-error-details">
          {e.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      <div className="pt-error-hint">{e.hint}</div>
      {onRetry && isRetryable(error) && (
        <Button size="small" color="danger" fill="outline" className="pt-error-retry" onClick={onRetry}>
          {i18n.t('common.retry')}
        </Button>
      )}
    </div>
  );
}
