// Working time left on a step, said as people say it: a working day is 8 working hours
// ("剩余 1 工作日 2 工作时", "剩余 1 工作时 20 分", "已超时 30 分").
import type { I18n } from '../i18n/i18n.tsx';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 8 * HOUR;

export function formatSpan(ms: number, t: I18n['t']): string {
  const total = Math.round(Math.abs(ms) / MINUTE) * MINUTE;
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  const minutes = Math.round((total % HOUR) / MINUTE);
  const parts: string[] = [];
  if (days) parts.push(t('time.days', { n: days }));
  if (hours) parts.push(t('time.hours', { n: hours }));
  if (minutes || !parts.length) parts.push(t('time.minutes', { n: minutes }));
  return parts.join(' ');
}

export type Urgency = 'over' | 'soon' | 'ok' | 'none';

export function timeLeft(ms: number | null, t: I18n['t']): { text: string; urgency: Urgency } {
  if (ms === null) return { text: t('time.none'), urgency: 'none' };
  if (Math.abs(ms) < MINUTE && ms <= 0) return { text: t('time.due'), urgency: 'over' };
  if (ms < 0) return { text: t('time.over', { t: formatSpan(ms, t) }), urgency: 'over' };
  return { text: t('time.left', { t: formatSpan(ms, t) }), urgency: ms <= HOUR ? 'soon' : 'ok' };
}
