// The park module's pages (issue #15): the park officer opens 招商项目 and reads the 2019 summary the API computed
// from the records (42 signed projects, 242.15亿元), records a project with an amount exact to the yuan, moves it
// forward on the kanban, is refused going back without a reason and goes back with one; the enterprise registry.
// The home page's pipeline card; the gear plant's smart-factory certificate with its live figures from the factory
// module; the 120,000 m² of idle plant revived in 2019 on the space page; the chain graph; the dashboard and the
// 大屏 with the same figures; chains edited (links reordered, a held link refused, a chain deleted); a document
// attached to a certification under review and deleted; projects and an enterprise's yearly figures imported from spreadsheets. Screenshots of each page
// at 1440 and 390 px (park-*.png).
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
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

    // ---- projects from a spreadsheet: the report names the bad row, the good one lands after the confirm ----------
    const imported = `导入招商项目 ${unique()}`;
    const file = path.join(ctx.artifacts, 'park-projects-import.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('招商项目');
    ws.addRow(['项目名称', '投资方', '协议金额（亿元）', '产业类别', '阶段', '阶段日期', '储备项目', '产业链环节', '备注']);
    ws.addRow([imported, '重庆导入投资有限公司', '3.21', '大数据', '洽谈', '', '否', '', '']); // row 2: valid
    ws.addRow([`${imported} 坏`, '重庆导入投资有限公司', '1.123456789', '大数据', '', '', '', '', '']); // row 3: 9 decimals
    await wb.xlsx.writeFile(file);
    await clickUntil(page.getByTestId('park-projects-import'), page.getByTestId('import-step-upload'));
    await page.locator('[data-testid=import-step-upload] input[type=file]').setInputFiles(file);
    await page.getByTestId('import-step-report').waitFor();
    assert.equal((await page.getByTestId('import-valid').innerText()).trim(), '1');
    assert.match(await page.getByTestId('import-errors').innerText(), /第 3 行[\s\S]*8 位小数/);
    assert.match(await page.getByTestId('import-preview').innerText(), /3\.21[\s\S]*洽谈/);
    await shot(ctx, page, 'park-projects-import-1440');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-step-done').waitFor();
    await page.getByTestId('import-finish').click();

    // ---- the list and the registry ----------------------------------------------------------------------------
    await page.goto(`${ctx.base}/park?view=list&q=${encodeURIComponent(imported)}`);
    await page.getByTestId('park-project-table').getByText(imported).waitFor();
    await page.goto(`${ctx.base}/park?view=list`);
    await page.locator('[data-testid=park-project-table] tbody tr.ant-table-row').first().waitFor();
    await shot(ctx, page, 'park-project-list-1440');
    await sideMenu(page, '企业名录', page.getByTestId('park-enterprise-table'));
    await page.getByTestId('park-enterprise-table').getByText('綦江齿轮传动有限公司').waitFor();
    await shot(ctx, page, 'park-enterprises-1440');

    // ---- yearly figures from a spreadsheet: the report names the bad row, the figure is on the enterprise's page ---
    const yearsFile = path.join(ctx.artifacts, 'park-years-import.xlsx');
    const yb = new ExcelJS.Workbook();
    const ys = yb.addWorksheet('年度经营数据');
    ys.addRow(['企业名称', '年度', '从业人数', '产值（元）', '税收（元）']);
    ys.addRow(['荆江半轴', '2024', '321', '123,456,789', '4567890']); // row 2: valid, thousands separators allowed
    ys.addRow(['不在名录的企业', '2024', '10', '1000', '10']); // row 3: not in the registry
    ys.addRow(['荆江半轴', '2023', '12.5', '1000', '10']); // row 4: employees not a whole number
    await yb.xlsx.writeFile(yearsFile);
    await clickUntil(page.getByTestId('park-years-import'), page.getByTestId('import-step-upload'));
    await page.locator('[data-testid=import-step-upload] input[type=file]').setInputFiles(yearsFile);
    await page.getByTestId('import-step-report').waitFor();
    assert.equal((await page.getByTestId('import-valid').innerText()).trim(), '1');
    const yearErrors = await page.getByTestId('import-errors').innerText();
    assert.match(yearErrors, /第 3 行[\s\S]*不是本园区企业名录中的企业/);
    assert.match(yearErrors, /第 4 行[\s\S]*从业人数[\s\S]*请输入整数/);
    assert.match(await page.getByTestId('import-preview').innerText(), /荆江半轴[\s\S]*2024[\s\S]*321[\s\S]*123456789/);
    await shot(ctx, page, 'park-years-import-1440');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-step-done').waitFor();
    await page.getByTestId('import-finish').click();
    // An enterprise's page: its entry, masked contacts, yearly figures, retrofits and certificates.
    await clickUntil(page.getByTestId('park-enterprise-table').getByText('荆江半轴'), page.getByTestId('park-enterprise-page'));
    await page.getByTestId('park-enterprise-page').getByText('纯电动轻卡半轴生产线数控化改造').waitFor();
    assert.match(await page.getByTestId('park-contact-phone').first().innerText(), /138\*\*\*\*0102/);
    // The imported year: 321 people, 12,345.68 万元 output value (123,456,789 yuan), 456.79 万元 tax.
    const year2024 = page.getByTestId('park-enterprise-years').locator('tr', { hasText: '2024' });
    await year2024.waitFor();
    assert.match(await year2024.innerText(), /2024\s+321\s+12,345\.68\s+456\.79/);
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
    await page.keyboard.press('Escape');
    await page.getByTestId('park-cert-detail').waitFor({ state: 'hidden' });

    // ---- a certification under review: the officer attaches a document (its type by content), then deletes it ----
    await page.getByPlaceholder('搜索企业、工厂/车间或证书编号').fill('螺伞齿轮数字化车间');
    const reviewRow = page.getByTestId('park-cert-table').locator('tr.ant-table-row', { hasText: '螺伞齿轮数字化车间' });
    await clickUntil(reviewRow.getByTestId('park-cert-open'), page.getByTestId('park-cert-detail'));
    const docs = page.getByTestId('park-cert-files');
    await docs.waitFor();
    const docName = `现场核查报告 ${unique()}.pdf`;
    const docFile = path.join(ctx.artifacts, docName);
    await writeFile(docFile, '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    await docs.locator('input[type=file]').setInputFiles(docFile);
    const docItem = docs.locator('.ant-list-item', { hasText: docName });
    await docItem.waitFor();
    assert.match(await docItem.innerText(), /PDF · 1 KB · 李园 上传于/);
    // A file whose content is not a document is refused with the server's reason, and not listed.
    const bogus = path.join(ctx.artifacts, 'park-not-a-document.pdf');
    await writeFile(bogus, '<html><body>not a pdf</body></html>');
    await docs.locator('input[type=file]').setInputFiles(bogus);
    await page
      .locator('.ant-message')
      .getByText(/park-not-a-document\.pdf 上传失败：不是 PDF、图片/)
      .waitFor();
    assert.equal(await docs.locator('.ant-list-item', { hasText: 'park-not-a-document.pdf' }).count(), 0);
    await shot(ctx, page, 'park-cert-documents-1440');
    await clickUntil(docItem.getByTestId('park-cert-file-delete'), page.locator('.ant-popconfirm:visible'));
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /删\s*除/ })
      .click();
    await docItem.waitFor({ state: 'detached' });

    // ---- idle plant: the article's 120,000 m² revived in 2019, from the lease records; the plan and the chains --
    await page.goto(`${ctx.base}/park/space`);
    await page.getByTestId('park-map').waitFor();
    assert.match(await page.getByTestId('park-space-revived').innerText(), /2019[\s\S]*120,000/);
    await shot(ctx, page, 'park-space-1440');
    await page.goto(`${ctx.base}/park/chains`);
    await page.getByTestId('park-chain-graph').waitFor();
    await page.getByTestId('park-chain-card').getByText('铝液直供与熔铸').waitFor();
    await shot(ctx, page, 'park-chains-1440');

    // ---- editing the chains: a new chain with two links of one tier, reordered; a link an enterprise is on is
    // refused with a message naming it (and no "（—）" for the projects it has none of); a link and the chain deleted.
    const chainName = `测试产业链 ${unique()}`;
    await clickUntil(page.getByTestId('park-chain-new'), page.getByTestId('park-chain-edit-form'));
    await page.getByTestId('park-chain-code').fill(`e2e-${unique().toLowerCase()}`);
    await page.getByTestId('park-chain-name').fill(chainName);
    await page.getByTestId('park-chain-edit-save').click();
    const chainCard = page.getByTestId('park-chain-card').filter({ hasText: chainName });
    await chainCard.waitFor();
    for (const link of ['甲环节', '乙环节']) {
      await clickUntil(chainCard.getByTestId('park-link-new'), page.getByTestId('park-chain-edit-form'));
      await page.getByTestId('park-chain-name').fill(link); // the tier stays 中游, the form's default
      await page.getByTestId('park-chain-edit-save').click();
      await chainCard.getByTestId('park-link').filter({ hasText: link }).waitFor();
    }
    const chainLinks = chainCard.getByTestId('park-link');
    assert.deepEqual(
      (await chainLinks.allInnerTexts()).map((x) => x.match(/[甲乙]环节/)?.[0]),
      ['甲环节', '乙环节'],
    );
    // 乙 up: first in its tier, where its own up button is disabled (a second click changes nothing).
    const second = chainLinks.filter({ hasText: '乙环节' });
    await clickUntil(second.getByTestId('park-link-up'), async () => (await chainLinks.first().innerText()).includes('乙环节'));
    assert.deepEqual(
      (await chainLinks.allInnerTexts()).map((x) => x.match(/[甲乙]环节/)?.[0]),
      ['乙环节', '甲环节'],
    );
    assert.equal(await second.getByTestId('park-link-up').isDisabled(), true);
    const held = page.getByTestId('park-link').filter({ hasText: '铝液直供与熔铸' });
    await clickUntil(held.getByTestId('park-link-delete'), page.locator('[data-testid=park-link-delete-ok]:visible'));
    await page.locator('[data-testid=park-link-delete-ok]:visible').click();
    const refused = page.locator('.ant-message').getByText(/环节“铝液直供与熔铸”上还有企业（[^）]+）或补链项目，不能删除/);
    await refused.waitFor();
    assert.doesNotMatch(await refused.innerText(), /（—）/);
    await held.waitFor();
    // The refused confirmation closes with a fade: gone before the next one opens (two OK buttons would be visible).
    await page.locator('[data-testid=park-link-delete-ok]:visible').first().waitFor({ state: 'hidden' });
    await clickUntil(chainLinks.filter({ hasText: '甲环节' }).getByTestId('park-link-delete'), page.locator('[data-testid=park-link-delete-ok]:visible'));
    await page.locator('[data-testid=park-link-delete-ok]:visible').click();
    await chainLinks.filter({ hasText: '甲环节' }).waitFor({ state: 'detached' });
    await clickUntil(chainCard.getByTestId('park-chain-delete'), page.locator('[data-testid=park-chain-delete-ok]:visible'));
    await page.locator('[data-testid=park-chain-delete-ok]:visible').click();
    await chainCard.waitFor({ state: 'detached' });

    // ---- the dashboard and the 大屏: the article's 2019 again, from GET /api/park/dashboard ----------------------
    await sideMenu(page, '园区看板', page.getByTestId('park-dashboard'));
    // The project signed above makes this year the latest: 2019 is read in the per-year figures under the chart.
    const year2019 = page.getByTestId('park-dash-year').filter({ hasText: '2019' });
    await year2019.waitFor();
    assert.match(await year2019.innerText(), /42 个[\s\S]*242\.15 亿元/);
    assert.match(await page.getByTestId('park-dash-signed').innerText(), /年签约项目/);
    await page.getByTestId('park-dash-investment').locator('canvas').waitFor();
    await shot(ctx, page, 'park-dashboard-1440');
    await clickUntil(page.getByTestId('park-dashboard-screen'), page.getByTestId('park-screen'));
    await page
      .getByTestId('park-screen-signed')
      .getByText(/年签约项目/)
      .waitFor();
    assert.match(await page.getByTestId('park-screen-coverage').innerText(), /\d+ \/ \d+/);
    await page.getByTestId('park-screen-investment').locator('canvas').waitFor();
    await shot(ctx, page, 'park-screen-1440');
    await clickUntil(page.getByTestId('park-screen-exit'), page.getByTestId('park-dashboard'));

    // ---- a phone: nothing wider than the screen ----------------------------------------------------------------
    const phone = await open(ctx, PHONE);
    await login(ctx, phone, 'park.officer');
    for (const [url, ready, name] of [
      ['/park', 'park-summary', 'park-projects-390'],
      ['/park/enterprises', 'park-enterprise-table', 'park-enterprises-390'],
      ['/park/retrofits', 'park-cert-table', 'park-retrofits-390'],
      ['/park/space', 'park-map', 'park-space-390'],
      ['/park/chains', 'park-chain-graph', 'park-chains-390'],
      ['/park/dashboard', 'park-dash-investment', 'park-dashboard-390'],
    ]) {
      await phone.goto(`${ctx.base}${url}`);
      await phone.getByTestId(ready).waitFor();
      await noOverflow(phone, url);
      await shot(ctx, phone, name);
    }
  },
};
