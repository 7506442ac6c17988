// Quality, SPC and the shift report (issue #13 items 3, 4, 6 and 8), as the people meet them:
// - the quality engineer opens 质量: the plant's yields and ppm against 100 ppm, each line, the characteristics with
//   their limits; opens a characteristic's chart: X̄ chart against the frozen limits, R chart, capability, histogram,
//   the rules and the revision history;
// - the plant manager opens a line's shift report from the line page, sees the output against the target, and
//   downloads the Excel;
// - the NOK housing's genealogy opens a nonconformance record: the unit is held, scrapped, the record closed;
// - a phone (390 × 844): the quality page, the NCR list and the shift report have no sideways scroll.
// The units are seeded through the API as the operator's station reports (POST /api/factory/stations/events).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DESKTOP, PHONE, login, noOverflow, open, shot, unique } from './helpers.mjs';

/**
 * In the signed-in page: `units` housings of line `lineCode` through every operation of its routing, each
 * measurement near nominal, the last one NOK at the leak test. Returns the line's id.
 */
async function seedUnits(page, lineCode, units, prefix) {
  return page.evaluate(
    async ({ lineCode, units, prefix }) => {
      const csrf = decodeURIComponent(/(?:^|; )gb_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '');
      const get = async (p) => (await fetch(`/api${p}`)).json();
      const post = async (p, body) => {
        const r = await fetch(`/api${p}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });
        if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`);
        return r.json();
      };
      const line = (await get('/factory/lines')).find((l) => l.code === lineCode);
      const product = (await get('/factory/products')).find((p) => p.lineId === line.id);
      const devices = (await get(`/factory/devices?lineId=${line.id}&pageSize=500`)).items;
      const defect = (await get('/factory/defect-codes'))[0].code;
      // A fixed, repeatable spread around nominal: the test needs values, not randomness. By unit and characteristic
      // (a counter over every value repeats itself each unit once a unit's count of values divides its period).
      const near = (c, u) => {
        const k = (u * 7 + [...c.code].reduce((a, ch) => a + ch.charCodeAt(0), 0)) % 11;
        const width = c.usl !== null && c.lsl !== null ? (c.usl - c.lsl) / 8 : Math.abs(c.usl ?? 1) / 8;
        return Number((c.nominal + ((k - 5) / 5) * width).toFixed(c.decimals));
      };
      for (let u = 0; u < units; u++) {
        const serial = `${prefix}-${String(u).padStart(3, '0')}`;
        for (const op of product.ops) {
          const device = devices.find((d) => d.cellCode === op.op);
          if (!device) continue;
          const nok = u === units - 1 && op.stationKind === 'leak_tester';
          // Attribute characteristics (p, u charts) are counted from results, not measured.
          const measured = op.characteristics.filter((c) => c.chart !== 'p' && c.chart !== 'u');
          const measurements = Object.fromEntries(measured.map((c) => [c.code, near(c, u)]));
          const lots = Object.fromEntries(op.components.map((c) => [c.code, `${c.code}-E2E`]));
          await post('/factory/stations/events', {
            deviceId: device.id,
            serial,
            event: 'complete',
            result: nok ? 'NOK' : 'OK',
            ...(nok ? { defectCode: defect } : {}),
            ...(measured.length ? { measurements } : {}),
            ...(op.components.length ? { lots } : {}),
          });
          if (nok) break;
        }
      }
      return line.id;
    },
    { lineCode, units, prefix },
  );
}

