// What to tell the user about any thrown value, in their language.
import type { I18n } from '../i18n/i18n-context.tsx';
import { ApiError, NetworkError } from './api-error.ts';

export interface ErrorText {
  title: string;
  /** "field: reason" lines from the server's issues. */
  lines: string[];
}

export function errorText(err: unknown, { lang, t }: Pick<I18n, 'lang' | 't'>): ErrorText {
  // The server's message already names the first issue: list the issues only when there are more.
  if (err instanceof ApiError)
    return { title: err.text(lang), lines: err.issues.length > 1 ? err.issueTexts(lang) : [] };
  if (err instanceof NetworkError) return { title: t('error.network'), lines: [] };
  return { title: t('error.unexpected'), lines: [] };
}
