// The grid worker's field app (/field) in Chromium at a phone's viewport (360×640, geolocation
// granted, inside the worker's grid): a report made with the network cut is kept on the device,
// survives a reload while still offline (the shell comes from the service worker) and arrives
// exactly once — with its photo — when the network returns; a 核实 task created through the API
// shows with its working time left and is confirmed; a visit check-in moves the weekly count; a
// patrol (consent first) follows the position and ends with its distance. Screenshots in English
// and on a tablet too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { AreaGeometry } from '../../src/domain/geo/geometry.ts';
import { interiorPoint } from '../../src/domain/grids/interior-point.ts';
import { SCREENSHOT_DIR, openBrowserApp, type BrowserApp, type TrackedPage } from './harness.ts';

// A 24×24 green PNG: the app shrinks it to a JPEG on the device before keeping it.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000180000001808020000006f15aaaf0000001f4944415478da63d0e871a30a62' +
    '183568d4a05183460d1a3568d4a0813708000223329f2d295d0e0000000049454e44ae426082',
  'hex',
);
const PHONE = { width: 360, height: 640 };

let b: BrowserApp;
let myGrid: string;
let inMine: [number, number];

before(async () => {
  b = await openBrowserApp({ config: { sessionIdleMinutes: 24 * 60, verifyChannels: ['hotline'] } });
  myGrid = (
    await b.t.ctx.db.query<{ grid_code: string }>(
      `SELECT m.grid_code FROM grid_members m JOIN users u ON u.id = m.user_id WHERE u.username = 'gridworker'`,
    )
  ).rows[0]!.grid_code;
  const g = (
    await b.t.ctx.db.query<{ geometry: AreaGeometry }>('SELECT geometry FROM grids WHERE code = $1', [myGrid])
  ).rows[0]!;
  inMine = interiorPoint(g.geometry).map((x) => Math.round(x * 1e6) / 1e6) as [number, number];
});
after(async () => {
  await b?.close();
});

/** Errors that are not the test's own doing: requests cut by the offline switch are expected. */
function unexpected(errors: string[]): string[] {
  return errors.filter(
    (e) =>
      !/ERR_INTERNET_DISCONNECTED|net::ERR_FAILED|request failed: .*\/(api\/v1|field\/|m-assets\/)/.test(e),
  );
}

async function openField(
  opts: { viewport?: { width: number; height: number }; at?: [number, number] } = {},
): Promise<TrackedPage> {
  const at = opts.at ?? inMine;
  return b.newPage({
    viewport: opts.viewport ?? PHONE,
    context: {
      permissions: ['geolocation'],
      geolocation: { longitude: at[0], latitude: at[1], accuracy: 12 },
      isMobile: true,
      hasTouch: true,
    },
  });
}

