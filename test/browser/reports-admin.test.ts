// Reports (考核评价) and administration (系统管理) in Chromium: an admin imports a grid file with one
// bad feature and sees it named with its reason, then a good file; a leader's KPI table equals
// GET /kpi/breakdown, drills into a county and exports it to an .xlsx whose cells equal the
// table; the server's field errors appear on the category and user forms.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { AreaGeometry } from '../../src/domain/geo/geometry.ts';
import { featureStartLines } from '../../src/domain/grids/geojson-lines.ts';
import { interiorPoint } from '../../src/domain/grids/interior-point.ts';
import { runKpiRollup } from '../../src/jobs/kpi-rollup.ts';
import { SCREENSHOT_DIR, openBrowserApp, type BrowserApp } from './harness.ts';

let b: BrowserApp;
const files = mkdtempSync(join(tmpdir(), 'wangge-admin-ui-'));
before(async () => {
  b = await openBrowserApp();
});
after(async () => {
  await b?.close();
});

async function logIn(page: Page, username: string) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('Wangge@2026');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === '/');
}

/** The <input> of an antd input whose test id sits either on the input or on its wrapper. */
function inputOf(page: Page, testId: string) {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

const onlyRealErrors = (errors: string[]) => errors.filter((e) => !/status of 4\d\d/.test(e));

// ---------------------------------------------------------------------------------------------
// (a) Grid import

function fileOf(features: unknown[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features }, null, 1);
}
function feature(code: string, name: string, village: string, geometry: unknown) {
  return { type: 'Feature', properties: { code, name, village_code: village }, geometry };
}

void test('admin imports grids: a self-intersecting feature is named with its reason, then a good file replaces the village', async () => {
  const db = b.t.ctx.db;
  const village = (
    await db.query<{ region_code: string }>(
      `SELECT region_code FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%'
       GROUP BY region_code HAVING count(*) >= 2 ORDER BY region_code LIMIT 1`,
    )
  ).rows[0]!.region_code;
  const villageName = (
    await db.query<{ name: string }>('SELECT name FROM regions WHERE code = $1', [village])
  ).rows[0]!.name;
  const grids = (
    await db.query<{ code: string; geometry: AreaGeometry }>(
      'SELECT code, geometry FROM grids WHERE region_code = $1 ORDER BY code',
      [village],
    )
  ).rows;
  const before = (
    await db.query<{ code: string; source: string }>(
      'SELECT code, source FROM grids WHERE region_code = $1 ORDER BY code',
      [village],
    )
  ).rows;
  const [cx, cy] = interiorPoint(grids[0]!.geometry);
  const bad = join(files, 'grids-bad.geojson');
  const badText = fileOf([
    feature(`${village}101`, '一号网格', village, grids[0]!.geometry),
    feature(`${village}102`, '蝴蝶网格', village, {
      type: 'Polygon',
      coordinates: [
        [
          [cx, cy],
          [cx + 0.001, cy + 0.001],
          [cx + 0.001, cy],
          [cx, cy + 0.001],
          [cx, cy],
        ],
      ],
    }),
  ]);
  writeFileSync(bad, badText);

  const { page, errors } = await b.newPage();
  await logIn(page, 'admin');
  await page.getByTestId('side-menu').getByText('系统管理', { exact: true }).click();
  await page.waitForURL('**/admin/regions');
  await page.getByTestId('region-details').waitFor();
  const picker = page.getByTestId('grid-import').locator('input[type=file]');
  await picker.setInputFiles(bad);
  await page.getByTestId('grid-import-file').getByText('grids-bad.geojson').waitFor();
  await page.getByTestId('grid-import-submit').click();
  const issues = page.getByTestId('grid-import-issues');
  await issues.waitFor();
  await page.getByTestId('grid-import-error').getByText('导入文件有误，未导入任何数据').waitFor();
  const rows = (await issues.locator('tbody tr.ant-table-row').allInnerTexts()).map((r) =>
    r.split('\t').map((c) => c.trim()),
  );
  // Only the second feature is at fault: its number, its line in the file, its code and name, the
  // field and the reason in Chinese (a bow-tie ring intersects itself and has no area).
  const line = String(featureStartLines(badText)[1]);
  for (const cells of rows) {
    assert.deepEqual(cells.slice(0, 3), ['#2', line, `${village}102 · 蝴蝶网格`]);
    assert.match(cells[3]!, /^geometry/);
  }
  assert.ok(
    rows.some((cells) => /线环自相交/.test(cells[4]!)),
    JSON.stringify(rows),
  );
  await page.getByTestId('grid-import-progress').getByText('未导入').waitFor();
  await b.screenshot(page, 'admin-grid-import-error');
  // All or nothing: the village still has its generated grids.
  assert.deepEqual(
    (
      await db.query<{ code: string; source: string }>(
        'SELECT code, source FROM grids WHERE region_code = $1 ORDER BY code',
        [village],
      )
    ).rows,
    before,
  );

  const good = join(files, 'grids-good.geojson');
  writeFileSync(
    good,
    fileOf([
      feature(`${village}101`, '一号网格', village, grids[0]!.geometry),
      feature(`${village}102`, '二号网格', village, grids[1]!.geometry),
    ]),
  );
  await picker.setInputFiles(good);
  await page.getByTestId('grid-import-submit').click();
  await page
    .getByTestId('grid-import-success')
    .getByText(`已导入 2 个网格，替换原有网格 ${before.length} 个，涉及 1 个村/社区`)
    .waitFor();
  assert.equal(await issues.count(), 0);
  const after = (
    await db.query<{ code: string; source: string }>(
      'SELECT code, source FROM grids WHERE region_code = $1 ORDER BY code',
      [village],
    )
  ).rows;
  assert.deepEqual(after, [
    { code: `${village}101`, source: 'imported' },
    { code: `${village}102`, source: 'imported' },
  ]);

  // The village, found by name: two grids, both imported.
  await page.getByTestId('region-search').click();
  await page.keyboard.type(villageName);
  await page.locator('.ant-select-item-option', { hasText: village }).click();
  await page.getByTestId('region-details').getByText(villageName).first().waitFor();
  await page.getByTestId('region-grid-count').getByText('2', { exact: true }).waitFor();
  const gridRows = page.getByTestId('grid-table').locator('tbody tr.ant-table-row');
  await gridRows
    .filter({ hasText: `${village}102` })
    .getByText('导入')
    .waitFor();
  assert.equal(await gridRows.count(), 2);
  await b.screenshot(page, 'admin-grid-import-done');
  assert.deepEqual(onlyRealErrors(errors), []);
});

