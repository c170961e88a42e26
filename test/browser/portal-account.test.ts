// A logged-in resident in the portal (/portal) in Chromium at 360×640: logs in under 我的 with a
// phone and an SMS code (read from the test's SMS sender), reports under 随手拍 with no phone or
// code ("以 139****5678 的身份上报"), sees the case in 我的上报 and opens its tracking page; a login
// that ended on the server makes the next report say so in plain words and show the phone fields
// again (never a silent anonymous report); logout. Logged in, a resident on a proposal's roll
// comments and votes ("以 139****5678 的身份投票") and books an appointment without any code.
// Screenshots in test-results/portal-me-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { MemorySmsSender } from '../../src/commands/sms/sms-sender.ts';
import type { AreaGeometry } from '../../src/domain/geo/geometry.ts';
import { interiorPoint } from '../../src/domain/grids/interior-point.ts';
import { proposalBody } from '../harness/proposal-fixture.ts';
import { openBrowserApp, type BrowserApp, type TrackedPage } from './harness.ts';

const PHONE = { width: 360, height: 640 };
const RESIDENT = '13912345678';

let b: BrowserApp;
let sms: MemorySmsSender;
let point: [number, number];

before(async () => {
  b = await openBrowserApp();
  sms = new MemorySmsSender();
  b.t.ctx.sms = sms;
  const g = (
    await b.t.ctx.db.query<{ geometry: AreaGeometry }>(
      `SELECT geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!;
  point = interiorPoint(g.geometry).map((x) => Math.round(x * 1e6) / 1e6) as [number, number];
});
after(async () => {
  await b?.close();
});

async function openPortal(path: string, locale?: string): Promise<TrackedPage> {
  const tp = await b.newPage({
    viewport: PHONE,
    ...(locale ? { locale } : {}),
    context: {
      permissions: ['geolocation'],
      geolocation: { longitude: point[0], latitude: point[1], accuracy: 15 },
      isMobile: true,
      hasTouch: true,
    },
  });
  await tp.page.goto(path);
  return tp;
}

/** A full-page screenshot from the top, the sticky title bar and the fixed tab bar in the flow. */
async function shot(page: Page, name: string) {
  await page.locator('.adm-toast-mask').waitFor({ state: 'detached', timeout: 10_000 });
  await page.evaluate('window.scrollTo(0, 0)');
  const style = await page.addStyleTag({
    content: '.pt-navbar, .pt-tabbar { position: static !important; }',
  });
  await b.screenshot(page, name);
  await style.evaluate('(el) => el.remove()');
}

/** Fills the phone, asks for the code, reads it from the test's SMS sender, fills it. */
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
  await page.getByTestId(`${purpose}-code`).locator('input').fill(sms.lastCode(phone)!);
}

/** Every interactive element on screen at least 44 px high. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const out = [];
    for (const el of document.querySelectorAll('button, a[href], input:not([type=hidden]), textarea, [role=option]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('[hidden]') || el.closest('.adm-popup') ) continue;
      const box = el.closest('.adm-input, .adm-text-area, .pt-input, .pt-textarea') || el;
      const h = box.getBoundingClientRect().height;
      if (h < 43.5) out.push((el.getAttribute('data-testid') || el.textContent || el.tagName).trim().slice(0, 30) + ' ' + Math.round(h));
    }
    return out;
  })()`);
}

/** Nothing wider than the screen (no sideways scrolling at 360 px). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

async function fillReport(page: Page, description: string) {
  await page.getByTestId('report-description').locator('textarea:not([aria-hidden])').fill(description);
  await page.getByTestId('locate-me').click();
  await page.locator('[data-testid="location-status"][data-set="yes"]').waitFor();
}

const sessions = async () =>
  (await b.t.ctx.db.query<{ id: string; phone_hash: string }>('SELECT id, phone_hash FROM resident_sessions'))
    .rows;

void test('a resident logs in, reports without a code, finds it in 我的上报 and tracks it; logout', async () => {
  const { page, errors } = await openPortal('/portal/me');
  await page.getByTestId('login-submit').waitFor();
  assert.equal(await page.getByTestId('tab-me').getAttribute('aria-current'), 'page');
  await page.getByRole('heading', { name: '手机号登录' }).waitFor();

  // A wrong code: said in plain words, nothing stored.
  await proveWithCode(page, 'login', RESIDENT);
  const right = sms.lastCode(RESIDENT)!;
  await page
    .getByTestId('login-code')
    .locator('input')
    .fill(right === '000000' ? '000001' : '000000');
  await page.getByTestId('login-submit').click();
  const wrong = page.getByTestId('login-error');
  await wrong.getByText('验证码不对或已过期').waitFor();
  assert.match(await wrong.innerText(), /重新获取/);
  assert.deepEqual(await sessions(), []);
  assert.deepEqual(await smallTargets(page), [], 'touch targets of at least 44 px');
  assert.ok((await overflow(page)) <= 0, 'no sideways scrolling');
  await shot(page, 'portal-me-login');

  // The right code (the wrong try used one of its five attempts).
  await page.getByTestId('login-code').locator('input').fill(right);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('me-phone').getByText('139****5678').waitFor();
  const rows = await sessions();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.phone_hash, b.t.ctx.sealer.hash(RESIDENT, 'resident.phone'));
  const cookie = (await page.context().cookies()).find((c) => c.name === 'wangge_resident');
  assert.ok(cookie, 'the session cookie');
  assert.deepEqual([cookie.httpOnly, cookie.sameSite, cookie.path], [true, 'Strict', '/api/v1/public']);
  assert.equal(rows[0]!.id, createHash('sha256').update(cookie.value).digest('hex'));
  assert.equal(
    await page.evaluate('document.cookie.includes("wangge_resident")'),
    false,
    'the page cannot read it',
  );
  await page.getByTestId('me-reports').getByText('还没有用这个号码反映过问题').waitFor();

  // 随手拍 as the resident: no phone, no code.
  await page.getByTestId('tab-report').click();
  const as = page.getByTestId('report-as-resident');
  await as.getByText('以 139****5678 的身份上报').waitFor();
  assert.equal(await page.getByTestId('report-phone').count(), 0, 'no phone field');
  assert.equal(await page.getByTestId('report-code').count(), 0, 'no code field');
  await fillReport(page, '楼道里的声控灯坏了，晚上上下楼看不见');
  assert.deepEqual(await smallTargets(page), [], 'touch targets of at least 44 px');
  await shot(page, 'portal-me-report-form');
  const sentBefore = sms.sent.length;
  await page.getByTestId('report-submit').click();
  await page.getByTestId('report-done').waitFor();
  assert.equal(sms.sent.length, sentBefore, 'no code was needed');
  await page.getByText('这条反映已记在“我的 · 我的上报”里').waitFor();
  const code = (await page.getByTestId('report-code').innerText()).trim();
  const row = (
    await b.t.ctx.db.query<{ reporter_phone_hash: string; reporter_phone_sealed: string }>(
      'SELECT reporter_phone_hash, reporter_phone_sealed FROM cases WHERE code = $1',
      [code],
    )
  ).rows[0]!;
  assert.equal(row.reporter_phone_hash, b.t.ctx.sealer.hash(RESIDENT, 'case.reporter_phone'));
  assert.equal(b.t.ctx.sealer.open(row.reporter_phone_sealed, 'case.reporter_phone'), RESIDENT);

  // 我的上报 lists it; it opens the tracking page, whose back arrow returns to 我的.
  await page.getByTestId('tab-me').click();
  const item = page.locator(`[data-testid="me-report"][data-code="${code}"]`);
  await item.waitFor();
  assert.equal(await item.getAttribute('data-step'), 'received');
  assert.match(await item.innerText(), /楼道里的声控灯坏了/);
  assert.match(await item.innerText(), /已受理/);
  assert.deepEqual(await smallTargets(page), [], 'touch targets of at least 44 px');
  assert.ok((await overflow(page)) <= 0, 'no sideways scrolling');
  await shot(page, 'portal-me-reports');
  await item.click();
  await page.waitForURL(`**/portal/track/${code}?t=*`);
  await page.locator('[data-testid="track-view"][data-step="received"]').waitFor();
  await shot(page, 'portal-me-track');
  await page.locator('.adm-nav-bar-back').click();
  await page.waitForURL('**/portal/me');
  await item.waitFor();

  // Logout: the row is gone and the login form is back.
  await page.getByTestId('logout').click();
  await page.getByTestId('login-submit').waitFor();
  assert.deepEqual(await sessions(), []);
  assert.equal((await page.context().cookies()).filter((c) => c.name === 'wangge_resident').length, 0);
  assert.deepEqual(errors, []);
});

void test('a login that ended on the server: the report says so and shows the phone fields again', async () => {
  const { page, errors } = await openPortal('/portal/me?lang=en', 'en');
  await page.getByTestId('login-submit').waitFor();
  // The code for RESIDENT may be asked once a minute: this is another resident.
  const other = '13698765432';
  await proveWithCode(page, 'login', other);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('me-phone').getByText('136****5432').waitFor();
  await shot(page, 'portal-me-en');

  await page.getByTestId('tab-report').click();
  await page.getByTestId('report-as-resident').getByText('Reporting as 136****5432').waitFor();
  await fillReport(page, 'Broken bench in the park');
  // The session ends on the server (expired, or logged out on another phone).
  await b.t.ctx.db.query('DELETE FROM resident_sessions');
  const cases = async () =>
    Number((await b.t.ctx.db.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows[0]!.n);
  const n = await cases();
  await page.getByTestId('report-submit').click();
  const err = page.getByTestId('report-error');
  await err.getByText('Your login has ended').waitFor();
  assert.match(await err.innerText(), /Log in again under “Me”/);
  assert.equal(await cases(), n, 'no anonymous case instead');
  // The form is anonymous again: phone and code fields, the text still there.
  await page.getByTestId('report-phone').waitFor();
  assert.equal(await page.getByTestId('report-as-resident').count(), 0);
  assert.equal(
    await page.getByTestId('report-description').locator('textarea:not([aria-hidden])').inputValue(),
    'Broken bench in the park',
  );
  await shot(page, 'portal-me-expired-en');
  // Sent again without a phone: an anonymous report, as the resident chose.
  await page.getByTestId('report-submit').click();
  await page.getByTestId('report-done').waitFor();
  assert.equal(await cases(), n + 1);
  // 我的 offers the login again, saying why.
  await page.getByTestId('tab-me').click();
  await page.getByTestId('me-expired').getByText('Your login has expired').waitFor();
  await page.getByTestId('login-submit').waitFor();
  assert.deepEqual(errors, []);
});

void test('logged in: comments and votes on a proposal and books an appointment, no code asked', async () => {
  const leader = await b.t.login('leader');
  const supervisor = await b.t.login('supervisor');
  const village = (
    await b.t.ctx.db.query<{ code: string }>(
      `SELECT code FROM regions WHERE level = 'village' AND code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!.code;
  const start = b.t.clock.now().getTime();
  const at = (h: number) => new Date(start + h * 3_600_000).toISOString();
  const created = await b.t.call('POST', '/api/v1/proposals', leader, proposalBody(village, at));
  assert.equal(created.statusCode, 201, created.body);
  const pid = created.json<{ proposal: { id: string } }>().proposal.id;
  const roll = await b.t.app.inject({
    method: 'PUT',
    url: `/api/v1/proposals/${pid}/roll`,
    headers: { authorization: `Bearer ${leader}`, 'content-type': 'text/csv' },
    payload: `户号,手机号\n3-2-301,${RESIDENT}\n3-2-302,13800000003\n`,
  });
  assert.equal(roll.statusCode, 200, roll.body);
  // A service with a slot three days on (holidays included, so whatever the day of the week).
  const service = await b.t.call('POST', '/api/v1/appointment-services', supervisor, {
    region_code: '350602005000',
    name: '社保卡办理',
    place: '南坑街道便民服务中心 2 号窗口',
  });
  assert.equal(service.statusCode, 201, service.body);
  const serviceId = service.json<{ service: { id: string } }>().service.id;
  const day = new Date(start + 8 * 3_600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
  const slots = await b.t.call('POST', `/api/v1/appointment-services/${serviceId}/slots`, supervisor, {
    from: day,
    to: day,
    times: ['15:00-16:00'],
    capacity: 5,
    include_holidays: true,
  });
  assert.equal(slots.statusCode, 201, slots.body);

  // Log in (the earlier login code of this number is more than a minute old on the server's clock).
  b.t.clock.advance(61_000);
  const { page, errors } = await openPortal('/portal/me');
  await proveWithCode(page, 'login', RESIDENT);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('me-phone').getByText('139****5678').waitFor();
  const sent = sms.sent.length;

  // Consultation: a comment as the resident, signed with their household.
  await page.goto(`/portal/proposals/${pid}`);
  await page.locator('[data-testid="proposal-view"][data-phase="consultation"]').waitFor();
  await page.getByTestId('comment-as-resident').getByText('以 139****5678 的身份评论').waitFor();
  assert.equal(await page.getByTestId('comment-phone').count(), 0, 'no phone field');
  assert.equal(await page.getByTestId('comment-code').count(), 0, 'no code field');
  await page
    .getByTestId('comment-body')
    .locator('textarea:not([aria-hidden])')
    .fill('同意加装，建议低层住户少分摊');
  await shot(page, 'portal-me-comment');
  await page.getByTestId('comment-submit').click();
  await page.getByTestId('comments').getByText('3-2-301 户').waitFor();

  // Voting: no phone, no code; one ballot stored.
  b.t.clock.advance(25 * 3_600_000);
  await page.reload();
  await page.locator('[data-testid="proposal-view"][data-phase="voting"]').waitFor();
  const as = page.getByTestId('vote-as-resident');
  await as.getByText('以 139****5678 的身份投票').waitFor();
  assert.match(await as.innerText(), /无需验证码/);
  assert.equal(await page.getByTestId('vote-phone').count(), 0, 'no phone field');
  assert.equal(await page.getByTestId('vote-code').count(), 0, 'no code field');
  await page.getByTestId('vote-option-agree').click();
  assert.deepEqual(await smallTargets(page), [], 'touch targets of at least 44 px');
  assert.ok((await overflow(page)) <= 0, 'no sideways scrolling');
  await shot(page, 'portal-me-vote');
  await page.getByTestId('vote-submit').click();
  await page.locator('[data-testid="vote-done"][data-outcome="cast"]').getByText('投票成功').waitFor();
  const ballots = async () =>
    Number(
      (
        await b.t.ctx.db.query<{ n: string }>(
          'SELECT count(*) AS n FROM proposal_ballots WHERE proposal_id = $1',
          [pid],
        )
      ).rows[0]!.n,
    );
  assert.equal(await ballots(), 1);
  // Again from a fresh page: the household has voted, said in plain words.
  await page.reload();
  await page.getByTestId('vote-option-disagree').click();
  await page.getByTestId('vote-submit').click();
  await page.getByTestId('vote-error').getByText('您家已经投过票了').waitFor();
  assert.equal(await ballots(), 1);

  // 预约 as the resident.
  await page.goto(`/portal/appointments/${serviceId}`);
  await page.getByTestId('slot').first().click();
  await page.getByTestId('booking-as-resident').getByText('以 139****5678 的身份预约').waitFor();
  assert.equal(await page.getByTestId('booking-phone').count(), 0, 'no phone field');
  await page.getByTestId('booking-name').locator('input').fill('王五');
  assert.deepEqual(await smallTargets(page), [], 'touch targets of at least 44 px');
  assert.ok((await overflow(page)) <= 0, 'no sideways scrolling');
  await shot(page, 'portal-me-booking');
  await page.getByTestId('booking-submit').click();
  await page.getByTestId('booking-done').waitFor();
  const ref = (await page.getByTestId('booking-ref').innerText()).trim();
  const booked = (
    await b.t.ctx.db.query<{ phone_sealed: string }>(
      'SELECT phone_sealed FROM appointments WHERE code = $1',
      [ref],
    )
  ).rows[0]!;
  assert.equal(b.t.ctx.sealer.open(booked.phone_sealed, 'appointments.phone'), RESIDENT);
  assert.equal(sms.sent.length, sent, 'no code was needed for any of it');
  assert.deepEqual(errors, []);
});