async function logIn(page: Page, username = 'gridworker') {
  await page.goto('/field/');
  await page.getByTestId('page-login').waitFor();
  await page.getByTestId('login-username').locator('input').fill(username);
  await page.getByTestId('login-password').locator('input').fill('Wangge@2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('page-home').waitFor();
}

/** Every touch target in view is at least 44 px high (buttons, list rows, tabs). */
async function smallTargets(page: Page): Promise<string[]> {
  // A string: the test files are compiled without the DOM's types.
  return page.evaluate<string[]>(`(() => {
    const bad = [];
    for (const el of document.querySelectorAll(
      'button, .adm-list-item-content, .adm-tab-bar-item, .field-photo-add, [role=button]',
    )) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.height < 43.5 || r.width < 43.5) bad.push((el.className || el.tagName) + ' ' + r.width + '×' + r.height);
    }
    return bad;
  })()`);
}

/**
 * A screenshot of the whole screen as the phone shows it: the viewport grown to the content, so
 * the fixed tab bar sits at the bottom (a full-page capture would leave it mid-page).
 */
async function shoot(page: Page, name: string) {
  const vp = page.viewportSize()!;
  const h = await page.evaluate<number>('document.documentElement.scrollHeight');
  if (h > vp.height) await page.setViewportSize({ width: vp.width, height: h });
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
  await page.setViewportSize(vp);
}

async function casesWith(description: string) {
  return (
    await b.t.ctx.db.query<{ id: string; code: string; channel: string; grid_code: string; photos: number }>(
      `SELECT c.id, c.code, c.channel, c.grid_code, (SELECT count(*)::int FROM attachments a WHERE a.case_id = c.id) AS photos
       FROM cases c WHERE c.description = $1`,
      [description],
    )
  ).rows;
}

void test('a report made offline survives a reload offline and arrives exactly once, with its photo', async () => {
  b.t.clock.set(new Date());
  const { page, errors } = await openField();
  await logIn(page);
  // My grid: the outline on the map, the grid named.
  await page.getByTestId('grid-map').locator('path').first().waitFor();
  await page.getByTestId('home-grids').getByText('网格').waitFor();
  assert.deepEqual(await smallTargets(page), []);
  await shoot(page, 'field-my-grid');

  await page.getByTestId('tab-report').click();
  await page.getByTestId('page-report').waitFor();
  // The device's position is snapped to my grid.
  await page.getByTestId('location-text').getByText('网格').waitFor();
  assert.equal(await page.getByTestId('location-outside-mine').count(), 0);
  // The app shell (page, scripts, styles) is kept by the service worker before the network goes.
  await page.waitForFunction('navigator.serviceWorker.controller !== null', undefined, { timeout: 30_000 });
  await page.waitForFunction(
    `(async () => {
      const urls = [...document.querySelectorAll('script[src], link[rel=modulepreload], link[rel=stylesheet]')].map(
        (e) => new URL(e.src || e.href).pathname,
      );
      const kept = await Promise.all(urls.map((u) => caches.match(u)));
      return urls.length > 0 && kept.every(Boolean) && !!(await caches.match('/field/'));
    })()`,
    undefined,
    { timeout: 30_000, polling: 500 },
  );

  // What reaches the server while the phone is offline: nothing may (the service worker's own
  // fetches are cut too, so the reload below is really served from its cache).
  const reached: string[] = [];
  let offline = false;
  b.t.app.server.prependListener('request', (req: { url?: string }) => {
    if (offline) reached.push(req.url ?? '');
  });
  await page.context().setOffline(true);
  offline = true;
  await page.getByTestId('offline-banner').waitFor();
  const description = `离线上报测试：南坑社区 7 号楼旁暴露垃圾 ${Date.now()}`;
  await page.getByTestId('category-field').click();
  await page.getByTestId('category-search').locator('input').fill('暴露垃圾');
  await page.getByTestId('category-list').getByText('暴露垃圾', { exact: true }).click();
  await page.getByTestId('category-value').getByText('暴露垃圾').waitFor();
  await page.getByTestId('report-description').locator('textarea:not([aria-hidden])').fill(description);
  await page
    .getByTestId('report-photo-album')
    .setInputFiles({ name: 'trash.png', mimeType: 'image/png', buffer: PNG });
  await page.getByTestId('report-photo').locator('img').waitFor();
  await shoot(page, 'field-report');
  await page.getByTestId('report-submit').click();

  // Kept on the device, listed as waiting to send.
  await page.getByTestId('page-queue').waitFor();
  const item = page.getByTestId('queue-item');
  await item.getByText(description.slice(0, 20)).waitFor();
  assert.equal(await item.getByTestId('queue-item-state').innerText(), '待发送');
  await page.getByText('1 张照片').waitFor();
  assert.equal((await casesWith(description)).length, 0);

  // Closed and opened again, still offline: the shell comes from the service worker, the item from IndexedDB.
  await page.reload();
  await page.getByTestId('page-queue').waitFor();
  await page.getByTestId('offline-banner').waitFor();
  await page.getByTestId('queue-item').getByText(description.slice(0, 20)).waitFor();
  assert.equal(await page.getByTestId('queue-item').count(), 1);
  assert.equal((await casesWith(description)).length, 0);
  await shoot(page, 'field-offline-queue');

  offline = false;
  assert.deepEqual(reached, [], 'no request reached the server while offline');
  // Back online: sent by itself (the online event), exactly once, with its photo.
  await page.context().setOffline(false);
  await page.getByTestId('queue-empty').waitFor({ timeout: 30_000 });
  const rows = await casesWith(description);
  assert.equal(rows.length, 1, 'one case');
  assert.equal(rows[0]!.channel, 'grid_worker');
  assert.equal(rows[0]!.grid_code, myGrid);
  assert.equal(rows[0]!.photos, 1, 'its photo is attached');
  await page.getByTestId('queue-sent').getByText(rows[0]!.code).waitFor();
  // Nothing more goes out on a later start.
  await page.reload();
  await page.getByTestId('queue-empty').waitFor();
  assert.equal((await casesWith(description)).length, 1);
  assert.deepEqual(unexpected(errors), []);
});

void test('a small problem fixed on the spot: reported and self-handled with before and after photos', async () => {
  b.t.clock.set(new Date());
  const { page, errors } = await openField();
  await logIn(page);
  await page.getByTestId('tab-report').click();
  await page.getByTestId('location-text').getByText('网格').waitFor();
  const description = `井盖松动，已现场复位 ${Date.now()}`;
  await page.getByTestId('category-field').click();
  await page.getByTestId('category-search').locator('input').fill('暴露垃圾');
  await page.getByTestId('category-list').getByText('暴露垃圾', { exact: true }).click();
  await page.getByTestId('report-description').locator('textarea:not([aria-hidden])').fill(description);
  await page
    .getByTestId('report-photo-album')
    .setInputFiles({ name: 'before.png', mimeType: 'image/png', buffer: PNG });
  await page.getByTestId('report-photo').locator('img').waitFor();
  await page.getByTestId('report-self-toggle').click();
  // Without the after photo the form says what is missing, in plain words.
  await page.getByTestId('report-self-result').locator('textarea:not([aria-hidden])').fill('已清理完毕');
  await page.getByTestId('report-submit').click();
  await page.getByText('自处理须拍至少 1 张处置后照片').waitFor();
  await page
    .getByTestId('report-self-photo-album')
    .setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: PNG });
  await page.getByTestId('report-self-photo').locator('img').waitFor();
  await page.getByTestId('report-submit').click();
  await page.getByTestId('report-done').waitFor();
  const rows = await casesWith(description);
  assert.equal(rows.length, 1);
  assert.equal(await page.getByTestId('report-code').innerText(), `案件编号 ${rows[0]!.code}`);
  await page.getByText('已记录自处理').waitFor();
  const db = (
    await b.t.ctx.db.query<{ state: string; result: string }>(
      'SELECT state, result FROM cases WHERE id = $1',
      [rows[0]!.id],
    )
  ).rows[0]!;
  assert.deepEqual(db, { state: 'self_handled', result: '已清理完毕' });
  assert.equal(rows[0]!.photos, 2, 'before and after photos');
  assert.deepEqual(unexpected(errors), []);
});

