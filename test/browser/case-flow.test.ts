// The case loop in the console, as the people who work it: an operator takes a hotline report on
// the intake screen and registers it; the dispatcher dispatches it to a unit (unit picker); the
// unit's handler acknowledges and reports back with a photo; the inspector verifies it on site
// (photo) and it closes. A second case is dispatched and left: past its deadline (server clock
// moved, deadline sweep run) the workbench shows it red and overdue. Then the workbench keeps
// 10,000 rows smooth (virtualized, loaded by pages). UI and database rows are checked at each step.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { AreaGeometry } from '../../src/domain/geo/geometry.ts';
import { interiorPoint } from '../../src/domain/grids/interior-point.ts';
import { runDeadlineSweep } from '../../src/jobs/deadline-sweep.ts';
import { openBrowserApp, type BrowserApp, type TrackedPage } from './harness.ts';

// A 24×24 green PNG (a real image: the page shows it as a thumbnail).
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000180000001808020000006f15aaaf0000001f4944415478da63d0e871a30a62' +
    '183568d4a05183460d1a3568d4a0813708000223329f2d295d0e0000000049454e44ae426082',
  'hex',
);
const DAY = 86_400_000;

let b: BrowserApp;
let point: [number, number];
let unit: { id: string; name: string };
const pages: Record<string, TrackedPage> = {};

