// 社区议事 in Chromium, as the 芗城区 leader (`county`: proposals:manage, appointments:manage): a
// proposal published from the form (an option added), its roll imported from a real .xlsx written
// by exceljs and accepted, then a CSV with a bad line refused with that line named and the roll
// kept; the detail drawer; a service and its slots opened from the screen, a booking made through
// the public API confirmed from the table; the grid workers' weekly visits against the target.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { MemorySmsSender } from '../../src/commands/sms/sms-sender.ts';
import type { AreaGeometry } from '../../src/domain/geo/geometry.ts';
import { interiorPoint } from '../../src/domain/grids/interior-point.ts';
import { openBrowserApp, type BrowserApp } from './harness.ts';

let b: BrowserApp;
let sms: MemorySmsSender;
const files = mkdtempSync(join(tmpdir(), 'wangge-community-ui-'));
let village: { code: string; name: string };
let township: { code: string; name: string };
let page: Page;
let errors: string[];

before(async () => {
  b = await openBrowserApp({ config: { sessionIdleMinutes: 120 } });
  sms = new MemorySmsSender();
  b.t.ctx.sms = sms;
  const db = b.t.ctx.db;
  village = (
    await db.query<{ code: string; name: string }>(
      `SELECT code, name FROM regions WHERE level = 'village' AND code LIKE '350602005%' ORDER BY code LIMIT 1`,
    )
  ).rows[0]!;
  township = (
    await db.query<{ code: string; name: string }>(
      `SELECT code, name FROM regions WHERE code = '350602005000'`,
    )
  ).rows[0]!;
  ({ page, errors } = await b.newPage());
  await page.goto('/login');
  await page.getByTestId('login-username').fill('county');
  await page.getByTestId('login-password').fill('Wangge@2026');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === '/');
  await page.getByTestId('side-menu').getByText('社区议事', { exact: true }).waitFor({ timeout: 90_000 });
});
after(async () => {
  await b?.close();
});

const realErrors = () => errors.filter((e) => !/status of 4\d\d/.test(e));

/** Types into an antd search select and picks the option that contains `text`. */
async function pickArea(testId: string, query: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(query);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click();
}

/** Waits until the transient toasts are gone, so that screenshots show the screen itself. */
async function quiet() {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 15_000 });
}

const TITLE = '锦绣小区加装电梯方案';

