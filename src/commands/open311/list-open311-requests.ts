// GET requests: the spec's filters (service_request_id — which overrides the rest —, service_code,
// start_date, end_date, status; comma-separated lists) and the common extensions (page, page_size,
// updated_after, extensions=true). Without a date filter the last 90 days are searched, as the
// spec says. Dates are ISO-8601 with a zone; a bare date is a day in China Standard Time.
import { DAY_MS, dayStartMs, parseLocalDate } from '../../domain/calendar/local-date.ts';
import { AppError, type FieldIssue } from '../../domain/errors.ts';
import type { AppContext } from '../context.ts';
import { statesFor, toRequest, type Open311Request, type Open311Status } from './open311-mapping.ts';
import { listPublicCases, publicCasesByIds } from './open311-queries.ts';

export const MAX_PAGE_SIZE = 1000;
const DEFAULT_WINDOW_DAYS = 90;

const issue = (field: string, en: string, zh: string): FieldIssue => ({ field, en, zh });

function list(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** An instant from 'YYYY-MM-DD' (a local day: its start, or its end when `endOfDay`) or a date-time with zone. */
function instant(f: Record<string, string>, field: string, issues: FieldIssue[], endOfDay = false) {
  const raw = f[field]?.trim();
  if (!raw) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const p = parseLocalDate(raw);
    if (!('error' in p)) return new Date(dayStartMs(p.day) + (endOfDay ? DAY_MS - 1 : 0));
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(raw)) {
    const t = Date.parse(raw);
    if (!Number.isNaN(t)) return new Date(t);
  }
  issues.push(
    issue(
      field,
      'must be an ISO-8601 date-time with a zone (2026-03-10T08:00:00+08:00) or a date (2026-03-10)',
      '应为带时区的 ISO-8601 时间（如 2026-03-10T08:00:00+08:00）或日期（如 2026-03-10）',
    ),
  );
  return undefined;
}

function positiveInt(f: Record<string, string>, field: string, max: number, issues: FieldIssue[]) {
  const raw = f[field]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > max) {
    issues.push(issue(field, `must be a whole number from 1 to ${max}`, `应为 1 到 ${max} 的整数`));
    return undefined;
  }
  return n;
}

export async function listOpen311Requests(
  ctx: AppContext,
  f: Record<string, string>,
): Promise<Open311Request[]> {
  const issues: FieldIssue[] = [];
  const extensionsRaw = f.extensions?.trim().toLowerCase();
  if (extensionsRaw && extensionsRaw !== 'true' && extensionsRaw !== 'false')
    issues.push(issue('extensions', 'must be true or false', '应为 true 或 false'));
  const opts = { extensions: extensionsRaw === 'true' };

  const ids = list(f.service_request_id);
  if (ids.length > 100 || ids.some((i) => i.length > 64))
    issues.push(issue('service_request_id', 'at most 100 ids of up to 64 characters', '最多 100 个编号'));
  const codes = list(f.service_code);
  if (codes.some((c) => !/^[0-9]{4,6}$/.test(c)))
    issues.push(
      issue('service_code', 'must be service codes from services', '应为服务列表中的 service_code'),
    );
  const statuses = list(f.status);
  if (statuses.some((s) => s !== 'open' && s !== 'closed'))
    issues.push(issue('status', 'must be open, closed or open,closed', '应为 open、closed 或 open,closed'));
  const from = instant(f, 'start_date', issues);
  const to = instant(f, 'end_date', issues, true);
  const updatedAfter = instant(f, 'updated_after', issues);
  if (from && to && from > to)
    issues.push(issue('end_date', 'must not be before start_date', '不能早于 start_date'));
  const page = positiveInt(f, 'page', 1_000_000, issues) ?? 1;
  const pageSize = positiveInt(f, 'page_size', MAX_PAGE_SIZE, issues) ?? MAX_PAGE_SIZE;
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });

  if (ids.length) return (await publicCasesByIds(ctx.db, ids)).map((r) => toRequest(r, opts));

  const states = statuses.length
    ? [...new Set(statuses.flatMap((s) => statesFor(s as Open311Status)))]
    : undefined;
  const windowed = !from && !to && !updatedAfter;
  const rows = await listPublicCases(ctx.db, {
    categoryCodes: codes.length ? codes : undefined,
    states,
    from: windowed ? new Date(ctx.clock.now().getTime() - DEFAULT_WINDOW_DAYS * DAY_MS) : from,
    to,
    updatedAfter,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return rows.map((r) => toRequest(r, opts));
}
