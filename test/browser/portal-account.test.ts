// A logged-in resident in the portal (/portal) in Chromium at 360×640: logs in under 我的 with a
// phone and an SMS code (read from the test's SMS sender), reports under 随手拍 with no phone or
// code ("以 139****5678 的身份上报"), sees the case in 我的上报 and opens its tracking page; a login
// that ended on the server makes the next report say so in plain words and show the phone fields
// again (never a silent anonymous report); logout. Screenshots in test-results/portal-me-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { MemorySmsSender } from '../../src/commands/sms/sms-sender.ts';
import type { AreaGeometry } from '../../src/domain/geo/geometry.ts';
import { interiorPoint } from '../../src/domain/grids/interior-point.ts';
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
