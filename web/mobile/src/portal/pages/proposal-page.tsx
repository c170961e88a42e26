// One proposal (出卷 → 征求意见 → 电子票决 → 结果): what is asked, who may vote (each resident, or one
// vote per household 户), the windows and the phase now; the comments; a comment form during
// consultation and the ballot during voting (both with a phone on the roll, proved by an SMS code
// or by the resident's login: "以 139****5678 的身份投票", no phone or code); the result once the
// window has closed: counts, turnout, passed or not by the rule. Ballots are secret: nothing here,
// nor on the staff's screens, links a vote to a person.
import { Button, ProgressBar, Radio, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { useParams } from 'react-router';
import { LocalError, type ExplainOverrides } from '../api/explain.ts';
import { portalApi, type Proposal } from '../api/portal-api.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { Loading, PageFrame } from '../components/page-frame.tsx';
import { PhaseTag } from '../components/phase-tag.tsx';
import { LOGIN_ENDED, PhoneOrResident, phoneProof } from '../components/phone-or-resident.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { useResident } from '../lib/resident.tsx';
import { useAsync } from '../../../../shared/use-async.ts';

/** Said to a logged-in resident: it is their login's number that is not on the roll. */
const NOT_ELIGIBLE_AS_RESIDENT: ExplainOverrides = {
  VOTE_NOT_ELIGIBLE: { title: 'resident.notEligible.title', hint: 'resident.notEligible.hint' },
};

const RULES: Record<string, MessageKey> = {
  more_than_half_of_eligible: 'proposal.rule.halfEligible',
  two_thirds_of_eligible: 'proposal.rule.twoThirdsEligible',
  more_than_half_of_votes: 'proposal.rule.halfVotes',
};

export default function ProposalPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const data = useAsync((s) => portalApi.proposal(id, s), [id]);
  const p = data.data?.proposal;
  return (
    <PageFrame title={t('proposal.title')} back="/proposals">
      {data.loading && !p && <Loading />}
      <ErrorNotice
        error={data.error}
        onRetry={data.reload}
        overrides={{
          PROPOSAL_NOT_FOUND: { title: 'proposal.notFound.title', hint: 'proposal.notFound.hint' },
        }}
      />
      {p && <ProposalView p={p} reload={data.reload} reloading={data.loading} />}
    </PageFrame>
  );
}

function ProposalView({ p, reload, reloading }: { p: Proposal; reload: () => void; reloading: boolean }) {
  const { t, dateTime } = useI18n();
  const unit = p.eligibility === 'household' ? t('proposal.unit.household') : t('proposal.unit.resident');
  const pass = p.options.find((o) => o.key === p.pass_option)?.label ?? p.pass_option;
  return (
    <>
      <section className="pt-card" data-testid="proposal-view" data-phase={p.phase}>
        <div className="pt-result-head">
          <h2 className="pt-card-title">{p.title}</h2>
          <PhaseTag phase={p.phase} />
        </div>
        <p className="pt-pre">{p.body}</p>
        <dl className="pt-dl">
          <dt>{t('proposal.consultation')}</dt>
          <dd>
            {dateTime(p.consultation_from)} – {dateTime(p.consultation_to)}
          </dd>
          <dt>{t('proposal.voting')}</dt>
          <dd>
            {dateTime(p.voting_from)} – {dateTime(p.voting_to)}
          </dd>
          <dt>{t('proposal.who')}</dt>
          <dd>
            {p.eligibility === 'household'
              ? t('proposal.eligibility.household')
              : t('proposal.eligibility.resident')}
          </dd>
          <dt>{t('proposal.rule')}</dt>
          <dd>{t(RULES[p.pass_rule] ?? 'proposal.rule.halfVotes', { option: pass, unit })}</dd>
        </dl>
        {p.allow_change && p.phase !== 'closed' && (
          <p className="pt-note" data-testid="allow-change-note">
            {t('proposal.allowChange')}
          </p>
        )}
        <p className="pt-help">{t('proposal.secret')}</p>
      </section>

      {p.phase === 'announced' && (
        <p className="pt-note">{t('proposal.announcedNote', { at: dateTime(p.consultation_from) })}</p>
      )}
      {p.phase === 'voting' && <VoteForm p={p} />}
      {p.phase === 'closed' && <ResultView p={p} />}
      <Comments p={p} onPosted={reload} />
      <Button block onClick={reload} loading={reloading} className="pt-gap">
        {t('proposal.refresh')}
      </Button>
    </>
  );
}