// ---------------------------------------------------------------------------------------------
// (b) Reports

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0e40000000049454e44ae426082',
  'hex',
);

/** This month in Asia/Shanghai as [first day, first day of the next month]. */
function thisMonth(): [string, string] {
  const d = new Date(Date.now() + 8 * 3_600_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const first = `${y}-${String(m).padStart(2, '0')}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return [first, next];
}

async function seedCases(): Promise<void> {
  const t = b.t;
  const tok: Record<string, string> = {};
  for (const u of ['operator', 'dispatcher', 'handler', 'inspector']) tok[u] = await t.login(u);
  const g = await t.ctx.db.query<{ geometry: AreaGeometry }>(
    `(SELECT geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 1)
     UNION ALL
     (SELECT geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350602%' AND region_code NOT LIKE '350602005%' ORDER BY code LIMIT 1)
     UNION ALL
     (SELECT geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350603%' ORDER BY code LIMIT 1)`,
  );
  const points = g.rows.map((r) => interiorPoint(r.geometry));
  const ids: string[] = [];
  for (const [i, where] of [0, 0, 0, 1, 2].entries()) {
    const [lng, lat] = points[where]!;
    const r = await t.call('POST', '/api/v1/cases', tok.operator, {
      channel: 'hotline',
      lng,
      lat,
      description: `报表测试案件 ${i}：公共厕所门锁损坏`,
      category_code: '0301',
      idempotency_key: `reports-ui-${i}`,
    });
    assert.equal(r.statusCode, 201, r.body);
    ids.push(r.json<{ case: { id: string } }>().case.id);
  }
  const act = async (user: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const read = await t.call('GET', `/api/v1/cases/${id}`, tok[user]);
    const version = read.json<{ case: { version: number } }>().case.version;
    const r = await t.call('POST', `/api/v1/cases/${id}/actions/${action}`, tok[user], { version, ...body });
    assert.equal(r.statusCode, 200, `${user} ${action}: ${r.body}`);
  };
  const photo = async (user: string) => {
    const headers = { authorization: `Bearer ${tok[user]}`, 'content-type': 'image/png' };
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/photos', headers, payload: PNG });
    return [r.json<{ id: string }>().id];
  };
  for (const id of [ids[0]!, ids[1]!, ids[3]!]) {
    await act('operator', id, 'register');
    await act('dispatcher', id, 'dispatch', { lead_unit_id: 'u-350602-urban_management' });
  }
  await act('handler', ids[0]!, 'acknowledge');
  await act('handler', ids[0]!, 'report_back', { result: '已更换门锁', photos: await photo('handler') });
  await act('inspector', ids[0]!, 'verify_pass', { photos: await photo('inspector') });
  await runKpiRollup(t.ctx);
}

interface TableData {
  headers: string[];
  rows: { key: string; cells: string[] }[];
  total: string[];
}

async function readTable(page: Page): Promise<TableData> {
  const table = page.getByTestId('reports-table');
  const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim()).filter(Boolean);
  const rowLoc = table.locator('tbody tr.ant-table-row');
  const rows: TableData['rows'] = [];
  for (let i = 0, n = await rowLoc.count(); i < n; i++) {
    const tr = rowLoc.nth(i);
    rows.push({
      key: (await tr.getAttribute('data-row-key')) ?? '',
      cells: (await tr.locator('td').allInnerTexts()).map((c) => c.trim()),
    });
  }
  const total = (await page.getByTestId('reports-total').locator('td').allInnerTexts()).map((c) => c.trim());
  return { headers, rows, total };
}

interface ApiRow {
  key: string;
  name: string;
  counters: Record<string, number>;
  rates: Record<string, number | null>;
}

const num = (n: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }).format(n);
const pct = (r: number | null) =>
  r === null
    ? '—'
    : new Intl.NumberFormat('zh-CN', {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(r);
const REGION_COUNTERS = ['reported', 'registered', 'due', 'closed'];
const REGION_RATES = [
  'closureRate',
  'onTimeClosureRate',
  'reworkRate',
  'timelyAcknowledgementRate',
  'onTimeHandlingRate',
  'satisfactionRate',
  'publicReportRate',
  'accurateDispatchRate',
];
const expectedCells = (r: ApiRow, level: string) => [
  r.name,
  level,
  ...REGION_COUNTERS.map((k) => num(r.counters[k]!)),
  ...REGION_RATES.map((k) => pct(r.rates[k]!)),
];

async function assertTableEqualsApi(page: Page, query: string, level: string): Promise<TableData> {
  const api = await page.request.get(`/api/v1/kpi/breakdown?${query}`);
  assert.equal(api.status(), 200);
  const body = (await api.json()) as { rows: ApiRow[]; total: ApiRow };
  const table = await readTable(page);
  assert.deepEqual(
    table.rows.map((r) => r.key),
    body.rows.map((r) => r.key),
  );
  for (const [i, r] of body.rows.entries())
    assert.deepEqual(table.rows[i]!.cells, expectedCells(r, level), r.name);
  assert.deepEqual(table.total, [
    '合计',
    '',
    ...expectedCells({ ...body.total, key: '', name: '' }, '').slice(2),
  ]);
  return table;
}

/** The cells of an exported sheet as the table shows them. */
function shown(v: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numFmt?.includes('%') ? pct(v) : num(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

void test('leader: KPI table by region equals the API, drills into a county, exports the same cells to Excel', async () => {
  await seedCases();
  const [from, to] = thisMonth();
  const { page, errors } = await b.newPage();
  await logIn(page, 'leader');
  // Not an administrator: no Administration in the menu, and the screen refuses.
  assert.equal(await page.getByTestId('side-menu').getByText('系统管理', { exact: true }).count(), 0);
  await page.getByTestId('side-menu').getByText('考核评价', { exact: true }).click();
  await page.waitForURL('**/reports');
  await page.getByTestId('reports-table').locator('tr[data-row-key="350602000000"]').waitFor();
  const city = await assertTableEqualsApi(page, `by=region&from=${from}&to=${to}`, '区县');
  assert.equal(city.rows.length, 11);
  const xc = city.rows.find((r) => r.key === '350602000000')!;
  assert.deepEqual(xc.cells.slice(0, 4), ['芗城区', '区县', '4', '3']);
  assert.deepEqual(city.headers.slice(0, 8), [
    '区域',
    '层级',
    '上报数',
    '立案数',
    '应结案数',
    '结案数',
    '结案率',
    '按期结案率',
  ]);
  // The formula of a rate, from /kpi/definitions.
  await page.getByTestId('reports-table').locator('thead').getByTestId('rate-head-closureRate').hover();
  await page.getByRole('tooltip').getByText('结案率 = 结案数 ÷ 应结案数').waitFor();
  await page.getByTestId('reports-breadcrumb').getByText('漳州市').waitFor();
  await b.screenshot(page, 'reports-region');

  await page.getByTestId('drill-350602000000').click();
  await page.getByTestId('reports-table').locator('tr[data-row-key="350602005000"]').waitFor();
  await page.getByTestId('reports-breadcrumb').getByText('芗城区').waitFor();
  assert.match(page.url(), /region=350602000000/);
  const county = await assertTableEqualsApi(
    page,
    `by=region&region=350602000000&from=${from}&to=${to}`,
    '乡镇街道',
  );
  const nankeng = county.rows.find((r) => r.key === '350602005000')!;
  assert.deepEqual(nankeng.cells.slice(0, 4), ['南坑街道', '乡镇街道', '3', '2']);
  await b.screenshot(page, 'reports-drilldown');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-xlsx').click(),
  ]);
  assert.match(download.suggestedFilename(), /^考核评价-按区域-芗城区-.*\.xlsx$/);
  const saved = join(SCREENSHOT_DIR, 'reports-drilldown.xlsx');
  await download.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const ws = wb.worksheets[0]!;
  const sheet: string[][] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= county.headers.length; c++) {
      const cell = row.getCell(c);
      cells.push(shown(cell.value, cell.numFmt));
    }
    sheet.push(cells);
  });
  assert.deepEqual(sheet[0], county.headers);
  assert.deepEqual(
    sheet.slice(1, -1),
    county.rows.map((r) => r.cells),
  );
  assert.deepEqual(sheet.at(-1), county.total);
  assert.equal(ws.getRow(1).getCell(1).font?.bold, true);

  // The breadcrumb goes back up.
  await page.getByTestId('reports-breadcrumb').getByText('漳州市').click();
  await page.getByTestId('reports-table').locator('tr[data-row-key="350603000000"]').waitFor();

  // By unit: the unit that got the dispatches.
  await page.getByTestId('reports-by').getByText('按单位').click();
  await page.getByTestId('reports-table').locator('tr[data-row-key="u-350602-urban_management"]').waitFor();

  // English: the same table, the rates' names from the server's definitions.
  await page.getByTestId('reports-by').getByText('按区域').click();
  await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
  const head = page.getByTestId('reports-table').locator('thead').getByTestId('rate-head-closureRate');
  await head.getByText('Closure rate').waitFor();
  await page.getByTestId('reports-total').getByText('Total').waitFor();
  await b.screenshot(page, 'reports-en');

  await page.goto('/admin/users');
  await page.getByText('Administrators only').waitFor();
  assert.deepEqual(onlyRealErrors(errors), []);
});

