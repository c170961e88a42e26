// Turns every failure into one JSON shape: { error: { code, message, message_en, issues } },
// the status from the error catalogue. Validation errors name the field and the reason in
// Chinese and English; internal errors never leak a stack trace.
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, ERROR_CATALOGUE, type ErrorCode, type FieldIssue } from '../../domain/errors.ts';
import { translateValidation, type AjvErrorLike } from './validation-messages.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; message_en: string; issues: FieldIssue[]; details?: unknown };
}

export function errorBody(e: AppError): ErrorBody {
  const entry = ERROR_CATALOGUE[e.code];
  const first = e.issues[0];
  const suffix = (s: 'zh' | 'en') => (first ? `：${first.field} ${first[s]}` : '');
  return {
    error: {
      code: e.code,
      message: entry.zh + suffix('zh'),
      message_en: entry.en + (first ? `: ${first.field} ${first.en}` : ''),
      issues: e.issues,
      ...(e.details ? { details: e.details } : {}),
    },
  };
}

/** Maps Fastify's own errors (bad JSON, too large, schema validation) onto the catalogue. */
export function toAppError(
  err: FastifyError & { validation?: AjvErrorLike[]; validationContext?: string },
): AppError {
  if (err instanceof AppError) return err;
  if (err.validation) {
    return new AppError('VALIDATION_FAILED', {
      issues: translateValidation(err.validation, err.validationContext ?? 'body'),
    });
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('VALIDATION_FAILED', {
        issues: [{ field: 'content-type', zh: '不支持的内容类型', en: 'unsupported content type' }],
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('VALIDATION_FAILED', {
        issues: [{ field: 'body', zh: '不是有效的 JSON', en: 'is not valid JSON' }],
      });
    default:
      break;
  }
  if (err instanceof SyntaxError) {
    return new AppError('VALIDATION_FAILED', {
      issues: [{ field: 'body', zh: '不是有效的 JSON', en: 'is not valid JSON' }],
    });
  }
  return new AppError('INTERNAL');
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const e = toAppError(err);
    if (e.code === 'INTERNAL') req.log.error({ err }, 'internal error');
    void reply.status(e.status).send(errorBody(e));
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .send(errorBody(new AppError('ROUTE_NOT_FOUND', { details: { method: req.method, url: req.url } })));
  });
}