function VoteForm({ p }: { p: Proposal }) {
  const { t } = useI18n();
  const me = useResident();
  const asResident = me.status === 'resident' ? me.resident : null;
  const [option, setOption] = useState<string | null>(null);
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ outcome: 'cast' | 'changed'; label: string } | null>(null);

  const overrides: ExplainOverrides = {
    ...LOGIN_ENDED,
    ...(asResident ? NOT_ELIGIBLE_AS_RESIDENT : {}),
    ...(p.eligibility === 'household'
      ? { VOTE_ALREADY_CAST: { title: 'vote.already.household', hint: 'vote.already.householdHint' } }
      : { VOTE_ALREADY_CAST: { title: 'vote.already.resident', hint: 'vote.already.residentHint' } }),
  };

  const send = async () => {
    setError(null);
    if (!option) return setError(new LocalError('vote.chooseOption.title', 'vote.chooseOption.hint'));
    const who = phoneProof(asResident, phone, code);
    if (who instanceof LocalError) return setError(who);
    setSending(true);
    try {
      const r = await portalApi.vote(p.id, { ...who, option });
      setDone({ outcome: r.outcome, label: p.options.find((o) => o.key === option)?.label ?? option });
      setCode('');
    } catch (e) {
      me.noteError(e); // an ended login: the form shows the phone and code fields again
      setError(e);
    } finally {
      setSending(false);
    }
  };

  if (done)
    return (
      <section
        className="pt-card pt-success"
        data-testid="vote-done"
        data-outcome={done.outcome}
        role="status"
      >
        <h2 className="pt-card-title">{done.outcome === 'changed' ? t('vote.changed') : t('vote.cast')}</h2>
        <p>{t('vote.yourChoice', { option: done.label })}</p>
        {p.allow_change && <p className="pt-help">{t('proposal.allowChange')}</p>}
        <p className="pt-help">{t('vote.resultWhen')}</p>
        {p.allow_change && (
          <Button block onClick={() => setDone(null)}>
            {t('vote.again')}
          </Button>
        )}
      </section>
    );

  return (
    <section className="pt-card" data-testid="vote-form">
      <h2 className="pt-card-title">{t('vote.title')}</h2>
      <Radio.Group value={option} onChange={(v) => setOption(String(v))}>
        <div className="pt-options" role="radiogroup">
          {p.options.map((o) => (
            <Radio key={o.key} value={o.key} className="pt-option" data-testid={`vote-option-${o.key}`}>
              {o.label}
            </Radio>
          ))}
        </div>
      </Radio.Group>
      <PhoneOrResident
        purpose="vote"
        resident={asResident}
        as="vote.asResident"
        asHelp="vote.asResidentHelp"
        help={<p className="pt-help">{t('vote.rollHelp')}</p>}
        phone={phone}
        code={code}
        onPhone={setPhone}
        onCode={setCode}
      />
      <ErrorNotice error={error} overrides={overrides} testId="vote-error" />
      <Button
        color="primary"
        size="large"
        block
        loading={sending}
        onClick={() => void send()}
        data-testid="vote-submit"
      >
        {t('vote.submit')}
      </Button>
    </section>
  );
}

