// The residents' portal (/portal) in Chromium at a phone's viewport (360×640): a resident reports
// a problem with a photo (made smaller on the device), their location and a phone proved by an
// SMS code — the answer is lost once on the way back and the retry makes no second case — then
// tracks it; staff handle, close and publish it through the API; the resident sees the result and
// the photos after, rates 不满意 and sees it reopened. The published result in the feed and on the
// map. Appointments with holiday slots. A proposal: a household votes, a second member of the same
// household is refused in plain words; where changing is allowed the second vote replaces the
// first; after the window the result shows. Bad input (a file that is not a photo, a malformed
// location in the link, an unknown tracking code) gets a clear message. Screenshots in
// test-results/ (portal-*.png), one in English and one on a tablet.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { MemorySmsSender } from '../../src/commands/sms/sms-sender.ts';
import type { AreaGeometry } from '../../src/domain/geo/geometry.ts';
import { interiorPoint } from '../../src/domain/grids/interior-point.ts';
import { proposalBody, WITH_ABSTAIN } from '../harness/proposal-fixture.ts';
import { openBrowserApp, SCREENSHOT_DIR, type BrowserApp, type TrackedPage } from './harness.ts';

// Mon 2026-09-28 10:00 Asia/Shanghai: the 国庆 holidays (10-01 … 10-07) are within two weeks, so
// holiday slots can be shown; the browser's clock is set to the same instant.
const NOW = new Date('2026-09-28T02:00:00Z');
const PHONE = { width: 360, height: 640 };
const TABLET = { width: 768, height: 1024 };
const HOUR = 3_600_000;

let b: BrowserApp;
let sms: MemorySmsSender;
const tok: Record<string, string> = {};
let point: [number, number];
let village: string;

// ── a PNG of any size (a colour gradient), to exercise the resize on the device ──────────────────
const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf: Buffer): number {
  let c = -1;
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function gradientPng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const i = row + 1 + x * 3;
      raw[i] = Math.round((x / width) * 255);
      raw[i + 1] = Math.round((y / height) * 200) + 40;
      raw[i + 2] = 160;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
/** Width and height from a JPEG's start-of-frame marker. */
function jpegSize(buf: Buffer): [number, number] | null {
  let i = 2;
  while (i + 9 < buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1]!;
    const len = buf.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) return [buf.readUInt16BE(i + 7), buf.readUInt16BE(i + 5)];
    i += 2 + len;
  }
  return null;
}

