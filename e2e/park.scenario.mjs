// The park module's pages (issue #15): the park officer opens 招商项目 and reads the 2019 summary the API computed
// from the records (42 signed projects, 242.15亿元), records a project with an amount exact to the yuan, moves it
// forward on the kanban, is refused going back without a reason and goes back with one; the enterprise registry.
// The home page's pipeline card; the gear plant's smart-factory certificate with its live figures from the factory
// module; the 120,000 m² of idle plant revived in 2019 on the space page; the chain graph. Screenshots of each page
// at 1440 and 390 px (park-*.png).
import assert from 'node:assert/strict';
import { PHONE, chooseOption, clickUntil, login, noOverflow, open, shot, sideMenu, unique } from './helpers.mjs';

export const scenario = {
  order: 40,
  name: 'park',
  async run(ctx) {
    const page = await open(ctx);
    await login(ctx, page, 'park.officer');
    // The home page's 招商进展: the pipeline by stage and the latest year's signed total.
    const card = page.getByTestId('park-pipeline-card');
    await card.getByText('2019 年签约 42 个项目，协议引资 242.15 亿元').waitFor();
    await sideMenu(page, '园区');
    await sideMenu(page, '招商项目', page.getByTestId('park-summary'));
    await page.waitForURL(/\/park$/);

    // ---- the yearly summary: the article's 2019, from the records ---------------------------------------------
    const signed = page.getByTestId('park-summary-signed');
    await signed.getByText('42 个').waitFor();
    assert.match(await signed.innerText(), /协议引资 242\.15 亿元/);
    assert.match(await page.getByTestId('park-summary-bands').innerText(), /1 \/ 1 \/ 5/);
    await page.getByTestId('park-column-production').getByTestId('park-project-card').first().waitFor();
    await shot(ctx, page, 'park-projects-1440');

    // ---- record a project; it lands in the 线索 column --------------------------------------------------------
    const name = `工业传感器测试项目 ${unique()}`;
    await clickUntil(page.getByTestId('park-project-new'), page.getByTestId('park-project-form'));
    await page.getByTestId('park-project-name').fill(name);
    await page.getByTestId('park-project-investor').fill('重庆测试投资有限公司');
    await page.locator('input[data-testid=park-project-amount], [data-testid=park-project-amount] input').fill('1.23456789');
    await chooseOption(page, page.getByTestId('park-project-category'), '工业传感器');
    await shot(ctx, page, 'park-project-form-1440');
    await page.getByTestId('park-project-save').click();
    // The columns show their largest projects first: the search finds the new one wherever it ranks.
    await page.getByPlaceholder('搜索项目名称或投资方').fill(name);
    await page.waitForURL(/[?&]q=/);
    const created = page.getByTestId('park-column-lead').getByTestId('park-project-card').filter({ hasText: name });
    await created.waitFor();
    assert.match(await created.innerText(), /1\.23456789 亿元/);

    // ---- forward to 洽谈, then back: refused without a reason, done with one ---------------------------------
    await clickUntil(created.getByRole('button', { name: '调整阶段' }), page.getByTestId('park-stage-form'));
    const save = page.locator('.ant-modal').getByRole('button', { name: /保\s*存/ });
    await save.click();
    const moved = page.getByTestId('park-column-negotiating').getByTestId('park-project-card').filter({ hasText: name });
    await moved.waitFor();
    await clickUntil(moved.getByRole('button', { name: '调整阶段' }), page.getByTestId('park-stage-form'));
    await chooseOption(page, page.getByTestId('park-stage-target'), '线索');
    await save.click();
    await page.locator('.ant-modal').getByText('回退必须填写原因').waitFor();
    await page.getByTestId('park-stage-reason').fill('投资方调整计划，重新接洽');
    await save.click();
    await page.getByTestId('park-column-lead').getByTestId('park-project-card').filter({ hasText: name }).waitFor();

    // ---- a signing ceremony: the project joins it and is signed on its day -----------------------------------
    await clickUntil(page.getByTestId('park-batch-new'), page.getByTestId('park-batch-form'));
    await page.getByTestId('park-batch-name').fill(`集中签约 ${unique()}`);
    const picker = page.getByTestId('park-batch-projects');
    await clickUntil(picker, page.locator('.ant-select-dropdown:visible'));
    await picker.locator('input').fill(name);
    await clickUntil(page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first(), async () => (await picker.innerText()).includes(name));
    await page.getByTestId('park-batch-save').click();
    await page.getByTestId('park-column-signed').getByTestId('park-project-card').filter({ hasText: name }).waitFor();

    // ---- the list and the registry ----------------------------------------------------------------------------
    await page.goto(`${ctx.base}/park?view=list`);
    await page.locator('[data-testid=park-project-table] tbody tr.ant-table-row').first().waitFor();
    await shot(ctx, page, 'park-project-list-1440');
    await sideMenu(page, '企业名录', page.getByTestId('park-enterprise-table'));
    await page.getByTestId('park-enterprise-table').getByText('綦江齿轮传动有限公司').waitFor();
    await shot(ctx, page, 'park-enterprises-1440');
    // An enterprise's page: its entry, masked contacts, yearly figures, retrofits and certificates.
    await clickUntil(page.getByTestId('park-enterprise-table').getByText('荆江半轴'), page.getByTestId('park-enterprise-page'));
    await page.getByTestId('park-enterprise-page').getByText('纯电动轻卡半轴生产线数控化改造').waitFor();
    assert.match(await page.getByTestId('park-contact-phone').first().innerText(), /138\*\*\*\*0102/);
    await shot(ctx, page, 'park-enterprise-1440');

    // ---- certificates: the gear plant's 市级智能工厂 with its live figures from the factory module ---------------
    await sideMenu(page, '智能化改造', page.getByTestId('park-cert-table'));
    await page.getByPlaceholder('搜索企业、工厂/车间或证书编号').fill('智能制造基地');
    await page.waitForURL(/[?&]q=/);
    const certRow = page.getByTestId('park-cert-table').locator('tr.ant-table-row', { hasText: '綦江齿轮传动智能制造基地' });
    await clickUntil(certRow.getByTestId('park-cert-open'), page.getByTestId('park-cert-detail'));
    const live = page.getByTestId('park-cert-live');
    await live.getByTestId('park-live-oee').waitFor();
    assert.match(await live.innerText(), /7 条产线/);
    await shot(ctx, page, 'park-certificate-1440');

    // ---- idle plant: the article's 120,000 m² revived in 2019, from the lease records; the plan and the chains --
    await page.goto(`${ctx.base}/park/space`);
    await page.getByTestId('park-map').waitFor();
    assert.match(await page.getByTestId('park-space-revived').innerText(), /2019[\s\S]*120,000/);
    await shot(ctx, page, 'park-space-1440');
    await page.goto(`${ctx.base}/park/chains`);
    await page.getByTestId('park-chain-graph').waitFor();
    await page.getByTestId('park-chain-card').getByText('铝液直供与熔铸').waitFor();
    await shot(ctx, page, 'park-chains-1440');

    // ---- a phone: nothing wider than the screen ----------------------------------------------------------------
    const phone = await open(ctx, PHONE);
    await login(ctx, phone, 'park.officer');
    for (const [url, ready, name] of [
      ['/park', 'park-summary', 'park-projects-390'],
      ['/park/enterprises', 'park-enterprise-table', 'park-enterprises-390'],
      ['/park/retrofits', 'park-cert-table', 'park-retrofits-390'],
      ['/park/space', 'park-map', 'park-space-390'],
      ['/park/chains', 'park-chain-graph', 'park-chains-390'],
    ]) {
      await phone.goto(`${ctx.base}${url}`);
      await phone.getByTestId(ready).waitFor();
      await noOverflow(phone, url);
      await shot(ctx, phone, name);
    }
  },
};