before(async () => {
  // Sessions must survive the clock being moved ten days ahead (the deadline scenario).
  b = await openBrowserApp({ config: { sessionIdleMinutes: 30 * 24 * 60, sessionMaxHours: 30 * 24 } });
  const g = (
    await b.t.ctx.db.query<{ geometry: AreaGeometry }>(
      `SELECT geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!;
  point = interiorPoint(g.geometry).map((x) => Math.round(x * 1e6) / 1e6) as [number, number];
  unit = (
    await b.t.ctx.db.query<{ id: string; name: string }>(
      `SELECT id, name FROM units WHERE region_code = '350602000000' AND function = 'urban_management' LIMIT 1`,
    )
  ).rows[0]!;
});
after(async () => {
  await b?.close();
});

async function logIn(username: string, opts: { locale?: string } = {}): Promise<TrackedPage> {
  const tp = await b.newPage(opts);
  await tp.page.goto('/login');
  await tp.page.getByTestId('login-username').fill(username);
  await tp.page.getByTestId('login-password').fill('Wangge@2026');
  await tp.page.getByTestId('login-submit').click();
  await tp.page.getByTestId('workbench-welcome').waitFor();
  pages[username] = tp;
  return tp;
}

async function caseRow(code: string) {
  return (
    await b.t.ctx.db.query<{
      id: string;
      state: string;
      category_code: string;
      lead_unit_id: string | null;
      colour: string;
      reporter_phone_sealed: string | null;
      deadline_at: Date | null;
      closed_at: Date | null;
      result: string | null;
    }>('SELECT * FROM cases WHERE code = $1', [code])
  ).rows[0]!;
}

async function events(code: string): Promise<{ action: string; actor_role: string | null; n: number }[]> {
  return (
    await b.t.ctx.db.query<{ action: string; actor_role: string | null; n: number }>(
      `SELECT e.action, e.actor_role, jsonb_array_length(e.attachments) AS n
         FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.code = $1 ORDER BY e.at, e.id`,
      [code],
    )
  ).rows;
}

/** Opens a queue on the workbench and the case's row in it. */
async function openFromQueue(page: Page, queue: string, code: string) {
  await page.goto('/');
  await page.getByTestId(`queue-${queue}`).click();
  const row = page.locator(`[data-code="${code}"]`);
  await row.waitFor();
  await row.click();
  await page.getByTestId('case-code').getByText(code).waitFor();
}

/** Runs one action from the case page: its button, its form (fill), submit, the new state. */
async function act(page: Page, action: string, fill: () => Promise<void>, state: string) {
  try {
    await page.getByTestId(`action-${action}`).click();
    await page.getByTestId(`action-form-${action}`).waitFor();
    await fill();
    await page.getByTestId('action-submit').click();
    await page.locator(`[data-testid="case-detail"][data-state="${state}"]`).waitFor();
    await page.getByTestId(`action-form-${action}`).waitFor({ state: 'detached' });
  } catch (e) {
    await b.screenshot(page, `case-failed-${action}`);
    throw e;
  }
}

async function uploadPhoto(page: Page, testId: string) {
  await page
    .getByTestId(testId)
    .locator('input[type=file]')
    .setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: PNG });
  await page.getByTestId(testId).locator('.ant-upload-list-item-done').first().waitFor();
}

async function pickCategory(page: Page, testId: string, search: string, title: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(search);
  await page.locator('.ant-select-tree-title', { hasText: title }).first().click();
}

/** Fills the intake form (category 1102 暴露垃圾, the point typed); returns nothing, saves nothing. */
async function fillIntake(page: Page, description: string) {
  await page.goto('/intake');
  await page.getByTestId('intake-form').waitFor();
  await pickCategory(page, 'intake-category', '暴露垃圾', '1102 暴露垃圾');
  await page.getByTestId('intake-description').fill(description);
  await page.getByTestId('intake-address').fill('南坑街道南坑路 12 号附近');
  await page.getByTestId('intake-lng').fill(String(point[0]));
  await page.getByTestId('intake-lat').fill(String(point[1]));
  await page.getByTestId('intake-reporter-name').fill('张三');
  await page.getByTestId('intake-reporter-phone').fill('13812345678');
  await page.getByTestId('intake-located').getByText('南坑街道').waitFor();
}

let firstCode = '';
let secondCode = '';

void test('operator → dispatcher → handler → inspector: a hotline report runs the loop to closed', async () => {
  // Operator: intake on the map screen; a double click saves one case.
  const op = await logIn('operator');
  await fillIntake(op.page, '市民来电：南坑路垃圾堆放多日无人清理，气味很大');
  await op.page.getByTestId('intake-no-duplicates').waitFor();
  // The map has centred on the typed point; a click 10 px east of it picks a point ~40 m east.
  const map = op.page.getByTestId('pick-map').and(op.page.locator('[data-ready="true"]'));
  await map.waitFor();
  const box = (await map.boundingBox())!;
  await map.click({ position: { x: box.width / 2 + 10, y: box.height / 2 } });
  const lngInput = op.page.getByTestId('intake-lng');
  for (let i = 0; i < 50 && Number(await lngInput.inputValue()) === point[0]; i++)
    await op.page.waitForTimeout(100);
  const picked = Number(await lngInput.inputValue());
  assert.ok(picked > point[0] && picked - point[0] < 0.001, `picked ${picked} east of ${point[0]}`);
  await op.page.waitForTimeout(600); // the lookup waits for typing to pause
  await op.page.getByTestId('intake-located').getByText('南坑街道').waitFor();
  await op.page.getByTestId('intake-no-duplicates').waitFor();
  await b.screenshot(op.page, 'case-intake-zh');
  await op.page.getByTestId('intake-submit').dblclick();
  const saved = op.page.getByTestId('intake-saved');
  await saved.waitFor();
  firstCode = /\d{4}-\d{8}-\d{7}/.exec(await saved.innerText())![0];
  assert.match(await op.page.getByTestId('intake-saved-reporter').innerText(), /张\*.*138\*\*\*\*5678/);
  const made = await b.t.ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM cases WHERE description LIKE '市民来电：南坑路垃圾%'`,
  );
  assert.equal(made.rows[0]!.n, 1, 'one case for a double click');
  let row = await caseRow(firstCode);
  assert.equal(row.state, 'reported');
  assert.equal(row.category_code, '1102');
  assert.ok(row.reporter_phone_sealed && !row.reporter_phone_sealed.includes('13812345678'));

  // Operator registers it from the workbench's "to register" queue.
  await op.page.goto('/');
  const toRegister = op.page.getByTestId('queue-to_register');
  await toRegister.waitFor();
  assert.equal(await toRegister.getAttribute('data-count'), '1');
  await openFromQueue(op.page, 'to_register', firstCode);
  await op.page.getByTestId('case-map').waitFor();
  await act(op.page, 'register', async () => undefined, 'registered');
  assert.equal((await caseRow(firstCode)).state, 'registered');
  await op.page.getByTestId('case-timeline').getByText('立案', { exact: true }).waitFor();

  // Dispatcher: the unit picker offers the rules' suggestion; they pick the district's 城管局.
  const dp = await logIn('dispatcher');
  await openFromQueue(dp.page, 'to_dispatch', firstCode);
  await act(
    dp.page,
    'dispatch',
    async () => {
      const picker = dp.page.getByTestId('action-lead-unit');
      await picker.getByText(/按规则推荐/).waitFor();
      await picker.click();
      await dp.page.keyboard.type('城市管理');
      await dp.page.locator('.ant-select-item-option', { hasText: unit.name }).first().click();
    },
    'dispatched',
  );
  row = await caseRow(firstCode);
  assert.equal(row.state, 'dispatched');
  assert.equal(row.lead_unit_id, unit.id);
  assert.ok(row.deadline_at);
  await dp.page.getByTestId('case-info').getByText(unit.name).waitFor();

  // Handler of the unit: acknowledge, then report back with a photo.
  const hd = await logIn('handler');
  await openFromQueue(hd.page, 'to_acknowledge', firstCode);
  await act(hd.page, 'acknowledge', async () => undefined, 'handling');
  assert.equal((await caseRow(firstCode)).state, 'handling');
  await act(
    hd.page,
    'report_back',
    async () => {
      await hd.page.getByTestId('action-result').fill('已清运垃圾并消毒，现场整洁');
      await uploadPhoto(hd.page, 'action-photos');
    },
    'reported_back',
  );
  row = await caseRow(firstCode);
  assert.equal(row.state, 'reported_back');
  assert.equal(row.result, '已清运垃圾并消毒，现场整洁');

  // Inspector of the street: verify on site (photo) → closed.
  const ip = await logIn('inspector');
  await openFromQueue(ip.page, 'to_verify', firstCode);
  await ip.page.getByTestId('case-photos').locator('img').first().waitFor();
  await act(ip.page, 'verify_pass', async () => uploadPhoto(ip.page, 'action-photos'), 'closed');
  row = await caseRow(firstCode);
  assert.equal(row.state, 'closed');
  assert.ok(row.closed_at);
  assert.deepEqual(
    (await events(firstCode)).map((e) => [e.action, e.actor_role, e.n]),
    [
      ['report', 'operator', 0],
      ['register', 'operator', 0],
      ['dispatch', 'dispatcher', 0],
      ['acknowledge', 'handler', 0],
      ['report_back', 'handler', 1],
      ['verify_pass', 'inspector', 1],
    ],
  );
  // The page: every event in the timeline, both photos, no action left for the inspector.
  const timeline = ip.page.getByTestId('case-timeline');
  await timeline.getByText('核查通过', { exact: true }).waitFor();
  assert.equal(await timeline.getByTestId('timeline-event').count(), 6);
  for (const label of ['上报', '立案', '派遣', '签收', '处置反馈', '核查通过']) {
    await timeline.getByText(label, { exact: true }).waitFor();
  }
  await ip.page.getByTestId('case-no-actions').waitFor();
  assert.equal(await ip.page.getByTestId('case-photos').locator('img').count(), 2);
  await ip.page.getByTestId('case-state').getByText('已结案').waitFor();
  await b.screenshot(ip.page, 'case-detail-closed-zh');

  for (const [who, tp] of Object.entries(pages)) assert.deepEqual(tp.errors, [], `${who}: no console errors`);
});

void test('a dispatched case left past its deadline turns red and overdue on the workbench', async () => {
  const op = pages.operator!;
  const dp = pages.dispatcher!;
  // A second report of the same problem, registered and dispatched with the rules' unit.
  await fillIntake(op.page, '市民再次来电：南坑路垃圾仍未清理');
  await op.page.getByTestId('intake-submit').click();
  const saved = op.page.getByTestId('intake-saved');
  await saved.waitFor();
  secondCode = /\d{4}-\d{8}-\d{7}/.exec(await saved.innerText())![0];
  await op.page.getByTestId('intake-open-case').click();
  await op.page.getByTestId('action-register').waitFor();
  // Meanwhile the supervisor on duty registers it (through the API): the operator's register is
  // refused as stale (409), said so, and the page reloads the case.
  const id = (await caseRow(secondCode)).id;
  const other = await b.t.call(
    'POST',
    `/api/v1/cases/${id}/actions/register`,
    await b.t.login('supervisor'),
    {
      version: 1,
    },
  );
  assert.equal(other.statusCode, 200, other.body);
  await op.page.getByTestId('action-register').click();
  await op.page.getByTestId('action-form-register').waitFor();
  await op.page.getByTestId('action-submit').click();
  await op.page.locator('.ant-notification').getByText('数据已存在或已被他人修改').waitFor();
  await op.page.getByText('案件已被他人更新，已重新加载，请核对后再操作').waitFor();
  await op.page.locator('[data-testid="case-detail"][data-state="registered"]').waitFor();
  assert.deepEqual(
    (await events(secondCode)).map((e) => [e.action, e.actor_role]),
    [
      ['report', 'operator'],
      ['register', 'supervisor'],
    ],
  );
  await openFromQueue(dp.page, 'to_dispatch', secondCode);
  await act(dp.page, 'dispatch', async () => undefined, 'dispatched');
  const dispatched = await caseRow(secondCode);
  assert.equal(dispatched.state, 'dispatched');
  assert.ok(dispatched.lead_unit_id, 'the rules chose a unit');
  assert.ok(dispatched.deadline_at);
  await dp.page.getByTestId('detail-deadline').getByText(/剩余/).waitFor();

  // The operator starts a third report at the same place: the open second case is suggested.
  await fillIntake(op.page, '又有市民反映南坑路垃圾');
  const dups = op.page.getByTestId('intake-duplicates');
  await dups.getByText(secondCode).waitFor();
  await b.screenshot(op.page, 'case-intake-duplicates-zh');

  // Ten days later (any 4-working-hour limit has passed, holidays or not) the sweep runs.
  b.t.clock.advance(10 * DAY);
  const sweep = await runDeadlineSweep(b.t.ctx);
  assert.ok(sweep.recoloured >= 1, JSON.stringify(sweep));
  const late = await caseRow(secondCode);
  assert.equal(late.colour, 'red');

  await dp.page.goto('/');
  const overdue = dp.page.getByTestId('queue-overdue');
  await overdue.waitFor();
  assert.equal(await overdue.getAttribute('data-count'), '1');
  await overdue.click();
  const row = dp.page.locator(`[data-code="${secondCode}"]`);
  await row.waitFor();
  const deadline = row.getByTestId('case-deadline');
  assert.equal(await deadline.getAttribute('data-colour'), 'red');
  assert.match(await deadline.innerText(), /^超时 \d+ 工作日/);
  await b.screenshot(dp.page, 'case-workbench-overdue-zh');

  // The same in English, on the case page with its timeline (automatic supervision).
  await dp.page.getByTestId('language-switch').getByText('English', { exact: true }).click();
  await row
    .getByTestId('case-deadline')
    .getByText(/Overdue by \d+ working d/)
    .waitFor();
  await b.screenshot(dp.page, 'case-workbench-overdue-en');
  await row.click();
  await dp.page.getByTestId('case-timeline').getByText('Automatic supervision (overdue)').waitFor();
  await dp.page
    .getByTestId('detail-deadline')
    .getByText(/Overdue by/)
    .waitFor();
  await dp.page.getByTestId('action-reassign').waitFor();
  await b.screenshot(dp.page, 'case-detail-overdue-en');

  for (const [who, tp] of Object.entries(pages)) assert.deepEqual(tp.errors, [], `${who}: no console errors`);
});

void test('the workbench stays smooth with 10,000 cases: rows virtualized, pages loaded on scroll', async () => {
  // 10,000 open cases in 南坑街道, written straight into the table.
  const grid = (
    await b.t.ctx.db.query<{ code: string; region_code: string }>(
      `SELECT code, region_code FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!;
  const now = b.t.clock.now();
  await b.t.ctx.db.query(
    `INSERT INTO cases (code, channel, state, category_code, title, description, lng, lat, grid_code, region_code,
                        idempotency_key, reported_at, updated_at)
     SELECT '3506-BULK-' || lpad(i::text, 7, '0'), 'hotline', 'reported', '1102', '批量案件 ' || i, '批量案件 ' || i,
            $1, $2, $3, $4, 'bulk-' || i, $5::timestamptz - make_interval(secs => i), $5
       FROM generate_series(1, 10000) AS i`,
    [point[0], point[1], grid.code, grid.region_code, now],
  );
  const { page, errors } = await logIn('leader', { locale: 'zh-CN' });
  await page.goto('/?queue=to_register');
  const loaded = page.getByTestId('workbench-loaded');
  await loaded.getByText('已加载 200 条').waitFor();
  const reported = await b.t.ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM cases WHERE state = 'reported'`,
  );
  assert.ok(reported.rows[0]!.n >= 10_000);
  const count = await page.getByTestId('queue-to_register').getAttribute('data-count');
  assert.equal(count, String(reported.rows[0]!.n));
  const all = `已加载 ${reported.rows[0]!.n.toLocaleString('zh-CN')} 条`;
  const body = page.locator('.ant-table-tbody-virtual-holder');
  await body.hover();
  const started = Date.now();
  for (let i = 0; i < 120; i++) {
    await page.mouse.wheel(0, 10_000);
    await page.waitForTimeout(50);
    if ((await loaded.innerText()).trim() === all) break;
  }
  await loaded.getByText(all, { exact: true }).waitFor({ timeout: 60_000 });
  const rows = await page.locator('.ant-table-row').count();
  assert.ok(rows > 5 && rows < 100, `only the visible rows are in the DOM (${rows})`);
  await page.locator('[data-code="3506-BULK-0010000"]').waitFor();
  console.log(`scrolled through 10,000 rows in ${Date.now() - started} ms`);
  await b.screenshot(page, 'case-workbench-10000-zh');
  assert.deepEqual(errors, []);
});
