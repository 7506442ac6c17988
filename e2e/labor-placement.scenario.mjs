// The placement side of the labour module (issue #4): Chengkou's caseworker drafts a job-fair allocation, reviews it
// (score explanations, totals per posting), removes one pair, confirms it into referrals and finds them on the
// referral board; then records a follow-up outcome from the due list. Screenshots of the placement pages at 1440 and
// 390 px and one in English (labor-placement-*.png).
// Same context as the scenarios in scenarios.mjs, and the same helpers (helpers.mjs).
import assert from 'node:assert/strict';
import { PHONE, clickUntil, confirmPopconfirm, login, noOverflow, open, requestSent, shot, sideMenu, unique } from './helpers.mjs';

async function pairedCount(page) {
  return Number(await page.getByTestId('labor-allocation-page').getAttribute('data-pairs'));
}

export const scenario = {
  order: 30,
  name: 'labor-placement',
  async run(ctx) {
    const page = await open(ctx);
    await login(ctx, page, 'ck.caseworker');

    // 1. A new allocation: unemployed workers over every open posting, stable mode.
    await sideMenu(page, '劳务协作');
    // A page entry in a sub-menu that is still expanding: clicked again if the click was lost (CI, PostgreSQL pass).
    await sideMenu(page, '批量匹配', page.getByTestId('labor-allocations-page'));
    await page.waitForURL(/\/labor\/allocations$/);
    const form = page.getByTestId('alloc-form');
    await clickUntil(page.getByTestId('alloc-new'), form);
    await form.waitFor();
    const name = `招聘会 E2E ${unique()}`;
    await form.locator('#name').fill(name);
    await shot(ctx, page, 'labor-placement-alloc-new');
    await page.getByTestId('alloc-submit').click();
    await page.waitForURL(/\/labor\/allocations\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    const review = page.getByTestId('labor-allocation-page');
    await review.waitFor();
    assert.equal(await review.getAttribute('data-status'), 'draft');
    await page.getByTestId('entry-remove').first().waitFor();
    const before = await pairedCount(page);
    assert.ok(before > 1, `the draft should pair several workers, got ${before}`);

    // 2. The explanation of a score, in Chinese, from the engine's detail codes.
    await page.getByTestId('score-popover').first().hover();
    const explain = page.getByTestId('score-explanation').first();
    await explain.waitFor();
    const text = await explain.innerText();
    assert.match(text, /工种/);
    assert.match(text, /合计/);
    assert.doesNotMatch(text, /occupation\.|wage\.|region\./, 'every detail code is translated');
    await shot(ctx, page, 'labor-placement-review');
    await page.mouse.move(10, 10);

    // 3. Remove one pair: the number of pairs drops by one.
    await confirmPopconfirm(page, page.getByTestId('entry-remove').first());
    await page.waitForFunction((n) => document.querySelector('[data-testid="labor-allocation-page"]')?.getAttribute('data-pairs') === String(n), before - 1);

    // 4. Confirm: the pairs become referrals.
    await confirmPopconfirm(page, page.getByTestId('alloc-confirm'), { timeout: 60_000 });
    await page.getByTestId('alloc-confirmed').waitFor({ timeout: 60_000 });
    assert.equal(await review.getAttribute('data-status'), 'confirmed');
    await shot(ctx, page, 'labor-placement-confirmed');
    await page.getByTestId('alloc-open-referrals').click();
    await page.getByTestId('labor-referrals-page').waitFor();
    await page.getByTestId('referral-card').first().waitFor();

    // 5. A follow-up outcome from the due list.
    await sideMenu(page, '稳岗回访', page.getByTestId('labor-followups-page'));
    await page.getByTestId('fu-window').getByText('全部', { exact: true }).click();
    const record = page.locator('[data-testid="fu-record"]:not([disabled])').first();
    await record.waitFor();
    await shot(ctx, page, 'labor-placement-followups');
    const outcome = page.getByTestId('outcome-form');
    await clickUntil(record, outcome);
    await outcome.waitFor();
    // The modal zooms in: a click during the animation can be lost (seen on CI).
    await clickUntil(outcome.getByText('在原单位就业', { exact: true }), outcome.locator('.ant-radio-button-wrapper-checked', { hasText: '在原单位就业' }));
    await outcome.locator('#monthlyWage').fill('5200');
    await clickUntil(page.locator('.ant-modal:visible .ant-btn-primary'), requestSent(page, 'POST', /^\/api\/labor\/followups\/[^/]+\/outcome$/));
    await page.locator('.ant-message').getByText('回访结果已记录').waitFor();
    await outcome.waitFor({ state: 'detached' });

    // 6. The other placement pages render (screenshots only).
    for (const [label, testId, shotName] of [
      ['防返贫预警', 'labor-alerts-page', 'labor-placement-alerts'],
      ['稳岗率', 'labor-retention-page', 'labor-placement-retention'],
      ['培训与帮扶', 'labor-training-page', 'labor-placement-training'],
    ]) {
      await sideMenu(page, label);
      await page.getByTestId(testId).waitFor();
      if (testId === 'labor-retention-page') await page.getByTestId('ret-cohort-table').waitFor();
      await shot(ctx, page, shotName);
    }

    // 7. Phone width.
    const phone = await open(ctx, PHONE);
    await login(ctx, phone, 'ck.caseworker');
    await phone.goto(`${ctx.base}/labor/allocations`);
    await phone.getByTestId('alloc-link').first().click();
    await phone.getByTestId('labor-allocation-page').waitFor();
    await shot(ctx, phone, 'labor-placement-review-phone');
    // Each follow-up is a card with the worker's name and the record button on the screen, nothing sideways.
    await phone.goto(`${ctx.base}/labor/followups?state=overdue`);
    await phone.getByTestId('labor-followups-page').waitFor();
    const card = phone.getByTestId('fu-table').getByTestId('pcard').first();
    await card.waitFor();
    const button = card.getByTestId('fu-record');
    assert.ok(await button.isVisible(), 'the record button is on the card');
    const box = await button.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the record button is off the screen (${JSON.stringify(box)})`);
    assert.match(await card.locator('.gb-pcard__head').innerText(), /\p{Script=Han}\*/u);
    await noOverflow(phone, 'the follow-up list');
    await shot(ctx, phone, 'labor-placement-followups-phone');
    for (const [path, testId] of [
      ['/labor/alerts', 'labor-alerts-page'],
      ['/labor/workers', 'labor-workers-page'],
      ['/labor/retention', 'labor-retention-page'],
    ]) {
      await phone.goto(`${ctx.base}${path}`);
      await phone.getByTestId(testId).waitFor();
      await phone.getByTestId('pcard').first().waitFor();
      await noOverflow(phone, path);
      await shot(ctx, phone, `labor-placement-${path.split('/').pop()}-phone`);
    }
  },
};
