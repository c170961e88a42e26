// Cases: intake, list (scoped, filtered, cursor-paginated), one case with its timeline and the
// actions the caller may take, lifecycle actions, duplicate suggestions, and photos.
import { loadWorkingCalendar } from '../../commands/calendar/load-working-calendar.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actOnCase } from '../../commands/cases/act-on-case.ts';
import { toCaseView, toEventView } from '../../commands/cases/case-view.ts';
import { findDuplicates } from '../../commands/cases/find-duplicates.ts';
import { getCase } from '../../commands/cases/get-case.ts';
import { intakeCase } from '../../commands/cases/intake-case.ts';
import type { AppContext } from '../../commands/context.ts';
import { uploadPhoto } from '../../commands/files/upload-photo.ts';
import { revealField } from '../../commands/personal/reveal.ts';
import { CHANNELS } from '../../domain/cases/channels.ts';
import { CASE_ACTIONS, CASE_STATES } from '../../domain/cases/lifecycle.ts';
import { parseCrs } from '../../domain/geo/crs.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import { scopePrefix } from '../../domain/regions/region-code.ts';
import { scopePatterns } from '../../domain/regions/scope.ts';
import { findAttachment } from '../../store/attachment-store.ts';
import { countQueues, findCase, listCases } from '../../store/case-store.ts';
import { QUEUES, QUEUE_FILTERS, queuesFor } from '../../domain/cases/queues.ts';
import { actorOf } from '../plugins/auth.ts';
import { RegionCodeParam, StringEnum } from './common-schemas.ts';

const Uuid = Type.String({ format: 'uuid' });
const PhotoIds = Type.Array(Uuid, { maxItems: 9, uniqueItems: true });

