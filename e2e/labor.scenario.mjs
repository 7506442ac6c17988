// The labour module's pages (issue #4): Chengkou's caseworker filters the worker roll by 建档立卡, opens a worker,
// sees the ID number masked, reveals it (audited), records a status change and finds it at the top of the
// employment history; Linyi's officer sees only the workers Chengkou shared, masked, and no number of a worker who
// did not consent. Screenshots of every labour page at 1440 and 390 px (labor-*.png).
// Same context as the scenarios in scenarios.mjs, and the same helpers (helpers.mjs).
import assert from 'node:assert/strict';
import { PHONE, chooseOption, clickUntil, login, noOverflow, open, requestSent, shot, sideMenu, unique } from './helpers.mjs';

/** What the API shows of an ID number: the first four and the last four characters. */
const MASKED_ID = /^\d{4}\*{10}\d{3}[\dX]$/;
const CLEAR_ID = /^\d{17}[\dX]$/;

/**
 * Sets a list filter and waits for the list to show its answer: the table keeps the previous rows while the
 * filtered page loads, so the rows are read only after that response arrived and the spinner went.
 */
async function filterList(page, testId, option, param) {
  const answered = page.waitForResponse((r) => r.url().includes('/api/labor/workers?') && r.url().includes(param) && r.ok());
  await chooseOption(page, page.getByTestId(testId), option);
  await answered;
  await page.waitForFunction(() => !document.querySelector('[data-testid=workers-table] .ant-spin-spinning'));
}

/** "共 279 条" under a list → 279. */
async function listTotal(page) {
  const text = await page.locator('.ant-pagination-total-text').first().innerText();
  return Number(/(\d[\d,]*)/.exec(text)[1].replace(/,/g, ''));
}

/** The page's own API, with its session (GET only). */
const apiGet = (page, url) => page.evaluate(async (u) => (await fetch(u, { credentials: 'same-origin' })).json(), url);

