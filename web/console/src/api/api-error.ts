// The server's error shape ({ error: { code, message, message_en, issues, details } }) as a
// thrown value, and the texts to show for it in the user's language.
import type { Lang } from '../i18n/messages.ts';

/** One problem with one input field, in both languages (FieldIssue on the server). */
export interface FieldIssue {
  field: string;
  zh: string;
  en: string;
  line?: number;
}

export interface ErrorBody {
  error: { code: string; message: string; message_en: string; issues?: FieldIssue[]; details?: unknown };
}

/** A refusal from the API: HTTP status plus the catalogue code and both messages. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown>;

  constructor(status: number, body: ErrorBody['error']) {
    super(body.message_en || body.code);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.messageZh = body.message;
    this.messageEn = body.message_en;
    this.issues = body.issues ?? [];
    this.details =
      body.details && typeof body.details === 'object' ? (body.details as Record<string, unknown>) : {};
  }

  /** The server's message in the given language (it already names the first field at fault). */
  text(lang: Lang): string {
    return lang === 'en' ? this.messageEn : this.messageZh;
  }

  /** Each issue as "field: reason" in the given language. */
  issueTexts(lang: Lang): string[] {
    return this.issues.map((i) => `${fieldName(i.field)}: ${lang === 'en' ? i.en : i.zh}`);
  }
}

/** A request that never got an answer (server down, network cut). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

/** `body.username` → `username`: the form field an issue is about. */
export function fieldName(field: string): string {
  return field.replace(/^(body|query|params|querystring)\./, '');
}

export function isErrorBody(v: unknown): v is ErrorBody {
  if (!v || typeof v !== 'object' || !('error' in v)) return false;
  const e = v.error;
  return !!e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string';
}
