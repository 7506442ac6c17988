// What the browser scenarios share. Each scenario gets the context e2e/run.mjs makes,
// { base, serverOutput, browser, artifacts, contexts, pageErrors, diary }, and throws on failure.
import assert from 'node:assert/strict';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export const PASSWORD = 'Gearbridge-2026';
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };
export const SCREEN = { width: 1920, height: 1080 };
export const unique = () => randomBytes(3).toString('hex').toUpperCase();

/**
 * A page in a new browser context (Chinese, Shanghai time, downloads allowed), closed by run.mjs after the scenario.
 * The page keeps a diary in ctx.diary — console errors, responses, navigations and failed requests, each with the
 * seconds since the page opened — which run.mjs prints when the scenario fails.
 */
export async function open(ctx, viewport = DESKTOP) {
  return timed(ctx, 'open', () => openPage(ctx, viewport));
}

async function openPage(ctx, viewport) {
  const context = await ctx.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  ctx.contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => ctx.pageErrors.push(e.message));
  const t0 = Date.now();
  const at = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  page.on('console', (m) => m.type() === 'error' && ctx.diary.push(`${at()} console: ${m.text()}`));
  page.on('response', (r) => ctx.diary.push(`${at()} ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`));
  page.on('framenavigated', (f) => f === page.mainFrame() && ctx.diary.push(`${at()} at ${new URL(f.url()).pathname}`));
  page.on('requestfailed', (r) => ctx.diary.push(`${at()} failed ${r.method()} ${new URL(r.url()).pathname}: ${r.failure()?.errorText}`));
  // The requests still waiting for their answer, for shot()'s quiet network: an event stream (the andon board, the
  // 大屏) never ends, and is left out.
  const pending = new Set();
  settling.set(page, pending);
  page.on('request', (r) => r.resourceType() !== 'eventsource' && pending.add(r));
  for (const done of ['response', 'requestfinished', 'requestfailed']) page.on(done, (r) => pending.delete(r.request?.() ?? r));
  // How long each API call took, for the slowest ones in run.mjs's timing line.
  page.on('requestfinished', (r) => {
    const { pathname } = new URL(r.url());
    if (!pathname.startsWith('/api/')) return;
    const t = r.timing();
    if (t.responseEnd > 0) ctx.requests?.push({ what: `${r.method()} ${pathname}`, ms: t.responseEnd });
  });
  return page;
}

/**
 * Runs `fn` and adds its time to ctx.spent[what] (time and count), which run.mjs prints after each scenario: where a
 * scenario's time goes (sign-ins, screenshots) without a profiler.
 */
export async function timed(ctx, what, fn) {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    if (ctx.spent) {
      const s = (ctx.spent[what] ??= { ms: 0, n: 0 });
      s.ms += Date.now() - t0;
      s.n++;
    }
  }
}

/** The session cookies of each user signed in by login() in this run, by server and user name. */
const sessions = new Map();

/**
 * Signs in and waits for the dashboard. The language is the user's own setting, and another scenario may have left
 * this user in the other one: the header's switch puts it to `lang` (default Chinese, the language the scenarios
 * assert in); `lang: null` leaves it as it is.
 *
 * A user signs in with the form once per run (per server); later pages of that user get the session's cookies and
 * open the dashboard directly. The sign-in form itself is tested by the golden path and wrong-password scenarios.
 * A session that no longer holds (the server sends the page to /login) is replaced by signing in with the form.
 */
export async function login(ctx, page, username = 'admin', { lang = 'zh-CN' } = {}) {
  return timed(ctx, 'login', () => signIn(ctx, page, username, lang));
}

async function signIn(ctx, page, username, lang) {
  const key = `${ctx.base} ${username}`;
  const saved = sessions.get(key);
  let signedIn = false;
  if (saved) {
    await page.context().addCookies(saved);
    await page.goto(`${ctx.base}/`);
    await page.locator('[data-testid=dashboard-page], #username').first().waitFor();
    signedIn = await page.getByTestId('dashboard-page').isVisible();
  } else await page.goto(`${ctx.base}/login`);
  if (!signedIn) {
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard-page').waitFor();
    sessions.set(key, await page.context().cookies());
  }
  if (!lang) return;
  // The header button names the language it switches to; once it switched, it names the other one.
  if ((await page.getByTestId('lang-switch').getAttribute('data-target-locale')) !== lang) return;
  await clickUntil(page.locator(`[data-testid=lang-switch][data-target-locale="${lang}"]`), () => page.evaluate((l) => document.documentElement.lang === l, lang));
}

/** Per page opened by open(): its requests not yet answered. */
const settling = new WeakMap();

/**
 * Resolves once `page` has had no request waiting for an answer for `quietMs` (Playwright's 'networkidle', except
 * that an event stream does not count: its request never ends), or after `timeout` ms all the same.
 */
