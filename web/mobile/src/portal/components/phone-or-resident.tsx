// Who a portal form acts as. Logged in: "以 139****5678 的身份投票" — no phone, no code (the server
// takes the session's phone and refuses one sent alongside it) — and how to switch numbers.
// Otherwise: the phone and its SMS code, and a hint that logging in spares the code. The pieces
// are exported for 随手拍, whose name field sits between them; 投票, 意见 and 预约 use the whole.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LocalError, type ExplainOverrides } from '../api/explain.ts';
import type { CodePurpose, Resident } from '../api/portal-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { isCode, isPhone, normalizePhone, SmsCodeField } from './sms-code-field.tsx';

/** A login that ended while the form was open: log in again, or send with phone and code. */
export const LOGIN_ENDED: ExplainOverrides = {
  RESIDENT_SESSION_EXPIRED: { title: 'err.RESIDENT_SESSION_EXPIRED.title', hint: 'resident.expiredHint' },
};

/**
 * What the request carries to say who sends it: nothing when logged in (the server uses the
 * login's phone and refuses one sent alongside), else the phone and its code — a LocalError
 * when either is malformed, so nothing is sent.
 */
export function phoneProof(
  resident: Resident | null,
  phone: string,
  code: string,
): { phone?: string; code?: string } | LocalError {
  if (resident) return {};
  if (!isPhone(phone)) return new LocalError('sms.badPhone.title', 'sms.badPhone.hint');
  if (!isCode(code)) return new LocalError('sms.badCode.title', 'sms.badCode.hint');
  return { phone: normalizePhone(phone), code: code.trim() };
}

/** "以 139****5678 的身份…" and what that means here. */
export function AsResidentNote({
  purpose,
  title,
  help,
}: {
  purpose: CodePurpose;
  title: string;
  help: string;
}) {
  return (
    <div className="pt-note" data-testid={`${purpose}-as-resident`}>
      <strong>{title}</strong>
      <div className="pt-help">{help}</div>
    </div>
  );
}

export function SwitchAccountLink({ purpose }: { purpose: CodePurpose }) {
  const { t } = useI18n();
  return (
    <Link to="/me" className="pt-link-button" data-testid={`${purpose}-switch-account`}>
      {t('resident.switchAccount')}
    </Link>
  );
}

export function LoginHint({ purpose, text }: { purpose: CodePurpose; text: string }) {
  const { t } = useI18n();
  return (
    <p className="pt-help" data-testid={`${purpose}-login-hint`}>
      {text}{' '}
      <Link to="/me" className="pt-inline-link">
        {t('resident.loginLink')}
      </Link>
    </p>
  );
}

/**
 * The logged-in resident's identity, or the phone and code fields. `as` and `asHelp` are the
 * identity line (with {phone}) and its explanation; `help` shows under the code fields only.
 */
export function PhoneOrResident({
  purpose,
  resident,
  as,
  asHelp,
  help,
  phone,
  code,
  onPhone,
  onCode,
}: {
  purpose: CodePurpose;
  resident: Resident | null;
  as: MessageKey;
  asHelp: MessageKey;
  help?: ReactNode;
  phone: string;
  code: string;
  onPhone: (v: string) => void;
  onCode: (v: string) => void;
}) {
  const { t } = useI18n();
  if (resident)
    return (
      <div className="pt-as-resident">
        <AsResidentNote purpose={purpose} title={t(as, { phone: resident.phone_masked })} help={t(asHelp)} />
        <SwitchAccountLink purpose={purpose} />
      </div>
    );
  return (
    <>
      <SmsCodeField purpose={purpose} phone={phone} code={code} onPhone={onPhone} onCode={onCode} />
      {help}
      <LoginHint purpose={purpose} text={t('resident.loginHint')} />
    </>
  );
}
