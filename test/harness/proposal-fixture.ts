// The proposal the proposal and e-voting tests publish (加装电梯: one vote per household, passed
// by more than half of the eligible households): consultation for the first day from `at(0)`,
// voting for the two days after. Tests change what they need with `over`.
export const AGREE_DISAGREE = [
  { key: 'agree', label: '同意' },
  { key: 'disagree', label: '不同意' },
];
export const WITH_ABSTAIN = [...AGREE_DISAGREE, { key: 'abstain', label: '弃权' }];

export function proposalBody(
  regionCode: string,
  at: (hours: number) => string,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    region_code: regionCode,
    title: '3 号楼加装电梯方案',
    body: '拟在 3 号楼 2 单元加装电梯一部，费用按楼层分摊，请各户发表意见并投票。',
    options: AGREE_DISAGREE,
    eligibility: 'household',
    pass_rule: 'more_than_half_of_eligible',
    pass_option: 'agree',
    consultation_from: at(0),
    consultation_to: at(24),
    voting_from: at(24),
    voting_to: at(72),
    ...over,
  };
}