before(async () => {
  b = await openBrowserApp({ now: NOW.toISOString(), config: { sessionIdleMinutes: 24 * 60 } });
  sms = new MemorySmsSender();
  b.t.ctx.sms = sms;
  for (const u of ['operator', 'dispatcher', 'handler', 'inspector', 'leader', 'supervisor'])
    tok[u] = await b.t.login(u);
  const g = (
    await b.t.ctx.db.query<{ geometry: AreaGeometry }>(
      `SELECT geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!;
  point = interiorPoint(g.geometry).map((x) => Math.round(x * 1e6) / 1e6) as [number, number];
  village = (
    await b.t.ctx.db.query<{ code: string }>(
      `SELECT code FROM regions WHERE level = 'village' AND code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!.code;
});
after(async () => {
  await b?.close();
});

async function openPortal(
  path: string,
  opts: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<TrackedPage> {
  const tp = await b.newPage({
    viewport: opts.viewport ?? PHONE,
    ...(opts.locale ? { locale: opts.locale } : {}),
    context: {
      permissions: ['geolocation'],
      geolocation: { longitude: point[0], latitude: point[1], accuracy: 15 },
      isMobile: true,
      hasTouch: true,
    },
  });
  await tp.page.clock.install({ time: NOW });
  await tp.page.goto(path);
  return tp;
}

/**
 * A full-page screenshot from the top, once passing messages (toasts) are gone. The title bar
 * (sticky) and the tab bar (fixed) are put in the flow for the shot: a full-page capture would
 * otherwise draw them where the phone's screen ended, over the content.
 */
async function shot(page: Page, name: string) {
  await page.locator('.adm-toast-mask').waitFor({ state: 'detached', timeout: 10_000 });
  await page.evaluate('window.scrollTo(0, 0)');
  const style = await page.addStyleTag({
    content: '.pt-navbar, .pt-tabbar { position: static !important; }',
  });
  await b.screenshot(page, name);
  await style.evaluate('(el) => el.remove()');
}

/** Errors the test caused on purpose (the answer cut on the way back) are not failures. */
function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !/request failed: .*\/api\/v1\/public\/reports|net::ERR_FAILED/.test(e));
}

async function codeFor(phone: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const c = sms.lastCode(phone);
    if (c) return c;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no code sent to ${phone}`);
}

/** Fills phone, asks for the code, reads it from the test's SMS sender, fills it. */
async function proveWithCode(page: Page, purpose: string, phone: string) {
  const before = sms.sent.length;
  await page.getByTestId(`${purpose}-phone`).locator('input').fill(phone);
  await page.getByTestId(`${purpose}-send-code`).click();
  for (let i = 0; i < 100 && sms.sent.length === before; i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(sms.sent.length > before, `a code was sent to ${phone}`);
  await page
    .getByTestId(`${purpose}-send-code`)
    .getByText(/秒后重发|Resend in/)
    .waitFor();
  await page
    .getByTestId(`${purpose}-code`)
    .locator('input')
    .fill(await codeFor(phone));
}

async function act(user: string, code: string, action: string, body: Record<string, unknown> = {}) {
  const id = (await b.t.ctx.db.query<{ id: string }>('SELECT id FROM cases WHERE code = $1', [code])).rows[0]!
    .id;
  const v = (await b.t.call('GET', `/api/v1/cases/${id}`, tok[user])).json<{ case: { version: number } }>()
    .case.version;
  const r = await b.t.call('POST', `/api/v1/cases/${id}/actions/${action}`, tok[user], {
    version: v,
    ...body,
  });
  assert.equal(r.statusCode, 200, `${action}: ${r.body}`);
}
async function staffPhoto(user: string): Promise<string[]> {
  const r = await b.t.app.inject({
    method: 'POST',
    url: '/api/v1/photos',
    headers: { authorization: `Bearer ${tok[user]}`, 'content-type': 'image/png' },
    payload: gradientPng(480, 360),
  });
  assert.equal(r.statusCode, 201, r.body);
  return [r.json<{ id: string }>().id];
}

/** Every interactive element on screen at least 44 px high (buttons, links, inputs, tabs). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const out = [];
    for (const el of document.querySelectorAll('button, a[href], input:not([type=hidden]), textarea, [role=option]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('[hidden]') || el.closest('.adm-popup') ) continue;
      const box = el.closest('.adm-input, .adm-text-area, .pt-input, .pt-textarea, .adm-tab-bar-item') || el;
      const h = box.getBoundingClientRect().height;
      if (h < 43.5) out.push((el.getAttribute('data-testid') || el.textContent || el.tagName).trim().slice(0, 30) + ' ' + Math.round(h));
    }
    return out;
  })()`);
}

