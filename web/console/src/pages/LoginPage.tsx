// Login: username and password. The server's refusal (wrong password with the attempts left,
// account locked until a time, disabled) is shown in the chosen language; so is the reason the
// user came back here (logged out, session expired, idle).
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { useAuth, type Notice } from '../auth/auth-context.tsx';
import { api } from '../api/client.ts';
import { useAsync } from '../../../shared/use-async.ts';
import { useShowError } from '../components/use-show-error.tsx';
import { useI18n, type I18n } from '../i18n/i18n-context.tsx';
import { LanguageSwitch } from '../layout/language-switch.tsx';

interface Fields {
  username: string;
  password: string;
}

function refusalLines(e: ApiError, { t, fmt }: I18n): string[] {
  const left = e.details.attempts_left;
  const until = e.details.locked_until;
  const lines: string[] = [];
  if (typeof left === 'number') lines.push(t('login.attemptsLeft', { n: left }));
  if (typeof until === 'string') lines.push(t('login.lockedUntil', { time: fmt.dateTime(until) }));
  return lines;
}

function NoticeAlert({ notice }: { notice: Notice }) {
  const i18n = useI18n();
  const text = notice.kind === 'error' ? notice.error.text(i18n.lang) : i18n.t(notice.key, notice.vars);
  return (
    <Alert type="info" showIcon message={text} data-testid="login-notice" style={{ marginBottom: 16 }} />
  );
}

export default function LoginPage() {
  const { state, login } = useAuth();
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const showError = useShowError();
  const location = useLocation();
  const navigate = useNavigate();
  const health = useAsync((signal) => api.get<{ mode: string }>('/health', undefined, signal), []);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (state.status === 'authenticated') return <Navigate to={from} replace />;

  const submit = async (v: Fields) => {
    setBusy(true);
    setRefusal(null);
    try {
      await login(v.username.trim(), v.password);
      await navigate(from, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status !== 400 && e.status < 500) setRefusal(e);
      else showError(e, form);
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg, #e6f4ff 0%, #f5f5f5 60%)',
        padding: 16,
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {state.status === 'anonymous' && state.notice && !refusal ? (
          <NoticeAlert notice={state.notice} />
        ) : null}
        {refusal ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="login-error"
            style={{ marginBottom: 16 }}
            message={refusal.text(lang)}
            description={refusalLines(refusal, i18n).join('；') || undefined}
          />
        ) : null}
        <Form<Fields> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        {health.data?.mode === 'demo' ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
            {t('login.demoHint')}
          </Typography.Paragraph>
        ) : null}
      </Card>
    </div>
  );
}
