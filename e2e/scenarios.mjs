// The scenarios e2e/run.mjs runs, in order. Each gets { base, serverOutput, browser, artifacts, contexts, pageErrors,
// diary } and throws on failure; what the scenario files share is in helpers.mjs. Texts are asserted in Chinese (the
// default language) unless a step switches to English.
import assert from 'node:assert/strict';
import path from 'node:path';
import ExcelJS from 'exceljs';
import mqtt from 'mqtt';
import { DESKTOP, PASSWORD, PHONE, SCREEN, clickUntil, login, noOverflow, open, shot, sideMenu, unique } from './helpers.mjs';

/**
 * Opens an antd Select / Cascader inside the form item of field `id`, picks options by their text in order, and
 * checks the field shows the last one. A click that lands while a dropdown animates (a busy machine) is retried.
 */
async function pick(page, id, ...labels) {
  const field = page.locator(`.ant-form-item:has(#${id}) .ant-select`).first();
  let last;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await field.click();
      for (const label of labels) {
        const option = page
          .locator('.ant-select-item-option:visible, .ant-cascader-menu-item:visible')
          .filter({ hasText: new RegExp(`^${label}$`) })
          .first();
        await option.click({ timeout: 5_000 });
      }
      await page.keyboard.press('Escape');
      if ((await field.innerText()).includes(labels[labels.length - 1])) return;
    } catch (err) {
      last = err;
      await page.keyboard.press('Escape');
    }
  }
  throw last ?? new Error(`could not pick ${labels.join(' / ')} in #${id}`);
}

/**
 * Switches the language with the header button and waits until `expect` shows in the side menu. The button names the
 * language it switches to; a click lost while the dashboard is still loading is repeated while it still names `code`.
 */
async function switchLanguage(page, code, expect) {
  const button = page.getByTestId('lang-switch');
  assert.equal(await button.getAttribute('data-target-locale'), code, `the header button does not switch to ${code}`);
  await clickUntil(page.locator(`[data-testid=lang-switch][data-target-locale="${code}"]`), page.getByTestId('side-menu').getByText(expect, { exact: true }));
}

/** The embedded MQTT broker's address, from the server's start banner (run.mjs starts it on a free port). */
async function brokerUrl(ctx) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = /MQTT: embedded broker at (mqtt:\/\/[^\s]+)/.exec(ctx.serverOutput?.() ?? '');
    if (m) return m[1];
    assert.ok(ctx.serverOutput && Date.now() < deadline, 'the server did not print its embedded MQTT broker address');
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** One QoS 1 message to the broker, as a device would send it. */
async function publish(url, topic, payload) {
  const client = await mqtt.connectAsync(url, { clientId: `gb-e2e-${unique()}`, reconnectPeriod: 0, connectTimeout: 10_000 });
  try {
    await client.publishAsync(topic, JSON.stringify(payload), { qos: 1 });
  } finally {
    await client.endAsync();
  }
}

