// The residents' portal (群众): report without an account or as a logged-in resident (点单), track
// by code (查询进度), rate a closed case (评价), and see the photos of published results. Public,
// rate-limited per address.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../commands/context.ts';
import { uploadPhoto } from '../../commands/files/upload-photo.ts';
import { rateCase } from '../../commands/portal/rate-case.ts';
import { submitPublicReport } from '../../commands/portal/submit-public-report.ts';
import { trackCase } from '../../commands/portal/track-case.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import { parseCrs } from '../../domain/geo/crs.ts';
import { findAttachment } from '../../store/attachment-store.ts';
import { residentOf } from '../plugins/resident-auth.ts';
import { StringEnum } from './common-schemas.ts';

const CaseCode = Type.String({ pattern: '^[0-9]{4}-[0-9]{8}-[0-9]{7}$' });
const Token = Type.String({ minLength: 22, maxLength: 22 });

export function portalRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addContentTypeParser(
      ['image/jpeg', 'image/png', 'image/webp'],
      { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );

    app.post(
      '/public/photos',
      {
        config: { access: 'public', rateLimit: { max: 60, windowS: 600 } },
        bodyLimit: 50 * 1024 * 1024,
        schema: {
          tags: ['public'],
          summary: '上传照片 A resident’s photo (image/jpeg, image/png or image/webp)',
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body))
          throw invalid(
            'content-type',
            '请以 JPEG、PNG 或 WebP 照片上传',
            'send the photo as image/jpeg, image/png or image/webp',
          );
        void reply.status(201);
        return uploadPhoto(ctx, null, req.body);
      },
    );

    app.post(
      '/public/reports',
      {
        config: { access: 'public', rateLimit: { max: 10, windowS: 600 } },
        schema: {
          tags: ['public'],
          summary:
            '点单 Report a problem without an account (phone optional, proved by an SMS code) or as the logged-in resident (cookie; no phone or code); returns the tracking code and token',
          body: Type.Object(
            {
              lng: Type.Number({ minimum: -180, maximum: 180 }),
              lat: Type.Number({ minimum: -90, maximum: 90 }),
              crs: Type.String({ default: 'wgs84' }),
              category_code: Type.Optional(Type.String({ pattern: '^[0-9]{4,6}$' })),
              description: Type.String({ minLength: 1, maxLength: 2000 }),
              address: Type.Optional(Type.String({ maxLength: 200 })),
              photos: Type.Optional(
                Type.Array(Type.String({ format: 'uuid' }), { maxItems: 9, uniqueItems: true }),
              ),
              name: Type.Optional(Type.String({ maxLength: 50 })),
              phone: Type.Optional(Type.String({ maxLength: 20 })),
              code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
              channel: StringEnum(['resident', 'merchant'] as const, { default: 'resident' }),
              idempotency_key: Type.String({ minLength: 8, maxLength: 100 }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const b = req.body;
        // A resident cookie that no longer opens a session is a 401, never an anonymous report.
        const resident = await residentOf(ctx, req, reply);
        const r = await submitPublicReport(ctx, {
          lng: b.lng,
          lat: b.lat,
          crs: parseCrs(b.crs, 'body.crs'),
          categoryCode: b.category_code,
          description: b.description,
          address: b.address,
          photos: b.photos,
          name: b.name,
          phone: b.phone,
          code: b.code,
          channel: b.channel,
          idempotencyKey: b.idempotency_key,
          resident,
        });
        void reply.status(r.replayed ? 200 : 201);
        return {
          code: r.caseRow.code,
          token: r.token,
          track_url: `/portal/track/${r.caseRow.code}?t=${r.token}`,
          replayed: r.replayed,
        };
      },
    );

    app.get(
      '/public/track/:code',
      {
        config: { access: 'public', rateLimit: { max: 120, windowS: 600 } },
        schema: {
          tags: ['public'],
          summary: '查询进度 Track a report by its code and token',
          params: Type.Object({ code: CaseCode }),
          querystring: Type.Object({ t: Token }),
        },
      },
      async (req) => trackCase(ctx, req.params.code, req.query.t),
    );

    app.post(
      '/public/track/:code/rating',
      {
        config: { access: 'public', rateLimit: { max: 20, windowS: 600 } },
        schema: {
          tags: ['public'],
          summary: '评价 Rate a closed case; 不满意 within the window reopens it',
          params: Type.Object({ code: CaseCode }),
          body: Type.Object(
            {
              t: Token,
              satisfaction: StringEnum(['satisfied', 'basically_satisfied', 'dissatisfied'] as const),
              comment: Type.Optional(Type.String({ maxLength: 500 })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req) => rateCase(ctx, req.params.code, req.body.t, req.body.satisfaction, req.body.comment),
    );

    app.get(
      '/public/photos/:id',
      {
        config: { access: 'public' },
        schema: {
          tags: ['public'],
          summary: '晒单照片 A photo of a published result (taken after handling)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        },
      },
      async (req, reply) => {
        const a = await findAttachment(ctx.db, req.params.id);
        const shown =
          a?.case_id &&
          (
            await ctx.db.query(
              `SELECT 1 FROM cases c JOIN case_events e ON e.case_id = c.id
               WHERE c.id = $1 AND c.published_at IS NOT NULL AND e.action IN ('report_back', 'verify_pass', 'self_handle')
                 AND e.attachments ? $2`,
              [a.case_id, a.id],
            )
          ).rowCount;
        if (!a || !shown) throw new AppError('NOT_FOUND', { details: { id: req.params.id } });
        void reply.type(a.media_type).header('cache-control', 'public, max-age=86400');
        return ctx.files.get(a.storage_key);
      },
    );
  };
}
