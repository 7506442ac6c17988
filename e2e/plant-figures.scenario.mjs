// Plant figures a manager believes (#12 items 2, 3 and 8, the factory's part), as the people meet them:
// - the plant manager opens a line and sees, above the fold, how it does (OEE) and why it lost time (stop reasons),
//   the device tiles below; the losses in the line's own minutes; no device's Performance above 100 % (the demo's
//   machines keep their ideal cycle times) and none at a red 0 % before it finished a part;
// - the 大屏 that loses its server dims its figures and says since when;
// - an operator's handheld (390 × 844): the device list as cards, the andon board whose cards keep their places
//   when one is acknowledged, no sideways scrolling;
// - a hospital's administrator who opens /factory learns it is not for their organisation (no 新建厂区);
// - a second server whose broker port is taken (the first server's): no plant feed, and the overview, the
//   connectivity page and the 大屏 say so instead of a green "实时" and "全部设备运行正常".
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { DESKTOP, PHONE, SCREEN, clickUntil, login, noOverflow, open, shot, sideMenu, timed, unique } from './helpers.mjs';

const root = path.resolve(import.meta.dirname, '..');

/** The embedded MQTT broker's address, from the server's start banner. */
async function brokerUrl(ctx) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = /MQTT: embedded broker at (mqtt:\/\/[^\s]+)/.exec(ctx.serverOutput?.() ?? '');
    if (m) return m[1];
    assert.ok(Date.now() < deadline, 'the server did not print its embedded MQTT broker address');
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function publish(url, topic, payload) {
  const client = await mqtt.connectAsync(url, { clientId: `gb-e2e-${unique()}`, reconnectPeriod: 0, connectTimeout: 10_000 });
  try {
    await client.publishAsync(topic, JSON.stringify(payload), { qos: 1 });
  } finally {
    await client.endAsync();
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/** A second server (its own PGlite demo) told to run its broker on `mqttPort`, which is taken: it runs without a plant feed. */
async function serverWithoutFeed(mqttPort) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gearbridge-e2e-nofeed-'));
  const port = await freePort();
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), GEARBRIDGE_DEMO: '1', LOG_LEVEL: 'warn', MQTT_PORT: String(mqttPort) };
  delete env.DATABASE_URL;
  delete env.MQTT_URL;
  const out = [];
  const child = spawn(process.execPath, ['server/bin/gearbridge.mjs', 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => out.push(d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  // It seeds while the other scenarios run (prepare): more time than run.mjs gives the first server.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the second server exited:\n${Buffer.concat(out).toString()}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the second server did not start within 180 s');
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { base, output: () => Buffer.concat(out).toString(), stop };
}

/** The top and bottom of an element on the page (document coordinates). */
const box = async (locator) => {
  const b = await locator.boundingBox();
  assert.ok(b, `${locator} has no box`);
  return { top: b.y, bottom: b.y + b.height };
};

export const scenario = {
  order: 30,
  name: 'plant-figures',
  // The second server seeds a demo of its own (half a minute or more): started as the run begins, it is ready here.
  async prepare(ctx) {
    return serverWithoutFeed(Number(new URL(await brokerUrl(ctx)).port));
  },
  async run(ctx) {
    // --- The plant manager: why did line 1 lose time? -----------------------------------------------------------
    const page = await open(ctx, DESKTOP);
    await login(ctx, page, 'gear.manager');
    await sideMenu(page, '工厂总览');
    await page.getByTestId('plant-overview-page').waitFor();
    await page.getByTestId('line-card-L1').click();
    await page.getByTestId('line-page').waitFor();
    await page.getByTestId('oee-stops').waitFor();
    // Above the fold (900 px): the OEE cards and the stop reasons; the device tiles come after them.
    const stops = await box(page.getByTestId('oee-stops'));
    assert.ok(stops.top < DESKTOP.height - 100, `the stop reasons start at ${stops.top}px, below the fold`);
    assert.ok((await box(page.getByTestId('oee-cards'))).top < stops.top);
    assert.ok((await box(page.getByTestId('station-OP10'))).top > stops.bottom, 'the device tiles are not below the OEE');
    // Either the Pareto of stop reasons, or — a few minutes into a shift with nothing stopped yet — its empty state.
    await page.locator('[data-testid=oee-stop-chart], [data-testid=oee-stops-empty]').first().waitFor();

    // The figures shown are the server's, in the line's own time.
    const lineId = new URL(page.url()).pathname.split('/').at(-1);
    const oee = await page.evaluate(async (id) => (await fetch(`/api/factory/lines/${id}/oee`)).json(), lineId);
    const shift = oee.shifts.find((s) => s.inProgress);
    if (shift && shift.line.plannedS > 0) {
      const elapsedMin = (Date.parse(oee.asOf) - Date.parse(shift.start)) / 60_000;
      const lineMin = shift.line.plannedS / shift.line.devices / 60;
      assert.ok(lineMin <= elapsedMin + 1, `the line's planned time ${lineMin} min exceeds the ${elapsedMin} min the shift has run`);
      const hint = await page.getByTestId('oee-losses-hint').innerText();
      assert.match(hint, new RegExp(`${shift.line.devices} 台设备`));
      // The page's answer may be a few seconds older than this one: a minute either way.
      const shown = Number(/计划生产时间 ([\d,]+) 分钟/.exec(hint)?.[1].replace(/,/g, ''));
      assert.ok(Math.abs(shown - lineMin) <= 1, `the hint says "${hint}", not about ${Math.round(lineMin)} line minutes`);
    }
    // Each device: Performance never above 100 % in the demo, and "—" (not 0 %) before a part is finished.
    await page.getByTestId('oee-devices-toggle').click();
    const table = page.getByTestId('oee-device-table');
    await table.waitFor();
    const perf = await table.locator('[data-testid=ratio-performance]').evaluateAll((els) => els.map((e) => ({ text: e.textContent, value: e.getAttribute('data-value') })));
    assert.equal(perf.length, 26);
    for (const p of perf) {
      if (p.value !== null) assert.ok(Number(p.value) <= 1.0005, `a device shows Performance ${p.text}`);
      else assert.equal(p.text, '—');
    }
    for (const d of oee.devices) if (d.total === 0) assert.equal(d.performance, null, `${d.code} finished nothing, yet has Performance ${d.performance}`);
    await shot(ctx, page, 'plant-line-1440', true);

    // --- The 大屏 loses its server: the figures dim, the banner says since when; back when it returns. -------------
    const wall = await open(ctx, SCREEN);
    await login(ctx, wall, 'gear.manager');
    await wall.goto(`${ctx.base}/factory/screen`);
    await wall.getByTestId('plant-screen').waitFor();
    await wall.locator('[data-testid=stream-indicator][data-status=live]').waitFor();
    assert.equal(await wall.getByTestId('screen-disconnected').count(), 0);
    // The network to the server fails (Chromium's offline emulation does not cover loopback, so every request fails here).
    const cut = (route) => route.abort('internetdisconnected');
    await wall.route('**/api/**', cut);
    const lost = wall.getByTestId('screen-disconnected');
    await lost.waitFor({ timeout: 30_000 });
    assert.match(await lost.innerText(), /与服务器的连接已断开：自 \d{2}:\d{2}:\d{2} 起/);
    await wall.locator('.gb-screen__grid[data-stale=true]').waitFor();
    await shot(ctx, wall, 'plant-screen-disconnected-1920');
    await wall.unroute('**/api/**', cut);
    await lost.waitFor({ state: 'detached', timeout: 60_000 });

    // --- An operator's handheld: the device list and the andon board at 390 × 844. ----------------------------
    const phone = await open(ctx, PHONE);
    await login(ctx, phone, 'gear.operator');
    await clickUntil(phone.getByTestId('menu-toggle'), phone.getByTestId('side-menu'));
    await sideMenu(phone, '设备清单', phone.getByTestId('devices-page'));
    const card = phone.getByTestId('device-card-L1-CNC01');
    await card.waitFor();
    await noOverflow(phone, 'the device list');
    // The key facts and the action on the card, within the screen's width.
    assert.match(await card.innerText(), /L1-CNC01[\s\S]*1线 加工中心 01[\s\S]*L1 · 1 号自动化生产线[\s\S]*OP10/);
    const open1 = await card.getByRole('link', { name: /详情/ }).boundingBox();
    assert.ok(open1 && open1.x + open1.width <= PHONE.width, 'the card action is off-screen');
    await shot(ctx, phone, 'plant-devices-390');

    // Two machines raise critical alarms; acknowledging the first leaves both cards where they were.
    const broker = await brokerUrl(ctx);
    const codes = [`E2E-ACK-${unique()}`, `E2E-ACK-${unique()}`];
    await clickUntil(phone.getByTestId('menu-toggle'), phone.getByTestId('side-menu'));
    await sideMenu(phone, '安灯看板', phone.getByTestId('andon-page'));
    await phone.locator('[data-testid=stream-indicator][data-status=live]').waitFor();
    for (const code of codes) {
      const c = phone.getByTestId(`alarm-${code}`);
      const deadline = Date.now() + 60_000;
      while (!(await c.isVisible())) {
        assert.ok(Date.now() < deadline, `no alarm for ${code} within 60 s`);
        await publish(broker, `gb/v1/qijiang-gear/${code}`, { metrics: { alarm_code: 2001 } });
        await c.waitFor({ timeout: 3_000 }).catch(() => undefined);
      }
    }
    const order = () => phone.locator('[data-testid=andon-open-list] [data-alarm-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-alarm-id')));
    const before = await order();
    const second = phone.getByTestId(`alarm-${codes[1]}`).getByTestId('alarm-acknowledge');
    await second.scrollIntoViewIfNeeded();
    const secondAt = await second.boundingBox();
    await phone.getByTestId(`alarm-${codes[0]}`).getByTestId('alarm-acknowledge').click();
    await phone.locator(`[data-testid="alarm-${codes[0]}"][data-acknowledged=true]`).waitFor();
    await phone.waitForTimeout(500);
    assert.deepEqual(await order(), before, 'acknowledging an alarm reordered the board');
    const secondNow = await second.boundingBox();
    assert.ok(secondAt && secondNow && Math.abs(secondNow.y - secondAt.y) < 2, "the next alarm's button moved under the finger");
    await noOverflow(phone, 'the andon board');
    await shot(ctx, phone, 'plant-andon-390');
    for (const code of codes) await publish(broker, `gb/v1/qijiang-gear/${code}`, { metrics: { alarm_code: 0 } });
    for (const code of codes) await phone.getByTestId(`alarm-${code}`).waitFor({ state: 'detached', timeout: 30_000 });

    // --- A hospital's administrator opens /factory: not for their organisation, no 新建厂区. -------------------
    const hospital = await open(ctx, DESKTOP);
    await login(ctx, hospital, 'ck.hospital');
    for (const url of ['/factory', '/factory/model']) {
      await hospital.goto(`${ctx.base}${url}`);
      await hospital.getByTestId('factory-not-for-org').waitFor();
      assert.match(await hospital.getByTestId('factory-not-for-org').innerText(), /工厂模块不适用于本单位[\s\S]*医院/);
      assert.equal(await hospital.getByText('新建厂区').count(), 0);
    }
    await shot(ctx, hospital, 'plant-not-for-hospital-1440');

    // --- A server whose broker port is taken runs without a plant feed, and says so. ----------------------------
    const second2 = await timed(ctx, 'second server', () => ctx.prepared ?? serverWithoutFeed(Number(new URL(broker).port)));
    try {
      assert.match(second2.output(), /MQTT: not started/);
      const c2 = { ...ctx, base: second2.base };
      const p2 = await open(c2, DESKTOP);
      await login(c2, p2, 'gear.manager');
      await p2.goto(`${second2.base}/factory`);
      const banner = p2.getByTestId('feed-banner');
      await banner.waitFor();
      assert.match(await banner.innerText(), /工厂数据未在接收[\s\S]*还没有收到任何设备的数据/);
      await p2.locator('[data-testid=live-indicator][data-feed=down]').waitFor();
      assert.match(await p2.getByTestId('live-indicator').innerText(), /无实时数据/);
      assert.equal(await p2.getByText('全部在线').count(), 0);
      await shot(ctx, p2, 'plant-overview-no-feed-1440');
      await p2.goto(`${second2.base}/factory/connectivity`);
      await p2.getByTestId('feed-banner').waitFor();
      await p2.goto(`${second2.base}/factory/screen`);
      await p2.getByTestId('screen-feed-stopped').waitFor();
      await p2.getByTestId('ticker-no-data').waitFor();
      assert.equal(await p2.getByText('全部设备运行正常').count(), 0);
      await shot(ctx, p2, 'plant-screen-no-feed');
    } finally {
      await second2.stop();
    }
  },
};
