// The map (一张图) and the big screen (大屏) in Chromium, on cases made through the API: the big
// screen shows the dashboard's numbers at 1920×1080 and at 1366×768 without overlaps, draws its
// charts and map, and picks up a new case by polling; the map draws the grids of the scope,
// clusters the cases, and a click on a grid opens its village, grid worker and open cases.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Page } from 'playwright-core';
import type { AreaGeometry } from '../../src/domain/geo/geometry.ts';
import { interiorPoint } from '../../src/domain/grids/interior-point.ts';
import { runKpiRollup } from '../../src/jobs/kpi-rollup.ts';
import { openBrowserApp, type BrowserApp } from './harness.ts';

// What the pages expose under automation (web/console/src/features/map/use-maplibre.ts), for the
// functions below that run in the browser.
declare const window: { __wanggeMaps?: Record<string, MapLibreMap> };

let b: BrowserApp;
const tok: Record<string, string> = {};
const ids: Record<string, string> = {};
const URBAN = 'u-350602-urban_management';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0e40000000049454e44ae426082',
  'hex',
);

/** A 256×256 light grey PNG tile. */
const TILE = (() => {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(256, 0);
  ihdr.writeUInt32BE(256, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(256 * 3, 0xdd)]);
  const raw = Buffer.concat(Array.from({ length: 256 }, () => row));
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
})();

interface Spot {
  grid: string;
  village: string;
  villageName: string;
  at: [number, number];
}
/** The grid worker's grid (南坑街道), another grid of 芗城区, and one in 龙文区. */
const spot: Record<'home' | 'xiangcheng' | 'longwen', Spot> = {} as never;
let workerName: string;

interface Dashboard {
  region: { code: string; name: string };
  today: { reported: number; closed: number };
  month: {
    counters: { reported: number; closed: number };
    rates: { closureRate: number | null; onTimeClosureRate: number | null; satisfactionRate: number | null };
  };
  open: { total: number; overdue: number; due_soon: number };
  feed: { title: string }[];
  hot_grids: { grid_code: string }[];
}

async function pick(sql: string): Promise<Spot> {
  const r = await b.t.ctx.db.query<{
    code: string;
    geometry: AreaGeometry;
    region_code: string;
    name: string;
  }>(
    `SELECT g.code, g.geometry, g.region_code, v.name FROM grids g JOIN regions v ON v.code = g.region_code
     WHERE g.kind = 'basic' AND ${sql} ORDER BY g.code LIMIT 1`,
  );
  const g = r.rows[0]!;
  return { grid: g.code, village: g.region_code, villageName: g.name, at: interiorPoint(g.geometry) };
}

async function intake(name: string, where: Spot, description: string): Promise<void> {
  const r = await b.t.call('POST', '/api/v1/cases', tok.operator, {
    channel: 'hotline',
    lng: where.at[0],
    lat: where.at[1],
    title: description,
    description,
    category_code: '0301',
    idempotency_key: `map-bigscreen-${name}`,
  });
  assert.equal(r.statusCode, 201, r.body);
  ids[name] = r.json<{ case: { id: string } }>().case.id;
}

async function act(user: string, name: string, action: string, body: Record<string, unknown> = {}) {
  const read = await b.t.call('GET', `/api/v1/cases/${ids[name]}`, tok[user]);
  const version = read.json<{ case: { version: number } }>().case.version;
  const r = await b.t.call('POST', `/api/v1/cases/${ids[name]}/actions/${action}`, tok[user], {
    version,
    ...body,
  });
  assert.equal(r.statusCode, 200, `${user} ${action} ${name}: ${r.body}`);
}

async function photo(user: string): Promise<string[]> {
  const headers = { authorization: `Bearer ${tok[user]}`, 'content-type': 'image/png' };
  const r = await b.t.app.inject({ method: 'POST', url: '/api/v1/photos', headers, payload: PNG });
  return [r.json<{ id: string }>().id];
}

