// 点单: a resident reports a problem from the portal without an account. The phone number is
// optional; when given, a one-time SMS code proves it (so nobody files reports in another's name)
// and the reporter is told the outcome. A logged-in resident (the route resolved their session)
// reports under the session's phone with no code, and must not send phone or code. The answer
// carries the tracking code and token.
import { AppError } from '../../domain/errors.ts';
import type { Crs } from '../../domain/geo/crs.ts';
import { findCaseByIdempotencyKey } from '../../store/case-store.ts';
import type { AppContext } from '../context.ts';
import { intakeCase, type IntakeResult } from '../cases/intake-case.ts';
import type { Resident } from '../residents/resolve-resident-session.ts';
import { verifyCode } from '../sms/one-time-code.ts';
import { trackingToken } from './tracking.ts';

export interface PublicReportInput {
  lng: number;
  lat: number;
  crs: Crs;
  categoryCode?: string | undefined;
  description: string;
  address?: string | undefined;
  photos?: string[] | undefined;
  name?: string | undefined;
  phone?: string | undefined;
  code?: string | undefined;
  idempotencyKey: string;
  channel: 'resident' | 'merchant';
  /** The logged-in resident, when the request carried a live resident session. */
  resident?: Resident | null | undefined;
}

export async function submitPublicReport(
  ctx: AppContext,
  input: PublicReportInput,
): Promise<IntakeResult & { token: string }> {
  // A retried submission returns its case without spending another code.
  const existing = await findCaseByIdempotencyKey(ctx.db, `portal:${input.idempotencyKey}`);
  if (existing)
    return { caseRow: existing, replayed: true, duplicates: [], token: trackingToken(ctx, existing.id) };
  let phone: string | undefined;
  if (input.resident) {
    if (input.phone?.trim() || input.code)
      throw new AppError('VALIDATION_FAILED', {
        issues: [
          {
            field: input.phone?.trim() ? 'phone' : 'code',
            zh: '已登录，无需填写手机号和验证码，将使用登录的手机号',
            en: 'must be left out when logged in: the logged-in phone is used',
          },
        ],
      });
    phone = input.resident.phone;
  } else if (input.phone?.trim()) {
    if (!input.code)
      throw new AppError('VALIDATION_FAILED', {
        issues: [
          { field: 'code', zh: '填写手机号时请输入短信验证码', en: 'is required when a phone is given' },
        ],
      });
    phone = (await verifyCode(ctx, input.phone, input.code, 'report')).phone;
  }
  const r = await intakeCase(
    ctx,
    { client: 'portal' },
    {
      channel: input.channel,
      lng: input.lng,
      lat: input.lat,
      crs: input.crs,
      categoryCode: input.categoryCode,
      description: input.description,
      address: input.address,
      photos: input.photos,
      reporterName: input.name,
      reporterPhone: phone,
      idempotencyKey: input.idempotencyKey,
    },
  );
  return { ...r, token: trackingToken(ctx, r.caseRow.id) };
}