void test('a resident reports with a photo and a phone, tracks it, sees the published result and reopens it', async () => {
  const { page, errors } = await openPortal('/portal/');
  await page.waitForURL('**/portal/report');
  await page.getByTestId('report-submit').waitFor();
  assert.equal(await page.evaluate('document.documentElement.lang'), 'zh-CN');

  // Category: searched, major → minor.
  await page.getByTestId('category-open').click();
  await page.getByTestId('category-search').locator('input').fill('路灯');
  await page.getByRole('option', { name: '路灯', exact: true }).click();
  await page.getByTestId('category-open').getByText('公用设施 / 路灯').waitFor();

  await page
    .getByTestId('report-description')
    .locator('textarea:not([aria-hidden])')
    .fill('小区东门路灯不亮，晚上很黑，老人出行不便');

  // A 2400×1800 photo is made 1600×1200 JPEG on the device before upload.
  const original = gradientPng(2400, 1800);
  const upload = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/public/photos') && r.request().method() === 'POST',
  );
  await page
    .getByTestId('photo-input')
    .setInputFiles({ name: 'street.png', mimeType: 'image/png', buffer: original });
  const answer = await upload;
  assert.equal(answer.status(), 201);
  assert.equal(answer.request().headers()['content-type'], 'image/jpeg');
  const photoId = (await answer.json()) as { id: string };
  const stored = (
    await b.t.ctx.db.query<{ storage_key: string; media_type: string }>(
      'SELECT storage_key, media_type FROM attachments WHERE id = $1',
      [photoId.id],
    )
  ).rows[0]!;
  assert.equal(stored.media_type, 'image/jpeg');
  const jpeg = await b.t.ctx.files.get(stored.storage_key);
  assert.deepEqual([...jpeg.subarray(0, 2)], [0xff, 0xd8], 'a JPEG');
  assert.deepEqual(jpegSize(jpeg), [1600, 1200]);
  assert.ok(jpeg.length < original.length, `${jpeg.length} < ${original.length}`);
  await page.locator('[data-testid="photo-item"][data-status="done"]').waitFor();
  assert.equal(await page.getByTestId('photo-item').getAttribute('data-size'), '1600x1200');

  // Location from the phone (WGS-84).
  await page.getByTestId('locate-me').click();
  await page.locator('[data-testid="location-status"][data-set="yes"]').waitFor();
  await page
    .getByTestId('location-status')
    .getByText(/已定位/)
    .waitFor();

  await proveWithCode(page, 'report', '13900001111');
  assert.deepEqual(await smallTargets(page), [], 'touch targets of at least 44 px');
  await shot(page, 'portal-report');

  // The first answer is lost on the way back (the server made the case); the retry sends the same
  // idempotency key and gets the same case back.
  let cut = true;
  await page.route('**/api/v1/public/reports', async (route) => {
    if (!cut) return route.continue();
    cut = false;
    await route.fetch();
    await route.abort('failed');
  });
  await page.getByTestId('report-submit').click();
  const netErr = page.getByTestId('report-error');
  await netErr.getByText('网络连接失败').waitFor();
  assert.match(await netErr.innerText(), /重试不会重复提交/);
  await netErr.getByRole('button', { name: '重试' }).click();
  await page.getByTestId('report-done').waitFor();
  const reportCode = (await page.getByTestId('report-code').innerText()).trim();
  assert.match(reportCode, /^3506-20260928-\d{7}$/);
  assert.match(
    await page.getByTestId('report-link-text').innerText(),
    new RegExp(`/portal/track/${reportCode}\\?t=[A-Za-z0-9_-]{22}$`),
  );
  await page.unroute('**/api/v1/public/reports');
  await shot(page, 'portal-report-done');

  const row = (
    await b.t.ctx.db.query<{
      id: string;
      channel: string;
      category_code: string;
      reporter_phone_hash: string;
      idempotency_key: string;
      state: string;
    }>('SELECT * FROM cases WHERE code = $1', [reportCode])
  ).rows[0]!;
  assert.equal(row.channel, 'resident');
  assert.equal(row.category_code, '0118');
  assert.equal(row.state, 'reported');
  assert.equal(row.reporter_phone_hash, b.t.ctx.sealer.hash('13900001111', 'case.reporter_phone'));
  assert.match(row.idempotency_key, /^portal:[0-9a-f-]{36}$/);
  const same = await b.t.ctx.db.query(
    `SELECT 1 FROM cases WHERE description = '小区东门路灯不亮，晚上很黑，老人出行不便'`,
  );
  assert.equal(same.rowCount, 1, 'the retry made no second case');
  const photos = await b.t.ctx.db.query<{ media_type: string }>(
    'SELECT media_type FROM attachments WHERE case_id = $1',
    [row.id],
  );
  assert.deepEqual(
    photos.rows.map((p) => p.media_type),
    ['image/jpeg'],
  );

  // Track: received.
  await page.getByTestId('report-track-link').click();
  await page.waitForURL(`**/portal/track/${reportCode}?t=*`);
  await page.locator('[data-testid="track-view"][data-step="received"]').waitFor();
  const trackUrl = page.url();

  // Staff handle, close and publish it.
  await act('operator', reportCode, 'register');
  await act('dispatcher', reportCode, 'dispatch', { lead_unit_id: 'u-350602-urban_management' });
  await act('handler', reportCode, 'acknowledge');
  await act('handler', reportCode, 'report_back', {
    result: '已更换东门路灯灯泡并检修线路，夜间照明恢复正常',
    photos: await staffPhoto('handler'),
  });
  await act('inspector', reportCode, 'verify_pass', { photos: await staffPhoto('inspector') });
  await act('operator', reportCode, 'publish');

  // The resident's list of reports (this browser) opens it again.
  await page.getByTestId('tab-track').click();
  await page.getByTestId('my-reports').getByText(reportCode).click();
  await page.locator('[data-testid="track-view"][data-step="done"]').waitFor();
  assert.equal(page.url(), trackUrl);
  await page.getByTestId('track-result-text').getByText('已更换东门路灯灯泡').waitFor();
  const after = page.getByTestId('after-photo');
  assert.equal(await after.count(), 2);
  await after.first().scrollIntoViewIfNeeded();
  await page.waitForFunction(
    `[...document.querySelectorAll('[data-testid="after-photo"]')].every((i) => i.complete && i.naturalWidth > 0)`,
  );
  await page.getByTestId('rating').waitFor();
  await shot(page, 'portal-track');

  // 不满意: reopened.
  await page.getByTestId('rating').getByText('不满意', { exact: true }).click();
  await page.getByTestId('rating').getByText('案件会重新交办处理').waitFor();
  await page.getByTestId('rating').locator('textarea:not([aria-hidden])').fill('晚上还是有一盏不亮');
  await page.getByTestId('rating-submit').click();
  const done = page.locator('[data-testid="rating-done"][data-reopened="true"]');
  await done.waitFor();
  assert.match(await done.innerText(), /已重新交办/);
  await page.locator('[data-testid="track-view"][data-step="handling"]').waitFor();
  await shot(page, 'portal-track-reopened');

  const c = (
    await b.t.ctx.db.query<{ state: string; reopen_count: number; satisfaction: string | null }>(
      'SELECT state, reopen_count, satisfaction FROM cases WHERE code = $1',
      [reportCode],
    )
  ).rows[0]!;
  assert.deepEqual(c, { state: 'registered', reopen_count: 1, satisfaction: null });
  const ev = await b.t.ctx.db.query<{ action: string; actor_role: string; note: string }>(
    `SELECT action, actor_role, note FROM case_events WHERE case_id = $1 AND action IN ('follow_up', 'reopen') ORDER BY id`,
    [row.id],
  );
  assert.deepEqual(ev.rows, [
    { action: 'follow_up', actor_role: 'resident', note: '晚上还是有一盏不亮' },
    { action: 'reopen', actor_role: 'resident', note: '晚上还是有一盏不亮' },
  ]);
  assert.deepEqual(unexpected(errors), []);
});

