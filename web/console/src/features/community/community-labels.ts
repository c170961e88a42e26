// Labels and times of community work: a proposal's state (waiting for approval, or its phase), its
// rules in words, and the wall clock of Asia/Shanghai — the pickers show and take 上海 time whatever
// the browser's zone, and the API gets instants.
import dayjs, { type Dayjs } from 'dayjs';
import { TIME_ZONE } from '../../i18n/format.ts';
import type { I18n } from '../../i18n/i18n-context.tsx';
import type { Eligibility, PassRule, ProposalView } from './community-api.ts';

type T = I18n['t'];

/** What a proposal is doing now, with a tag colour. */
export function proposalState(p: ProposalView, t: T): { text: string; color: string } {
  if (p.status === 'pending_approval') return { text: t('community.state.pending'), color: 'orange' };
  if (p.status === 'withdrawn') return { text: t('community.state.withdrawn'), color: 'default' };
  switch (p.phase) {
    case 'announced':
      return { text: t('community.state.announced'), color: 'default' };
    case 'consultation':
      return { text: t('community.state.consultation'), color: 'blue' };
    case 'voting':
      return { text: t('community.state.voting'), color: 'purple' };
    case 'closed':
      return { text: t('community.state.closed'), color: 'green' };
  }
}

export function eligibilityLabel(e: Eligibility, t: T): string {
  return e === 'household' ? t('community.eligibility.household') : t('community.eligibility.resident');
}

export function passRuleLabel(r: PassRule, t: T): string {
  switch (r) {
    case 'more_than_half_of_eligible':
      return t('community.passRule.more_than_half_of_eligible');
    case 'two_thirds_of_eligible':
      return t('community.passRule.two_thirds_of_eligible');
    case 'more_than_half_of_votes':
      return t('community.passRule.more_than_half_of_votes');
  }
}

/** The label of a proposal's option (its key if unknown). */
export function optionLabel(p: Pick<ProposalView, 'options'>, key: string): string {
  return p.options.find((o) => o.key === key)?.label ?? key;
}

/** Now on the wall clock of Asia/Shanghai, as a plain dayjs (what the pickers show). */
export function shanghaiNow(): Dayjs {
  return dayjs(dayjs().tz(TIME_ZONE).format('YYYY-MM-DDTHH:mm:ss'));
}

/** A picker's wall-clock value, read as Asia/Shanghai time, as an ISO instant. */
export function shanghaiIso(wall: Dayjs): string {
  return dayjs.tz(wall.format('YYYY-MM-DDTHH:mm:ss'), TIME_ZONE).toISOString();
}

/** Midnight at the start of a day (YYYY-MM-DD) in Asia/Shanghai, as an ISO instant. */
export function shanghaiDayStart(day: string): string {
  return dayjs.tz(`${day}T00:00:00`, TIME_ZONE).toISOString();
}

/** A time window on one line: 6月1日 10:00 – 6月8日 10:00. */
export function windowText(from: string, to: string, fmt: I18n['fmt']): string {
  return `${fmt.dateTime(from)} – ${fmt.dateTime(to)}`;
}
