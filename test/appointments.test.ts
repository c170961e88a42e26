// Appointments (预约) through the API: slots opened on working days, holiday slots only when asked
// (国庆 2026), booking with an SMS code until the slot is full, one booking per phone and slot,
// and staff confirming with names and phones masked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySmsSender } from '../src/commands/sms/sms-sender.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

let t: TestApp;
let sms: MemorySmsSender;
const tok: Record<string, string> = {};
let serviceId: string;
interface Slot {
  id: string;
  starts_at: string;
  left: number;
  holiday: boolean;
}

before(async () => {
  // Mon 2026-09-28 10:00 Asia/Shanghai; 国庆 holidays are 10-01 … 10-07.
  t = await openTestApp({ now: '2026-09-28T02:00:00Z', config: { sessionIdleMinutes: 24 * 60 } });
  sms = new MemorySmsSender();
  t.ctx.sms = sms;
  for (const u of ['supervisor', 'county', 'operator']) tok[u] = await t.login(u);
});
after(async () => t.close());

const errorOf = (r: { json: <T>() => T }) =>
  r.json<{ error: { code: string; issues: { field: string }[] } }>().error;
async function book(slotId: string, phone: string, name = '王五') {
  t.clock.advance(61_000);
  await t.call('POST', '/api/v1/public/sms-codes', undefined, { phone, purpose: 'booking' });
  return t.call('POST', '/api/v1/public/appointments', undefined, {
    slot_id: slotId,
    name,
    phone,
    code: sms.lastCode(phone),
  });
}
async function slots(): Promise<Slot[]> {
  const r = await t.call(
    'GET',
    `/api/v1/public/appointment-services/${serviceId}/slots?from=2026-09-28T00:00:00Z&to=2026-10-10T00:00:00Z`,
  );
  assert.equal(r.statusCode, 200, r.body);
  return r.json<{ items: Slot[] }>().items;
}

void test('a service and its slots: working days, and holiday slots only when asked', async () => {
  const bad = await t.call('POST', '/api/v1/appointment-services', tok.supervisor, {
    region_code: '350602000000',
    name: '',
    place: '',
  });
  assert.deepEqual(
    errorOf(bad)
      .issues.map((i) => i.field)
      .sort(),
    ['name', 'place', 'region_code'],
  );
  assert.equal(
    (
      await t.call('POST', '/api/v1/appointment-services', tok.operator, {
        region_code: '350602005000',
        name: '社保卡办理',
        place: '南坑街道便民服务中心',
      })
    ).statusCode,
    403,
  );
  const s = await t.call('POST', '/api/v1/appointment-services', tok.supervisor, {
    region_code: '350602005000',
    name: '社保卡办理',
    place: '南坑街道便民服务中心 2 号窗口',
  });
  assert.equal(s.statusCode, 201, s.body);
  serviceId = s.json<{ service: { id: string } }>().service.id;

  const open = (body: Record<string, unknown>) =>
    t.call('POST', `/api/v1/appointment-services/${serviceId}/slots`, tok.supervisor, {
      from: '2026-09-28',
      to: '2026-10-02',
      times: ['09:00-10:00', '15:00-16:00'],
      capacity: 2,
      ...body,
    });
  // Today's 09:00 has passed; 09-28 15:00, 09-29 and 09-30 (×2): 5 working-day slots.
  const w = await open({});
  assert.equal(w.statusCode, 201, w.body);
  assert.deepEqual(w.json(), { created: 5, holiday_slots: 0 });
  // 节假日办事预约: the same range with holidays adds 10-01 and 10-02; existing slots stay as they are.
  const h = await open({ include_holidays: true });
  assert.deepEqual(h.json(), { created: 4, holiday_slots: 4 });
  const all = await slots();
  assert.equal(all.length, 9);
  assert.deepEqual(
    all.filter((x) => x.holiday).map((x) => x.starts_at),
    [
      '2026-10-01T01:00:00.000Z',
      '2026-10-01T07:00:00.000Z',
      '2026-10-02T01:00:00.000Z',
      '2026-10-02T07:00:00.000Z',
    ],
  );
  assert.equal(errorOf(await open({ times: ['10:00-09:00'] })).issues[0]?.field, 'times[0]');
  assert.equal(errorOf(await open({ to: '2027-03-01' })).issues[0]?.field, 'to');
});