void test('a 核实 task shows its working time left; the worker confirms it on site', async () => {
  b.t.clock.set(new Date());
  const operator = await b.t.login('operator');
  const title = `楼道堆放杂物 ${Date.now() % 100000}`;
  const made = await b.t.call('POST', '/api/v1/cases', operator, {
    channel: 'hotline',
    lng: inMine[0],
    lat: inMine[1],
    title,
    description: '居民来电：楼道堆放杂物，影响通行',
    category_code: '1102',
    idempotency_key: `field-browser-${Date.now()}`,
  });
  assert.equal(made.statusCode, 201, made.body);
  const c = made.json<{ case: { id: string; state: string } }>().case;
  assert.equal(c.state, 'verifying');

  const { page, errors } = await openField();
  await logIn(page);
  const row = page.getByTestId('task-row').filter({ hasText: title });
  await row.waitFor();
  assert.match(await row.getByTestId('task-time-left').innerText(), /^剩余 2 工作时$/);
  await row.click();
  await page.getByTestId('page-task').waitFor();
  await page.getByTestId('task-verify-report').waitFor();
  assert.match(await page.getByTestId('task-detail-time-left').innerText(), /剩余/);
  await page.getByTestId('task-note').locator('textarea:not([aria-hidden])').fill('现场查看，情况属实');
  assert.deepEqual(await smallTargets(page), []);
  await shoot(page, 'field-task');
  await page.getByTestId('task-genuine').click();
  await page.getByTestId('page-home').waitFor();
  await page.getByTestId('task-row').filter({ hasText: title }).waitFor({ state: 'detached' });
  const db = (
    await b.t.ctx.db.query<{ state: string; verified: boolean | null }>(
      'SELECT state, verified FROM cases WHERE id = $1',
      [c.id],
    )
  ).rows[0]!;
  assert.deepEqual(db, { state: 'reported', verified: true });
  assert.deepEqual(unexpected(errors), []);
});