before(async () => {
  b = await openBrowserApp();
  for (const u of ['operator', 'dispatcher', 'handler', 'inspector', 'leader']) tok[u] = await b.t.login(u);
  const home = await b.t.ctx.db.query<{ grid_code: string; display_name: string }>(
    `SELECT m.grid_code, u.display_name FROM grid_members m JOIN users u ON u.id = m.user_id
     WHERE u.username = 'gridworker'`,
  );
  workerName = home.rows[0]!.display_name;
  spot.home = await pick(`g.code = '${home.rows[0]!.grid_code}'`);
  spot.xiangcheng = await pick(`g.region_code LIKE '350602%' AND g.region_code NOT LIKE '350602005%'`);
  spot.longwen = await pick(`g.region_code LIKE '350603%'`);

  // A goes round the loop and is closed; B is with the unit; C waits and is overdue; D and E elsewhere.
  await intake('A', spot.home, '公厕门锁损坏（已修复）');
  await intake('B', spot.home, '公厕洗手池堵塞');
  await intake('C', spot.home, '公厕照明损坏');
  await intake('D', spot.xiangcheng, '公厕门口积水');
  await intake('E', spot.longwen, '公厕无障碍扶手松动');
  for (const n of ['A', 'B']) {
    await act('operator', n, 'register');
    await act('dispatcher', n, 'dispatch', { lead_unit_id: URBAN });
  }
  await act('handler', 'A', 'acknowledge');
  await act('handler', 'A', 'report_back', { result: '已更换门锁', photos: await photo('handler') });
  await act('inspector', 'A', 'verify_pass', { photos: await photo('inspector') });
  // Coloured by the deadline sweep in real life.
  await b.t.ctx.db.query(`UPDATE cases SET colour = 'red' WHERE id = $1`, [ids.C]);
  await runKpiRollup(b.t.ctx);
});
after(async () => {
  await b?.close();
});

