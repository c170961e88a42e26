// The console in Chromium: the login (server errors in the chosen language), the workbench
// with the user's name and scope, the language switch, logout, and both idle timeouts (the
// server's 401 and the page's own timer).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openBrowserApp, type BrowserApp } from './harness.ts';

let b: BrowserApp;
before(async () => {
  b = await openBrowserApp();
});
after(async () => {
  await b?.close();
});

async function logIn(page: Page, username: string, password: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

void test('wrong password shows the server error; operator logs in, switches to English, logs out', async () => {
  const { page, errors } = await b.newPage();
  await page.goto('/');
  await page.waitForURL('**/login');
  await page.getByTestId('login-submit').waitFor();
  assert.equal(await page.title(), '网格 Wangge');
  await b.screenshot(page, 'login-zh');

  await logIn(page, 'operator', 'Wrong@pass1');
  const refusal = page.getByTestId('login-error');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /用户名或密码错误/);
  assert.match(await refusal.innerText(), /还可尝试 4 次/);
  await b.screenshot(page, 'login-wrong-password-zh');

  await logIn(page, 'operator', 'Wangge@2026');
  await page.waitForURL((u) => u.pathname === '/');
  await page.getByTestId('workbench-welcome').waitFor();
  assert.equal(await page.getByTestId('header-user').innerText(), '热线受理员');
  assert.match(await page.getByTestId('workbench-welcome').innerText(), /您好，热线受理员/);
  await page.getByTestId('header-scope').getByText('漳州市').waitFor();
  const menu = page.getByTestId('side-menu');
  for (const label of ['工作台', '案件登记', '一张图', '大屏', '考核评价']) {
    await menu.getByText(label, { exact: true }).waitFor();
  }
  // Administration is for administrators only.
  assert.equal(await menu.getByText('系统管理', { exact: true }).count(), 0);
  await b.screenshot(page, 'workbench-zh');

  // A screen loads as its own chunk (the map: test/browser/map-bigscreen.test.ts).
  await menu.getByText('一张图', { exact: true }).click();
  await page.waitForURL('**/map');
  await page.getByText('网格着色').waitFor();

  await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
  for (const label of ['Workbench', 'Intake', 'Map', 'Big screen', 'Reports']) {
    await menu.getByText(label, { exact: true }).waitFor();
  }
  await page.getByText('Colour grids').waitFor();
  await menu.getByText('Workbench', { exact: true }).click();
  await page.getByText('Hello, 热线受理员').waitFor();
  await page.getByText('Operator', { exact: true }).first().waitFor();
  assert.equal(await page.title(), 'Wangge 网格');
  assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
  await b.screenshot(page, 'workbench-en');

  // The choice survives a reload (localStorage), and so does the session (cookie).
  await page.reload();
  await page.getByText('Hello, 热线受理员').waitFor();

  await page.getByTestId('logout').click();
  await page.waitForURL('**/login');
  await page.getByTestId('login-notice').getByText('You have logged out').waitFor();
  await b.screenshot(page, 'login-logged-out-en');
  // The session is gone on the server too.
  const me = await page.request.get('/api/v1/auth/me');
  assert.equal(me.status(), 401);

  // Wrong password in English: the server's English message.
  await logIn(page, 'operator', 'Wrong@pass1');
  await page.getByTestId('login-error').getByText('Wrong username or password').waitFor();
  assert.deepEqual(
    errors.filter((e) => !e.includes('401')),
    [],
  );
});

void test('the server ends an idle session: the next request returns to the login with its message', async () => {
  const { page, errors } = await b.newPage();
  await page.goto('/login');
  await logIn(page, 'leader', 'Wangge@2026');
  await page.getByTestId('workbench-welcome').waitFor();
  b.t.clock.advance(31 * 60_000);
  // The next screen's first request meets the expired session and the app returns to the login.
  // (The workbench's own polling may meet it first and take the menu away: then there is no click.)
  await page
    .getByTestId('side-menu')
    .getByText('考核评价', { exact: true })
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  // Whichever request meets the expired session first (the click or the workbench's polling), the
  // user lands on the login told why: every request of the burst hears SESSION_EXPIRED.
  await page.getByTestId('login-notice').getByText('会话已超时，请重新登录').waitFor();
  assert.match(new URL(page.url()).pathname, /^\/login/);
  await b.screenshot(page, 'login-session-expired-zh');
  assert.deepEqual(
    errors.filter((e) => !e.includes('401')),
    [],
  );
});

void test('the page logs out by itself after the idle time without activity', async () => {
  const { page } = await b.newPage();
  await page.clock.install();
  await page.goto('/login');
  await logIn(page, 'supervisor', 'Wangge@2026');
  await page.getByTestId('workbench-welcome').waitFor();
  await page.clock.fastForward('31:00');
  await page.clock.runFor(10_000);
  await page.getByTestId('login-notice').getByText('您已 30 分钟无操作，已自动退出登录').waitFor();
  await b.screenshot(page, 'login-idle-zh');
});

void test('the big screen, a wall display, is not logged out for want of a mouse', async () => {
  const { page } = await b.newPage();
  await page.clock.install();
  await page.goto('/login');
  await logIn(page, 'leader', 'Wangge@2026');
  await page.getByTestId('workbench-welcome').waitFor();
  await page.goto('/big-screen');
  await page.getByText('一屏知全城').waitFor();
  await page.clock.fastForward('31:00');
  await page.clock.runFor(10_000);
  await page.getByText('一屏知全城').waitFor();
  assert.equal(new URL(page.url()).pathname, '/big-screen');
  assert.equal(await page.getByTestId('login-notice').count(), 0);
});

void test('a unit handler on a narrow window: units in the header, nothing overlapping', async () => {
  const { page, errors } = await b.newPage({ viewport: { width: 1024, height: 700 } });
  await page.goto('/login');
  await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
  await logIn(page, 'handler', 'Wangge@2026');
  await page.getByTestId('workbench-welcome').waitFor();
  await page
    .getByTestId('header-units')
    .getByText(/城市管理局/)
    .waitFor();
  const boxes = await Promise.all(
    ['header-units', 'header-user', 'language-switch', 'logout'].map(async (id) => {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box, `${id} is visible`);
      return { id, ...box };
    }),
  );
  for (let i = 1; i < boxes.length; i++) {
    const [l, r] = [boxes[i - 1]!, boxes[i]!];
    assert.ok(l.x + l.width <= r.x, `${l.id} ends before ${r.id} starts`);
  }
  assert.ok(boxes.at(-1)!.x + boxes.at(-1)!.width <= 1024, 'logout inside the window');
  await b.screenshot(page, 'workbench-handler-en-1024');
  assert.deepEqual(errors, []);
});
