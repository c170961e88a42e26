// 我的: log in with a phone number and an SMS code (no password, no sign-up), see which number is
// logged in (masked), log out, and 我的上报 — every report made with this number, newest first,
// each opening its tracking page. Logged in, reports, votes, comments and bookings need no code.
import { Button, Tag, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { LocalError } from '../api/explain.ts';
import { portalApi, type MyReport, type TrackStep } from '../api/portal-api.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { Loading, PageFrame } from '../components/page-frame.tsx';
import { isCode, isPhone, normalizePhone, SmsCodeField } from '../components/sms-code-field.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { useResident } from '../lib/resident.tsx';
import { useAsync } from '../../../../shared/use-async.ts';

const PAGE = 20;

const STEP: Record<TrackStep, { key: MessageKey; color: string }> = {
  received: { key: 'track.step.received', color: 'default' },
  handling: { key: 'track.step.handling', color: 'primary' },
  done: { key: 'track.step.done', color: 'success' },
  not_accepted: { key: 'me.step.notAccepted', color: 'danger' },
  merged: { key: 'me.step.merged', color: 'default' },
};

export default function MePage() {
  const { t } = useI18n();
  const me = useResident();
  return (
    <PageFrame title={t('me.title')}>
      {me.status === 'checking' && <Loading />}
      {me.status === 'anonymous' && <LoginForm />}
      {me.status === 'resident' && me.resident && (
        <>
          <section className="pt-card pt-me" data-testid="me-card">
            <div className="pt-me-row">
              <div>
                <div className="pt-label">{t('me.loggedInAs')}</div>
                <div className="pt-me-phone" data-testid="me-phone">
                  {me.resident.phone_masked}
                </div>
              </div>
              <LogoutButton />
            </div>
            <p className="pt-help">{t('me.validity')}</p>
          </section>
          <MyReports />
        </>
      )}
    </PageFrame>
  );
}

function LoginForm() {
  const { t } = useI18n();
  const me = useResident();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    setError(null);
    if (!isPhone(phone)) return setError(new LocalError('sms.badPhone.title', 'sms.badPhone.hint'));
    if (!isCode(code)) return setError(new LocalError('sms.badCode.title', 'sms.badCode.hint'));
    setSending(true);
    try {
      await me.login(normalizePhone(phone), code.trim());
      Toast.show({ content: t('me.loginDone'), position: 'center' });
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      {me.expired && (
        <p className="pt-note pt-note-warn" role="status" data-testid="me-expired">
          {t('me.expired')}
        </p>
      )}
      <p className="pt-intro">{t('me.intro')}</p>
      <form
        className="pt-card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 className="pt-card-title">{t('me.loginTitle')}</h2>
        <SmsCodeField purpose="login" phone={phone} code={code} onPhone={setPhone} onCode={setCode} />
        <ErrorNotice error={error} testId="login-error" />
        <Button
          type="submit"
          color="primary"
          size="large"
          block
          loading={sending}
          className="pt-gap"
          data-testid="login-submit"
        >
          {t('me.login')}
        </Button>
        <p className="pt-help">{t('me.privacy')}</p>
      </form>
      <p className="pt-help pt-center">
        {t('me.noAccount')}{' '}
        <Link to="/report" className="pt-inline-link">
          {t('me.reportWithout')}
        </Link>
      </p>
    </>
  );
}

function LogoutButton() {
  const { t } = useI18n();
  const me = useResident();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <div>
      <Button
        fill="outline"
        className="pt-me-logout"
        loading={busy}
        data-testid="logout"
        onClick={() => {
          setBusy(true);
          setError(null);
          me.logout().then(
            () => Toast.show({ content: t('me.logoutDone'), position: 'center' }),
            (e: unknown) => {
              setError(e);
              setBusy(false);
            },
          );
        }}
      >
        {t('me.logout')}
      </Button>
      <ErrorNotice error={error} testId="logout-error" />
    </div>
  );
}

function MyReports() {
  const { t } = useI18n();
  const me = useResident();
  const first = useAsync((s) => portalApi.myReports({ limit: PAGE }, s), [me.resident?.phone_masked]);
  const [more, setMore] = useState<{ items: MyReport[]; next: string | null } | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.next : (first.data?.next ?? null);
  const { noteError } = me;
  useEffect(() => noteError(first.error), [first.error, noteError]);

  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const r = await portalApi.myReports({ before: next, limit: PAGE });
      setMore({ items: [...(more?.items ?? []), ...r.items], next: r.next });
    } catch (e) {
      noteError(e);
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section className="pt-card" data-testid="me-reports">
      <h2 className="pt-card-title">{t('me.reports')}</h2>
      {first.loading && !first.data && <Loading />}
      <ErrorNotice error={first.error} onRetry={first.reload} />
      {first.data && items.length === 0 && (
        <div className="pt-empty">
          <p>{t('me.none')}</p>
          <Link className="pt-link-button pt-link-primary" to="/report">
            {t('me.reportNow')}
          </Link>
        </div>
      )}
      <ul className="pt-list">
        {items.map((r) => (
          <li key={r.code}>
            <Link
              className="pt-list-link"
              to={`/track/${r.code}?t=${encodeURIComponent(r.token)}`}
              state={{ from: '/me' }}
              data-testid="me-report"
              data-code={r.code}
              data-step={r.step}
            >
              <span className="pt-me-report-head">
                <span className="pt-list-main pt-me-summary">{r.summary}</span>
                <Tag color={STEP[r.step].color} fill="outline" className="pt-me-tag">
                  {t(STEP[r.step].key)}
                </Tag>
              </span>
              <span className="pt-list-sub">
                {r.category ?? t('track.categoryPending')} · {r.code}
              </span>
              <ReportDates r={r} />
            </Link>
          </li>
        ))}
      </ul>
      <ErrorNotice error={moreError} onRetry={() => void loadMore()} />
      {next && (
        <Button block onClick={() => void loadMore()} loading={loadingMore} className="pt-gap">
          {t('me.more')}
        </Button>
      )}
    </section>
  );
}

function ReportDates({ r }: { r: MyReport }) {
  const { t, dateTime } = useI18n();
  return (
    <span className="pt-list-sub">
      {r.steps.done
        ? t('me.reportedDone', { reported: dateTime(r.steps.received), done: dateTime(r.steps.done) })
        : t('me.reportedAt', { at: dateTime(r.steps.received) })}
      {r.can_rate && <span className="pt-me-rate">{t('me.canRate')}</span>}
    </span>
  );
}
