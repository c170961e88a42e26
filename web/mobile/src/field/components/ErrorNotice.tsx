// An error in plain words: what happened, each field's reason, and what to do next.
import { Button } from 'antd-mobile';
import { errorText, storedErrorText, type StoredError } from '../api/error-text.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function ErrorNotice({
  error,
  stored,
  onRetry,
  inline,
  testId,
}: {
  error?: unknown;
  stored?: StoredError;
  onRetry?: () => void;
  inline?: boolean;
  testId?: string;
}) {
  const i18n = useI18n();
  const e = stored ? storedErrorText(stored, i18n) : errorText(error, i18n);
  return (
    <div
      className={`field-error${inline ? ' inline' : ''}`}
      role="alert"
      data-testid={testId ?? 'field-error'}
    >
      <strong>{e.title}</strong>
      {e.lines.length > 0 && (
        <ul>
          {e.lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      {e.next && <div className="next">{e.next}</div>}
      {onRetry && (
        <Button size="small" color="danger" fill="outline" onClick={onRetry}>
          {i18n.t('common.retry')}
        </Button>
      )}
    </div>
  );
}