void test('a visit check-in counts this week; a patrol with consent follows the position and ends with its distance', async () => {
  // The server's test clock follows real time here: track points carry the phone's time.
  const follow = setInterval(() => b.t.clock.set(new Date()), 250);
  try {
    b.t.clock.set(new Date());
    const { page, errors } = await openField();
    await logIn(page);
    await page.getByTestId('tab-visits').click();
    await page.getByTestId('page-visits').waitFor();
    const count = page.getByTestId('visits-count');
    await count.waitFor();
    const before = Number(await count.innerText());
    await page.getByTestId('location-text').getByText('网格').waitFor();
    await page.getByTestId('visit-target').locator('input').fill('南坑社区 3 号楼 201 户');
    await page
      .getByTestId('visit-note')
      .locator('textarea:not([aria-hidden])')
      .fill('独居老人，身体状况良好');
    await page.getByTestId('visit-submit').click();
    await page
      .getByTestId('visits-count')
      .getByText(String(before + 1), { exact: true })
      .waitFor();
    const visits = await b.t.ctx.db.query<{ in_own_grid: boolean }>(
      `SELECT v.in_own_grid FROM visits v WHERE v.target = '南坑社区 3 号楼 201 户'`,
    );
    assert.deepEqual(
      visits.rows.map((v) => v.in_own_grid),
      [true],
    );

    // Patrol: the consent text first, then the track follows the position.
    await page.getByTestId('patrol-start').click();
    const consent = page.getByTestId('patrol-consent');
    await consent.waitFor();
    assert.equal(
      await consent.innerText(),
      '开始巡查后将记录您的位置轨迹，仅用于工作考核与安全保障，结束巡查即停止记录',
    );
    await page.waitForTimeout(500); // the dialog's opening animation
    assert.deepEqual(await smallTargets(page), []);
    await page.getByText('同意并开始').click();
    await page.locator('.adm-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('patrol-running').waitFor();
    await page.getByTestId('patrol-running').getByText('1 个轨迹点').waitFor();
    for (let i = 1; i <= 3; i++) {
      await page
        .context()
        .setGeolocation({ longitude: inMine[0] + i * 0.0004, latitude: inMine[1], accuracy: 8 });
      await page
        .getByTestId('patrol-running')
        .getByText(`${i + 1} 个轨迹点`)
        .waitFor({ timeout: 20_000 });
    }
    assert.deepEqual(await smallTargets(page), []);
    await shoot(page, 'field-visits');

    // The phone loses its state (cleared storage, another device): the open patrol comes back from
    // the server, with the points it already has, and can still be ended.
    const onServer = async () =>
      (
        await b.t.ctx.db.query<{ points: number }>(
          `SELECT p.points FROM patrols p JOIN users u ON u.id = p.user_id WHERE u.username = 'gridworker' AND p.ended_at IS NULL`,
        )
      ).rows[0]?.points ?? 0;
    for (let i = 0; (await onServer()) < 4; i++) {
      assert.ok(i < 100, 'the track reaches the server');
      await page.waitForTimeout(200);
    }
    await page.evaluate(
      `Object.keys(localStorage).filter((k) => k.startsWith('wangge.field.patrol.')).forEach((k) => localStorage.removeItem(k))`,
    );
    await page.reload();
    await page.getByTestId('tab-visits').click();
    // 4 points from the server, and this device's first fix at the same spot.
    await page.getByTestId('patrol-running').getByText('5 个轨迹点').waitFor();
    await page.getByTestId('patrol-end').click();
    const ended = page.getByTestId('patrol-ended');
    await ended.waitFor();
    const p = (
      await b.t.ctx.db.query<{ ended_at: Date | null; points: number; distance_m: number }>(
        `SELECT p.ended_at, p.points, p.distance_m FROM patrols p JOIN users u ON u.id = p.user_id WHERE u.username = 'gridworker'`,
      )
    ).rows;
    assert.equal(p.length, 1);
    assert.ok(p[0]!.ended_at);
    assert.equal(p[0]!.points, 5);
    assert.ok(p[0]!.distance_m > 100 && p[0]!.distance_m < 150, `${p[0]!.distance_m} m`);
    assert.equal(await ended.innerText(), `本次巡查：5 个轨迹点，${p[0]!.distance_m} 米`);
    assert.deepEqual(unexpected(errors), []);
  } finally {
    clearInterval(follow);
  }
});

void test('English, and a tablet', async () => {
  b.t.clock.set(new Date());
  const { page, errors } = await openField();
  await logIn(page);
  await page.getByTestId('header-lang').click();
  await page.getByTestId('tab-home').getByText('My grid').waitFor();
  await page.getByTestId('home-tasks').getByText('Tasks', { exact: false }).waitFor();
  assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
  await page.getByTestId('grid-map').locator('path').first().waitFor();
  await shoot(page, 'field-en');
  await page.getByTestId('tab-report').click();
  await page.getByTestId('location-text').waitFor();
  await page.getByText('Send report').waitFor();
  await shoot(page, 'field-report-en');

  const tablet = await openField({ viewport: { width: 768, height: 1024 } });
  await logIn(tablet.page);
  await tablet.page.getByTestId('grid-map').locator('path').first().waitFor();
  await shoot(tablet.page, 'field-tablet');
  assert.deepEqual(unexpected([...errors, ...tablet.errors]), []);
});