export const scenario = {
  order: 20,
  name: 'labor',
  async run(ctx) {
    // ---- the caseworker: the roll filtered by 建档立卡 -------------------------------------------------------
    const page = await open(ctx);
    await login(ctx, page, 'ck.caseworker');
    await sideMenu(page, '劳务协作');
    await sideMenu(page, '劳动力', page.getByTestId('workers-table'));
    await page.waitForURL(/\/labor\/workers$/);
    const table = page.getByTestId('workers-table');
    await table.locator('[data-testid=worker-link]').first().waitFor();
    const all = await listTotal(page);
    assert.ok(all >= 1000, `the demo roll has 1,000 workers, the list says ${all}`);

    await filterList(page, 'filter-registered-poor', '建档立卡：是', 'registeredPoor=true');
    await page.waitForURL(/registeredPoor=true/);
    const poor = await listTotal(page);
    assert.ok(poor > 0 && poor < all, `建档立卡 should narrow the list (${poor} of ${all})`);
    const rows = table.locator('tbody tr.ant-table-row');
    const shown = await rows.count();
    for (let i = 0; i < shown; i++) await rows.nth(i).getByTestId('flag-registered-poor').waitFor();
    for (const id of await table.getByTestId('worker-id-masked').allInnerTexts()) assert.match(id, MASKED_ID, 'the list shows a clear ID number');
    await shot(ctx, page, 'labor-workers-1440');

    // ---- one worker: masked identity, reveal (audited) ------------------------------------------------------
    await rows.first().getByTestId('worker-link').click();
    await page.waitForURL(/\/labor\/workers\/[0-9a-f-]{36}$/);
    const workerPage = page.getByTestId('labor-worker-page');
    await workerPage.waitFor();
    const workerId = await workerPage.getAttribute('data-worker-id');
    const idValue = page.getByTestId('pii-idNumber');
    assert.match(await idValue.innerText(), MASKED_ID);
    await page.getByTestId('reveal-notice').waitFor();
    await page.getByTestId('reveal-idNumber').click();
    await page.locator('[data-testid=pii-idNumber][data-revealed=true]').waitFor();
    const clear = await idValue.innerText();
    assert.match(clear, CLEAR_ID, 'the revealed ID number is not 18 characters');
    assert.equal(clear.slice(-4), (await apiGet(page, `/api/labor/workers/${workerId}`)).idNumberMasked.slice(-4), 'the revealed number is not this worker’s');

    // ---- a status change, at the top of the history ---------------------------------------------------------
    const before = await page.getByTestId('worker-status').first().getAttribute('data-status');
    const [toStatus, toLabel] = before === 'in_training' ? ['self_employed', '自主创业'] : ['in_training', '参加培训'];
    const reason = `E2E 参加夏布织造培训 ${unique()}`;
    const statusForm = page.getByTestId('status-change-form');
    await clickUntil(page.getByTestId('worker-change-status'), statusForm);
    await statusForm.waitFor();
    await chooseOption(page, page.getByTestId('status-change-to'), toLabel);
    await page.getByTestId('status-change-reason').fill(reason);
    await clickUntil(page.getByTestId('status-change-submit'), requestSent(page, 'POST', /^\/api\/labor\/workers\/[^/]+\/status$/));
    await statusForm.waitFor({ state: 'detached' });
    const newest = page.getByTestId('timeline-item').first();
    await newest.getByTestId('timeline-reason').filter({ hasText: reason }).waitFor();
    assert.equal(await newest.getAttribute('data-status'), toStatus);
    await page.locator(`[data-testid=worker-status][data-status=${toStatus}]`).first().waitFor();
    assert.ok((await page.getByTestId('timeline-item').count()) >= 2, 'the history lost its earlier entries');
    await shot(ctx, page, 'labor-worker-1440', true);

    // ---- the other pages, for the record ------------------------------------------------------------------
    for (const [name, url, testId] of [
      ['labor-dashboard', '/labor', 'labor-by-status'],
      ['labor-postings', '/labor/postings', 'postings-table'],
      ['labor-referrals', '/labor/referrals', 'referral-board'],
      ['labor-shares', '/labor/shares', 'shares-table'],
    ]) {
      await page.goto(`${ctx.base}${url}`);
      await page.getByTestId(testId).waitFor();
      await shot(ctx, page, `${name}-1440`, name === 'labor-dashboard');
    }
    await page.goto(`${ctx.base}/labor/postings`);
    await page.getByTestId('posting-link').first().click();
    await page.getByTestId('posting-progress').waitFor();
    await shot(ctx, page, 'labor-posting-1440');
    await page.goto(`${ctx.base}/labor/screen`);
    await page.getByTestId('labor-screen').waitFor();
    // Retention by cohort: a chart once follow-ups are recorded, else a plain "no data" — never an estimate.
    await page.getByTestId('labor-screen-retention').locator('[data-testid=screen-no-data], [role=img]').first().waitFor();
    await shot(ctx, page, 'labor-screen-1440');

    // The reveal is in the audit log, with the worker and the field.
    const admin = await open(ctx);
    await login(ctx, admin, 'admin');
    const audit = await apiGet(admin, `/api/audit?action=pii.reveal&entityId=${workerId}`);
    assert.ok(audit.total >= 1 && audit.items.some((e) => e.after?.field === 'idNumber'), 'the reveal left no audit row');

    // ---- on a phone: the list and the worker fit the screen -------------------------------------------------
    const phone = await open(ctx, PHONE);
    await login(ctx, phone, 'ck.caseworker');
    await phone.goto(`${ctx.base}/labor/workers?registeredPoor=true`);
    await phone.getByTestId('worker-link').first().waitFor();
    await noOverflow(phone, 'the worker list');
    await shot(ctx, phone, 'labor-workers-390');
    await phone.goto(`${ctx.base}/labor/workers/${workerId}`);
    await phone.getByTestId('timeline-item').first().waitFor();
    await noOverflow(phone, 'the worker page');
    await shot(ctx, phone, 'labor-worker-390', true);
    await phone.goto(`${ctx.base}/labor/referrals`);
    await phone.getByTestId('referral-board').waitFor();
    await noOverflow(phone, 'the referral board');
    await shot(ctx, phone, 'labor-referrals-390');

    // ---- Linyi's officer: only what Chengkou shared, masked ---------------------------------------------------
    const ly = await open(ctx);
    await login(ctx, ly, 'ly.officer');
    await ly.goto(`${ctx.base}/labor/workers`);
    const lyTable = ly.getByTestId('workers-table');
    await lyTable.locator('[data-testid=worker-link]').first().waitFor();
    const shared = await apiGet(ly, '/api/labor/shares?direction=in&kind=worker&active=true&pageSize=1');
    assert.ok(shared.total > 0, 'Chengkou shared no workers in the demo');
    assert.equal(await listTotal(ly), shared.total, 'Linyi sees other workers than those shared with it');
    assert.equal(await ly.getByTestId('worker-create').count(), 0, 'Linyi may not register Chengkou workers');
    const lyRows = lyTable.locator('tbody tr.ant-table-row');
    for (let i = 0; i < (await lyRows.count()); i++) {
      const text = await lyRows.nth(i).innerText();
      assert.match(text, /协作地区共享/, `row ${i + 1} is not marked as shared`);
      assert.doesNotMatch(text, /\d{17}[\dX]/, `row ${i + 1} shows a clear ID number`);
    }
    for (const id of await lyTable.getByTestId('worker-id-masked').allInnerTexts()) assert.match(id, MASKED_ID);
    await shot(ctx, ly, 'labor-workers-partner-1440');

    // A worker who did not consent: no number at all, not even masked, and nothing to reveal.
    await filterList(ly, 'filter-consent', '未同意', 'consent=false');
    await ly.waitForURL(/consent=false/);
    assert.equal(await lyTable.getByTestId('worker-id-masked').count(), 0, 'the list shows numbers of workers who did not consent');
    await lyTable.getByTestId('worker-link').first().click();
    await ly.getByTestId('labor-worker-page').waitFor();
    assert.equal(await ly.getByTestId('pii-idNumber').count(), 0, 'a partner sees the ID number of a worker who did not consent');
    assert.equal(await ly.getByTestId('reveal-name').count(), 0, 'a partner may reveal a worker who did not consent');
    await ly.getByTestId('worker-timeline').getByText('就业轨迹只对劳动力所属单位可见').waitFor();
    await shot(ctx, ly, 'labor-worker-partner-1440', true);
  },
};

export default scenario;
