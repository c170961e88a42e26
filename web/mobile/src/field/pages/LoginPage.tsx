// Login (the session cookie is set by the server). Offline, the first login cannot happen: say so.
import { useEffect, useState } from 'react';
import { Button, Input, List, Selector } from 'antd-mobile';
import { fieldApi, type Me } from '../api/field-api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useI18n, type Lang } from '../i18n/i18n.tsx';
import { listQueue } from '../offline/queue.ts';

export type LoginNotice = 'expired' | 'offline' | 'notField' | null;

export function LoginPage({ notice, onLoggedIn }: { notice: LoginNotice; onLoggedIn: (me: Me) => void }) {
  const { t, lang, setLang } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(0);
  useEffect(() => {
    listQueue().then(
      (items) => setWaiting(items.length),
      () => undefined,
    );
  }, []);

  const logIn = async () => {
    const m = { username: !username.trim(), password: !password };
    setMissing(m);
    if (m.username || m.password) return;
    setBusy(true);
    setFailure(null);
    try {
      await fieldApi.login(username.trim(), password);
      onLoggedIn(await fieldApi.me());
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="field-login" data-testid="page-login">
      <img className="logo" src="/field/icon.svg" alt="" />
      <h1>{t('login.title')}</h1>
      <div className="sub">{t('login.subtitle')}</div>
      {notice === 'expired' && (
        <div className="field-banner warn" style={{ margin: '0 0 12px' }}>
          {t('login.expired')}
        </div>
      )}
      {notice === 'offline' && (
        <div className="field-banner offline" style={{ margin: '0 0 12px' }} data-testid="login-offline">
          {t('login.offline')}
        </div>
      )}
      {notice === 'notField' && (
        <div className="field-error" style={{ margin: '0 0 12px' }} role="alert">
          {t('login.notFieldUser')}
        </div>
      )}
      {waiting > 0 && (
        <div className="field-banner waiting" style={{ margin: '0 0 12px', cursor: 'default' }}>
          {t('login.queueKept', { n: waiting })}
        </div>
      )}
      <form
        className="field-section field-form"
        style={{ margin: 0 }}
        onSubmit={(e) => {
          e.preventDefault();
          void logIn();
        }}
      >
        <List>
          <List.Item
            description={
              missing.username && <span className="field-field-error">{t('login.usernameRequired')}</span>
            }
          >
            <div className="field-muted" style={{ marginBottom: 4 }}>
              {t('login.username')}
            </div>
            <Input
              value={username}
              onChange={setUsername}
              autoComplete="username"
              clearable
              data-testid="login-username"
              onEnterPress={() => void logIn()}
            />
          </List.Item>
          <List.Item
            description={
              missing.password && <span className="field-field-error">{t('login.passwordRequired')}</span>
            }
          >
            <div className="field-muted" style={{ marginBottom: 4 }}>
              {t('login.password')}
            </div>
            <Input
              value={password}
              onChange={setPassword}
              type="password"
              autoComplete="current-password"
              data-testid="login-password"
              onEnterPress={() => void logIn()}
            />
          </List.Item>
        </List>
        <div className="field-actions">
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </div>
      </form>
      {failure !== null && <ErrorNotice error={failure} testId="login-error" />}
      <div className="field-lang-switch">
        <Selector<Lang>
          value={[lang]}
          onChange={(v) => v[0] && setLang(v[0])}
          options={[
            { label: '中文', value: 'zh-CN' },
            { label: 'English', value: 'en' },
          ]}
          data-testid="login-language"
        />
      </div>
    </div>
  );
}