void test('a proposal from the form; the roll from a real .xlsx, then a bad CSV refused with its line', async () => {
  const db = b.t.ctx.db;
  await page.getByTestId('side-menu').getByText('社区议事', { exact: true }).click();
  await page.waitForURL('**/community/proposals');
  await page.getByTestId('proposal-table').waitFor();
  await page.getByText('辖区内还没有议题').waitFor();

  await page.getByTestId('proposal-create').click();
  await page.getByTestId('proposal-form').waitFor();
  // antd's Chinese locale reaches the date pickers (the ESM locale module, not the CJS one).
  const pickers = page.getByTestId('proposal-form').locator('.ant-picker input');
  const placeholders: (string | null)[] = [];
  for (let k = 0; k < (await pickers.count()); k++)
    placeholders.push(await pickers.nth(k).getAttribute('placeholder'));
  assert.deepEqual(placeholders, ['开始日期', '结束日期', '开始日期', '结束日期']);

  await pickArea('proposal-region', village.name.slice(0, 4), village.name);
  await page.getByTestId('proposal-title').fill(TITLE);
  await page
    .getByTestId('proposal-body')
    .fill('拟在 3 号楼 2 单元加装电梯一部，费用按楼层分摊，请各户发表意见并投票。');
  await page.getByTestId('proposal-option-add').click();
  await page.getByTestId('proposal-option-3').fill('暂缓实施');
  await b.screenshot(page, 'community-proposal-form');
  await page.getByTestId('proposal-voting').first().scrollIntoViewIfNeeded();
  await b.screenshot(page, 'community-proposal-form-windows');
  await page.getByTestId('proposal-submit').click();
  await page.getByText('议题已发布').waitFor();
  const row = page.getByTestId('proposal-table').locator('tbody tr.ant-table-row', { hasText: TITLE });
  await row.waitFor();
  assert.match(await row.innerText(), /征求意见|待开始/);
  const p = (
    await db.query<{
      id: string;
      region_code: string;
      status: string;
      options: { key: string; label: string }[];
      eligibility: string;
      voting_from: Date;
      voting_to: Date;
    }>('SELECT * FROM proposals WHERE title = $1', [TITLE])
  ).rows;
  assert.equal(p.length, 1);
  const prop = p[0]!;
  assert.deepEqual(
    [prop.region_code, prop.status, prop.eligibility],
    [village.code, 'published', 'household'],
  );
  assert.deepEqual(
    prop.options.map((o) => o.label),
    ['同意', '不同意', '弃权', '暂缓实施'],
  );
  assert.equal(prop.voting_to.getTime() - prop.voting_from.getTime(), 3 * 86_400_000);

  // The roll from an Excel workbook: a header row, phones stored as numbers.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['户号', '手机号']);
  ws.addRow(['3-2-301', 13800000001]);
  ws.addRow(['3-2-301', 13800000002]);
  ws.addRow(['3-2-302', 13800000003]);
  const xlsx = join(files, '3号楼名册.xlsx');
  writeFileSync(xlsx, Buffer.from(await wb.xlsx.writeBuffer()));
  await row.getByTestId(`roll-import-open-${prop.id}`).click();
  const modal = page.getByTestId('roll-import');
  await modal.waitFor();
  await modal.locator('input[type=file]').setInputFiles(xlsx);
  await page.getByTestId('roll-import-file').getByText('3号楼名册.xlsx').waitFor();
  await page.getByTestId('roll-import-submit').click();
  await page.getByTestId('roll-import-success').getByText('已导入：3 人，2 户').waitFor();
  await b.screenshot(page, 'community-roll-xlsx');
  const roll = async () =>
    (
      await db.query<{ household_code: string }>(
        'SELECT household_code FROM proposal_roll WHERE proposal_id = $1 ORDER BY household_code',
        [prop.id],
      )
    ).rows.map((r) => r.household_code);
  assert.deepEqual(await roll(), ['3-2-301', '3-2-301', '3-2-302']);

  // A CSV with a bad phone on line 3: named in the table, nothing replaced.
  const csv = join(files, 'bad-roll.csv');
  writeFileSync(csv, '户号,手机号\n3-2-401,13800000004\n3-2-402,1380000\n');
  await modal.locator('input[type=file]').setInputFiles(csv);
  await page.getByTestId('roll-import-file').getByText('bad-roll.csv').waitFor();
  await page.getByTestId('roll-import-submit').click();
  await page
    .getByTestId('roll-import-error')
    .getByText('导入文件有误，未导入任何数据', { exact: false })
    .waitFor();
  const issues = page.getByTestId('roll-import-issues').locator('tbody tr.ant-table-row');
  await issues.first().waitFor();
  const cells = (await issues.allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));
  assert.deepEqual(cells, [['3', '手机号', '应为 11 位手机号码']]);
  await b.screenshot(page, 'community-roll-csv-error');
  assert.deepEqual(await roll(), ['3-2-301', '3-2-301', '3-2-302'], 'the roll is kept');
  await page.getByTestId('roll-import-close').click();
  await row.getByText('3 人 / 2 户').waitFor();

  // The details: rules, roll, no comments yet, the result still to come.
  await row.getByRole('button', { name: TITLE }).click();
  const drawer = page.getByTestId('proposal-detail');
  await drawer.getByText('一户一票').waitFor();
  await drawer.getByText('3 人 / 2 户').waitFor();
  await drawer.getByText('暂无意见').waitFor();
  await drawer.getByTestId('proposal-result-pending').waitFor();
  await quiet();
  await b.screenshot(page, 'community-proposal-drawer');
  await page.locator('.ant-drawer-close').click();
  await drawer.waitFor({ state: 'detached' });
  assert.deepEqual(realErrors(), []);
});