async function networkQuiet(page, { quietMs = 500, timeout = 10_000 } = {}) {
  const pending = settling.get(page);
  if (!pending) return page.waitForLoadState('networkidle', { timeout }).catch(() => undefined);
  const deadline = Date.now() + timeout;
  let quietSince = pending.size ? null : Date.now();
  while (Date.now() < deadline) {
    if (pending.size) quietSince = null;
    else if (quietSince === null) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A screenshot (ctx.artifacts/NAME.png) once lazy chunks, charts and open/close animations have settled: no request
 * waiting for 500 ms (event streams aside), then half a second more where a chart is drawing. A page that never goes
 * quiet is shot after 10 s all the same.
 */
export async function shot(ctx, page, name, fullPage = false) {
  await timed(ctx, 'shot-idle', () => networkQuiet(page));
  await timed(ctx, 'shot', async () => {
    // A chart draws itself in its canvas for a while after its data came: half a second of it, as always. Open/close
    // animations and transitions (drawers, modals, menus) need no waiting: the screenshot fast-forwards them to
    // their end, so they are shot settled.
    if (await page.locator('canvas:visible').count()) await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(ctx.artifacts, `${name}.png`), fullPage, animations: 'disabled' });
  });
}

/**
 * Clicks an entry of the side menu (or of the menu drawer on a phone). With the factory's sub-menu open, the admin
 * entries sit at the bottom of a 900 px screen: the entry is scrolled in first. With `expected` (see clickUntil) the
 * click is repeated until that shows — for a page entry in a drawer that is still sliding in; never for a sub-menu
 * title, whose click opens and closes.
 */
export async function sideMenu(page, label, expected) {
  const item = page.getByTestId('side-menu').getByText(label, { exact: true });
  await item.scrollIntoViewIfNeeded();
  if (expected) await clickUntil(item, expected);
  else await item.click();
}

/**
 * Clicks `target` until `expected` shows that the click took: a locator that becomes visible, or a function (may be
 * async) that returns true. For clicks that open or confirm an Ant Design overlay (Popconfirm, Modal, Drawer, Select
 * or Dropdown menu) or land in one that is still animating in: on a loaded machine such a click is sometimes lost,
 * and nothing happens.
 *
 * It clicks again only while the effect is missing and the target still stands there, visible and enabled, waiting
 * a little longer after each click (retryAfter ms, then twice that, …) and clicking at most `tries` times in all;
 * it fails when the effect has not shown within `timeout` ms. So the click must be harmless to repeat: one that opens
 * something, picks a value, or confirms a Popconfirm (antd ignores clicks on its OK while the request runs, and an
 * overlay that closes takes no pointer events). For a button that sends something, such as a Modal's OK, expect
 * requestSent(…): once the request went out it is not clicked again, whatever the server answers, and the next step
 * of the scenario shows what came back. Not for a toggle such as a sub-menu title, nor for a Drawer's save button
 * (a drawer that closes still takes clicks).
 */
export async function clickUntil(target, expected, { timeout = 20_000, retryAfter = 1_000, tries = 5 } = {}) {
  const deadline = Date.now() + timeout;
  const left = () => Math.max(0, deadline - Date.now());
  let lastError;
  const took =
    typeof expected === 'function'
      ? async () => {
          try {
            return Boolean(await expected());
          } catch (err) {
            lastError = err;
            return false;
          }
        }
      : () => expected.first().isVisible();
  await target.click({ timeout: left() });
  for (let clicks = 1; ; ) {
    const until = Date.now() + Math.min(retryAfter * clicks, left());
    for (;;) {
      if (await took()) return;
      if (Date.now() >= until) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!left()) {
      const what = typeof expected === 'function' ? 'the expected effect' : String(expected);
      throw new Error(`clicked ${target} ${clicks} time(s), but ${what} did not show within ${timeout} ms${lastError ? ` (last: ${lastError.message})` : ''}`);
    }
    const clickable = (await target.isVisible().catch(() => false)) && (await target.isEnabled({ timeout: 1_000 }).catch(() => false));
    if (clicks < tries && clickable) {
      clicks++;
      // Briefly: the target may be going away because the previous click took after all.
      await target.click({ timeout: Math.min(2_000, left()) }).catch(() => undefined);
    }
  }
}

/**
 * For clickUntil's `expected`: true once the page has sent a request with this method whose path matches `path`
 * (a RegExp), counting from this call.
 */
export function requestSent(page, method, path) {
  let sent = false;
  const seen = (r) => {
    if (r.method() !== method || !path.test(new URL(r.url()).pathname)) return;
    sent = true;
    page.off('request', seen);
  };
  page.on('request', seen);
  return () => sent;
}

/**
 * Clicks `opener` until its Popconfirm shows, then the Popconfirm's OK until it has closed (after the request its
 * onConfirm runs, if it returns one: the popover stays open, its OK button loading, until that has answered).
 */
export async function confirmPopconfirm(page, opener, { timeout = 30_000 } = {}) {
  const pop = page.locator('.ant-popconfirm:visible');
  await clickUntil(opener, pop);
  await clickUntil(pop.locator('.ant-popconfirm-buttons .ant-btn-primary'), async () => (await pop.count()) === 0, { timeout });
}

/** Opens the antd Select `select` (a locator) and picks the option whose whole text is `label`. */
export async function chooseOption(page, select, label) {
  const exactly = new RegExp(`^${label.replace(/[.*+?^$(){}|[\]\\]/g, '\\$&')}$`);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: exactly }).first();
  await clickUntil(select, option);
  await clickUntil(option, async () => (await select.innerText()).includes(label));
}

/** Asserts the page is no wider than the screen (tables scroll inside themselves). */
export async function noOverflow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the phone screen`);
}
