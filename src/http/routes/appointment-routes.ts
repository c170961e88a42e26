// Appointments (预约): staff offer services and slots and confirm bookings; residents see the free
// places and book with a one-time SMS code or as the logged-in resident (public, rate-limited).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../commands/context.ts';
import { bookAppointment } from '../../commands/appointments/book-appointment.ts';
import {
  confirmBooking,
  createService,
  listBookings,
  listServiceSlots,
  listServicesInScope,
  openSlots,
} from '../../commands/appointments/manage-appointments.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import { padRegionCode, scopePrefix } from '../../domain/regions/region-code.ts';
import {
  findService,
  listServices,
  listSlots,
  type ServiceRow,
  type SlotRow,
} from '../../store/appointment-store.ts';
import { actorOf } from '../plugins/auth.ts';
import { residentOf } from '../plugins/resident-auth.ts';
import { RegionCodeParam } from './common-schemas.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Range = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
});
const serviceView = (s: ServiceRow) => ({
  id: s.id,
  region_code: s.region_code,
  name: s.name,
  place: s.place,
});
const slotView = (s: SlotRow) => ({
  id: s.id,
  starts_at: s.starts_at.toISOString(),
  ends_at: s.ends_at.toISOString(),
  capacity: s.capacity,
  left: s.capacity - s.booked,
  holiday: s.holiday,
});
function range(q: { from: string; to: string }): [Date, Date] {
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (to <= from || to.getTime() - from.getTime() > 93 * 86_400_000)
    throw invalid('query.to', '结束时间应晚于开始时间，且不超过 93 天', 'must be after from, within 93 days');
  return [from, to];
}

export function appointmentRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/appointment-services',
      {
        config: { access: 'appointments:manage' },
        schema: {
          tags: ['appointments'],
          summary: '预约服务 Offer a service at a township or community centre',
          body: Type.Object(
            {
              region_code: RegionCodeParam,
              name: Type.String({ maxLength: 60 }),
              place: Type.String({ maxLength: 100 }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const s = await createService(ctx, actorOf(req), {
          regionCode: req.body.region_code,
          name: req.body.name,
          place: req.body.place,
        });
        void reply.status(201);
        return { service: serviceView(s) };
      },
    );

    app.get(
      '/appointment-services',
      {
        config: { access: 'appointments:manage' },
        schema: { tags: ['appointments'], summary: '预约服务 Services offered in my scope' },
      },
      async (req) => ({ items: (await listServicesInScope(ctx, actorOf(req))).map(serviceView) }),
    );

    app.get(
      '/appointment-services/:id/slots',
      {
        config: { access: 'appointments:manage' },
        schema: {
          tags: ['appointments'],
          summary: '时段 Slots of a service in my scope, with places booked and left',
          params: Id,
          querystring: Range,
        },
      },
      async (req) => {
        const r = await listServiceSlots(ctx, actorOf(req), req.params.id, ...range(req.query));
        return {
          service: serviceView(r.service),
          items: r.slots.map((s) => ({ ...slotView(s), booked: s.booked })),
        };
      },
    );

    app.post(
      '/appointment-services/:id/slots',
      {
        config: { access: 'appointments:manage' },
        schema: {
          tags: ['appointments'],
          summary: '开放时段 Open slots on working days (and holidays when include_holidays)',
          params: Id,
          body: Type.Object(
            {
              from: Type.String({ maxLength: 10 }),
              to: Type.String({ maxLength: 10 }),
              times: Type.Array(Type.String({ maxLength: 11 }), { minItems: 1, maxItems: 20 }),
              capacity: Type.Integer({ minimum: 1, maximum: 500 }),
              include_holidays: Type.Boolean({ default: false }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const b = req.body;
        const r = await openSlots(ctx, actorOf(req), req.params.id, {
          from: b.from,
          to: b.to,
          times: b.times,
          capacity: b.capacity,
          includeHolidays: b.include_holidays,
        });
        void reply.status(201);
        return r;
      },
    );

    app.get(
      '/appointment-services/:id/bookings',
      {
        config: { access: 'appointments:manage' },
        schema: {
          tags: ['appointments'],
          summary: '预约名单 Bookings of a service (masked)',
          params: Id,
          querystring: Range,
        },
      },
      async (req) => ({ items: await listBookings(ctx, actorOf(req), req.params.id, ...range(req.query)) }),
    );

    app.post(
      '/appointments/:id/confirm',
      {
        config: { access: 'appointments:manage' },
        schema: { tags: ['appointments'], summary: '确认预约 Confirm a booking', params: Id },
      },
      async (req) => {
        await confirmBooking(ctx, actorOf(req), req.params.id);
        return { ok: true };
      },
    );

    app.get(
      '/public/appointment-services',
      {
        config: { access: 'public' },
        schema: {
          tags: ['public'],
          summary: '可预约服务 Services offered in an area',
          querystring: Type.Object({ region: Type.Optional(RegionCodeParam) }),
        },
      },
      async (req) => ({
        items: (
          await listServices(ctx.db, [
            scopePrefix(req.query.region ?? padRegionCode(ctx.config.cityCode)) + '%',
          ])
        ).map(serviceView),
      }),
    );

    app.get(
      '/public/appointment-services/:id/slots',
      {
        config: { access: 'public' },
        schema: {
          tags: ['public'],
          summary: '可约时段 Slots with the places left',
          params: Id,
          querystring: Range,
        },
      },
      async (req) => {
        const s = await findService(ctx.db, req.params.id);
        if (!s || !s.active) throw new AppError('NOT_FOUND', { details: { service: req.params.id } });
        return {
          service: serviceView(s),
          items: (await listSlots(ctx.db, s.id, ...range(req.query))).map(slotView),
        };
      },
    );

    app.post(
      '/public/appointments',
      {
        config: { access: 'public', rateLimit: { max: 10, windowS: 600 } },
        schema: {
          tags: ['public'],
          summary:
            '预约 Book a slot: phone and code (from /public/sms-codes, purpose booking), or as the logged-in resident (cookie; no phone or code)',
          body: Type.Object(
            {
              slot_id: Type.String({ format: 'uuid' }),
              name: Type.String({ maxLength: 30 }),
              phone: Type.Optional(Type.String({ maxLength: 20 })),
              code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        // A resident cookie that no longer opens a session is a 401 and no place is taken.
        const resident = await residentOf(ctx, req, reply);
        const r = await bookAppointment(ctx, {
          slotId: req.body.slot_id,
          name: req.body.name,
          phone: req.body.phone,
          code: req.body.code,
          resident,
        });
        void reply.status(201);
        return r;
      },
    );
  };
}