async function logIn(page: Page, path: string, username: string) {
  await page.goto(path);
  await page.waitForURL('**/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('Wangge@2026');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === path.split('?')[0]);
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

type Box = { id: string; x: number; y: number; width: number; height: number };
const overlap = (a: Box, c: Box) =>
  a.x < c.x + c.width - 0.5 &&
  c.x < a.x + a.width - 0.5 &&
  a.y < c.y + c.height - 0.5 &&
  c.y < a.y + a.height - 0.5;

/** The bits of a DOM element the functions run in the page use (the tests compile without the DOM). */
interface El {
  getBoundingClientRect(): { x: number; y: number; width: number; height: number };
  getAttribute(name: string): string | null;
  className: string;
  scrollWidth: number;
  clientWidth: number;
  textContent: string | null;
}

async function boxesOf(page: Page, selector: string): Promise<Box[]> {
  return page.$$eval(selector, (els: El[]) =>
    els.map((e, i) => {
      const r = e.getBoundingClientRect();
      return {
        id: `${e.getAttribute('data-testid') ?? e.className}#${i}`,
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
      };
    }),
  );
}

void test('big screen as leader: the dashboard numbers, charts, map, live feed; fits 1366×768', async () => {
  const dash = (await b.t.call('GET', '/api/v1/dashboard', tok.leader)).json<Dashboard>();
  assert.equal(dash.today.reported, 5);
  const { page, errors } = await b.newPage({ viewport: { width: 1920, height: 1080 } });
  await logIn(page, '/big-screen?refresh=2', 'leader');
  await page.getByTestId('bs-title').getByText('一屏知全城').waitFor();
  await page.getByTestId('bs-city').getByText('漳州市').waitFor();
  const expected: Record<string, string> = {
    'today-reported': num(dash.today.reported),
    'today-closed': num(dash.today.closed),
    'month-reported': num(dash.month.counters.reported),
    'month-closed': num(dash.month.counters.closed),
    open: num(dash.open.total),
    'on-time-closure-rate': pct(dash.month.rates.onTimeClosureRate),
    'closure-rate': pct(dash.month.rates.closureRate),
    'satisfaction-rate': pct(dash.month.rates.satisfactionRate),
    'due-soon': num(dash.open.due_soon),
    overdue: num(dash.open.overdue),
  };
  for (const [key, value] of Object.entries(expected)) {
    assert.equal(await page.getByTestId(`bs-kpi-${key}`).innerText(), value, key);
  }
  assert.equal(expected.overdue, '1');
  assert.equal(expected['today-closed'], '1');
  // Rankings: 11 counties, 芗城区 (a case closed on time) first; the urban management bureau.
  const regions = page.getByTestId('bs-rank-regions').locator('li');
  assert.equal(await regions.count(), 11);
  assert.match(await regions.first().innerText(), /芗城区/);
  await page
    .getByTestId('bs-rank-units')
    .getByText(/城市管理/)
    .first()
    .waitFor();
  // The feed lists the cases, newest first; the charts and the map are drawn.
  const feed = page.getByTestId('bs-feed');
  await feed.getByText('公厕无障碍扶手松动').waitFor();
  for (const id of ['bs-category-chart', 'bs-trend-chart', 'bs-map']) {
    await page.getByTestId(id).locator('canvas').first().waitFor();
  }
  await page.locator('[data-testid="bs-map"][data-ready="true"]').waitFor();
  await page.waitForFunction(() => {
    const m = window.__wanggeMaps?.bigScreen;
    return !!m && m.queryRenderedFeatures({ layers: ['hot'] }).length === 3 && m.loaded();
  });
  await page
    .getByTestId('bs-hot-list')
    .getByText(/南坑|芗城|龙文|网格/)
    .first()
    .waitFor();
  await b.screenshot(page, 'big-screen-1920');

  // A new case reaches the feed by the next poll, without reloading the page.
  const marker = await page.evaluate(() => performance.timeOrigin);
  await intake('F', spot.longwen, '公厕水龙头漏水（实时）');
  await runKpiRollup(b.t.ctx); // every 10 s in npm start
  await feed.getByText('公厕水龙头漏水（实时）').waitFor({ timeout: 15_000 });
  assert.equal(await page.evaluate(() => performance.timeOrigin), marker, 'same page, not reloaded');
  await page.getByTestId('bs-kpi-today-reported').getByText(num(6)).waitFor({ timeout: 15_000 });
  assert.deepEqual(errors, []);

  // The same screen at 1366×768: scaled to fit, nothing outside the window, no panels overlapping.
  const small = await b.newPage({ viewport: { width: 1366, height: 768 } });
  await logIn(small.page, '/big-screen', 'leader');
  await small.page.getByTestId('bs-kpi-today-reported').getByText(num(6)).waitFor();
  for (const id of ['bs-category-chart', 'bs-trend-chart', 'bs-map']) {
    await small.page.getByTestId(id).locator('canvas').first().waitFor();
  }
  await small.page.locator('[data-testid="bs-map"][data-ready="true"]').waitFor();
  const stage = (await boxesOf(small.page, '[data-testid="bs-stage"]'))[0]!;
  assert.ok(stage.x >= -0.5 && stage.y >= -0.5, JSON.stringify(stage));
  assert.ok(stage.x + stage.width <= 1366.5 && stage.y + stage.height <= 768.5, JSON.stringify(stage));
  assert.ok(stage.width > 1300, 'fills the width');
  const panels = await boxesOf(small.page, '.bs-panel, .bs-kpi, .bs-header');
  assert.equal(panels.length, 6 + 10 + 1);
  for (let i = 0; i < panels.length; i++) {
    const p = panels[i]!;
    assert.ok(
      p.x >= stage.x - 0.5 && p.y >= stage.y - 0.5 && p.x + p.width <= stage.x + stage.width + 0.5,
      `${p.id} inside the stage`,
    );
    assert.ok(p.y + p.height <= stage.y + stage.height + 0.5, `${p.id} inside the stage (bottom)`);
    for (let j = i + 1; j < panels.length; j++)
      assert.ok(!overlap(p, panels[j]!), `${p.id} / ${panels[j]!.id}`);
  }
  // No text spills out of its box (KPI values, ranking names, feed rows).
  const spilled = () =>
    small.page.$$eval(
      '.bs-kpi-value, .bs-kpi-label, .bs-panel-title, .bs-rank-row, .bs-feed-row, .bs-hot-row, .bs-header > *',
      (els: El[]) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
    );
  assert.deepEqual(await spilled(), []);
  await b.screenshot(small.page, 'big-screen-1366');
  // English: longer labels, same boxes.
  await small.page.getByTestId('language-switch').getByText('English', { exact: true }).click();
  await small.page.getByTestId('bs-title').getByText('The city at a glance').waitFor();
  await small.page.getByText('Closed on time').waitFor();
  assert.deepEqual(await spilled(), []);
  await b.screenshot(small.page, 'big-screen-1366-en');
  await small.page.getByTestId('language-switch').getByText('中文', { exact: true }).click();
  assert.deepEqual(small.errors, []);

  // A 4K wall: the same stage at twice the size, charts and map drawn at the screen's resolution.
  const wall = await b.newPage({ viewport: { width: 3840, height: 2160 } });
  await logIn(wall.page, '/big-screen', 'leader');
  await wall.page.locator('[data-testid="bs-map"][data-ready="true"]').waitFor();
  await wall.page.getByTestId('bs-trend-chart').locator('canvas').waitFor();
  const big = (await boxesOf(wall.page, '[data-testid="bs-stage"]'))[0]!;
  assert.deepEqual([big.x, big.y, big.width, big.height], [0, 0, 3840, 2160]);
  const canvasWidth = await wall.page.$eval(
    '[data-testid="bs-trend-chart"] canvas',
    (c: El & { width: number }) => c.width / c.clientWidth,
  );
  assert.equal(canvasWidth, 2, 'the chart is drawn at 2 device pixels per stage pixel');
  await b.screenshot(wall.page, 'big-screen-3840');
  assert.deepEqual(wall.errors, []);

  // Back to the console.
  await small.page.getByTestId('bs-back').click();
  await small.page.waitForURL((u) => u.pathname === '/');
});

void test('the wall display account: straight to the big screen, nothing else, and a logout instead of the console', async () => {
  const { page, errors } = await b.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto('/login');
  await page.getByTestId('login-username').fill('screen');
  await page.getByTestId('login-password').fill('Wangge@2026');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === '/big-screen');
  await page.getByTestId('bs-city').getByText('漳州市').waitFor();
  await page.locator('[data-testid="bs-map"][data-ready="true"]').waitFor();
  assert.equal(await page.getByTestId('bs-back').count(), 0, 'no way into the console');
  // Any console address leads back to the wall.
  await page.goto('/reports');
  await page.waitForURL((u) => u.pathname === '/big-screen');
  await page.locator('[data-testid="bs-map"][data-ready="true"]').waitFor();
  await page.getByTestId('bs-hot-list').getByText(/网格/).first().waitFor();
  await page.waitForTimeout(1_000); // the outlines are drawn by WebGL a moment after their labels
  await b.screenshot(page, 'big-screen-wall-account');
  assert.deepEqual(errors, []);
  await page.getByTestId('bs-logout').click();
  await page.waitForURL('**/login');
});

async function waitForMap(page: Page) {
  await page.locator('[data-testid="map-canvas"][data-ready="true"]').waitFor({ timeout: 60_000 });
}

async function idle(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const m = window.__wanggeMaps!.map!;
        if (m.loaded() && !m.isMoving()) {
          // One more frame so that the sources' new data is drawn.
          void m.once('idle', () => resolve());
          m.triggerRepaint();
        } else void m.once('idle', () => resolve());
      }),
  );
}

