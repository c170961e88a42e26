// 点单: a resident reports a problem from the portal without an account. The phone number is
// optional; when given, a one-time SMS code proves it (so nobody files reports in another's name)
// and the reporter is told the outcome. A logged-in resident (the route resolved their session)
// reports under the session's phone with no code, and must not send phone or code. The answer
// carries the tracking code and token.
import type { Crs } from '../../domain/geo/crs.ts';
import { findCaseByIdempotencyKey } from '../../store/case-store.ts';
import type { AppContext } from '../context.ts';
import { intakeCase, type IntakeResult } from '../cases/intake-case.ts';
import { provePhone, type PhoneProof } from '../residents/prove-phone.ts';
import { trackingToken } from './tracking.ts';

export interface PublicReportInput extends PhoneProof {
  lng: number;
  lat: number;
  crs: Crs;
  categoryCode?: string | undefined;
  description: string;
  address?: string | undefined;
  photos?: string[] | undefined;
  name?: string | undefined;
  idempotencyKey: string;
  channel: 'resident' | 'merchant';
}

export async function submitPublicReport(
  ctx: AppContext,
  input: PublicReportInput,
): Promise<IntakeResult & { token: string }> {
  // A retried submission returns its case without spending another code.
  const existing = await findCaseByIdempotencyKey(ctx.db, `portal:${input.idempotencyKey}`);
  if (existing)
    return { caseRow: existing, replayed: true, duplicates: [], token: trackingToken(ctx, existing.id) };
  const proved = await provePhone(ctx, input, 'report', { optional: true });
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
      reporterPhone: proved?.phone,
      idempotencyKey: input.idempotencyKey,
    },
  );
  return { ...r, token: trackingToken(ctx, r.caseRow.id) };
}
