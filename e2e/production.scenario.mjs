// Production execution on the web (issue #13 item 8): the plant manager creates a work order and meets the server's
// reason when releasing it onto a busy line; the operator, on a phone, records a unit's start and completion at OP10
// by typing like a scanner (the serial, then Enter; the measurement, Enter; the casting's lot, Enter) and sees each
// success line; the quality engineer finds the unit by its serial, sees OP10 reached with its measurement and the
// other operations not reached, follows the casting lot to its recall and holds every unit it found. The phone pages
// do not scroll sideways, and the Chinese pages carry no English words (codes and units are data).
import assert from 'node:assert/strict';
import { PHONE, chooseOption, clickUntil, login, noOverflow, open, requestSent, shot, sideMenu, unique } from './helpers.mjs';

/** Words a Chinese page may show in Latin letters: the product's name, the language switch, Excel, and units. */
const ALLOWED = new Set(['Gearbridge', 'English', 'Excel', 'rpm', 'mm', 'Pa', 'kPa']);

/** English words on the page: runs of three or more lower-case letters (codes such as L5-CNC01 or OP10 are not). */
async function noEnglish(page, what) {
  const text = await page.locator('body').innerText();
  const words = (text.match(/[A-Za-z]*[a-z]{3,}[A-Za-z]*/g) ?? []).filter((w) => !ALLOWED.has(w));
  assert.deepEqual(words, [], `${what} shows English words in Chinese: ${[...new Set(words)].join(', ')}`);
}

/** Picks the option of an antd Select whose text matches `re` (the whole label is data-dependent). */
async function chooseMatching(page, select, re) {
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: re }).first();
  await clickUntil(select, option);
  await clickUntil(option, async () => re.test(await select.innerText()));
}