/** Clicks the map at a longitude/latitude. */
async function clickAt(page: Page, at: [number, number]) {
  const p = await page.evaluate((ll) => window.__wanggeMaps!.map!.project(ll), at);
  const box = (await page.getByTestId('map-canvas').boundingBox())!;
  await page.mouse.click(box.x + p.x, box.y + p.y);
}

void test('map as county leader: grids of the county, clusters, a grid panel with its village, worker and open cases', async () => {
  const { page, errors } = await b.newPage();
  await logIn(page, '/map', 'county');
  await waitForMap(page);
  // 芗城区's basic grids load at once (a few hundred), coloured by open cases.
  const grids = await b.t.ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM grids WHERE kind = 'basic' AND region_code LIKE '350602%'`,
  );
  await page
    .getByTestId('map-status')
    .getByText(`网格 ${num(grids.rows[0]!.n)} 个`)
    .waitFor();
  await page.getByTestId('map-status').getByText('未结案件 3 件').waitFor();
  await idle(page);
  const drawn = await page.evaluate(
    () => window.__wanggeMaps!.map!.queryRenderedFeatures({ layers: ['grid-fill'] }).length,
  );
  assert.ok(drawn > 100, `grids drawn: ${drawn}`);
  const clusters = await page.evaluate(
    () => window.__wanggeMaps!.map!.queryRenderedFeatures({ layers: ['case-cluster', 'case-point'] }).length,
  );
  assert.ok(clusters >= 1, 'case markers drawn');
  await page.getByTestId('map-legend').getByText('网格未结案件数').waitFor();
  await page.locator('.wg-map-label').getByText('南坑街道').waitFor();
  await b.screenshot(page, 'map-zh');

  // Zoom to the grid worker's grid; a click on a case marker offers the case.
  await page.evaluate((ll) => window.__wanggeMaps!.map!.jumpTo({ center: ll, zoom: 16.5 }), spot.home.at);
  await idle(page);
  await clickAt(page, spot.home.at);
  const popup = page.getByTestId('map-case-popup');
  await popup.waitFor();
  assert.match(await popup.innerText(), /查看案件/);
  const href = await popup.locator('a').getAttribute('href');
  assert.ok(href === `/cases/${ids.B}` || href === `/cases/${ids.C}`, href ?? '');

  // With the case layer off, a click on the same spot selects the grid.
  await page.getByTestId('map-show-cases').click();
  await idle(page);
  await clickAt(page, spot.home.at);
  const panel = page.getByTestId('grid-panel');
  await panel.waitFor();
  assert.equal(await page.getByTestId('grid-panel-village').innerText(), spot.home.villageName);
  await panel.getByText(spot.home.grid).waitFor();
  const members = page.getByTestId('grid-panel-members').locator('li');
  assert.equal(await members.count(), 1);
  assert.match(await members.innerText(), new RegExp(`${workerName}[\\s\\S]*专职`));
  const cases = page.getByTestId('grid-panel-cases');
  await cases.getByText('公厕照明损坏').waitFor();
  await cases.getByText('公厕洗手池堵塞').waitFor();
  assert.equal(await cases.getByText('公厕门锁损坏（已修复）').count(), 0, 'closed cases are not listed');
  await panel.getByText('超期').first().waitFor();
  await idle(page);
  const selected = await page.evaluate(() =>
    window.__wanggeMaps!.map!.querySourceFeatures('selected').map((f) => f.properties.code as string),
  );
  assert.ok(selected.includes(spot.home.grid));
  await page.evaluate(() => window.__wanggeMaps!.map!.zoomTo(14.5, { duration: 0 }));
  await idle(page);
  await b.screenshot(page, 'map-grid-panel');

  // Colour by overdue cases; then English.
  await page.getByTestId('map-colour-mode').getByText('按超期案件').click();
  await page.getByTestId('map-legend').getByText('网格超期案件数').waitFor();
  await page.getByTestId('map-show-cases').click();
  await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
  await page.getByTestId('map-legend').getByText('Overdue cases per grid').waitFor();
  await page.getByTestId('grid-panel-members').getByText('Grid worker').waitFor();
  await page.getByText('Colour grids').waitFor();
  await page.evaluate(() => window.__wanggeMaps!.map!.zoomTo(13, { duration: 0 }));
  await idle(page);
  await b.screenshot(page, 'map-en');
  assert.deepEqual(errors, []);
});

void test('map as supervisor (the whole city): outlines first, grids of the visible area once zoomed in', async () => {
  const { page, errors } = await b.newPage();
  await logIn(page, '/map', 'supervisor');
  await waitForMap(page);
  await page.getByTestId('map-hint').getByText('放大地图以查看网格').waitFor();
  await page.locator('.wg-map-label').getByText('漳浦县').waitFor();
  const open = await b.t.ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM cases WHERE state NOT IN ('closed', 'rejected', 'voided', 'merged')`,
  );
  assert.equal(open.rows[0]!.n, 5);
  await page.getByTestId('map-status').getByText('未结案件 5 件').waitFor();
  await idle(page);
  await b.screenshot(page, 'map-city-zh');
  assert.equal(await page.evaluate(() => window.__wanggeMaps!.map!.querySourceFeatures('grids').length), 0);
  await page.evaluate((ll) => window.__wanggeMaps!.map!.jumpTo({ center: ll, zoom: 12.5 }), spot.longwen.at);
  await page.waitForFunction(
    () => window.__wanggeMaps!.map!.queryRenderedFeatures({ layers: ['grid-fill'] }).length > 20,
    undefined,
    { timeout: 60_000 },
  );
  await page.getByTestId('map-hint').waitFor({ state: 'detached' });
  await idle(page);
  await b.screenshot(page, 'map-city-zoomed-zh');
  await page.getByTestId('map-show-cases').click();
  await idle(page);
  await clickAt(page, spot.longwen.at);
  assert.equal(await page.getByTestId('grid-panel-village').innerText(), spot.longwen.villageName);
  await page.getByTestId('grid-panel-cases').getByText('公厕无障碍扶手松动').waitFor();
  assert.deepEqual(errors, []);
});