void test('results: a published case in the feed and on the map, never the exact point', async () => {
  // Reopened cases leave the feed until they are closed again: publish another one.
  const r = await b.t.call('POST', '/api/v1/public/reports', undefined, {
    lng: point[0],
    lat: point[1],
    category_code: '0118',
    description: '小区西门路灯不亮',
    idempotency_key: 'portal-results-0001',
  });
  assert.equal(r.statusCode, 201, r.body);
  const reportCode = r.json<{ code: string }>().code;
  await act('operator', reportCode, 'register');
  await act('dispatcher', reportCode, 'dispatch', { lead_unit_id: 'u-350602-urban_management' });
  await act('handler', reportCode, 'acknowledge');
  await act('handler', reportCode, 'report_back', {
    result: '已更换西门路灯灯泡，照明恢复',
    photos: await staffPhoto('handler'),
  });
  await act('inspector', reportCode, 'verify_pass', { photos: await staffPhoto('inspector') });
  await act('operator', reportCode, 'publish');

  const { page, errors } = await openPortal('/portal/results');
  const card = page.locator(`[data-testid="result-card"][data-code="${reportCode}"]`);
  await card.waitFor();
  assert.match(await card.innerText(), /路灯/);
  assert.match(await card.innerText(), /已更换西门路灯灯泡/);
  assert.ok(!(await page.content()).includes('13900001111'));
  await shot(page, 'portal-results');

  await page.getByText('地图', { exact: true }).click();
  await page.waitForURL('**/results?view=map');
  const gl = page.locator('[data-testid="results-map-canvas"][data-ready="true"]');
  const svg = page.getByTestId('results-scatter');
  await gl.or(svg).waitFor({ timeout: 60_000 });
  if (await gl.count()) {
    // The dot sits at the centre of the grid: tap it and the result is listed under the map.
    const item = (await b.t.call('GET', '/api/v1/public/results?limit=5'))
      .json<{ items: { code: string; lng: number; lat: number }[] }>()
      .items.find((i) => i.code === reportCode)!;
    assert.ok(item.lng !== point[0] || item.lat !== point[1]);
    await page.waitForFunction(`(() => {
      const m = window.__portalMaps && window.__portalMaps.results;
      return !!m && m.loaded() && m.queryRenderedFeatures({ layers: ['spots'] }).length > 0;
    })()`);
    const xy = await page.evaluate<{ x: number; y: number }>(
      `(() => { const p = window.__portalMaps.results.project([${item.lng}, ${item.lat}]); return { x: p.x, y: p.y }; })()`,
    );
    const box = (await gl.boundingBox())!;
    await page.mouse.click(box.x + xy.x, box.y + xy.y);
  } else {
    await svg.locator('circle').first().click();
  }
  await page.getByTestId('results-map-selected').getByText('已更换西门路灯灯泡').waitFor();
  await shot(page, 'portal-results-map');

  // On a tablet.
  const tablet = await openPortal('/portal/results', { viewport: TABLET });
  await tablet.page.locator(`[data-testid="result-card"][data-code="${reportCode}"]`).waitFor();
  await shot(tablet.page, 'portal-results-tablet');
  assert.deepEqual([...unexpected(errors), ...unexpected(tablet.errors)], []);
});

