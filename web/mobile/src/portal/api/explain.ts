// Every failure said in plain words with what to do next: the server's error codes (and the
// browser's own failures) map to a title and a hint in the user's language; field issues keep
// the server's reason (zh/en) behind a readable field name.
import type { I18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { ApiError, NetworkError } from './client.ts';

export interface Explained {
  title: string;
  hint: string;
  /** "手机号：请输入 11 位手机号码" — one line per field issue. */
  details: string[];
  code: string;
}

/** A problem found in the page itself (before any request), e.g. a file that is not a photo. */
export class LocalError extends Error {
  constructor(
    readonly titleKey: MessageKey,
    readonly hintKey: MessageKey,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(titleKey);
    this.name = 'LocalError';
  }
}

/** Trying again can help: no answer, a server failure, or too many requests (after a wait). */
export function isRetryable(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  return err instanceof ApiError && (err.status >= 500 || err.code === 'RATE_LIMITED');
}

type Known =
  | 'NETWORK'
  | 'RATE_LIMITED'
  | 'CODE_INVALID'
  | 'VOTE_ALREADY_CAST'
  | 'VOTE_NOT_ELIGIBLE'
  | 'PROPOSAL_NOT_OPEN'
  | 'PROPOSAL_NOT_FOUND'
  | 'CASE_NOT_FOUND'
  | 'NOT_FOUND'
  | 'OUTSIDE_JURISDICTION'
  | 'VALIDATION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'CONFLICT'
  | 'CASE_ACTION_NOT_ALLOWED'
  | 'CASE_GUARD_FAILED'
  | 'RESIDENT_SESSION_EXPIRED'
  | 'RESIDENT_LOGIN_REQUIRED'
  | 'SERVER';

const KNOWN = new Set<string>([
  'RATE_LIMITED',
  'CODE_INVALID',
  'VOTE_ALREADY_CAST',
  'VOTE_NOT_ELIGIBLE',
  'PROPOSAL_NOT_OPEN',
  'PROPOSAL_NOT_FOUND',
  'CASE_NOT_FOUND',
  'NOT_FOUND',
  'OUTSIDE_JURISDICTION',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'CONFLICT',
  'CASE_ACTION_NOT_ALLOWED',
  'CASE_GUARD_FAILED',
  'RESIDENT_SESSION_EXPIRED',
  'RESIDENT_LOGIN_REQUIRED',
]);

const FIELD_KEYS: Record<string, MessageKey> = {
  lng: 'field.location',
  lat: 'field.location',
  crs: 'field.location',
  description: 'field.description',
  address: 'field.address',
  photos: 'field.photos',
  category_code: 'field.category',
  name: 'field.name',
  phone: 'field.phone',
  code: 'field.code',
  option: 'field.option',
  slot_id: 'field.slot',
  satisfaction: 'field.satisfaction',
  comment: 'field.comment',
  t: 'field.token',
  'content-type': 'field.photos',
  idempotency_key: 'field.form',
};

/** Overrides of title/hint per code (a page knows more: one vote per household, a tracking link …). */
export type ExplainOverrides = Partial<Record<Known, { title: MessageKey; hint: MessageKey }>>;

export function explain(
  err: unknown,
  i18n: Pick<I18n, 't' | 'lang'>,
  over: ExplainOverrides = {},
): Explained {
  const { t, lang } = i18n;
  if (err instanceof LocalError) {
    return { title: t(err.titleKey, err.vars), hint: t(err.hintKey, err.vars), details: [], code: 'LOCAL' };
  }
  let code: Known;
  let details: string[] = [];
  let serverMessage = '';
  let retry: number | undefined;
  if (err instanceof NetworkError) code = 'NETWORK';
  else if (err instanceof ApiError) {
    serverMessage = lang === 'en' ? err.messageEn : err.messageZh;
    retry = err.retryAfterS;
    if (KNOWN.has(err.code)) code = err.code as Known;
    else if (err.status >= 500 || err.code === 'INTERNAL') code = 'SERVER';
    else {
      return {
        title: serverMessage || t('err.unknown.title'),
        hint: t('err.unknown.hint'),
        details: [],
        code: err.code,
      };
    }
    details = err.issues.map((i) => {
      const name = i.field.replace(/^(body|query|params)\./, '').replace(/\[\d+\]$/, '');
      const label = FIELD_KEYS[name] ? t(FIELD_KEYS[name]) : name;
      return `${label}：${lang === 'en' ? i.en : i.zh}`.replace('：', lang === 'en' ? ': ' : '：');
    });
  } else {
    code = 'SERVER';
  }
  const o = over[code];
  const title = t(o?.title ?? (`err.${code}.title` as MessageKey));
  const hint = t(o?.hint ?? (`err.${code}.hint` as MessageKey), { s: retry ?? 60 });
  // A conflict's own reason (slot full, already booked) says more than the generic title.
  if (code === 'CONFLICT' && details.length && !o)
    return { title: details.join('；'), hint, details: [], code };
  return { title, hint, details, code };
}
