// Whose phone a public action (report, vote, comment, booking) is made with: the logged-in
// resident's (the route resolved their session; the request must then carry no phone and no code)
// or a phone proved by a one-time SMS code for the action's purpose. A dead session never gets
// here: the route refuses it first (RESIDENT_SESSION_EXPIRED), so nobody silently becomes anonymous.
import { invalid } from '../../domain/errors.ts';
import type { AppContext } from '../context.ts';
import { residentPhoneHash, verifyCode, type CodePurpose } from '../sms/one-time-code.ts';
import type { Resident } from './resolve-resident-session.ts';

/** What a public request brings to say who it is: a live session, or a phone and its code. */
export interface PhoneProof {
  /** The logged-in resident, when the request carried a live resident session. */
  resident?: Resident | null | undefined;
  phone?: string | undefined;
  code?: string | undefined;
}

export interface ProvedPhone {
  /** The normalised 11-digit mobile number. */
  phone: string;
  /** Its keyed hash (sealer purpose 'resident.phone'), as on the rolls and in the SMS codes. */
  phoneHash: string;
}

/**
 * The proved phone: the session's, else the phone whose code (of `purpose`) is right and is spent
 * here. Refuses phone or code alongside a session, a phone without a code, and — unless
 * `optional` (a report may be anonymous; then the answer is null) — no phone at all.
 */
export async function provePhone(
  ctx: AppContext,
  proof: PhoneProof,
  purpose: CodePurpose,
  opts?: { optional?: false },
): Promise<ProvedPhone>;
export async function provePhone(
  ctx: AppContext,
  proof: PhoneProof,
  purpose: CodePurpose,
  opts: { optional: true },
): Promise<ProvedPhone | null>;
export async function provePhone(
  ctx: AppContext,
  proof: PhoneProof,
  purpose: CodePurpose,
  opts: { optional?: boolean } = {},
): Promise<ProvedPhone | null> {
  const phone = proof.phone?.trim();
  if (proof.resident) {
    if (phone || proof.code)
      throw invalid(
        phone ? 'phone' : 'code',
        '已登录，无需填写手机号和验证码，将使用登录的手机号',
        'must be left out when logged in: the logged-in phone is used',
      );
    return { phone: proof.resident.phone, phoneHash: residentPhoneHash(ctx, proof.resident.phone) };
  }
  if (!phone) {
    if (opts.optional) return null;
    throw invalid(
      'phone',
      '请填写手机号并获取短信验证码，或先在“我的”登录',
      'is required (with its SMS code) unless logged in',
    );
  }
  if (!proof.code) throw invalid('code', '填写手机号时请输入短信验证码', 'is required when a phone is given');
  return verifyCode(ctx, phone, proof.code, purpose);
}