void test('appointments: holiday slots marked, booking with an SMS code shows the booking code', async () => {
  const s = await b.t.call('POST', '/api/v1/appointment-services', tok.supervisor, {
    region_code: '350602005000',
    name: '社保卡办理',
    place: '南坑街道便民服务中心 2 号窗口',
  });
  assert.equal(s.statusCode, 201, s.body);
  const serviceId = s.json<{ service: { id: string } }>().service.id;
  const open = await b.t.call('POST', `/api/v1/appointment-services/${serviceId}/slots`, tok.supervisor, {
    from: '2026-09-28',
    to: '2026-10-02',
    times: ['09:00-10:00', '15:00-16:00'],
    capacity: 2,
    include_holidays: true,
  });
  assert.equal(open.statusCode, 201, open.body);

  const { page, errors } = await openPortal('/portal/appointments');
  await page.getByTestId('service-item').getByText('社保卡办理').click();
  await page.waitForURL(`**/appointments/${serviceId}`);
  await page.getByTestId('slot').first().waitFor();
  const holiday = page.locator('[data-testid="slot"][data-holiday="true"]');
  assert.equal(await holiday.count(), 4, '10-01 and 10-02, two slots each');
  assert.match(await holiday.first().innerText(), /节假日/);
  assert.match(await holiday.first().innerText(), /剩 2 个/);
  await holiday.first().click();
  await page.getByTestId('booking-name').locator('input').fill('王五');
  await proveWithCode(page, 'booking', '13811110001');
  await shot(page, 'portal-appointments');
  await page.getByTestId('booking-submit').click();
  await page.getByTestId('booking-done').waitFor();
  const code = (await page.getByTestId('booking-ref').innerText()).trim();
  assert.match(code, /^YY[A-Z2-9]{8}$/);
  await shot(page, 'portal-appointments-done');
  const rows = await b.t.ctx.db.query('SELECT 1 FROM appointments WHERE code = $1', [code]);
  assert.equal(rows.rowCount, 1);
  // Kept under "my bookings".
  await page.getByText('返回服务列表').click();
  await page.getByTestId('my-bookings').getByText(code).waitFor();
  assert.deepEqual(unexpected(errors), []);
});

