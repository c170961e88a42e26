// Phone number and one-time code: "get code" sends the SMS (one a minute per phone), then counts
// down before another may be asked for. The caller owns the values and checks them on submit.
import { Button, Input, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import type { CodePurpose } from '../api/portal-api.ts';
import { portalApi } from '../api/portal-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { LocalError } from '../api/explain.ts';

export const normalizePhone = (p: string) => p.replace(/[\s-]/g, '').replace(/^\+?86/, '');
export const isPhone = (p: string) => /^1[3-9]\d{9}$/.test(normalizePhone(p));
export const isCode = (c: string) => /^\d{6}$/.test(c.trim());

export function SmsCodeField({
  purpose,
  phone,
  code,
  onPhone,
  onCode,
  optional = false,
  phoneError,
  codeError,
}: {
  purpose: CodePurpose;
  phone: string;
  code: string;
  onPhone: (v: string) => void;
  onCode: (v: string) => void;
  optional?: boolean;
  phoneError?: string | undefined;
  codeError?: string | undefined;
}) {
  const { t } = useI18n();
  const [left, setLeft] = useState(0);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (left <= 0) return;
    const timer = window.setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [left]);

  const send = async () => {
    setError(null);
    if (!isPhone(phone)) {
      setError(new LocalError('sms.badPhone.title', 'sms.badPhone.hint'));
      return;
    }
    setSending(true);
    try {
      await portalApi.sendCode(normalizePhone(phone), purpose);
      setLeft(60);
      Toast.show({ content: t('sms.sent'), position: 'center' });
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="pt-sms">
      <label className="pt-field">
        <span className="pt-label">
          {t('field.phone')}
          {optional && <span className="pt-optional">{t('common.optional')}</span>}
        </span>
        <Input
          className="pt-input"
          type="tel"
          inputMode="numeric"
          autoComplete="tel"
          maxLength={16}
          placeholder={t('sms.phonePlaceholder')}
          value={phone}
          onChange={onPhone}
          data-testid={`${purpose}-phone`}
          clearable
        />
        {phoneError && <span className="pt-field-error">{phoneError}</span>}
      </label>
      <div className="pt-field">
        <label className="pt-label" htmlFor={`${purpose}-code`}>
          {t('field.code')}
        </label>
        <div className="pt-code-row">
          <Input
            id={`${purpose}-code`}
            className="pt-input"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder={t('sms.codePlaceholder')}
            value={code}
            onChange={(v) => onCode(v.replace(/\D/g, ''))}
            data-testid={`${purpose}-code`}
          />
          <Button
            className="pt-code-button"
            color="primary"
            fill="outline"
            disabled={left > 0}
            loading={sending}
            onClick={() => void send()}
            data-testid={`${purpose}-send-code`}
          >
            {left > 0 ? t('sms.resendIn', { s: left }) : t('sms.getCode')}
          </Button>
        </div>
        {codeError && <span className="pt-field-error">{codeError}</span>}
        <span className="pt-help">{t('sms.help')}</span>
      </div>
      <ErrorNotice error={error} testId={`${purpose}-code-error`} />
    </div>
  );
}
