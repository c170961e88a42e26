// Proposals and e-voting (出卷 / 征求意见 / 电子票决, the 智慧芳邻 loop): a community — or a property
// company with the community's approval — publishes a proposal with options, an eligibility rule
// (each resident, or one vote per household 户), a consultation window for comments and a voting
// window. Pure rules: checking a proposal, its phase at an instant, and the tally with its pass rule.
import type { FieldIssue } from '../errors.ts';

export const ELIGIBILITIES = ['resident', 'household'] as const;
export type Eligibility = (typeof ELIGIBILITIES)[number];

/**
 * When the deciding option carries the proposal: more than half (or two thirds) of the eligible
 * voters or households (the 居民会议 / 业主大会 standard), or more than half of the votes cast.
 */
export const PASS_RULES = [
  'more_than_half_of_eligible',
  'two_thirds_of_eligible',
  'more_than_half_of_votes',
] as const;
export type PassRule = (typeof PASS_RULES)[number];

export const PROPOSAL_STATUSES = ['pending_approval', 'published', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Where a published proposal stands at an instant. */
export type ProposalPhase = 'announced' | 'consultation' | 'voting' | 'closed';

export interface ProposalOption {
  key: string;
  label: string;
}

export interface ProposalDraft {
  title: string;
  body: string;
  options: ProposalOption[];
  eligibility: Eligibility;
  passRule: PassRule;
  /** The option whose count decides (e.g. 'agree'). */
  passOption: string;
  allowChange: boolean;
  consultationFrom: Date;
  consultationTo: Date;
  votingFrom: Date;
  votingTo: Date;
}

const KEY_RE = /^[a-z][a-z0-9_]{0,19}$/;

/** Every problem of a draft, each naming its field; empty when it may be saved. */
export function checkProposal(p: ProposalDraft, now: Date): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const bad = (field: string, zh: string, en: string) => issues.push({ field, zh, en });
  if (p.title.trim().length < 4 || p.title.length > 100)
    bad('title', '标题应为 4–100 个字', 'must be 4–100 characters');
  if (p.body.trim().length < 10)
    bad('body', '请写明事项内容（至少 10 个字）', 'must describe the matter (at least 10 characters)');
  if (p.options.length < 2 || p.options.length > 10)
    bad('options', '应有 2–10 个选项', 'must have 2 to 10 options');
  const keys = new Set<string>();
  p.options.forEach((o, i) => {
    if (!KEY_RE.test(o.key))
      bad(
        `options[${i}].key`,
        '选项代码应为小写字母开头的字母、数字或下划线',
        'must be lowercase letters, digits or _',
      );
    else if (keys.has(o.key)) bad(`options[${i}].key`, '选项代码重复', 'is repeated');
    keys.add(o.key);
    if (!o.label.trim() || o.label.length > 50)
      bad(`options[${i}].label`, '选项名称应为 1–50 个字', 'must be 1–50 characters');
  });
  if (!keys.has(p.passOption))
    bad('pass_option', '决定是否通过的选项须是选项之一', 'must be one of the options');
  const t = (d: Date) => d.getTime();
  if (!(t(p.consultationFrom) < t(p.consultationTo)))
    bad('consultation_to', '征求意见截止时间应晚于开始时间', 'must be after consultation_from');
  if (!(t(p.consultationTo) <= t(p.votingFrom)))
    bad('voting_from', '投票应在征求意见结束后开始', 'must not be before consultation_to');
  if (!(t(p.votingFrom) < t(p.votingTo)))
    bad('voting_to', '投票截止时间应晚于开始时间', 'must be after voting_from');
  if (t(p.votingTo) <= t(now)) bad('voting_to', '投票截止时间已过', 'is in the past');
  return issues;
}

export function phaseAt(
  p: Pick<ProposalDraft, 'consultationFrom' | 'votingFrom' | 'votingTo'>,
  now: Date,
): ProposalPhase {
  const t = now.getTime();
  if (t >= p.votingTo.getTime()) return 'closed';
  if (t >= p.votingFrom.getTime()) return 'voting';
  if (t >= p.consultationFrom.getTime()) return 'consultation';
  return 'announced';
}

export interface Tally {
  counts: Record<string, number>;
  votes: number;
  eligible: number;
  /** votes / eligible, 4 decimals; null without an eligible roll. */
  turnout: number | null;
  passed: boolean;
}

/** Counts per option, turnout and the decision by the proposal's rule (strictly more than the share). */
export function tally(
  options: readonly ProposalOption[],
  ballots: Record<string, number>,
  eligible: number,
  rule: PassRule,
  passOption: string,
): Tally {
  const counts = Object.fromEntries(options.map((o) => [o.key, ballots[o.key] ?? 0]));
  const votes = Object.values(counts).reduce((a, b) => a + b, 0);
  const yes = counts[passOption] ?? 0;
  const passed =
    rule === 'more_than_half_of_votes'
      ? votes > 0 && yes * 2 > votes
      : rule === 'two_thirds_of_eligible'
        ? eligible > 0 && yes * 3 > eligible * 2
        : eligible > 0 && yes * 2 > eligible;
  return {
    counts,
    votes,
    eligible,
    turnout: eligible > 0 ? Math.round((votes / eligible) * 10_000) / 10_000 : null,
    passed,
  };
}
