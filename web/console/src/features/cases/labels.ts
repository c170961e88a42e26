// Names of the case vocabulary in the user's language (states, actions, queues, channels …; an
// unknown value from a newer server is shown as it is), and working time as people say it:
// "剩余 3 工作时 20 分" / "超时 1 工作日 2 时" — a working day is the calendar's working hours
// (7 h by default: 08:30–12:00, 14:00–17:30).
import type { I18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { zhCN } from '../../i18n/zh-CN.ts';

type T = I18n['t'];

function label(prefix: string, value: string | null | undefined, t: T): string {
  if (!value) return '—';
  const key = `${prefix}.${value}`;
  return key in zhCN ? t(key as MessageKey) : value;
}

export const stateLabel = (s: string | null | undefined, t: T) => label('case.state', s, t);
export const actionLabel = (a: string, t: T) => label('case.action', a, t);
export const queueLabel = (q: string, t: T) => label('case.queue', q, t);
export const channelLabel = (c: string, t: T) => label('case.channel', c, t);
export const urgencyLabel = (u: string, t: T) => label('case.urgency', u, t);
export const colourLabel = (c: string, t: T) => label('case.colour', c, t);
export const satisfactionLabel = (s: string | null | undefined, t: T) => label('case.satisfaction', s, t);
export const returnReasonLabel = (r: string, t: T) => label('case.returnReason', r, t);

/** antd Tag colour per case state. */
export function stateColour(s: string): string {
  switch (s) {
    case 'reported':
    case 'verifying':
      return 'blue';
    case 'registered':
    case 'returned':
      return 'orange';
    case 'dispatched':
    case 'handling':
      return 'processing';
    case 'reported_back':
    case 'self_handled':
      return 'purple';
    case 'suspended':
      return 'default';
    case 'closed':
      return 'success';
    default:
      return 'default';
  }
}

export const DEFAULT_WORKING_DAY_MS = 7 * 3_600_000;

/** Working milliseconds as at most two units: "1 工作日 2 时", "3 工作时 20 分", "45 分". */
export function workingSpan(ms: number, dayMs: number, t: T): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return t('case.wt.lessThanMinute');
  const perDay = Math.max(1, Math.round(dayMs / 60_000));
  const days = Math.floor(minutes / perDay);
  const rest = minutes - days * perDay;
  const hours = Math.floor(rest / 60);
  const mins = rest % 60;
  if (days > 0) {
    return hours > 0
      ? `${t('case.wt.days', { n: days })} ${t('case.wt.hours', { n: hours })}`
      : t('case.wt.days', { n: days });
  }
  if (hours > 0) {
    return mins > 0
      ? `${t('case.wt.hoursFirst', { n: hours })} ${t('case.wt.minutes', { n: mins })}`
      : t('case.wt.hoursFirst', { n: hours });
  }
  return t('case.wt.minutes', { n: mins });
}

/** "剩余 …" or "超时 …" for working time left (negative once overdue); "—" without a deadline. */
export function timeLeftText(ms: number | null, dayMs: number, t: T): string {
  if (ms === null) return t('case.wt.none');
  const span = workingSpan(ms, dayMs, t);
  return ms < 0 ? t('case.wt.over', { t: span }) : t('case.wt.left', { t: span });
}