export const scenario = {
  order: 60,
  name: 'quality',
  async run(ctx) {
    // --- Seed: an operator reports 27 housings on L2 (26 good, one NOK at the leak test). -------------------------
    const op = await open(ctx, DESKTOP);
    await login(ctx, op, 'gear.operator');
    const prefix = `QE2E${unique()}`;
    const lineId = await seedUnits(op, 'L2', 27, prefix);

    // --- The quality engineer: the day's yields, then a characteristic's chart. ----------------------------------
    const page = await open(ctx, DESKTOP);
    await login(ctx, page, 'gear.quality');
    await page.goto(`${ctx.base}/factory/quality`);
    await page.getByTestId('quality-page').waitFor();
    await page.getByTestId('quality-plant').waitFor();
    const overview = await page.evaluate(async () => (await fetch('/api/factory/quality/overview')).json());
    const l2 = overview.lines.find((l) => l.code === 'L2');
    assert.ok(l2.output.good >= 26 && l2.output.nok >= 1, `L2 shows ${l2.output.good} good and ${l2.output.nok} NOK`);
    // The plant's figures on the page are the server's: good units and ppm.
    assert.equal(await page.getByTestId('q-good').locator('.gb-q-figure__value').textContent(), overview.plant.good.toLocaleString('en-US'));
    assert.match(await page.getByTestId('quality-target').textContent(), /10,000/);
    await page.getByTestId('quality-defects-chart').waitFor();
    await shot(ctx, page, 'quality-page', true);

    // An X̄-R characteristic with fewer than 25 subgroups: no limits yet, and the page says so instead of a chart.
    await page.getByTestId('char-L2-OP20-BORE_D1').click();
    await page.getByTestId('spc-page').waitFor();
    await page.getByTestId('spc-no-study').waitFor();
    await page.getByTestId('spc-no-chart').waitFor();

    // The leak rate (individuals) has 27 values: a phase-I study of them — the system's first, or the engineer's.
    const leak = await page.evaluate(async () => (await (await fetch('/api/factory/quality/characteristics')).json()).find((c) => c.lineCode === 'L2' && c.code === 'LEAK_RATE'));
    if (leak.limitsRevision === null) {
      const status = await page.evaluate(async (id) => {
        const csrf = decodeURIComponent(/(?:^|; )gb_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '');
        const body = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString(), reason: 'e2e 阶段 I 研究' };
        const r = await fetch(`/api/factory/quality/characteristics/${id}/limits`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify(body),
        });
        return { status: r.status, body: await r.text() };
      }, leak.id);
      assert.equal(status.status, 201, `the study of 27 individuals makes limits: ${status.body}`);
    }
    await page.goto(`${ctx.base}/factory/quality/characteristics/${leak.id}`);
    await page.getByTestId('spc-location-chart').waitFor();
    await page.getByTestId('spc-spread-chart').waitFor();
    await page.getByTestId('spc-capability').waitFor();
    await page.getByTestId('spc-histogram-chart').waitFor();
    // The leak rate has only an upper limit: the capability says it is one-sided.
    await page.getByTestId('cap-one-sided').waitFor();
    await page
      .getByTestId('spc-revisions')
      .getByText(/第 1 版/)
      .first()
      .waitFor();
    await shot(ctx, page, 'quality-spc', true);

    // The engineer adds Nelson 2 to the rules; the server keeps it.
    await page.getByTestId('rule-nelson2').click();
    await page.getByTestId('spc-rules-save').click();
    await page.getByText('规则已保存').waitFor();
    const rules = await page.evaluate(async (id) => (await (await fetch('/api/factory/quality/characteristics')).json()).find((c) => c.id === id).rules, leak.id);
    assert.ok(rules.includes('nelson2'), `the rules saved are ${rules}`);

    // A CSV with an unknown serial: nothing is written and the server's problems are listed with their lines.
    await page.getByTestId('spc-import').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('serial,characteristic,value,measured_at\nNOPE-1,LEAK_RATE,0.8,2026-12-01T08:00:00+08:00\n'),
    });
    const problems = page.getByTestId('spc-import-problems');
    await problems.waitFor();
    assert.match(await problems.innerText(), /NOPE-1/, 'the problem names the unknown serial');

    // --- The NOK housing: a nonconformance record from its genealogy, scrapped, closed with root cause. -----------
    const nokSerial = `${prefix}-026`;
    await page.goto(`${ctx.base}/factory/trace/${nokSerial}`);
    await page.getByTestId('trace-ncr').click();
    await page.getByTestId('ncr-description').fill('试漏泄漏率超上限，复测仍不合格');
    await page.getByTestId('ncr-create-ok').click();
    await page.getByTestId('ncr-detail').waitFor();
    const unitOf = () => page.evaluate(async (s) => (await (await fetch(`/api/factory/units/genealogy?code=${s}`)).json()).unit, nokSerial);
    assert.equal((await unitOf()).held, true, 'opening the NCR holds the unit');
    const form = page.getByTestId('ncr-disposition-form');
    await form.getByText('报废', { exact: true }).click();
    await page.getByTestId('ncr-reason').fill('壳体穿透性缺陷，不可修复');
    await page.getByTestId('ncr-disposition-ok').click();
    await page.getByTestId('ncr-close-form').waitFor();
    assert.equal((await unitOf()).status, 'scrapped', 'the scrap disposition scraps the unit');
    await page.getByTestId('ncr-root-cause').fill('油道壁厚不足处存在疏松');
    await page.getByTestId('ncr-corrective').fill('与铸造供应商评审补缩工艺');
    await page.getByTestId('ncr-close-ok').click();
    await page.getByTestId('ncr-detail').getByText('已关闭').first().waitFor();
    await shot(ctx, page, 'ncr-detail');

    // --- The plant manager: the shift report of L2 from its line page, and its Excel. ----------------------------
    const mgr = await open(ctx, DESKTOP);
    await login(ctx, mgr, 'gear.manager');
    await mgr.goto(`${ctx.base}/factory/lines/${lineId}`);
    await mgr.getByTestId('line-shift-report').click();
    await mgr.getByTestId('shift-report-page').waitFor();
    await mgr.getByTestId('sr-output').waitFor();
    const report = await mgr.evaluate(async (id) => (await fetch(`/api/factory/shift-report?lineId=${id}`)).json(), lineId);
    assert.ok(report.output.good >= 26, `the shift report counts ${report.output.good} good`);
    assert.equal(await mgr.getByTestId('sr-good').textContent(), report.output.good.toLocaleString('en-US'));
    await mgr.getByTestId('sr-hourly-chart').waitFor();
    await shot(ctx, mgr, 'shift-report', true);
    const [download] = await Promise.all([mgr.waitForEvent('download'), mgr.getByTestId('sr-excel').click()]);
    const file = path.join(ctx.artifacts, 'shift-report.xlsx');
    await download.saveAs(file);
    assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'the Excel download is an .xlsx (zip) file');
    assert.match(download.suggestedFilename(), /L2/);

    // --- The home page's plant card: each line's output in the shift in progress against its target. -------------
    await mgr.goto(`${ctx.base}/`);
    await mgr.getByTestId('wb-lines').waitFor();
    const output = await mgr.evaluate(async () => (await fetch('/api/factory/output')).json());
    const l2out = output.lines.find((o) => o.lineId === lineId);
    if (l2out.shiftCode && l2out.target !== null) {
      const target = mgr.getByTestId('wb-line-L2').getByTestId('wb-line-target');
      await target.waitFor();
      assert.match(await target.innerText(), new RegExp(`${l2out.good} / ${l2out.target}`));
    }
    // One source for output on the card: the shift's finished units (as the target bar and the shift report), never
    // the machines' part counters beside them.
    if (l2out.shiftCode) {
      const good = output.lines.reduce((s, o) => s + o.good, 0);
      const shiftLine = await mgr.getByTestId('wb-shift').innerText();
      assert.match(shiftLine, new RegExp(`本班良品 ${good.toLocaleString('en')} 件`), shiftLine);
    }
    assert.ok(!(await mgr.getByTestId('wb-lines').innerText()).includes('良品 / 总数'), 'no counter figure labelled as output');

    // --- Phone width: no sideways scroll. --------------------------------------------------------------------------
    const phone = await open(ctx, PHONE);
    await login(ctx, phone, 'gear.manager');
    await phone.goto(`${ctx.base}/factory/quality`);
    await phone.getByTestId('quality-plant').waitFor();
    await phone.getByTestId('quality-characteristics').waitFor();
    await noOverflow(phone, 'the quality page');
    await phone.goto(`${ctx.base}/factory/shift-report?lineId=${lineId}`);
    await phone.getByTestId('sr-output').waitFor();
    await noOverflow(phone, 'the shift report');
    await phone.goto(`${ctx.base}/factory/ncrs`);
    await phone.getByTestId('ncr-table').waitFor();
    await noOverflow(phone, 'the nonconformance records');
    await phone.goto(`${ctx.base}/`);
    await phone.getByTestId('wb-lines').waitFor();
    await noOverflow(phone, 'the home page with the plant card');
    await shot(ctx, phone, 'shift-report-phone', true);
  },
};
