// What to tell the worker about any failure, in plain words and their language: what happened
// (the server's message, each field's reason) and what to do next.
import type { I18n, MessageKey } from '../i18n/i18n.tsx';
import { ApiError, NetworkError } from './client.ts';

export interface ErrorText {
  title: string;
  lines: string[];
  next: string;
}

/** Stored with a queued item: both languages, so the list reads right after a language switch. */
export interface StoredError {
  code: string;
  zh: string;
  en: string;
  issues: { field: string; zh: string; en: string }[];
}

const NEXT: Record<string, MessageKey> = {
  UNAUTHENTICATED: 'next.login',
  SESSION_EXPIRED: 'next.login',
  LOGIN_FAILED: 'next.loginFailed',
  ACCOUNT_LOCKED: 'next.locked',
  ACCOUNT_DISABLED: 'next.forbidden',
  FORBIDDEN: 'next.forbidden',
  OUT_OF_SCOPE: 'next.forbidden',
  CONFLICT: 'next.conflict',
  CASE_ACTION_NOT_ALLOWED: 'next.notAllowed',
  CASE_GUARD_FAILED: 'next.notAllowed',
  OUTSIDE_JURISDICTION: 'next.outside',
  VALIDATION_FAILED: 'next.validation',
  PAYLOAD_TOO_LARGE: 'next.tooLarge',
  RATE_LIMITED: 'next.rateLimited',
  INTERNAL: 'next.server',
};

const fieldName = (f: string) => f.replace(/^(body|query|params|querystring)\./, '');

export function toStoredError(e: unknown): StoredError {
  if (e instanceof ApiError) return { code: e.code, zh: e.messageZh, en: e.messageEn, issues: e.issues };
  if (e instanceof NetworkError) return { code: 'NETWORK', zh: '', en: '', issues: [] };
  return { code: 'UNEXPECTED', zh: '', en: '', issues: [] };
}

export function storedErrorText(s: StoredError, { lang, t }: Pick<I18n, 'lang' | 't'>): ErrorText {
  if (s.code === 'NETWORK') return { title: t('error.network'), lines: [], next: t('queue.stillOffline') };
  if (s.code === 'UNEXPECTED') return { title: t('error.unexpected'), lines: [], next: '' };
  const en = lang === 'en';
  return {
    title: en ? s.en : s.zh,
    lines: s.issues.map((i) => `${fieldName(i.field)}: ${en ? i.en : i.zh}`),
    next: t(NEXT[s.code] ?? (s.code.startsWith('HTTP_5') ? 'next.server' : 'next.default')),
  };
}

export function errorText(e: unknown, i18n: Pick<I18n, 'lang' | 't'>): ErrorText {
  if (e instanceof NetworkError) return { title: i18n.t('error.network'), lines: [], next: '' };
  if (e instanceof ApiError && e.status >= 500)
    return { title: i18n.lang === 'en' ? e.messageEn : e.messageZh, lines: [], next: i18n.t('next.server') };
  return storedErrorText(toStoredError(e), i18n);
}