export const scenarios = [
  {
    name: 'golden-path',
    async run(ctx) {
      const page = await open(ctx);
      // The app opens on the Chinese sign-in page.
      await page.goto(`${ctx.base}/`);
      await page.waitForURL(/\/login/);
      await page.getByText('欢迎登录').waitFor();
      await page.getByText('綦江智能制造').first().waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
      await shot(ctx, page, 'login-1440');

      await page.locator('#username').fill('admin');
      await page.locator('#password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('dashboard-page').waitFor();
      await page.getByText('平台管理员，您好').waitFor();
      const menu = page.getByTestId('side-menu');
      await menu.getByText('首页', { exact: true }).waitFor();

      // English, and it survives a reload.
      await switchLanguage(page, 'en', 'Home');
      await page.getByText('Hello, 平台管理员').waitFor();
      assert.equal(await menu.getByText('首页', { exact: true }).count(), 0, 'Chinese menu text still visible after switching to English');
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.reload();
      await page.getByTestId('side-menu').getByText('Organisations', { exact: true }).waitFor();
      await page.getByText('Hello, 平台管理员').waitFor();

      // And back to Chinese, which also survives a reload.
      await switchLanguage(page, 'zh-CN', '首页');
      await page.reload();
      await page.getByTestId('side-menu').getByText('组织', { exact: true }).waitFor();
      await page.getByText('平台管理员，您好').waitFor();
      await shot(ctx, page, 'dashboard-1440');

      // Create an organisation through the form.
      const name = `E2E 綦江测试机械有限公司 ${unique()}`;
      await sideMenu(page, '组织');
      await page.getByTestId('orgs-page').waitFor();
      const form = page.getByTestId('org-form');
      await clickUntil(page.getByTestId('org-create'), form);
      await form.waitFor();
      // Saving an empty form shows the field messages and sends nothing (the click lands as the drawer slides in).
      await clickUntil(page.getByTestId('org-form-submit'), form.getByText('请填写名称'));
      await form.getByText('请填写名称').waitFor();
      await page.locator('#name').fill(name);
      await pick(page, 'kind', '企业');
      await pick(page, 'regionCode', '重庆市', '市辖区', '綦江区');
      await page.locator('#contactName').fill('测试联系人');
      await shot(ctx, page, 'org-form-1440');
      await page.getByTestId('org-form-submit').click();
      await page.getByText('已创建').waitFor();
      await form.waitFor({ state: 'detached' });

      // It is in the list.
      await page.getByTestId('org-search').locator('input').fill(name);
      const row = page.getByTestId('orgs-table').locator('tr', { hasText: name });
      await row.waitFor();
      assert.match(await row.innerText(), /綦江区/);
      assert.match(await row.innerText(), /企业/);

      // The audit log has the organisation.create entry for it.
      await sideMenu(page, '审计日志');
      await page.waitForURL(/\/admin\/audit/);
      await page.getByTestId('audit-page').waitFor();
      const filter = page.getByTestId('audit-action-filter').locator('input').first();
      await filter.fill('organisation.create');
      await filter.press('Enter');
      await page.waitForURL(/action=organisation\.create/);
      const entry = page.getByTestId('audit-table').locator('tr', { hasText: name });
      await entry.waitFor();
      assert.match(await entry.innerText(), /organisation\.create/);
      assert.match(await entry.innerText(), /平台管理员 \(admin\)/);
      await entry.click();
      const diff = page.getByTestId('audit-diff').first();
      await diff.waitFor();
      assert.match(await diff.innerText(), /测试联系人/);
      // Fields by their labels, codes in words, times in China time — not raw JSON keys, codes and UTC.
      assert.match(await diff.locator('[data-field=contactName]').innerText(), /^联系人$/);
      assert.match(await diff.locator('tr', { has: page.locator('[data-field=kind]') }).innerText(), /企业/);
      assert.doesNotMatch(await diff.innerText(), /\d{4}-\d{2}-\d{2}T\d{2}:/);
      await shot(ctx, page, 'audit-1440');

      // The filtered audit log exports to Excel, with the entry in it.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
      const file = path.join(ctx.artifacts, `audit-${name.slice(-6)}.xlsx`);
      await download.saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const cells = [];
      wb.worksheets[0].eachRow((r) => cells.push(r.values.join('|')));
      assert.ok(
        cells.some((c) => c.includes('organisation.create') && c.includes('新建组织') && c.includes(name)),
        'exported audit log lacks the entry',
      );
    },
  },
  {
    name: 'wrong-password',
    async run(ctx) {
      const page = await open(ctx);
      await page.goto(`${ctx.base}/login`);
      await page.locator('#username').fill('gear.operator');
      await page.locator('#password').fill('not-the-password');
      await page.getByTestId('login-submit').click();
      const error = page.getByTestId('login-error');
      await error.waitFor();
      assert.match(await error.innerText(), /用户名或密码错误/);
      assert.match(page.url(), /\/login/);
      await shot(ctx, page, 'login-error-1440');
      // The right password still works afterwards.
      await page.locator('#password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('dashboard-page').waitFor();
    },
  },
  {
    name: 'import-wizard',
    async run(ctx) {
      const tag = unique();
      const good = `E2E 导入企业 ${tag}`;
      const bad = `E2E 错误区划企业 ${tag}`;
      const file = path.join(ctx.artifacts, `import-orgs-${tag}.xlsx`);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('组织 Organisations');
      ws.addRow(['名称*', '类型*', '区划代码*', '统一社会信用代码', '联系人', '地址']);
      ws.addRow([good, '企业', '500110', '', '张三', '綦江区古南街道']); // row 2: valid
      ws.addRow([bad, '企业', '999999', '', '', '']); // row 3: no such region
      await wb.xlsx.writeFile(file);

      const page = await open(ctx);
      await login(ctx, page);
      await sideMenu(page, '组织');
      await page.getByTestId('orgs-page').waitFor();
      await clickUntil(page.getByTestId('org-import'), page.getByTestId('import-step-upload'));
      await page.getByTestId('import-step-upload').waitFor();
      await page.locator('[data-testid=import-step-upload] input[type=file]').setInputFiles(file);

      const report = page.getByTestId('import-step-report');
      await report.waitFor();
      assert.equal((await page.getByTestId('import-total').innerText()).trim(), '2');
      assert.equal((await page.getByTestId('import-valid').innerText()).trim(), '1');
      assert.equal((await page.getByTestId('import-invalid').innerText()).trim(), '1');
      const errors = page.getByTestId('import-errors');
      assert.match(await errors.innerText(), /第 3 行/);
      assert.match(await errors.innerText(), /999999/);
      assert.match(await page.getByTestId('import-preview').innerText(), new RegExp(good));
      await shot(ctx, page, 'import-report-1440');

      // Nothing is written before confirming.
      await page.goto(`${ctx.base}/admin/orgs?q=${encodeURIComponent(tag)}`).catch(() => undefined);
      await page.getByTestId('orgs-table').waitFor();
      await page.getByTestId('orgs-table').getByText('没有符合条件的记录').waitFor();

      // Upload again, confirm, and the good row is there (and the bad one is not).
      await clickUntil(page.getByTestId('org-import'), page.getByTestId('import-step-upload'));
      await page.locator('[data-testid=import-step-upload] input[type=file]').setInputFiles(file);
      await page.getByTestId('import-step-report').waitFor();
      await page.getByTestId('import-confirm').click();
      await page.getByTestId('import-step-done').waitFor();
      assert.match(await page.getByTestId('import-step-done').innerText(), /1/);
      await page.getByTestId('import-finish').click();
      const table = page.getByTestId('orgs-table');
      await table.locator('tr', { hasText: good }).waitFor();
      assert.equal(await table.locator('tr', { hasText: bad }).count(), 0);
    },
  },
  {
    name: 'phone-width',
    async run(ctx) {
      const page = await open(ctx, PHONE);
      await page.goto(`${ctx.base}/login`);
      await page.getByText('欢迎登录').waitFor();
      await shot(ctx, page, 'login-390');
      await login(ctx, page);
      // No side bar on a phone: the menu lives in a drawer.
      assert.equal(await page.getByTestId('side-menu').count(), 0, 'side menu should be hidden at 390 px');
      const drawerMenu = page.getByTestId('side-menu');
      await clickUntil(page.getByTestId('menu-toggle'), drawerMenu);
      await drawerMenu.waitFor();
      await shot(ctx, page, 'menu-drawer-390');
      await clickUntil(drawerMenu.getByText('组织', { exact: true }), page.getByTestId('orgs-page'));
      await page.getByTestId('orgs-page').waitFor();
      await page.getByTestId('orgs-table').locator('tbody tr.ant-table-row').first().waitFor();
      // Tables scroll inside themselves; the page itself never scrolls sideways.
      await noOverflow(page, 'page');
      await shot(ctx, page, 'orgs-390');
    },
  },
  {
    name: 'factory-live',
    async run(ctx) {
      const page = await open(ctx);
      await login(ctx, page, 'gear.manager');
      await sideMenu(page, '工厂总览');
      await page.getByTestId('plant-overview-page').waitFor();
      // The 7 lines, and devices online once the simulator's births have been ingested (the page polls every 5 s).
      await page.getByTestId('line-card-L7').waitFor();
      assert.equal(await page.locator('[data-testid^=line-card-]').count(), 7);
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=line-card-L1]')?.getAttribute('data-online')) > 0, null, { timeout: 60_000 });
      assert.ok(Number(await page.getByTestId('stat-online-value').innerText()) > 0, 'the connectivity summary shows no device online');
      await shot(ctx, page, 'factory-overview-1440');

      // Line 1, its CNC machining centre 01, and the live spindle-load chart from the 1-minute rollups.
      await page.getByTestId('line-card-L1').click();
      await page.getByTestId('line-page').waitFor();
      await page.getByTestId('station-OP10').waitFor();
      // The line's OEE for today: the day so far as A × P × Q = OEE (a percentage, or "—" where it is not defined),
      // the six big losses, and every device of the line in the table.
      const oee = page.getByTestId('oee-panel');
      await oee.getByTestId('oee-card-day').waitFor();
      assert.match((await oee.getByTestId('oee-card-day').getByTestId('oee-value').innerText()).trim(), /^(\d+(\.\d)? %|—)$/);
      assert.doesNotMatch(await oee.innerText(), /NaN/);
      // The six big losses — or, when the run falls in a calendar break before any planned time (e2e replays no
      // history: the demo's 20:00–20:30 break made this wait fail), the reason there are none.
      await oee.locator('[data-testid=oee-loss-chart], [data-testid=oee-losses-empty]').first().waitFor();
      // Each device's figures are one click below the line's (the stop reasons and losses come first).
      await clickUntil(oee.getByTestId('oee-devices-toggle'), oee.getByTestId('oee-device-table'));
      await oee.getByTestId('oee-device-table').locator('tr.ant-table-row').first().waitFor();
      await shot(ctx, page, 'factory-line-1440', true);
      await page.getByTestId('device-tile-L1-CNC01').click();
      await page.getByTestId('device-page').waitFor();
      assert.equal(await page.getByTestId('device-code').innerText(), 'L1-CNC01');
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=metric-chart-spindle_load]')?.getAttribute('data-points')) > 0, null, { timeout: 60_000 });
      // The state timeline of the last 8 h, with availability, MTBF and MTTR of that window.
      await page.getByTestId('state-timeline').waitFor();
      assert.match(await page.getByTestId('timeline-availability').innerText(), /(\d+(\.\d)? %|—)/);
      await shot(ctx, page, 'factory-device-1440');
      const deviceUrl = page.url();

      // Rename it: the page header, and the tile on the line page, show the new name.
      const name = `1线 加工中心 01 · 新主轴 ${unique()}`;
      await clickUntil(page.getByTestId('device-edit'), page.getByTestId('device-form'));
      await page.getByTestId('device-form').waitFor();
      await page.locator('#nameZh').fill(name);
      await page.getByTestId('device-form-submit').click();
      await page.getByText('已保存').waitFor();
      await page.getByTestId('device-form').waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('device-title').innerText(), name);
      await page.locator('.gb-breadcrumb').getByText('L1', { exact: true }).click();
      await page.getByTestId('device-tile-L1-CNC01').getByText(name).waitFor();

      // An operator on a handheld sees the same plant, without the edit button, and nothing wider than the screen.
      const phone = await open(ctx, PHONE);
      await login(ctx, phone, 'gear.operator');
      await phone.goto(deviceUrl);
      await phone.getByTestId('device-page').waitFor();
      assert.equal(await phone.getByTestId('device-title').innerText(), name);
      await phone.getByTestId('chart-spindle_load').waitFor();
      assert.equal(await phone.getByTestId('device-edit').count(), 0, 'an operator must not see the edit button');
      await phone.locator('.gb-breadcrumb').getByText('L1', { exact: true }).click();
      await phone.getByTestId('device-tile-L1-CNC01').waitFor();
      await noOverflow(phone, 'the line page');
      await shot(ctx, phone, 'factory-line-390');
    },
  },
  {
    name: 'factory-andon',
    async run(ctx) {
      // A machine of our own speaks the JSON format to the server's embedded broker, so nothing the simulator does
      // (a rebirth sends alarm_code 0) can clear its alarm under the test's feet.
      const broker = await brokerUrl(ctx);
      const code = `E2E-AND-${unique()}`;
      const topic = `gb/v1/qijiang-gear/${code}`;

      // The plant's full screen (大屏) on a wall, and an operator's handheld on the andon board, both live.
      const wall = await open(ctx, SCREEN);
      await login(ctx, wall, 'gear.manager');
      await wall.goto(`${ctx.base}/factory`);
      await wall.getByTestId('open-screen').click();
      await wall.getByTestId('plant-screen').waitFor();
      await wall.getByTestId('screen-line-L7').waitFor();
      assert.equal(await wall.locator('[data-testid^=screen-line-L]').count(), 7);
      await wall.waitForFunction(() => Number(document.querySelector('[data-testid=screen-online-value]')?.textContent) > 0, null, { timeout: 60_000 });
      await wall.locator('[data-testid=stream-indicator][data-status=live]').waitFor();

      const phone = await open(ctx, PHONE);
      await login(ctx, phone, 'gear.operator');
      await clickUntil(phone.getByTestId('menu-toggle'), phone.getByTestId('side-menu'));
      await sideMenu(phone, '安灯看板', phone.getByTestId('andon-page'));
      await phone.getByTestId('andon-page').waitFor();
      await phone.locator('[data-testid=stream-indicator][data-status=live]').waitFor();

      // Raise: alarm code 2001. The first message registers the device; the ingest learns new devices every few
      // seconds, so the code is sent again until the alarm shows (a repeat of an open alarm changes nothing).
      const card = phone.getByTestId(`alarm-${code}`);
      const deadline = Date.now() + 60_000;
      while (!(await card.isVisible())) {
        assert.ok(Date.now() < deadline, `no alarm for ${code} on the andon board within 60 s`);
        await publish(broker, topic, { metrics: { alarm_code: 2001 } });
        await card.waitFor({ timeout: 3_000 }).catch(() => undefined);
      }
      assert.equal(await card.getAttribute('data-severity'), 'critical');
      assert.equal(await card.getAttribute('data-acknowledged'), 'false');
      assert.match(await card.getByTestId('alarm-message').innerText(), /2001/);
      // A new critical alarm flashes the screen and stays in a banner until someone acknowledges it.
      await phone.getByTestId('andon-banner').waitFor();
      await wall.getByTestId(`ticker-${code}`).waitFor();
      await shot(ctx, phone, 'andon-raised-390');
      await shot(ctx, wall, 'screen-1920');

      // Acknowledge on the handheld: the response time stops and the card says who is on it.
      await card.getByTestId('alarm-acknowledge').click();
      await phone.locator(`[data-testid="alarm-${code}"][data-acknowledged=true]`).waitFor();
      assert.match(await card.getByTestId('alarm-acked').innerText(), /已确认/);
      await noOverflow(phone, 'the andon board');
      await shot(ctx, phone, 'andon-acknowledged-390');

      // The machine clears it (alarm code 0): it leaves the open list on both screens and is in the history.
      await publish(broker, topic, { metrics: { alarm_code: 0 } });
      await card.waitFor({ state: 'detached', timeout: 30_000 });
      await wall.getByTestId(`ticker-${code}`).waitFor({ state: 'detached', timeout: 30_000 });
      await phone.getByTestId('andon-tab-history').click();
      const row = phone.getByTestId('alarm-history-table').locator('tr', { hasText: code });
      await row.waitFor();
      assert.match(await row.innerText(), /设备自动恢复/);
    },
  },
  {
    name: 'tour-screenshots',
    async run(ctx) {
      const pages = [
        ['dashboard', '/', 'dashboard-page'],
        ['factory', '/factory', 'plant-overview-page'],
        ['factory-devices', '/factory/devices', 'devices-page'],
        ['factory-connectivity', '/factory/connectivity', 'connectivity-page'],
        ['factory-alarm-rules', '/factory/alarm-rules', 'alarm-rules-table'],
        ['factory-calendar', '/factory/calendar', 'calendar-form'],
        ['labor', '/labor', 'labor-dashboard'],
        ['orgs', '/admin/orgs', 'orgs-table'],
        ['users', '/admin/users', 'users-table'],
        ['roles', '/admin/roles', 'roles-table'],
        ['regions', '/admin/regions', 'region-tree'],
        ['audit', '/admin/audit', 'audit-table'],
      ];
      for (const [viewport, suffix] of [
        [DESKTOP, '1440'],
        [PHONE, '390'],
      ]) {
        const page = await open(ctx, viewport);
        await login(ctx, page);
        for (const [name, url, testId] of pages) {
          await page.goto(`${ctx.base}${url}`);
          await page.getByTestId(testId).waitFor();
          // shot() waits for the page's requests to be answered, then for charts and skeletons to settle.
          await shot(ctx, page, `${name}-${suffix}`);
        }
      }
    },
  },
];
