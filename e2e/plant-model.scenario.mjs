// The plant model admin page (issue #3): a plant manager adds an area, a line and a work cell through the forms,
// sees them in the tree, meets the Chinese message for a duplicate code and for deleting what still has children,
// deletes the cell, and leaves the demo plant as it was (the andon scenario counts the lines on the full screen).
// Same context as the scenarios in scenarios.mjs, and the same helpers (helpers.mjs).
import assert from 'node:assert/strict';
import { PHONE, clickUntil, confirmPopconfirm, login, noOverflow, open, shot, sideMenu, unique } from './helpers.mjs';

/** Clicks `opener` until the drawer form shows. */
async function openForm(page, opener) {
  await clickUntil(opener, page.getByTestId('model-form'));
}

/**
 * Fills the open drawer form (fields by id), saves, and waits for the drawer to close. The save is one plain click:
 * it creates, and a drawer that closes still takes clicks.
 */
async function saveForm(page, fields) {
  const form = page.getByTestId('model-form');
  await form.waitFor();
  for (const [id, value] of Object.entries(fields)) await form.locator(`#${id}`).fill(value);
  await page.getByTestId('model-form-submit').click();
  await form.waitFor({ state: 'detached' });
}

/** Deletes a row through its Popconfirm; returns once the confirm has closed. */
async function confirmDelete(page, testId) {
  await confirmPopconfirm(page, page.getByTestId(testId));
}

export const scenario = {
  order: 10,
  name: 'plant-model',
  async run(ctx) {
    const page = await open(ctx);
    await login(ctx, page, 'gear.manager');
    await sideMenu(page, '产线建模');
    await page.waitForURL(/\/factory\/model$/);
    await page.getByTestId('plant-model-page').waitFor();
    await page.getByTestId('model-site-QJ-SMART').waitFor();
    assert.match(await page.getByTestId('model-summary').innerText(), /7 条产线/);

    // An area under the demo site, a line in it, a work cell on the line: each appears in the tree, its parent opened.
    const u = unique();
    const area = `E2E-A-${u}`;
    const line = `E2E-L-${u}`;
    const cell = `E2E-C-${u}`;
    await openForm(page, page.getByTestId('model-add-site-QJ-SMART'));
    await saveForm(page, { code: area, name: `测试车间 ${u}` });
    await page.getByTestId(`model-area-${area}`).waitFor();

    await openForm(page, page.getByTestId(`model-add-area-${area}`));
    assert.match(await page.getByTestId('model-form-parent').innerText(), new RegExp(area));
    await saveForm(page, { code: line, nameZh: `测试产线 ${u}`, nameEn: `Test line ${u}`, product: '变速箱壳体' });
    await page.getByTestId(`model-line-${line}`).waitFor();

    await openForm(page, page.getByTestId(`model-add-line-${line}`));
    await saveForm(page, { code: cell, name: '试压' });
    await page.getByTestId(`model-cell-${cell}`).waitFor();
    assert.equal(await page.getByTestId(`model-count-cell-${cell}`).innerText(), '0 台');
    await shot(ctx, page, 'plant-model-1440');

    // The same code again on that line: the form says so in Chinese, on the code field, and stays open.
    await openForm(page, page.getByTestId(`model-add-line-${line}`));
    const form = page.getByTestId('model-form');
    await form.waitFor();
    await form.locator('#code').fill(cell);
    await form.locator('#name').fill('重复');
    await page.getByTestId('model-form-submit').click();
    await form.locator('.ant-form-item-explain-error').filter({ hasText: '该产线已有相同代码的工位' }).waitFor();
    await shot(ctx, page, 'plant-model-duplicate-1440');
    await page.getByTestId('model-form-cancel').click();
    await form.waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId(`model-cell-${cell}`).count(), 1, 'the refused duplicate shows in the tree');

    // The area still has the line: its delete is refused with the reason in Chinese, and nothing changes.
    await confirmDelete(page, `model-delete-area-${area}`);
    await page.locator('.ant-message').getByText('该车间下仍有 1 条产线，请先移走或删除').waitFor();
    await page.getByTestId(`model-line-${line}`).waitFor();

    // The empty work cell goes.
    await confirmDelete(page, `model-delete-cell-${cell}`);
    await page.getByTestId(`model-cell-${cell}`).waitFor({ state: 'detached' });
    await page.locator('.ant-message').getByText('已删除').first().waitFor();

    // Back to the demo plant: the line, then the area.
    await confirmDelete(page, `model-delete-line-${line}`);
    await page.getByTestId(`model-line-${line}`).waitFor({ state: 'detached' });
    await confirmDelete(page, `model-delete-area-${area}`);
    await page.getByTestId(`model-area-${area}`).waitFor({ state: 'detached' });

    // On a phone the tree fits the screen; each row's actions sit behind one button.
    const phone = await open(ctx, PHONE);
    await login(ctx, phone, 'gear.manager');
    await phone.goto(`${ctx.base}/factory/model`);
    await phone.getByTestId('model-line-L1').waitFor();
    await noOverflow(phone, 'the plant model page');
    const addCell = phone.locator('.ant-dropdown-menu-item').filter({ hasText: '添加工位' });
    await clickUntil(phone.getByTestId('model-actions-line-L1'), addCell);
    await addCell.waitFor();
    await shot(ctx, phone, 'plant-model-390');
  },
};

export default scenario;