export function caseRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/cases',
      {
        config: { access: 'cases:report' },
        schema: {
          tags: ['cases'],
          summary: '上报 Report a problem (intake); idempotent per idempotency_key',
          body: Type.Object(
            {
              channel: StringEnum(CHANNELS),
              lng: Type.Number({ minimum: -180, maximum: 180 }),
              lat: Type.Number({ minimum: -90, maximum: 90 }),
              crs: Type.String({ default: 'wgs84' }),
              category_code: Type.Optional(Type.String({ pattern: '^[0-9]{4,6}$' })),
              urgency: Type.Optional(StringEnum(['normal', 'urgent'] as const)),
              title: Type.Optional(Type.String({ maxLength: 100 })),
              description: Type.String({ minLength: 1, maxLength: 2000 }),
              address: Type.Optional(Type.String({ maxLength: 200 })),
              photos: Type.Optional(PhotoIds),
              reporter_name: Type.Optional(Type.String({ maxLength: 50 })),
              reporter_phone: Type.Optional(Type.String({ pattern: '^[0-9+ -]{5,20}$' })),
              idempotency_key: Type.String({ minLength: 8, maxLength: 100 }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const b = req.body;
        const actor = actorOf(req);
        const r = await intakeCase(
          ctx,
          { actor },
          {
            channel: b.channel,
            lng: b.lng,
            lat: b.lat,
            crs: parseCrs(b.crs, 'body.crs'),
            categoryCode: b.category_code,
            urgency: b.urgency,
            title: b.title,
            description: b.description,
            address: b.address,
            photos: b.photos,
            reporterName: b.reporter_name,
            reporterPhone: b.reporter_phone,
            idempotencyKey: b.idempotency_key,
          },
        );
        const dups = r.duplicates;
        void reply.status(r.replayed ? 200 : 201);
        return {
          case: toCaseView(ctx, r.caseRow, actor, await loadWorkingCalendar(ctx)),
          replayed: r.replayed,
          possible_duplicates: dups.map((d) => ({
            id: d.case.id,
            code: d.case.code,
            title: d.case.title,
            state: d.case.state,
            distance_m: d.distance_m,
          })),
        };
      },
    );

    app.get(
      '/cases',
      {
        config: { access: 'cases:read' },
        schema: {
          tags: ['cases'],
          summary: '案件列表 Cases in my scope, newest first',
          querystring: Type.Object({
            state: Type.Optional(Type.Array(StringEnum(CASE_STATES))),
            queue: Type.Optional(StringEnum(QUEUES)),
            category: Type.Optional(Type.String({ pattern: '^[0-9]{4,6}$' })),
            region: Type.Optional(RegionCodeParam),
            unit: Type.Optional(Type.String({ maxLength: 64 })),
            colour: Type.Optional(StringEnum(['green', 'yellow', 'red'] as const)),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            q: Type.Optional(Type.String({ maxLength: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 100 })),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          }),
        },
      },
      async (req) => {
        const q = req.query;
        const actor = actorOf(req);
        let before: { at: Date; id: string } | undefined;
        if (q.cursor) {
          const [at, id] = q.cursor.split('_');
          if (!at || !id || Number.isNaN(Date.parse(at)))
            throw invalid('query.cursor', '分页游标无效', 'is not a valid cursor');
          before = { at: new Date(at), id };
        }
        const handlerOnly = actor.roles.every((r) => r === 'handler');
        const cal = await loadWorkingCalendar(ctx);
        const queue = q.queue ? QUEUE_FILTERS[q.queue] : undefined;
        const rows = await listCases(ctx.db, {
          scopePatterns: handlerOnly ? ['%'] : scopePatterns(actor.scope),
          unitIds: handlerOnly ? actor.unitIds : undefined,
          states: queue ? queue.states.filter((s) => !q.state || q.state.includes(s)) : q.state,
          pending: queue?.pending,
          categoryCode: q.category,
          regionPrefix: q.region ? scopePrefix(q.region) : undefined,
          unitId: q.unit,
          colour: queue?.colour ?? q.colour,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
          text: q.q,
          before,
          limit: q.limit,
        });
        const last = rows.length === q.limit ? rows[rows.length - 1] : undefined;
        return {
          items: rows.map((c) => toCaseView(ctx, c, actor, cal)),
          next: last ? `${last.reported_at.toISOString()}_${last.id}` : null,
        };
      },
    );

    app.get(
      '/cases/queues',
      {
        config: { access: 'cases:read' },
        schema: { tags: ['cases'], summary: '工作台待办 My work queues with counts' },
      },
      async (req) => {
        const actor = actorOf(req);
        const handlerOnly = actor.roles.every((r) => r === 'handler');
        const queues = queuesFor(actor.roles);
        const counts = await countQueues(ctx.db, queues, {
          scopePatterns: handlerOnly ? ['%'] : scopePatterns(actor.scope),
          unitIds: handlerOnly ? actor.unitIds : undefined,
        });
        return { queues: queues.map((queue) => ({ queue, count: counts[queue] ?? 0 })) };
      },
    );

    app.get(
      '/cases/:id',
      {
        config: { access: 'cases:read' },
        schema: { tags: ['cases'], params: Type.Object({ id: Type.String({ maxLength: 40 }) }) },
      },
      async (req) => {
        const actor = actorOf(req);
        const { caseRow, events } = await getCase(ctx, actor, req.params.id);
        const cal = await loadWorkingCalendar(ctx);
        return { case: toCaseView(ctx, caseRow, actor, cal), timeline: events.map(toEventView) };
      },
    );

    app.get(
      '/cases/:id/duplicates',
      {
        config: { access: 'cases:read' },
        schema: { tags: ['cases'], summary: '疑似重复 Likely duplicates', params: Type.Object({ id: Uuid }) },
      },
      async (req) => {
        const { caseRow } = await getCase(ctx, actorOf(req), req.params.id);
        const dups = await findDuplicates(ctx, caseRow);
        return {
          items: dups.map((d) => ({ ...toCaseView(ctx, d.case, actorOf(req)), distance_m: d.distance_m })),
        };
      },
    );

    app.post(
      '/cases/:id/actions/:action',
      {
        config: { access: 'cases:act' },
        schema: {
          tags: ['cases'],
          summary: '案件操作 Take a lifecycle action (register, dispatch, acknowledge, …)',
          params: Type.Object({ id: Uuid, action: StringEnum(CASE_ACTIONS) }),
          body: Type.Object(
            {
              version: Type.Integer({ minimum: 1 }),
              note: Type.Optional(Type.String({ maxLength: 1000 })),
              reason: Type.Optional(Type.String({ maxLength: 1000 })),
              reason_code: Type.Optional(
                StringEnum([
                  'jurisdiction_mismatch',
                  'ownership_unclear',
                  'overlapping_duties',
                  'other',
                ] as const),
              ),
              result: Type.Optional(Type.String({ maxLength: 2000 })),
              photos: Type.Optional(PhotoIds),
              category_code: Type.Optional(Type.String({ pattern: '^[0-9]{4,6}$' })),
              urgency: Type.Optional(StringEnum(['normal', 'urgent'] as const)),
              title: Type.Optional(Type.String({ maxLength: 100 })),
              lead_unit_id: Type.Optional(Type.String({ maxLength: 64 })),
              co_unit_ids: Type.Optional(
                Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10, uniqueItems: true }),
              ),
              target_case_id: Type.Optional(Uuid),
              genuine: Type.Optional(Type.Boolean()),
              extra: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}[mhd]$' })),
              satisfaction: Type.Optional(
                StringEnum(['satisfied', 'basically_satisfied', 'dissatisfied'] as const),
              ),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const updated = await actOnCase(ctx, actor, req.params.id, req.params.action, req.body);
        return { case: toCaseView(ctx, updated, actor, await loadWorkingCalendar(ctx)) };
      },
    );

    app.post(
      '/cases/:id/reveal',
      {
        // Any case reader may ask; revealField checks personal:reveal and audits refusals too.
        config: { access: 'cases:read' },
        schema: {
          tags: ['cases'],
          summary: '查看报告人信息 Reveal the reporter’s contact (reason required, audited)',
          params: Type.Object({ id: Uuid }),
          body: Type.Object(
            {
              field: StringEnum(['reporter_phone', 'reporter_name'] as const),
              reason: Type.String({ maxLength: 200 }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const { caseRow } = await getCase(ctx, actor, req.params.id);
        const sealed =
          req.body.field === 'reporter_phone' ? caseRow.reporter_phone_sealed : caseRow.reporter_name_sealed;
        if (!sealed) throw new AppError('NOT_FOUND', { details: { field: req.body.field } });
        const value = await revealField(ctx, actor, {
          sealed,
          purpose: `case.${req.body.field}`,
          reason: req.body.reason,
          target: `case:${caseRow.code}`,
          ip: req.ip,
        });
        return { field: req.body.field, value };
      },
    );

    app.addContentTypeParser(
      ['image/jpeg', 'image/png', 'image/webp'],
      { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 },
      (_req, body, done) => {
        done(null, body);
      },
    );
    app.post(
      '/photos',
      {
        config: { access: 'cases:report' },
        bodyLimit: 50 * 1024 * 1024,
        schema: {
          tags: ['cases'],
          summary: '上传照片 Upload a photo (image/jpeg, image/png or image/webp body)',
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body))
          throw invalid(
            'content-type',
            '请以 image/jpeg、image/png 或 image/webp 上传',
            'send the photo as image/jpeg, image/png or image/webp',
          );
        void reply.status(201);
        return uploadPhoto(ctx, actorOf(req).userId, req.body);
      },
    );

    app.get(
      '/photos/:id',
      { config: { access: 'cases:read' }, schema: { tags: ['cases'], params: Type.Object({ id: Uuid }) } },
      async (req, reply) => {
        const a = await findAttachment(ctx.db, req.params.id);
        const actor = actorOf(req);
        const owner = a?.case_id ? await findCase(ctx.db, a.case_id) : undefined;
        const visible =
          a &&
          (a.created_by === actor.userId ||
            (owner &&
              (await getCase(ctx, actor, owner.id).then(
                () => true,
                () => false,
              ))));
        if (!a || !visible) throw new AppError('NOT_FOUND', { details: { id: req.params.id } });
        void reply.type(a.media_type).header('cache-control', 'private, max-age=86400');
        return ctx.files.get(a.storage_key);
      },
    );
  };
}
