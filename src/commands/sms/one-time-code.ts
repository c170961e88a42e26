// One-time codes by SMS (短信验证码) for residents without an account: a 6-digit code, valid for
// 5 minutes, 5 attempts, used once; at most one code a minute per phone and purpose. Only hashes
// are stored (the phone as the sealer's keyed hash, the code as an HMAC with the phone's hash).
import { createHmac, randomInt } from 'node:crypto';
import { AppError, invalid } from '../../domain/errors.ts';
import { insertSmsCode, latestSmsCode, markSmsCode } from '../../store/proposal-store.ts';
import type { AppContext } from '../context.ts';

export const CODE_PURPOSES = ['vote', 'comment', 'report', 'booking', 'login'] as const;
export type CodePurpose = (typeof CODE_PURPOSES)[number];

const VALID_MS = 5 * 60_000;
const RESEND_MS = 60_000;
const MAX_ATTEMPTS = 5;

/** Mainland mobile numbers: 11 digits starting with 1, optional +86. */
export function normalizePhone(raw: string, field = 'phone'): string {
  const p = raw.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  if (!/^1[3-9]\d{9}$/.test(p))
    throw invalid(field, '请输入 11 位手机号码', 'must be an 11-digit mainland mobile number');
  return p;
}

/** A resident's phone as the rolls, the codes and the resident sessions know it: a keyed hash. */
export const residentPhoneHash = (ctx: AppContext, phone: string) => ctx.sealer.hash(phone, 'resident.phone');
const codeHashOf = (phoneHash: string, code: string) =>
  createHmac('sha256', phoneHash).update(code).digest('hex');

export async function sendCode(
  ctx: AppContext,
  rawPhone: string,
  purpose: CodePurpose,
): Promise<{ expires_at: string }> {
  const phone = normalizePhone(rawPhone);
  const phoneHash = residentPhoneHash(ctx, phone);
  const now = ctx.clock.now();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + VALID_MS);
  await ctx.db.tx(async (q) => {
    const last = await latestSmsCode(q, phoneHash, purpose);
    if (last && now.getTime() - last.created_at.getTime() < RESEND_MS)
      throw new AppError('RATE_LIMITED', { details: { retry_after_s: 60 } });
    await insertSmsCode(q, { phoneHash, purpose, codeHash: codeHashOf(phoneHash, code), at: now, expiresAt });
  });
  await ctx.sms.send(phone, `【网格】您的验证码为 ${code}，5 分钟内有效。如非本人操作请忽略。`);
  return { expires_at: expiresAt.toISOString() };
}

/** Checks (and uses up) the latest code; returns the phone's keyed hash. CODE_INVALID otherwise. */
export async function verifyCode(
  ctx: AppContext,
  rawPhone: string,
  code: string,
  purpose: CodePurpose,
): Promise<{ phone: string; phoneHash: string }> {
  const phone = normalizePhone(rawPhone);
  const phoneHash = residentPhoneHash(ctx, phone);
  const now = ctx.clock.now();
  const ok = await ctx.db.tx(async (q) => {
    const last = await latestSmsCode(q, phoneHash, purpose);
    if (!last || last.used_at || last.expires_at <= now || last.attempts >= MAX_ATTEMPTS) return false;
    const good = last.code_hash === codeHashOf(phoneHash, code.trim());
    await markSmsCode(q, last.id, good, now);
    return good;
  });
  if (!ok)
    throw new AppError('CODE_INVALID', {
      issues: [{ field: 'code', zh: '验证码错误或已过期', en: 'is wrong or has expired' }],
    });
  return { phone, phoneHash };
}
