// Proposal rules: drafts checked field by field, the phase at an instant, and the tally against
// hand-counted cases and a property (the decision is monotone in the deciding option's votes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  PASS_RULES,
  checkProposal,
  phaseAt,
  tally,
  type ProposalDraft,
} from '../../src/domain/proposals/proposal-rules.ts';

const NOW = new Date('2026-06-01T02:00:00Z');
const h = (n: number) => new Date(NOW.getTime() + n * 3_600_000);
const OPTIONS = [
  { key: 'agree', label: '同意' },
  { key: 'disagree', label: '不同意' },
  { key: 'abstain', label: '弃权' },
];
const draft = (over: Partial<ProposalDraft> = {}): ProposalDraft => ({
  title: '锦绣社区加装电梯方案',
  body: '拟在 3 号楼加装电梯一部，费用按楼层分摊，请各户发表意见并投票。',
  options: OPTIONS,
  eligibility: 'household',
  passRule: 'more_than_half_of_eligible',
  passOption: 'agree',
  allowChange: false,
  consultationFrom: h(0),
  consultationTo: h(24),
  votingFrom: h(24),
  votingTo: h(72),
  ...over,
});

void test('a good draft has no issues; each bad field is named', () => {
  assert.deepEqual(checkProposal(draft(), NOW), []);
  const fields = (d: ProposalDraft) => checkProposal(d, NOW).map((i) => i.field);
  assert.deepEqual(fields(draft({ title: '电梯' })), ['title']);
  assert.deepEqual(fields(draft({ options: [OPTIONS[0]!] })), ['options']);
  assert.deepEqual(fields(draft({ options: [OPTIONS[0]!, { key: 'agree', label: '也同意' }] })), [
    'options[1].key',
  ]);
  assert.deepEqual(fields(draft({ options: [OPTIONS[0]!, { key: 'No!', label: '否' }] })), [
    'options[1].key',
  ]);
  assert.deepEqual(fields(draft({ passOption: 'yes' })), ['pass_option']);
  assert.deepEqual(fields(draft({ votingFrom: h(12) })), ['voting_from']);
  assert.deepEqual(fields(draft({ votingTo: h(24) })), ['voting_to']);
  assert.deepEqual(
    fields(draft({ consultationFrom: h(-48), consultationTo: h(-30), votingFrom: h(-24), votingTo: h(-1) })),
    ['voting_to'],
  );
});

void test('phase: announced, consultation, voting, closed at the window edges', () => {
  const d = draft({ consultationFrom: h(1) });
  assert.equal(phaseAt(d, h(0)), 'announced');
  assert.equal(phaseAt(d, h(1)), 'consultation');
  assert.equal(phaseAt(d, h(24)), 'voting');
  assert.equal(phaseAt(d, new Date(h(72).getTime() - 1)), 'voting');
  assert.equal(phaseAt(d, h(72)), 'closed');
});

void test('tally: hand-counted decisions for every rule', () => {
  // 10 households; 6 agree, 2 disagree, 1 abstains.
  const b = { agree: 6, disagree: 2, abstain: 1 };
  assert.deepEqual(tally(OPTIONS, b, 10, 'more_than_half_of_eligible', 'agree'), {
    counts: { agree: 6, disagree: 2, abstain: 1 },
    votes: 9,
    eligible: 10,
    turnout: 0.9,
    passed: true,
  });
  assert.equal(tally(OPTIONS, b, 10, 'two_thirds_of_eligible', 'agree').passed, false); // 6 ≤ 6.67
  assert.equal(tally(OPTIONS, { agree: 7 }, 10, 'two_thirds_of_eligible', 'agree').passed, true);
  // Exactly half is not more than half.
  assert.equal(
    tally(OPTIONS, { agree: 5, disagree: 1 }, 10, 'more_than_half_of_eligible', 'agree').passed,
    false,
  );
  assert.equal(
    tally(OPTIONS, { agree: 3, disagree: 2 }, 10, 'more_than_half_of_votes', 'agree').passed,
    true,
  );
  assert.equal(
    tally(OPTIONS, { agree: 2, disagree: 2 }, 10, 'more_than_half_of_votes', 'agree').passed,
    false,
  );
  // Nobody on the roll: no turnout, nothing passes; unknown options in the ballots are not counted.
  assert.deepEqual(tally(OPTIONS, { agree: 1, bogus: 5 }, 0, 'more_than_half_of_eligible', 'agree'), {
    counts: { agree: 1, disagree: 0, abstain: 0 },
    votes: 1,
    eligible: 0,
    turnout: null,
    passed: false,
  });
});

void test('property: one more vote for the deciding option never turns a pass into a fail', () => {
  fc.assert(
    fc.property(
      fc.nat(200),
      fc.nat(200),
      fc.nat(200),
      fc.constantFrom(...PASS_RULES),
      (agree, disagree, extra, rule) => {
        const eligible = agree + disagree + extra + 1;
        const before = tally(OPTIONS, { agree, disagree }, eligible, rule, 'agree');
        const after = tally(OPTIONS, { agree: agree + 1, disagree }, eligible + 1, rule, 'agree');
        const same = tally(OPTIONS, { agree: agree + 1, disagree }, eligible, rule, 'agree');
        assert.ok(!before.passed || same.passed);
        assert.equal(before.votes, agree + disagree);
        assert.ok(after.turnout === null || (after.turnout >= 0 && after.turnout <= 1));
      },
    ),
  );
});
