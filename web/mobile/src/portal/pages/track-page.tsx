// 查进度: a report by its tracking code and token (the link shown after reporting opens it
// directly) — the public steps with their times, what was reported and where (to the grid), the
// result and the photos taken after handling once published, and the rating (满意 / 基本满意 /
// 不满意) after closing; 不满意 sends the case back for handling again. Without a code: a form, and
// the reports this browser has sent.
import { Button, ImageViewer, Input, Selector, Steps, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { LocalError } from '../api/explain.ts';
import { portalApi, type Satisfaction, type Track } from '../api/portal-api.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { Loading, PageFrame } from '../components/page-frame.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { myReports } from '../lib/storage.ts';
import { useAsync } from '../../../../shared/use-async.ts';

const CODE_RE = /^\d{4}-\d{8}-\d{7}$/;
const TOKEN_RE = /^[A-Za-z0-9_-]{22}$/;

const NOT_FOUND = {
  CASE_NOT_FOUND: { title: 'track.notFound.title', hint: 'track.notFound.hint' },
  VALIDATION_FAILED: { title: 'track.notFound.title', hint: 'track.notFound.hint' },
} as const;

const SATISFACTION: Record<Satisfaction, MessageKey> = {
  satisfied: 'rate.satisfied',
  basically_satisfied: 'rate.basically',
  dissatisfied: 'rate.dissatisfied',
};

export default function TrackPage() {
  const { code } = useParams();
  const [search] = useSearchParams();
  const token = search.get('t') ?? '';
  if (code) return <TrackView key={`${code}:${token}`} code={code} token={token} />;
  return <TrackForm />;
}

/** Accepts a code, or a whole tracking link pasted into the code box. */
function parseInput(codeIn: string, tokenIn: string): { code: string; token: string } {
  const m = /track\/(\d{4}-\d{8}-\d{7})\?t=([A-Za-z0-9_-]{22})/.exec(codeIn);
  if (m) return { code: m[1]!, token: m[2]! };
  return { code: codeIn.trim(), token: tokenIn.trim() };
}

function TrackForm() {
  const { t, dateTime } = useI18n();
  const navigate = useNavigate();
  const [codeIn, setCodeIn] = useState('');
  const [tokenIn, setTokenIn] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [mine] = useState(() => myReports.list());

  const go = () => {
    const { code, token } = parseInput(codeIn, tokenIn);
    if (!CODE_RE.test(code)) return setError(new LocalError('track.badCode.title', 'track.badCode.hint'));
    if (!TOKEN_RE.test(token)) return setError(new LocalError('track.badToken.title', 'track.badToken.hint'));
    setError(null);
    void navigate(`/track/${code}?t=${encodeURIComponent(token)}`);
  };

  return (
    <PageFrame title={t('track.title')}>
      {mine.length > 0 && (
        <section className="pt-card" data-testid="my-reports">
          <h2 className="pt-card-title">{t('track.mine')}</h2>
          <ul className="pt-list">
            {mine.map((r) => (
              <li key={r.code}>
                <Link className="pt-list-link" to={`/track/${r.code}?t=${encodeURIComponent(r.token)}`}>
                  <span className="pt-list-main">{r.summary || r.code}</span>
                  <span className="pt-list-sub">
                    {r.code} · {dateTime(r.at)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form
        className="pt-card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <h2 className="pt-card-title">{t('track.byCode')}</h2>
        <label className="pt-field">
          <span className="pt-label">{t('track.code')}</span>
          <Input
            className="pt-input"
            placeholder="3506-20260310-0000123"
            value={codeIn}
            onChange={setCodeIn}
            data-testid="track-code"
            clearable
          />
        </label>
        <label className="pt-field">
          <span className="pt-label">{t('track.token')}</span>
          <Input
            className="pt-input"
            placeholder={t('track.tokenPlaceholder')}
            value={tokenIn}
            onChange={setTokenIn}
            data-testid="track-token"
            clearable
          />
        </label>
        <p className="pt-help">{t('track.formHelp')}</p>
        <ErrorNotice error={error} testId="track-error" />
        <Button type="submit" color="primary" size="large" block data-testid="track-submit">
          {t('track.search')}
        </Button>
      </form>
    </PageFrame>
  );
}

function TrackView({ code, token }: { code: string; token: string }) {
  const { t, dateTime } = useI18n();
  // Opened from 我的上报: the back arrow returns there.
  const from: unknown = useLocation().state;
  const back =
    typeof from === 'object' && from !== null && (from as { from?: unknown }).from === '/me'
      ? '/me'
      : '/track';
  const badLink = !CODE_RE.test(code) || !TOKEN_RE.test(token);
  const data = useAsync(
    (s) =>
      badLink
        ? Promise.reject(new LocalError('track.badLink.title', 'track.badLink.hint'))
        : portalApi.track(code, token, s),
    [code, token],
  );
  const [viewer, setViewer] = useState<number | null>(null);
  const tr = data.data;

  return (
    <PageFrame title={t('track.title')} back={back}>
      {data.loading && !tr && <Loading />}
      <ErrorNotice
        error={data.error}
        onRetry={badLink ? undefined : data.reload}
        overrides={NOT_FOUND}
        testId="track-error"
      />
      {data.error !== undefined && (
        <Link className="pt-link-button" to="/track">
          {t('track.another')}
        </Link>
      )}
      {tr && (
        <>
          <section className="pt-card" data-testid="track-view" data-step={tr.step}>
            <div className="pt-label">{t('track.code')}</div>
            <div className="pt-big-code">{tr.code}</div>
            <StepView tr={tr} />
            {tr.merged_into && <p className="pt-note">{t('track.merged', { code: tr.merged_into })}</p>}
            {tr.step === 'not_accepted' && (
              <p className="pt-note pt-note-warn">
                {t('track.notAccepted')}
                {tr.not_accepted_reason ? `：${tr.not_accepted_reason}` : ''}
              </p>
            )}
          </section>
          <section className="pt-card">
            <h2 className="pt-card-title">{t('track.what')}</h2>
            <dl className="pt-dl">
              <dt>{t('field.category')}</dt>
              <dd>{tr.category ?? t('track.categoryPending')}</dd>
              <dt>{t('track.place')}</dt>
              <dd>{tr.place || '—'}</dd>
              <dt>{t('field.description')}</dt>
              <dd className="pt-pre">{tr.description}</dd>
            </dl>
          </section>
          <section className="pt-card" data-testid="track-result">
            <h2 className="pt-card-title">{t('track.result')}</h2>
            {tr.result ? (
              <>
                <p className="pt-pre" data-testid="track-result-text">
                  {tr.result}
                </p>
                {tr.after_photos.length > 0 && (
                  <>
                    <div className="pt-label">{t('track.afterPhotos')}</div>
                    <div className="pt-photo-grid">
                      {tr.after_photos.map((id, i) => (
                        <button
                          type="button"
                          key={id}
                          className="pt-photo pt-photo-button"
                          onClick={() => setViewer(i)}
                          aria-label={t('photo.alt', { n: i + 1 })}
                        >
                          <img
                            src={portalApi.photoUrl(id)}
                            alt={t('photo.alt', { n: i + 1 })}
                            loading="lazy"
                            decoding="async"
                            data-testid="after-photo"
                          />
                        </button>
                      ))}
                    </div>
                    <ImageViewer.Multi
                      images={tr.after_photos.map(portalApi.photoUrl)}
                      visible={viewer !== null}
                      defaultIndex={viewer ?? 0}
                      onClose={() => setViewer(null)}
                    />
                  </>
                )}
              </>
            ) : (
              <p className="pt-help">{tr.step === 'done' ? t('track.resultSoon') : t('track.resultLater')}</p>
            )}
          </section>
          <Rating tr={tr} token={token} onRated={data.reload} />
          <Button block onClick={data.reload} loading={data.loading} className="pt-gap">
            {t('track.refresh')}
          </Button>
          <p className="pt-help pt-center">
            {t('track.updated', { at: dateTime(new Date().toISOString()) })}
          </p>
        </>
      )}
    </PageFrame>
  );
}

function StepView({ tr }: { tr: Track }) {
  const { t, dateTime } = useI18n();
  const current = tr.step === 'done' ? 2 : tr.step === 'handling' ? 1 : 0;
  const items: { key: MessageKey; at: string | null }[] = [
    { key: 'track.step.received', at: tr.steps.received },
    { key: 'track.step.handling', at: tr.steps.handling },
    { key: 'track.step.done', at: tr.steps.done },
  ];
  return (
    <Steps direction="vertical" current={current} className="pt-steps">
      {items.map((s, i) => (
        <Steps.Step
          key={s.key}
          title={t(s.key)}
          description={s.at ? dateTime(s.at) : i > current ? t('track.step.waiting') : ''}
          status={
            tr.step === 'not_accepted' && i > 0
              ? 'error'
              : i < current || (i === current && tr.step === 'done')
                ? 'finish'
                : i === current
                  ? 'process'
                  : 'wait'
          }
        />
      ))}
    </Steps>
  );
}

function Rating({ tr, token, onRated }: { tr: Track; token: string; onRated: () => void }) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<Satisfaction | null>(null);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<{ reopened: boolean } | null>(null);

  if (outcome)
    return (
      <section
        className={`pt-card ${outcome.reopened ? 'pt-note-warn' : 'pt-success'}`}
        data-testid="rating-done"
        data-reopened={String(outcome.reopened)}
        role="status"
      >
        <h2 className="pt-card-title">{outcome.reopened ? t('rate.reopened.title') : t('rate.thanks')}</h2>
        {outcome.reopened && <p>{t('rate.reopened.body')}</p>}
      </section>
    );
  if (tr.satisfaction)
    return (
      <section className="pt-card">
        <h2 className="pt-card-title">{t('rate.title')}</h2>
        <p>{t('rate.yours', { s: t(SATISFACTION[tr.satisfaction]) })}</p>
      </section>
    );
  if (!tr.can_rate) return null;

  const send = async () => {
    if (!choice) return setError(new LocalError('rate.choose.title', 'rate.choose.hint'));
    setSending(true);
    setError(null);
    try {
      const r = await portalApi.rate(tr.code, token, choice, comment.trim() || undefined);
      setOutcome(r);
      onRated();
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="pt-card" data-testid="rating">
      <h2 className="pt-card-title">{t('rate.title')}</h2>
      <p className="pt-help">{t('rate.help')}</p>
      <Selector
        className="pt-selector"
        columns={3}
        options={(Object.keys(SATISFACTION) as Satisfaction[]).map((k) => ({
          label: t(SATISFACTION[k]),
          value: k,
        }))}
        value={choice ? [choice] : []}
        onChange={(v) => setChoice(v[0] ?? null)}
      />
      {choice === 'dissatisfied' && <p className="pt-note pt-note-warn">{t('rate.dissatisfiedNote')}</p>}
      <label className="pt-field">
        <span className="pt-label">
          {t('field.comment')}
          <span className="pt-optional">{t('common.optional')}</span>
        </span>
        <TextArea
          className="pt-textarea"
          value={comment}
          onChange={setComment}
          maxLength={500}
          rows={2}
          placeholder={t('rate.commentPlaceholder')}
        />
      </label>
      <ErrorNotice error={error} testId="rating-error" />
      <Button
        color="primary"
        block
        size="large"
        loading={sending}
        onClick={() => void send()}
        data-testid="rating-submit"
      >
        {t('rate.submit')}
      </Button>
    </section>
  );
}