void test('e-voting: one vote per household is refused in plain words; a change replaces the vote; the result after the window', async () => {
  const start = b.t.clock.now();
  const at = (h: number) => new Date(start.getTime() + h * HOUR).toISOString();
  const create = async (over: Record<string, unknown>) => {
    const r = await b.t.call(
      'POST',
      '/api/v1/proposals',
      tok.leader,
      proposalBody(village, at, { options: WITH_ABSTAIN, ...over }),
    );
    assert.equal(r.statusCode, 201, r.body);
    const id = r.json<{ proposal: { id: string } }>().proposal.id;
    const roll = await b.t.app.inject({
      method: 'PUT',
      url: `/api/v1/proposals/${id}/roll`,
      headers: { authorization: `Bearer ${tok.leader}`, 'content-type': 'text/csv' },
      payload:
        '户号,手机号\n3-2-301,13800000001\n3-2-301,13800000002\n3-2-302,13800000003\n3-2-401,13800000004\n',
    });
    assert.equal(roll.statusCode, 200, roll.body);
    return id;
  };
  const pid = await create({});
  const pid2 = await create({ title: '小区停车收费调整', eligibility: 'resident', allow_change: true });

  // Consultation: a comment from a resident on the roll.
  const { page, errors } = await openPortal('/portal/proposals');
  await page.getByTestId('proposal-item').filter({ hasText: '3 号楼加装电梯方案' }).click();
  await page.locator('[data-testid="proposal-view"][data-phase="consultation"]').waitFor();
  await page
    .getByTestId('comment-body')
    .locator('textarea:not([aria-hidden])')
    .fill('同意加装，建议低层住户少分摊');
  await proveWithCode(page, 'comment', '13800000001');
  await page.getByTestId('comment-submit').click();
  await page.getByTestId('comments').getByText('同意加装，建议低层住户少分摊').waitFor();
  await page.getByTestId('comments').getByText('3-2-301 户').waitFor();

  // Voting: the first member of 3-2-301 votes.
  b.t.clock.set(at(25));
  await page.reload();
  await page.locator('[data-testid="proposal-view"][data-phase="voting"]').waitFor();
  await page.getByTestId('vote-option-agree').click();
  await proveWithCode(page, 'vote', '13800000001');
  await page.getByTestId('vote-submit').click();
  await page.locator('[data-testid="vote-done"][data-outcome="cast"]').getByText('投票成功').waitFor();

  // The second member of the same household is refused, in plain Chinese.
  await page.reload();
  await page.getByTestId('vote-option-disagree').click();
  await proveWithCode(page, 'vote', '13800000002');
  await page.getByTestId('vote-submit').click();
  const refusal = page.getByTestId('vote-error');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-code'), 'VOTE_ALREADY_CAST');
  assert.match(await refusal.innerText(), /您家已经投过票了/);
  assert.match(await refusal.innerText(), /一户一票/);
  assert.deepEqual(await smallTargets(page), []);
  await shot(page, 'portal-vote');

  // Where changing is allowed, voting again replaces the first vote.
  await page.goto(`/portal/proposals/${pid2}`);
  await page.locator('[data-testid="proposal-view"][data-phase="voting"]').waitFor();
  await page.getByTestId('allow-change-note').getByText('再次投票会替换您之前的选择').waitFor();
  await page.getByTestId('vote-option-agree').click();
  b.t.clock.advance(61_000);
  await proveWithCode(page, 'vote', '13800000001');
  await page.getByTestId('vote-submit').click();
  await page.locator('[data-testid="vote-done"][data-outcome="cast"]').waitFor();
  await page.reload(); // a new code may be asked for at once (the page's countdown restarts)
  b.t.clock.advance(61_000);
  await page.getByTestId('vote-option-disagree').click();
  await proveWithCode(page, 'vote', '13800000001');
  await page.getByTestId('vote-submit').click();
  await page.locator('[data-testid="vote-done"][data-outcome="changed"]').getByText('已改票').waitFor();
  const ballots = await b.t.ctx.db.query<{ option_key: string }>(
    'SELECT option_key FROM proposal_ballots WHERE proposal_id = $1',
    [pid2],
  );
  assert.deepEqual(
    ballots.rows.map((r) => r.option_key),
    ['disagree'],
  );

  // Another household votes through the API; then the window closes and the result shows.
  b.t.clock.advance(61_000);
  await b.t.call('POST', '/api/v1/public/sms-codes', undefined, { phone: '13800000003', purpose: 'vote' });
  const third = await b.t.call('POST', `/api/v1/public/proposals/${pid}/votes`, undefined, {
    phone: '13800000003',
    code: await codeFor('13800000003'),
    option: 'agree',
  });
  assert.equal(third.statusCode, 201, third.body);
  b.t.clock.set(at(72));
  await page.goto(`/portal/proposals/${pid}`);
  const result = page.locator('[data-testid="proposal-result"][data-passed="true"]');
  await result.waitFor();
  assert.match(await page.getByTestId('proposal-outcome').innerText(), /^通过$/);
  assert.match(await page.getByTestId('count-agree').innerText(), /2 票（100%）/);
  assert.match(
    await page.getByTestId('proposal-turnout').innerText(),
    /共 2 票，有投票权 3 户，参与率 66.7%/,
  );
  assert.equal(await page.getByTestId('vote-form').count(), 0);
  await shot(page, 'portal-vote-result');

  // The same in English.
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('proposal-outcome').getByText('Passed').waitFor();
  assert.match(
    await page.getByTestId('proposal-turnout').innerText(),
    /2 votes of 3 eligible \(household\), turnout 66.7%/,
  );
  assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
  await shot(page, 'portal-vote-result-en');
  const pid2Result = (await b.t.call('GET', `/api/v1/public/proposals/${pid2}`)).json<{
    proposal: { result: { counts: Record<string, number> } };
  }>().proposal.result;
  assert.deepEqual(pid2Result.counts, { agree: 0, disagree: 1, abstain: 0 });
  assert.deepEqual(unexpected(errors), []);
});