void test('basemaps: 天地图 (vec + cva with the key) and an XYZ URL are drawn under the grids', async () => {
  const { page, errors } = await b.newPage();
  const tiles: string[] = [];
  await page.route(/tianditu\.gov\.cn|tiles\.example\.test/, (route) => {
    tiles.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/png', body: TILE });
  });
  let config: unknown = {
    basemap: 'tianditu',
    tianditu_key: 'k0123456789abcdef',
    attribution: '© 天地图 Tianditu',
  };
  await page.route('**/api/v1/map/config', (route) => route.fulfill({ json: config }));
  await logIn(page, '/map', 'county');
  await waitForMap(page);
  await page.waitForFunction(() => window.__wanggeMaps!.map!.areTilesLoaded());
  const tdt = tiles.map((u) => new URL(u));
  assert.ok(tdt.length > 0, 'tiles requested');
  for (const layer of ['vec', 'cva']) {
    const u = tdt.find((x) => x.searchParams.get('LAYER') === layer);
    assert.ok(u, `${layer} tiles`);
    assert.match(u.hostname, /^t[0-7]\.tianditu\.gov\.cn$/);
    assert.equal(u.pathname, `/${layer}_w/wmts`);
    assert.equal(u.searchParams.get('tk'), 'k0123456789abcdef');
    assert.equal(u.searchParams.get('TILEMATRIXSET'), 'w');
    assert.match(u.searchParams.get('TILEMATRIX') ?? '', /^\d+$/);
  }
  // Grids under the labels layer, outlines and cases above it.
  const order = await page.evaluate(() => window.__wanggeMaps!.map!.getStyle().layers.map((l) => l.id));
  assert.ok(order.indexOf('basemap') < order.indexOf('grid-fill'));
  assert.ok(order.indexOf('grid-fill') < order.indexOf('basemap-labels'));
  assert.ok(order.indexOf('basemap-labels') < order.indexOf('case-point'));
  await page.locator('.maplibregl-ctrl-attrib').getByText('© 天地图 Tianditu').waitFor({ state: 'attached' });

  tiles.length = 0;
  config = {
    basemap: 'xyz',
    xyz_url: 'https://tiles.example.test/{z}/{x}/{y}.png',
    attribution: '© Example',
  };
  await page.reload();
  await waitForMap(page);
  await page.waitForFunction(() => window.__wanggeMaps!.map!.areTilesLoaded());
  assert.ok(
    tiles.length > 0 && tiles.every((u) => /^https:\/\/tiles\.example\.test\/\d+\/\d+\/\d+\.png$/.test(u)),
  );
  assert.deepEqual(errors, []);
  // Without WebGL the screen says so instead of failing.
  const bare = await b.newPage();
  await bare.page.addInitScript({
    content: `{
      const get = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
        return kind.startsWith('webgl') ? null : get.call(this, kind, ...rest);
      };
    }`,
  });
  await logIn(bare.page, '/map', 'county');
  await bare.page.getByTestId('map-error').getByText('此浏览器无法创建 WebGL，地图无法显示').waitFor();
  assert.deepEqual(bare.errors, []);
});