void test('appointments: a service and its slots from the screen; a public booking confirmed', async () => {
  const db = b.t.ctx.db;
  await page.getByTestId('community-tab-appointments').click();
  await page.waitForURL('**/community/appointments');
  await page.getByText('辖区内还没有预约服务').first().waitFor();
  await page.getByTestId('service-create').click();
  await page.getByTestId('service-form').waitFor();
  await pickArea('service-region', township.name, township.name);
  await page.getByTestId('service-name').fill('社保卡办理');
  await page.getByTestId('service-place').fill('南坑街道便民服务中心 2 号窗口');
  await page.getByTestId('service-submit').click();
  await page.getByTestId('slots-form').waitFor();
  const service = (
    await db.query<{ id: string; region_code: string }>(`SELECT id, region_code FROM appointment_services`)
  ).rows;
  assert.deepEqual(
    service.map((s) => s.region_code),
    [township.code],
  );
  const serviceId = service[0]!.id;

  await page.getByTestId('slots-submit').click();
  await page.getByText(/新开放 \d+ 个时段/).waitFor();
  const slots = (
    await db.query<{ id: string; starts_at: Date; capacity: number }>(
      'SELECT id, starts_at, capacity FROM appointment_slots WHERE service_id = $1 ORDER BY starts_at',
      [serviceId],
    )
  ).rows;
  // Tomorrow to a week on, three times a day, on working days only (5 or 6 of the 7 days).
  assert.ok(slots.length >= 9 && slots.length % 3 === 0, `${slots.length} slots`);
  assert.ok(slots.every((s) => s.capacity === 5));
  const slotRows = page.getByTestId('slot-table').locator('tbody tr.ant-table-row');
  await slotRows.first().waitFor();
  const shown = await slotRows.count();
  assert.equal(shown, Math.min(10, slots.length), 'the slots of the days shown (10 a page)');

  // A resident books the first slot through the public API.
  const phone = '13800000001';
  await b.t.call('POST', '/api/v1/public/sms-codes', undefined, { phone, purpose: 'booking' });
  const booked = await b.t.call('POST', '/api/v1/public/appointments', undefined, {
    slot_id: slots[0]!.id,
    name: '张三丰',
    phone,
    code: sms.lastCode(phone),
  });
  assert.equal(booked.statusCode, 201, booked.body);
  const code = booked.json<{ code: string }>().code;
  await page.getByTestId('appointments-refresh').click();
  const bookingRow = page.getByTestId('booking-table').locator('tbody tr.ant-table-row', { hasText: code });
  await bookingRow.waitFor();
  const text = await bookingRow.innerText();
  assert.match(text, /张\*/);
  assert.match(text, /138\*\*\*\*0001/);
  assert.ok(!text.includes('张三丰') && !text.includes(phone), 'masked as the API gives it');
  await page.getByTestId(`booking-confirm-${code}`).click();
  await page.getByText('已确认预约').waitFor();
  await bookingRow.getByText('已确认').waitFor();
  await quiet();
  await b.screenshot(page, 'community-appointments');
  const stored = (
    await db.query<{ status: string; username: string }>(
      `SELECT a.status, u.username FROM appointments a JOIN users u ON u.id = a.confirmed_by WHERE a.code = $1`,
      [code],
    )
  ).rows;
  assert.deepEqual(stored, [{ status: 'confirmed', username: 'county' }]);
  assert.deepEqual(realErrors(), []);
});

void test('visits: each grid worker’s households this week against the target', async () => {
  const db = b.t.ctx.db;
  const grid = (
    await db.query<{ geometry: AreaGeometry }>(
      `SELECT g.geometry FROM grid_members m JOIN users u ON u.id = m.user_id JOIN grids g ON g.code = m.grid_code
       WHERE u.username = 'gridworker' LIMIT 1`,
    )
  ).rows[0]!;
  const [lng, lat] = interiorPoint(grid.geometry);
  const worker = await b.t.login('gridworker');
  for (const n of [1, 2]) {
    const r = await b.t.call('POST', '/api/v1/field/visits', worker, {
      kind: 'household',
      target: `南坑社区 3 号楼 20${n} 户`,
      lng,
      lat,
      idempotency_key: `community-visit-000${n}`,
    });
    assert.equal(r.statusCode, 201, r.body);
  }
  const name = (
    await db.query<{ display_name: string }>(`SELECT display_name FROM users WHERE username = 'gridworker'`)
  ).rows[0]!.display_name;
  await page.getByTestId('community-tab-visits').click();
  await page.waitForURL('**/community/visits');
  const rows = page.getByTestId('visits-table').locator('tbody tr.ant-table-row');
  await rows.first().waitFor();
  const cells = (await rows.allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));
  assert.deepEqual(cells, [[name, '2 / 30', '0', '差 28 户']]);
  await page
    .getByTestId('visits-caption')
    .getByText(/每周走访目标 30 户/)
    .waitFor();
  await b.screenshot(page, 'community-visits');

  // The same screen in English.
  await page.getByTestId('community-tab-proposals').click();
  await page.getByTestId('proposal-table').locator('tbody tr.ant-table-row').first().waitFor();
  await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
  await page.getByText('Import roll').first().waitFor();
  await quiet().catch(() => undefined); // none may be showing
  await b.screenshot(page, 'community-proposals-en');
  assert.deepEqual(realErrors(), []);
});
