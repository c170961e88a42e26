// Intake from any channel (grid worker, resident, merchant, hotline, sensor, upper level, Open311):
// validates, locates the point to its grid, seals the reporter's contact, and records the case as
// `reported` with its first event and an outbox message — once per idempotency key: a retried
// submission returns the case it already made. Refuses points outside the jurisdiction, unknown
// categories and unknown or foreign photos.
import { AppError, type FieldIssue } from '../../domain/errors.ts';
import type { Crs } from '../../domain/geo/crs.ts';
import { deadlineFor, parseTimeLimit } from '../../domain/calendar/time-limit.ts';
import { loadWorkingCalendar } from '../calendar/load-working-calendar.ts';
import { localDateOf } from '../../domain/calendar/local-date.ts';
import { CHANNELS, type Channel } from '../../domain/cases/channels.ts';
import { attachToCase } from '../../store/attachment-store.ts';
import {
  findCaseByIdempotencyKey,
  insertReportedCase,
  type CaseRow,
  type DuplicateCandidate,
  type NewCase,
} from '../../store/case-store.ts';
import { duplicateWindow, findDuplicates, rankDuplicates, type Duplicate } from './find-duplicates.ts';
import type { Actor, AppContext } from '../context.ts';
import { cachedCategory } from '../categories/category-cache.ts';

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
  /** Likely duplicates (open, same category, within the radius), nearest first. */
  duplicates: Duplicate<DuplicateCandidate>[];
}

function checkInput(input: IntakeInput): void {
  const issues: FieldIssue[] = [];
  if (!CHANNELS.includes(input.channel))
    issues.push({ field: 'channel', zh: '未知的上报渠道', en: 'unknown channel' });
  if (!input.description.trim())
    issues.push({ field: 'description', zh: '问题描述不能为空', en: 'must not be empty' });
  if (!/^[A-Za-z0-9_.:-]{8,100}$/.test(input.idempotencyKey)) {
    issues.push({
      field: 'idempotency_key',
      zh: '应为 8–100 位字母、数字或 _.:-',
      en: 'must be 8–100 letters, digits or _.:-',
    });
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
}

export async function intakeCase(ctx: AppContext, who: Submitter, input: IntakeInput): Promise<IntakeResult> {
  checkInput(input);
  const actor = 'actor' in who ? who.actor : null;
  const client = 'client' in who ? who.client : null;
  const key = `${actor?.userId ?? client}:${input.idempotencyKey}`;
  const category = input.categoryCode ? await cachedCategory(ctx.db, input.categoryCode) : undefined;
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
  // 核实: reports from the configured channels go to the grid's inspector first, with a time limit.
  const verify = ctx.config.verifyChannels.includes(input.channel);
  const verifyDue = verify
    ? deadlineFor(now, parseTimeLimit(ctx.config.verifyLimit), await loadWorkingCalendar(ctx))
    : null;
  const phone = input.reporterPhone?.trim() || null;
  const name = input.reporterName?.trim() || null;
  const description = input.description.trim();
  const row: NewCase = {
    channel: input.channel,
    state: verify ? 'verifying' : 'reported',
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
    reporter_user_id: actor?.userId ?? null,
    idempotency_key: key,
    reported_at: now,
    step_deadline_at: verifyDue,
  };
  const photos = input.photos ?? [];
  const event = {
    actorId: actor?.userId ?? null,
    actorName: actor?.displayName ?? client ?? '',
    actorRole: actor ? (actor.roles[0] ?? null) : 'client',
    attachments: photos,
    data: {
      channel: input.channel,
      grid: loc.grid.code,
      crs: input.crs,
      ...(verifyDue ? { sent_to_verify: true, step_deadline_at: verifyDue.toISOString() } : {}),
    },
  };
  const day = localDateOf(now);
  // The duplicate search rides in the intake statement: one round trip for both.
  const dup = category ? duplicateWindow(ctx, category.code, loc.lng, loc.lat) : undefined;
  // Without photos the whole intake is one atomic statement; with photos, one transaction that
  // also binds them (and rolls everything back if one is not the submitter's).
  const made = photos.length
    ? await ctx.db.tx(async (q) => {
        const c = await insertReportedCase(q, row, ctx.config.cityCode, day, event, dup);
        if (c) await attachToCase(q, c.id, photos, actor?.userId ?? null);
        return c;
      })
    : await insertReportedCase(ctx.db, row, ctx.config.cityCode, day, event, dup);
  if (made) {
    const { duplicate_candidates: candidates, ...caseRow } = made;
    return { caseRow, replayed: false, duplicates: rankDuplicates(ctx, caseRow, candidates) };
  }
  const existing = await findCaseByIdempotencyKey(ctx.db, key);
  if (!existing) throw new AppError('INTERNAL');
  return { caseRow: existing, replayed: true, duplicates: await findDuplicates(ctx, existing) };
}
