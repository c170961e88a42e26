// Services, slots and bookings (migration 0008).
import type { Queryable } from './db.ts';

export interface ServiceRow {
  id: string;
  region_code: string;
  name: string;
  place: string;
  active: boolean;
  created_at: Date;
}
export interface SlotRow {
  id: string;
  service_id: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  booked: number;
  holiday: boolean;
}
export interface AppointmentRow {
  id: string;
  code: string;
  slot_id: string;
  name_sealed: string;
  phone_sealed: string;
  phone_hash: string;
  status: 'booked' | 'confirmed' | 'cancelled';
  created_at: Date;
  confirmed_by: string | null;
  confirmed_at: Date | null;
}

export async function insertService(
  q: Queryable,
  s: { regionCode: string; name: string; place: string; at: Date },
): Promise<ServiceRow> {
  return (
    await q.query<ServiceRow>(
      'INSERT INTO appointment_services (region_code, name, place, created_at) VALUES ($1, $2, $3, $4) RETURNING *',
      [s.regionCode, s.name, s.place, s.at],
    )
  ).rows[0]!;
}

export async function findService(q: Queryable, id: string): Promise<ServiceRow | undefined> {
  return (await q.query<ServiceRow>('SELECT * FROM appointment_services WHERE id = $1', [id])).rows[0];
}

export async function listServices(q: Queryable, like: string[]): Promise<ServiceRow[]> {
  return (
    await q.query<ServiceRow>(
      'SELECT * FROM appointment_services WHERE active AND region_code LIKE ANY($1::text[]) ORDER BY region_code, name',
      [like],
    )
  ).rows;
}

/** Adds slots; a slot that exists (same service and start) is left as it is. Returns how many were new. */
export async function insertSlots(
  q: Queryable,
  serviceId: string,
  slots: { startsAt: Date; endsAt: Date; capacity: number; holiday: boolean }[],
): Promise<number> {
  if (!slots.length) return 0;
  const r = await q.query(
    `INSERT INTO appointment_slots (service_id, starts_at, ends_at, capacity, holiday)
     SELECT $1, s, e, c, h FROM unnest($2::timestamptz[], $3::timestamptz[], $4::int[], $5::boolean[]) AS t(s, e, c, h)
     ON CONFLICT (service_id, starts_at) DO NOTHING`,
    [
      serviceId,
      slots.map((s) => s.startsAt),
      slots.map((s) => s.endsAt),
      slots.map((s) => s.capacity),
      slots.map((s) => s.holiday),
    ],
  );
  return r.rowCount ?? 0;
}

export async function listSlots(q: Queryable, serviceId: string, from: Date, to: Date): Promise<SlotRow[]> {
  return (
    await q.query<SlotRow>(
      'SELECT * FROM appointment_slots WHERE service_id = $1 AND starts_at >= $2 AND starts_at < $3 ORDER BY starts_at',
      [serviceId, from, to],
    )
  ).rows;
}

export async function findSlot(q: Queryable, id: string): Promise<SlotRow | undefined> {
  return (await q.query<SlotRow>('SELECT * FROM appointment_slots WHERE id = $1', [id])).rows[0];
}

/** Takes one place in the slot if one is left (atomic); false when it is full. */
export async function takePlace(q: Queryable, slotId: string): Promise<boolean> {
  const r = await q.query(
    'UPDATE appointment_slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity',
    [slotId],
  );
  return r.rowCount === 1;
}

export async function insertAppointment(
  q: Queryable,
  a: Omit<AppointmentRow, 'id' | 'status' | 'confirmed_by' | 'confirmed_at'>,
): Promise<AppointmentRow> {
  return (
    await q.query<AppointmentRow>(
      `INSERT INTO appointments (code, slot_id, name_sealed, phone_sealed, phone_hash, status, created_at)
       VALUES ($1, $2, $3, $4, $5, 'booked', $6) RETURNING *`,
      [a.code, a.slot_id, a.name_sealed, a.phone_sealed, a.phone_hash, a.created_at],
    )
  ).rows[0]!;
}

export async function listAppointments(
  q: Queryable,
  serviceId: string,
  from: Date,
  to: Date,
): Promise<(AppointmentRow & { starts_at: Date; ends_at: Date })[]> {
  return (
    await q.query<AppointmentRow & { starts_at: Date; ends_at: Date }>(
      `SELECT a.*, s.starts_at, s.ends_at FROM appointments a JOIN appointment_slots s ON s.id = a.slot_id
       WHERE s.service_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3 ORDER BY s.starts_at, a.created_at`,
      [serviceId, from, to],
    )
  ).rows;
}

export async function confirmAppointment(q: Queryable, id: string, by: string, at: Date): Promise<boolean> {
  const r = await q.query(
    `UPDATE appointments SET status = 'confirmed', confirmed_by = $2, confirmed_at = $3 WHERE id = $1 AND status = 'booked'`,
    [id, by, at],
  );
  return r.rowCount === 1;
}

export async function findAppointment(q: Queryable, id: string): Promise<AppointmentRow | undefined> {
  return (await q.query<AppointmentRow>('SELECT * FROM appointments WHERE id = $1', [id])).rows[0];
}