void test('bad input: not a photo, a malformed location in the link, an unknown tracking code', async () => {
  const { page, errors } = await openPortal('/portal/report?lng=abc&lat=24.5&crs=gcj02');
  const loc = page.getByTestId('location-error');
  await loc.waitFor();
  assert.match(await loc.innerText(), /链接里的位置信息有误/);
  assert.match(await loc.innerText(), /在地图上选点/);
  assert.equal(await page.getByTestId('location-status').getAttribute('data-set'), 'no');

  // A text file, and a text file named like a photo: refused on the device, nothing uploaded.
  let uploads = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/public/photos')) uploads++;
  });
  await page.getByTestId('photo-input').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('not a photo'),
  });
  const photoErr = page.getByTestId('photo-error');
  await photoErr.getByText('“notes.txt”不是照片').waitFor();
  assert.match(await photoErr.innerText(), /JPG、PNG 或 WebP/);
  await page.getByTestId('photo-input').setInputFiles({
    name: 'fake.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('this is not a jpeg either'),
  });
  await photoErr.getByText('“fake.jpg”不是照片').waitFor();
  assert.equal(uploads, 0);
  assert.equal(await page.getByTestId('photo-item').count(), 0);

  // Submitting without description and location: the fields say what is missing.
  await page.getByTestId('report-submit').click();
  await page.getByText('请描述一下问题').waitFor();
  await page.getByText('请提供位置').waitFor();
  await shot(page, 'portal-report-errors');

  // The phone's location, then the point moved on the map (no basemap: the outlines of the
  // county, street and community around the cross, named under the map).
  await page.getByTestId('locate-me').click();
  await page.locator('[data-testid="location-status"][data-set="yes"]').waitFor();
  await page.getByTestId('pick-on-map').click();
  const picker = page.getByTestId('map-picker');
  await picker.locator('[data-ready="true"]').waitFor({ timeout: 60_000 });
  await picker.getByText(/芗城区 · 南坑街道 · /).waitFor();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/portal-map-picker.png` }); // the sheet, as on the phone
  await page.getByTestId('map-picker-confirm').click();
  await page.getByTestId('location-status').getByText('已在地图上选点').waitFor();

  // A point outside the city, from an embedding app (GCJ-02): the server's answer in plain words.
  await page.goto('/portal/report?lng=116.4&lat=39.9&crs=gcj02');
  await page.getByTestId('location-status').getByText('已使用应用提供的位置').waitFor();
  await page.getByTestId('report-description').locator('textarea:not([aria-hidden])').fill('北京的问题');
  await page.getByTestId('report-submit').click();
  const outside = page.getByTestId('report-error');
  await outside.waitFor();
  assert.equal(await outside.getAttribute('data-code'), 'OUTSIDE_JURISDICTION');
  assert.match(await outside.innerText(), /不在本市的服务范围内/);

  // Tracking: a malformed code in the form, then an unknown one.
  await page.goto('/portal/track');
  await page.getByTestId('track-code').locator('input').fill('12345');
  await page.getByTestId('track-token').locator('input').fill('x');
  await page.getByTestId('track-submit').click();
  await page.getByTestId('track-error').getByText('查询码格式不对').waitFor();
  await page.goto(`/portal/track/3506-20260928-9999999?t=${'A'.repeat(22)}`);
  const nf = page.getByTestId('track-error');
  await nf.waitFor();
  assert.match(await nf.innerText(), /没有找到这条反映/);
  assert.match(await nf.innerText(), /核对查询码和查询密钥/);
  await shot(page, 'portal-track-not-found');

  // The report form in English: the same checks, in English words.
  await page.goto('/portal/report');
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('report-submit').getByText('Send report').waitFor();
  await page.getByTestId('report-submit').click();
  await page.getByText('Please describe the problem').waitFor();
  assert.deepEqual(await smallTargets(page), []);
  await shot(page, 'portal-report-en');
  assert.deepEqual(unexpected(errors), []);
});
