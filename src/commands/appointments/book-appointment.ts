// A resident books a slot (预约) with a phone proved by an SMS code, or as the logged-in resident
// (the session's phone; no phone or code may be sent): a place is taken only if one is left
// (atomically), one live booking per phone and slot; the answer is the booking code.
import { randomInt } from 'node:crypto';
import { AppError, invalid } from '../../domain/errors.ts';
import { findSlot, insertAppointment, takePlace } from '../../store/appointment-store.ts';
import type { AppContext } from '../context.ts';
import { provePhone, type PhoneProof } from '../residents/prove-phone.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const bookingCode = () =>
  'YY' + Array.from({ length: 8 }, () => ALPHABET[randomInt(0, ALPHABET.length)]).join('');

export async function bookAppointment(
  ctx: AppContext,
  input: PhoneProof & { slotId: string; name: string },
): Promise<{ code: string; starts_at: string; ends_at: string }> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 30)
    throw invalid('name', '请填写姓名', 'is required (at most 30 characters)');
  const slot = await findSlot(ctx.db, input.slotId);
  if (!slot) throw new AppError('NOT_FOUND', { details: { slot: input.slotId } });
  if (slot.starts_at <= ctx.clock.now())
    throw new AppError('CONFLICT', {
      issues: [{ field: 'slot_id', zh: '该时段已过', en: 'the slot has passed' }],
    });
  const { phone, phoneHash } = await provePhone(ctx, input, 'booking');
  const code = bookingCode();
  try {
    await ctx.db.tx(async (q) => {
      if (!(await takePlace(q, slot.id)))
        throw new AppError('CONFLICT', {
          issues: [{ field: 'slot_id', zh: '该时段已约满，请选择其他时段', en: 'the slot is full' }],
        });
      await insertAppointment(q, {
        code,
        slot_id: slot.id,
        name_sealed: ctx.sealer.seal(name, 'appointments.name'),
        phone_sealed: ctx.sealer.seal(phone, 'appointments.phone'),
        phone_hash: phoneHash,
        created_at: ctx.clock.now(),
      });
    });
  } catch (e) {
    if (e instanceof Error && /appointments_once_idx|duplicate key/.test(e.message))
      throw new AppError('CONFLICT', {
        issues: [{ field: 'slot_id', zh: '您已预约该时段', en: 'you have already booked this slot' }],
      });
    throw e;
  }
  return { code, starts_at: slot.starts_at.toISOString(), ends_at: slot.ends_at.toISOString() };
}