// ---------------------------------------------------------------------------------------------
// (c) Server field errors on the forms; users; calendar

void test('admin: a bad time limit and a weak password show the server messages on their fields; the user is created', async () => {
  const { page, errors } = await b.newPage();
  await logIn(page, 'admin');
  await page.goto('/admin/categories');
  await inputOf(page, 'category-search').fill('0301');
  await page.getByTestId('category-edit-0301').click();
  const form = page.getByTestId('category-form');
  await form.getByTestId('category-limit-normal').fill('3x');
  await page.getByTestId('category-save').click();
  await form
    .locator('.ant-form-item-explain-error')
    .getByText(/时限格式应为 1–999 的整数加单位/)
    .waitFor();
  await b.screenshot(page, 'admin-category-error');
  await form.getByTestId('category-limit-normal').fill('3d');
  await page.getByTestId('category-save').click();
  await form.waitFor({ state: 'detached' });
  const cat = await b.t.ctx.db.query<{ limit_normal: string }>(
    `SELECT limit_normal FROM categories WHERE code = '0301'`,
  );
  assert.equal(cat.rows[0]!.limit_normal, '3d');

  await page.getByTestId('admin-tab-users').click();
  await page.waitForURL('**/admin/users');
  await page.getByTestId('user-table').getByText('gridworker').waitFor();
  await page.getByTestId('user-create').click();
  const uf = page.getByTestId('user-form');
  await uf.getByTestId('user-username').fill('nk-operator');
  await uf.getByTestId('user-display-name').fill('南坑受理员');
  await uf.getByTestId('user-password').fill('weakpass');
  await uf.getByTestId('user-roles').click();
  await page.locator('.ant-select-item-option', { hasText: '受理员' }).first().click();
  await page.locator('.ant-modal-title').click(); // closes the dropdown (Escape would close the dialog)
  await uf.getByTestId('user-regions').click();
  await page.locator('.ant-select-tree-title', { hasText: '漳州市' }).click();
  await page.locator('.ant-modal-title').click();
  await page.locator('.ant-modal-footer button.ant-btn-primary').click();
  const pwError = uf.locator('.ant-form-item-explain-error').first();
  await pwError.waitFor();
  assert.match(await pwError.innerText(), /须包含小写字母、大写字母、数字、符号中的至少三类/);
  await b.screenshot(page, 'admin-user-weak-password');
  await uf.getByTestId('user-password').fill('Nankeng@2026');
  await page.locator('.ant-modal-footer button.ant-btn-primary').click();
  await uf.waitFor({ state: 'detached' });
  await page.getByTestId('user-table').getByText('nk-operator').waitFor();
  const u = await b.t.ctx.db.query<{ display_name: string; roles: string[] }>(
    `SELECT display_name, roles FROM users WHERE username = 'nk-operator'`,
  );
  assert.deepEqual(u.rows[0], { display_name: '南坑受理员', roles: ['operator'] });
  await b.screenshot(page, 'admin-users');

  // The calendar: this year as stored (holidays, 调休), then next year, not stored yet, with a
  // make-up day on a weekday, which the server refuses on that field.
  await page.getByTestId('admin-tab-calendar').click();
  await page.getByTestId('calendar-overview').waitFor();
  const thisYear = Number(thisMonth()[0].slice(0, 4));
  if (thisYear <= 2026) {
    // 2025–2026 ship with the official arrangement.
    await page.getByTestId('calendar-overview').locator('[data-type="holiday"]').first().waitFor();
    await page.getByTestId('calendar-overview').locator('[data-type="makeup_workday"]').first().waitFor();
  }
  await b.screenshot(page, 'admin-calendar');
  const next = thisYear + 1;
  await page.getByTestId('calendar-year').click();
  await page.locator('.ant-select-item-option', { hasText: `${next}（未维护）` }).click();
  await page.getByTestId('calendar-not-stored').waitFor();
  const weekday = [4, 5, 6, 7, 8]
    .map((d) => `${next}-01-0${d}`)
    .find((d) => {
      const w = new Date(`${d}T00:00:00Z`).getUTCDay();
      return w >= 1 && w <= 5;
    })!;
  await page.getByTestId('calendar-makeups').locator('.ant-picker').click();
  await page.locator(`.ant-picker-dropdown td[title="${weekday}"]`).click();
  await page.getByText('调休上班日', { exact: true }).first().click(); // closes the picker
  // The day is in the field before saving (a loaded machine may be slow to take the click).
  await page.getByTestId('calendar-makeups').getByText(weekday).waitFor();
  await page.getByTestId('calendar-save').click();
  await page
    .getByTestId('calendar-form')
    .locator('.ant-form-item-explain-error')
    .getByText(`调休上班日应为周六或周日，${weekday} 是`)
    .waitFor();
  await b.screenshot(page, 'admin-calendar-error');
  assert.equal(
    (await b.t.ctx.db.query('SELECT year FROM calendar_years WHERE year = $1', [next])).rows.length,
    0,
  );
  assert.deepEqual(onlyRealErrors(errors), []);
});
