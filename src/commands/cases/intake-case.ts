// Intake from any channel (grid worker, resident, merchant, hotline, sensor, upper level, Open311):
// validates, locates the point to its grid, seals the reporter's contact, and records the case as
// `reported` with its first event and an outbox message — once per idempotency key: a retried
// submission returns the case it already made. Refuses points outside the jurisdiction, unknown
// categories and unknown or foreign photos.
import { AppError, type FieldIssue } from '../../domain/errors.ts';
import type { Crs } from '../../domain/geo/crs.ts';
import { localDateOf } from '../../domain/calendar/local-date.ts';
import {
  appendCaseEvent,
  appendOutbox,
  findCaseByIdempotencyKey,
  insertCase,
  nextCaseCode,
  type CaseRow,
} from '../../store/case-store.ts';
import { findCategory } from '../../store/category-store.ts';
import { attachToCase } from '../../store/attachment-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { CHANNELS, type Channel } from '../../domain/cases/channels.ts';

export interface IntakeInput {
  channel: Channel;
  lng: number;
  lat: number;
  crs: Crs;
  categoryCode?: string | undefined;
  urgency?: 'normal' | 'urgent' | undefined;
  title?: string | undefined;
  description: string;
  address?: string | undefined;
  photos?: string[] | undefined;
  reporterName?: string | undefined;
  reporterPhone?: string | undefined;
  idempotencyKey: string;
}

/** Who submits: a logged-in user, or an outside client (Open311 key, sensor gateway). */
export type Submitter = { actor: Actor } | { client: string };

export interface IntakeResult {
  caseRow: CaseRow;
  replayed: boolean;
}

export async function intakeCase(ctx: AppContext, who: Submitter, input: IntakeInput): Promise<IntakeResult> {
  const issues: FieldIssue[] = [];
  if (!CHANNELS.includes(input.channel))
    issues.push({ field: 'channel', zh: '未知的上报渠道', en: 'unknown channel' });
  const description = input.description.trim();
  if (!description) issues.push({ field: 'description', zh: '问题描述不能为空', en: 'must not be empty' });
  if (!/^[A-Za-z0-9_.:-]{8,100}$/.test(input.idempotencyKey)) {
    issues.push({
      field: 'idempotency_key',
      zh: '应为 8–100 位字母、数字或 _.:-',
      en: 'must be 8–100 letters, digits or _.:-',
    });
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
  const key = `${'actor' in who ? who.actor.userId : who.client}:${input.idempotencyKey}`;
  const existing = await findCaseByIdempotencyKey(ctx.db, key);
  if (existing) return { caseRow: existing, replayed: true };

  const category = input.categoryCode ? await findCategory(ctx.db, input.categoryCode) : undefined;
  if (input.categoryCode && (!category || !category.active)) {
    throw new AppError('CATEGORY_NOT_FOUND', {
      issues: [
        {
          field: 'category_code',
          zh: `案件类别 ${input.categoryCode} 不存在或已停用`,
          en: `no active category ${input.categoryCode}`,
        },
      ],
    });
  }
  const loc = await ctx.locator.locate(input.lng, input.lat, input.crs);
  const now = ctx.clock.now();
  const phone = input.reporterPhone?.trim() || null;
  const name = input.reporterName?.trim() || null;
  const actorName = 'actor' in who ? who.actor.displayName : who.client;

  const made = await ctx.db.tx(async (q) => {
    const code = await nextCaseCode(q, ctx.config.cityCode, localDateOf(now));
    const id = await insertCase(q, {
      code,
      channel: input.channel,
      state: 'reported',
      category_code: category?.code ?? null,
      urgency: input.urgency ?? 'normal',
      title: (input.title?.trim() || description).slice(0, 40),
      description,
      address: input.address?.trim() || null,
      lng: loc.lng,
      lat: loc.lat,
      grid_code: loc.grid.code,
      region_code: loc.village.code,
      reporter_name_sealed: name ? ctx.sealer.seal(name, 'case.reporter_name') : null,
      reporter_phone_sealed: phone ? ctx.sealer.seal(phone, 'case.reporter_phone') : null,
      reporter_phone_hash: phone ? ctx.sealer.hash(phone, 'case.reporter_phone') : null,
      reporter_user_id: 'actor' in who ? who.actor.userId : null,
      idempotency_key: key,
      reported_at: now,
    });
    if (!id) return null; // a concurrent retry won the race: fall through to the replay below
    const photos = input.photos ?? [];
    if (photos.length) await attachToCase(q, id, photos, 'actor' in who ? who.actor.userId : null);
    await appendCaseEvent(q, {
      caseId: id,
      at: now,
      actorId: 'actor' in who ? who.actor.userId : null,
      actorName,
      actorRole: 'actor' in who ? (who.actor.roles[0] ?? null) : 'client',
      action: 'report',
      fromState: null,
      toState: 'reported',
      attachments: photos,
      data: { channel: input.channel, grid: loc.grid.code, crs: input.crs },
    });
    await appendOutbox(q, {
      topic: 'case.reported',
      key: id,
      payload: { id, code, channel: input.channel, grid: loc.grid.code },
      at: now,
    });
    return id;
  });
  const row = await findCaseByIdempotencyKey(ctx.db, key);
  if (!row) throw new AppError('INTERNAL');
  return { caseRow: row, replayed: made === null };
}