void test('booking: until the slot is full, once per phone, atomically counted', async () => {
  const slot = (await slots()).find((x) => x.holiday)!;
  const a = await book(slot.id, '13811110001', '张三');
  assert.equal(a.statusCode, 201, a.body);
  assert.match(a.json<{ code: string }>().code, /^YY[A-Z2-9]{8}$/);
  const twice = await book(slot.id, '13811110001', '张三');
  assert.equal(twice.statusCode, 409);
  assert.equal(errorOf(twice).issues[0]?.field, 'slot_id');
  assert.equal((await book(slot.id, '13811110002', '李四')).statusCode, 201);
  const full = await book(slot.id, '13811110003', '赵六');
  assert.equal(full.statusCode, 409);
  assert.match(JSON.stringify(full.json()), /约满/);
  const row = (
    await t.ctx.db.query<{ booked: number; n: number }>(
      'SELECT booked, (SELECT count(*)::int FROM appointments WHERE slot_id = $1) AS n FROM appointment_slots WHERE id = $1',
      [slot.id],
    )
  ).rows[0]!;
  assert.deepEqual(row, { booked: 2, n: 2 });
  assert.equal((await slots()).find((x) => x.id === slot.id)?.left, 0);
  const wrongCode = await t.call('POST', '/api/v1/public/appointments', undefined, {
    slot_id: slot.id,
    name: '钱七',
    phone: '13811110009',
    code: '000000',
  });
  assert.equal(errorOf(wrongCode).code, 'CODE_INVALID');
});

void test('staff see the bookings masked and confirm them once; other areas are out of scope', async () => {
  const list = await t.call(
    'GET',
    `/api/v1/appointment-services/${serviceId}/bookings?from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z`,
    tok.supervisor,
  );
  assert.equal(list.statusCode, 200, list.body);
  const items = list.json<{ items: { id: string; name: string; phone: string; status: string }[] }>().items;
  assert.deepEqual(
    items.map((i) => [i.name, i.phone, i.status]),
    [
      ['张*', '138****0001', 'booked'],
      ['李*', '138****0002', 'booked'],
    ],
  );
  const sealed = await t.ctx.db.query<{ name_sealed: string }>('SELECT name_sealed FROM appointments');
  assert.ok(sealed.rows.every((r) => !r.name_sealed.includes('张三')));
  assert.equal(
    (await t.call('POST', `/api/v1/appointments/${items[0]!.id}/confirm`, tok.supervisor)).statusCode,
    200,
  );
  assert.equal(
    (await t.call('POST', `/api/v1/appointments/${items[0]!.id}/confirm`, tok.supervisor)).statusCode,
    409,
  );
  // A service of 龙文区 is outside the 芗城区 leader's scope.
  const longwen = (
    await t.ctx.db.query<{ code: string }>(
      `SELECT code FROM regions WHERE level = 'township' AND code LIKE '350603%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!.code;
  const other = await t.call('POST', '/api/v1/appointment-services', tok.supervisor, {
    region_code: longwen,
    name: '居住证办理',
    place: '龙文区便民服务中心',
  });
  assert.equal(other.statusCode, 201, other.body);
  const otherId = other.json<{ service: { id: string } }>().service.id;
  const range = 'from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z';
  assert.equal(
    (await t.call('GET', `/api/v1/appointment-services/${otherId}/bookings?${range}`, tok.county)).statusCode,
    403,
  );
  assert.equal(
    (await t.call('GET', `/api/v1/appointment-services/${serviceId}/bookings?${range}`, tok.county))
      .statusCode,
    200,
  );
});

void test('staff lists: services of my scope, and a service’s slots with places booked and left', async () => {
  const names = async (token: string | undefined) => {
    const r = await t.call('GET', '/api/v1/appointment-services', token);
    assert.equal(r.statusCode, 200, r.body);
    return r.json<{ items: { name: string; region_code: string }[] }>().items.map((s) => s.name);
  };
  // 芗城区's leader sees 南坑街道's service, not 龙文区's; the city's supervisor sees both.
  assert.deepEqual(await names(tok.county), ['社保卡办理']);
  assert.deepEqual((await names(tok.supervisor)).sort(), ['居住证办理', '社保卡办理'].sort());
  assert.equal((await t.call('GET', '/api/v1/appointment-services', tok.operator)).statusCode, 403);

  const range = 'from=2026-09-28T00:00:00Z&to=2026-10-10T00:00:00Z';
  const r = await t.call('GET', `/api/v1/appointment-services/${serviceId}/slots?${range}`, tok.county);
  assert.equal(r.statusCode, 200, r.body);
  const items = r.json<{ items: { id: string; capacity: number; booked: number; left: number }[] }>().items;
  const rows = (
    await t.ctx.db.query<{ id: string; capacity: number; booked: number }>(
      'SELECT id, capacity, booked FROM appointment_slots WHERE service_id = $1 ORDER BY starts_at',
      [serviceId],
    )
  ).rows;
  assert.deepEqual(
    items.map((s) => [s.id, s.capacity, s.booked, s.left]),
    rows.map((s) => [s.id, s.capacity, s.booked, s.capacity - s.booked]),
  );
  assert.ok(items.some((s) => s.booked === 2 && s.left === 0));
  const longwen = (
    await t.ctx.db.query<{ id: string }>(`SELECT id FROM appointment_services WHERE name = '居住证办理'`)
  ).rows[0]!.id;
  const out = await t.call('GET', `/api/v1/appointment-services/${longwen}/slots?${range}`, tok.county);
  assert.equal(out.statusCode, 403);
  assert.equal(errorOf(out).code, 'OUT_OF_SCOPE');
});
