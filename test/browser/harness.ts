// Browser tests: the real app (openTestApp: a copy of the template DB with the demo city and
// users, the test clock) listening on a random local port and serving the built console, driven
// by Debian's Chromium through playwright-core. Console errors and failed requests of every page
// are collected; screenshots go to test-results/ (not committed) — look at them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { WEB_DIST_DIR } from '../../src/http/routes/web-routes.ts';
import { openTestApp, type TestApp } from '../harness/test-app.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = join(REPO, 'test-results');
export const CHROMIUM = process.env.WANGGE_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Builds the console unless it is there (scripts/test.mjs normally built it already). */
export function ensureConsoleBuilt(): void {
  if (existsSync(join(WEB_DIST_DIR, 'index.html'))) return;
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'ensure-web-build.mjs')], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('console build failed (node scripts/ensure-web-build.mjs)');
}

export interface TrackedPage {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests seen so far. */
  errors: string[];
}

export interface BrowserApp {
  t: TestApp;
  /** http://127.0.0.1:PORT */
  url: string;
  browser: Browser;
  /**
   * A fresh browser context (own cookies and storage) with one tracked page. `context` passes
   * further Playwright context options (e.g. permissions: ['geolocation'], geolocation, isMobile,
   * hasTouch) for the mobile apps.
   */
  newPage(opts?: {
    locale?: string;
    viewport?: { width: number; height: number };
    context?: BrowserContextOptions;
  }): Promise<TrackedPage>;
  /** Saves a full-page PNG as test-results/NAME.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Opens the app and a browser. The server's test clock starts at the real time unless `now` is
 * given: the browser drops a session cookie whose expiry (login + WANGGE_SESSION_MAX_HOURS on the
 * server's clock) is already past on its own clock, so `now` must not be far in the past.
 */
export async function openBrowserApp(opts: Parameters<typeof openTestApp>[0] = {}): Promise<BrowserApp> {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const t = await openTestApp({ now: new Date().toISOString(), ...opts });
  let browser: Browser | undefined;
  try {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no TCP address');
    const url = `http://127.0.0.1:${addr.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const b = browser;
    const contexts: BrowserContext[] = [];
    return {
      t,
      url,
      browser: b,
      async newPage(o = {}) {
        const context = await b.newContext({
          ...o.context,
          baseURL: url,
          locale: o.locale ?? 'zh-CN',
          timezoneId: 'Asia/Shanghai',
          viewport: o.viewport ?? { width: 1440, height: 900 },
        });
        contexts.push(context);
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('console', (m) => {
          if (m.type() !== 'error') return;
          // The browser logs every 4xx answer; the API's refusals (401 before login, a wrong
          // password) are part of the flows under test and shown by the app itself.
          const api = m.location().url.includes('/api/v1/');
          if (api && /status of 4\d\d/.test(m.text())) return;
          errors.push(`console: ${m.text()}`);
        });
        page.on('response', (r) => {
          if (r.status() >= 500 || (r.status() === 404 && !r.url().includes('/api/v1/'))) {
            errors.push(`HTTP ${r.status()}: ${r.url()}`);
          }
        });
        page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
        page.on('requestfailed', (r) => {
          // A request the page itself cancelled (navigation, AbortController) is not a failure.
          if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`request failed: ${r.url()}`);
        });
        return { page, errors };
      },
      async screenshot(page, name) {
        const path = join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path, fullPage: true, animations: 'disabled' });
        return path;
      },
      async close() {
        for (const c of contexts) await c.close().catch(() => undefined);
        await b.close();
        await t.close();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await t.close();
    throw e;
  }
}