export const scenario = {
  order: 60,
  name: 'production',
  async run(ctx) {
    const u = unique();
    const serial = `E2E-${u}`;
    const lot = `CST-E2E-${u}`;

    // 1. The manager creates a work order for the power take-off housing; its line (L5) comes with the product.
    const manager = await open(ctx);
    await login(ctx, manager, 'gear.manager');
    await sideMenu(manager, '工单');
    await manager.waitForURL(/\/factory\/work-orders$/);
    await manager.getByTestId('wo-table').waitFor();
    await clickUntil(manager.getByTestId('wo-create'), manager.getByTestId('wo-form'));
    await chooseMatching(manager, manager.getByTestId('wo-product'), /^QJ-PTO-D01/);
    await manager.waitForFunction(() => /^L5 /.test(document.querySelector('[data-testid=wo-line]')?.textContent ?? ''));
    await manager.locator('#qty').fill('40');
    await manager.locator('#note').fill(`浏览器测试 ${u}`);
    await manager.getByTestId('wo-form-submit').click();
    await manager.getByTestId('wo-form').waitFor({ state: 'detached' });
    const created = await manager
      .locator('.ant-message')
      .getByText(/已创建工单 WO-\d{6}-\d{3}/)
      .innerText();
    const number = /WO-\d{6}-\d{3}/.exec(created)[0];
    await manager.getByTestId('wo-search').locator('input').fill(number);
    await manager.getByTestId(`wo-status-${number}`).waitFor();
    assert.equal(await manager.getByTestId(`wo-status-${number}`).innerText(), '计划');
    // L5 runs the demo's order: releasing this one is refused with the server's reason, in Chinese.
    await clickUntil(manager.getByTestId(`wo-release-${number}`), manager.getByTestId('wo-confirm-ok'));
    await clickUntil(manager.getByTestId('wo-confirm-ok'), requestSent(manager, 'POST', /\/work-orders\/.+\/actions$/));
    await manager
      .locator('.ant-message')
      .getByText(/L5 线正在执行工单 WO-\d{6}-\d{3}，请先完工/)
      .waitFor();
    assert.equal(await manager.getByTestId(`wo-status-${number}`).innerText(), '计划', 'the refused release changed the order');
    await shot(ctx, manager, 'production-work-orders-1440');

    // 2. The operator's handheld: the station once (line L5, a machining centre at OP10), then a scanner's typing.
    const operator = await open(ctx, PHONE);
    await login(ctx, operator, 'gear.operator');
    await operator.goto(`${ctx.base}/factory/station`);
    await operator.getByTestId('station-picker').waitFor();
    await chooseMatching(operator, operator.getByTestId('station-line'), /^L5 /);
    await chooseOption(operator, operator.getByTestId('station-device'), 'OP10 · L5-CNC01 · 5线 加工中心 01');
    await operator.getByTestId('station-pick').click();
    await operator.getByTestId('station-form').waitFor();
    assert.match(await operator.getByTestId('station-head').innerText(), /OP10/);
    const box = operator.getByTestId('station-serial');
    await operator.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'station-serial');
    await box.fill(serial);
    await box.press('Enter');
    await operator
      .getByTestId('station-outcome')
      .filter({ hasText: `${serial} 在 OP10 开工成功` })
      .waitFor();
    assert.equal(await box.inputValue(), '', 'the serial box is not cleared for the next unit');
    await operator.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'station-serial');

    // A serial with a space (a label misread) is refused with the field's reason, and the box keeps it for correcting.
    await box.fill(`${serial} X`);
    await box.press('Enter');
    await operator.getByTestId('station-outcome').filter({ hasText: '序列号：可打印字符，不含空格' }).waitFor();
    assert.equal(await operator.getByTestId('station-outcome').getAttribute('data-ok'), 'false');

    await operator.getByTestId('station-event').getByText('完工', { exact: true }).click();
    await operator.getByTestId('station-meas-FLAT_JOINT').waitFor();
    await box.fill(serial);
    await box.press('Enter');
    // Enter moved on to the flatness, then to the casting's lot, then to the tool box: a scanned tool code goes into
    // the list, and Enter in the empty box sends the report.
    await operator.waitForFunction(() => document.activeElement?.id === 'meas-FLAT_JOINT');
    await operator.keyboard.type('0.021');
    await operator.keyboard.press('Enter');
    await operator.waitForFunction(() => document.activeElement?.id === 'lot-CASTING');
    await operator.keyboard.type(lot);
    await operator.keyboard.press('Enter');
    await operator.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'station-tool');
    await operator.keyboard.type('L5-CNC01-MILL-1');
    await operator.keyboard.press('Enter');
    await operator.getByTestId('station-tools').getByText('L5-CNC01-MILL-1').waitFor();
    await operator.keyboard.press('Enter');
    await operator
      .getByTestId('station-outcome')
      .filter({ hasText: `${serial} 在 OP10 完工成功` })
      .waitFor();
    await operator.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'station-serial');
    assert.equal(await operator.locator('.gb-station-recent li').count(), 3, 'the session lists the three reports, the refused one too');
    await noOverflow(operator, 'the station page');
    await noEnglish(operator, 'the station page');
    await shot(ctx, operator, 'production-station-390', true);

    // 3. Quality: the unit by its serial, typed and Enter.
    const quality = await open(ctx);
    await login(ctx, quality, 'gear.quality');
    await sideMenu(quality, '产品追溯');
    await quality.waitForURL(/\/factory\/trace$/);
    const search = quality.getByTestId('trace-input').locator('input');
    await search.fill(serial);
    await search.press('Enter');
    await quality.waitForURL(new RegExp(`/factory/trace/${serial}$`));
    await quality.getByTestId('trace-unit').waitFor();
    const op10 = quality.getByTestId('trace-op-OP10');
    assert.equal(await op10.getAttribute('data-reached'), 'true');
    assert.equal(await quality.getByTestId('trace-op-OP20').getAttribute('data-reached'), 'false');
    assert.match(await op10.getByTestId('meas-FLAT_JOINT').innerText(), /0\.021 mm/);
    assert.match(await op10.innerText(), /L5-CNC01/);
    assert.match(await op10.innerText(), /L5-CNC01-MILL-1/, 'the tool scanned at the station is on the operation');
    assert.equal(await op10.getByTestId('op-result-OP10').innerText(), '合格');
    await quality.getByTestId('trace-graph').waitFor();
    await noEnglish(quality, 'the genealogy page');
    await shot(ctx, quality, 'production-trace-1440', true);

    // The casting's lot opens its recall: exactly this unit, on the line; hold all of them with a reason.
    await quality.getByTestId(`trace-lot-${lot}`).click();
    await quality.waitForURL(/\/factory\/recall\?lotId=\d+$/);
    await quality.getByTestId('recall-figures').waitFor();
    assert.equal(await quality.getByTestId('recall-count-total').locator('.gb-recall-figure__value').innerText(), '1');
    assert.equal(await quality.getByTestId('recall-count-line').locator('.gb-recall-figure__value').innerText(), '1');
    await quality.getByTestId(`recall-unit-${serial}`).waitFor();
    await clickUntil(quality.getByTestId('recall-hold-all'), quality.getByTestId('hold-reason'));
    assert.ok(await quality.locator('.ant-modal-title').getByText('隔离本次追溯到的全部 1 件产品？').isVisible());
    await quality.getByTestId('hold-reason').fill('铸件批次气孔，待复检');
    await clickUntil(quality.getByTestId('reason-ok'), requestSent(quality, 'POST', /\/factory\/recall\/hold$/));
    await quality.locator('.ant-message').getByText('1 件产品状态已更改').waitFor();
    await quality.getByTestId('recall-count-held').locator('.gb-recall-figure__value').filter({ hasText: /^1$/ }).waitFor();
    await noEnglish(quality, 'the recall page');
    await shot(ctx, quality, 'production-recall-1440');

    // The same unit on a phone: held, with the reason; neither page scrolls sideways.
    const phone = await open(ctx, PHONE);
    await login(ctx, phone, 'gear.quality');
    await phone.goto(`${ctx.base}/factory/trace/${serial}`);
    await phone.getByTestId('trace-held').waitFor();
    assert.match(await phone.getByTestId('trace-unit').innerText(), /铸件批次气孔，待复检/);
    await noOverflow(phone, 'the genealogy page');
    await shot(ctx, phone, 'production-trace-390', true);
    await phone.goto(`${ctx.base}/factory/recall?componentCode=CASTING&lotNo=${lot}`);
    await phone.getByTestId('recall-figures').waitFor();
    await noOverflow(phone, 'the recall page');
    await shot(ctx, phone, 'production-recall-390', true);
    await phone.goto(`${ctx.base}/factory/work-orders`);
    await phone.getByTestId('wo-table').waitFor();
    await noOverflow(phone, 'the work orders page');
  },
};

export default scenario;