function ResultView({ p }: { p: Proposal }) {
  const { t, dateTime } = useI18n();
  const r = p.result;
  if (!r)
    return (
      <section className="pt-card">
        <p>{t('proposal.counting')}</p>
      </section>
    );
  const unit = p.eligibility === 'household' ? t('proposal.unit.household') : t('proposal.unit.resident');
  return (
    <section className="pt-card" data-testid="proposal-result" data-passed={String(r.passed)}>
      <div className="pt-result-head">
        <h2 className="pt-card-title">{t('proposal.result')}</h2>
        <span className={r.passed ? 'pt-pass' : 'pt-fail'} data-testid="proposal-outcome">
          {r.passed ? t('proposal.passed') : t('proposal.failed')}
        </span>
      </div>
      <ul className="pt-counts">
        {p.options.map((o) => {
          const n = r.counts[o.key] ?? 0;
          const pct = r.votes ? Math.round((n / r.votes) * 100) : 0;
          return (
            <li key={o.key} data-testid={`count-${o.key}`}>
              <div className="pt-count-head">
                <span>{o.label}</span>
                <span>{t('proposal.countOf', { n, pct })}</span>
              </div>
              <ProgressBar percent={pct} />
            </li>
          );
        })}
      </ul>
      <p data-testid="proposal-turnout">
        {t('proposal.turnout', {
          votes: r.votes,
          eligible: r.eligible,
          unit,
          pct: r.turnout === null ? '—' : Math.round(r.turnout * 1000) / 10,
        })}
      </p>
      <p className="pt-help">{t('proposal.publishedAt', { at: dateTime(r.published_at) })}</p>
    </section>
  );
}

function Comments({ p, onPosted }: { p: Proposal; onPosted: () => void }) {
  const { t, dateTime } = useI18n();
  const me = useResident();
  const asResident = me.status === 'resident' ? me.resident : null;
  const [body, setBody] = useState('');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [posted, setPosted] = useState(false);
  const comments = p.comments ?? [];

  const send = async () => {
    setError(null);
    if (body.trim().length < 2)
      return setError(new LocalError('comment.tooShort.title', 'comment.tooShort.hint'));
    const who = phoneProof(asResident, phone, code);
    if (who instanceof LocalError) return setError(who);
    setSending(true);
    try {
      await portalApi.comment(p.id, { ...who, body: body.trim() });
      setBody('');
      setCode('');
      setPosted(true);
      onPosted();
    } catch (e) {
      me.noteError(e);
      setError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="pt-card" data-testid="comments">
      <h2 className="pt-card-title">{t('comment.title', { n: comments.length })}</h2>
      {comments.length === 0 && <p className="pt-help">{t('comment.none')}</p>}
      <ul className="pt-comments">
        {comments.map((c) => (
          <li key={c.id}>
            <div className="pt-list-sub">
              {t('comment.by', { household: c.household })} · {dateTime(c.at)}
            </div>
            <p className="pt-pre">{c.body}</p>
          </li>
        ))}
      </ul>
      {p.phase === 'consultation' && (
        <div className="pt-comment-form" data-testid="comment-form">
          <label className="pt-field">
            <span className="pt-label">{t('comment.yours')}</span>
            <TextArea
              className="pt-textarea"
              value={body}
              onChange={setBody}
              maxLength={500}
              rows={3}
              showCount
              placeholder={t('comment.placeholder')}
              data-testid="comment-body"
            />
          </label>
          <PhoneOrResident
            purpose="comment"
            resident={asResident}
            as="comment.asResident"
            asHelp="comment.asResidentHelp"
            phone={phone}
            code={code}
            onPhone={setPhone}
            onCode={setCode}
          />
          <ErrorNotice
            error={error}
            overrides={{ ...LOGIN_ENDED, ...(asResident ? NOT_ELIGIBLE_AS_RESIDENT : {}) }}
            testId="comment-error"
          />
          {posted && (
            <p className="pt-note" role="status">
              {t('comment.posted')}
            </p>
          )}
          <Button
            color="primary"
            block
            size="large"
            loading={sending}
            onClick={() => void send()}
            data-testid="comment-submit"
          >
            {t('comment.submit')}
          </Button>
        </div>
      )}
      {p.phase !== 'consultation' && p.phase !== 'announced' && (
        <p className="pt-help">{t('comment.closed')}</p>
      )}
    </section>
  );
}
