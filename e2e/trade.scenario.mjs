// Industrial trade (issue #16), the foundation's golden path: a buyer (youshen.buyer, 上海友升铝业) filters the
// aluminium catalogue to molten aluminium by its facet, opens the product, posts an RFQ from the form and sees it
// sealed; a supplier (qineng.supplier, 旗能电铝) quotes on it and sees only its own quote with the exact VAT; the
// buyer awards the demo's closed RFQ and gets the order, and asks for a revision round on another (every quote sealed
// again); 荆江半轴 opens the demo's awarded gear order — lines, payment terms exact to the 分, milestones, the work
// order's progress in 綦江齿轮传动's plant — the plant's planner marks it delivered and the buyer accepts it; the
// molten-aluminium agreement shows 300 元/t and 1,500万元 a year computed from its records; on a phone every page
// fits the screen; a drawing attached to the RFQ downloads for the supplier (drawingOnRfq). Screenshots trade-*.png at 1440×900 and 390×844, and the catalogue in English.
import assert from 'node:assert/strict';
import { PHONE, clickUntil, login, noOverflow, open, shot, unique } from './helpers.mjs';

export const scenario = {
  order: 50,
  name: 'trade',
  async run(ctx) {
    const page = await open(ctx);
    await login(ctx, page, 'youshen.buyer');
    await page.goto(`${ctx.base}/trade?vertical=aluminium`);
    await page.getByTestId('trade-facets').waitFor();
    await clickUntil(page.getByTestId('facet-form-molten'), () => page.url().includes('attr=form'));
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=product-card]')].every((c) => c.textContent.includes('旗能电铝')));
    const cards = await page.getByTestId('product-card').count();
    assert.ok(cards >= 1, 'molten aluminium is listed');
    await shot(ctx, page, 'trade-catalogue');
    await page.getByTestId('product-card').first().locator('a').first().click();
    await page.getByTestId('ask-quote').waitFor();
    await shot(ctx, page, 'trade-product');

    // An RFQ from the product: the form comes prefilled with its vertical, attributes and supplier.
    await page.getByTestId('ask-quote').click();
    await page.getByTestId('rfq-title').waitFor();
    const title = `铝液月度采购 ${unique()}`;
    await page.getByTestId('rfq-title').fill(title);
    await page.getByTestId('rfq-quantity').fill('1200.5');
    await page.getByTestId('rfq-place').fill('上海友升铝业綦江工厂');
    await shot(ctx, page, 'trade-rfq-form');
    await page.getByTestId('rfq-save').click();
    await page.getByTestId('sealed-notice').waitFor();
    const rfqUrl = page.url();
    await shot(ctx, page, 'trade-rfq-sealed');
    await page.goto(`${ctx.base}/trade/rfqs`);
    await page.getByText(title).waitFor();
    await shot(ctx, page, 'trade-rfqs');

    // The supplier quotes; the exact figures come back from the server (1,200.5 t × 19,700.05 元).
    const supplier = await open(ctx);
    await login(ctx, supplier, 'qineng.supplier');
    await supplier.goto(rfqUrl);
    await clickUntil(supplier.getByTestId('quote-open'), supplier.getByTestId('tier-0-price'));
    await supplier.getByTestId('tier-0-price').fill('19700.05');
    await shot(ctx, supplier, 'trade-quote-form');
    await supplier.getByTestId('quote-save').click();
    // 1,200.5 × 19,700.05 = 23,649,910.025 → 23,649,910.03; VAT 3,074,488.30; gross 26,724,398.33.
    await supplier.getByText('¥26,724,398.33').waitFor();
    await shot(ctx, supplier, 'trade-quote-own');

    await drawingOnRfq(ctx, page, supplier, rfqUrl);

    // The buyer still reads no quote: sealed until the deadline.
    await page.goto(rfqUrl);
    await page.getByTestId('sealed-notice').waitFor();
    assert.equal(await page.getByText('¥26,724,398.33').count(), 0, 'the buyer reads no quote before the deadline');

    // The demo's closed RFQ for 6063-T5 extrusions: the buyer compares both quotes and awards all 80 t to the
    // cheaper one (星旭铝业, 23,750.00 元/t from 50 t): one order of 1,900,000.00 net, 247,000.00 VAT.
    await page.goto(`${ctx.base}/trade/rfqs?view=own`);
    await page.getByText('6063-T5 车用型材').click();
    await page.getByTestId('quotes').waitFor();
    await clickUntil(page.getByTestId('award-open'), page.locator('.ant-modal'));
    await shot(ctx, page, 'trade-award');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.getByTestId('orders').getByText('¥2,147,000.00').waitFor();
    await shot(ctx, page, 'trade-orders');

    // A revision round on the demo's other closed RFQ (6061-T6 billets, quoted by 星旭铝业 and 旗能电铝, not awarded):
    // the buyer asks both to revise by a new deadline, and every quote is sealed again, from the buyer too.
    await page.goto(`${ctx.base}/trade/rfqs?view=own`);
    await page.getByText('6061-T6 圆棒 季度采购').click();
    await page.getByTestId('quotes').waitFor();
    await clickUntil(page.getByTestId('round-open'), page.locator('#round-save'));
    await shot(ctx, page, 'trade-round');
    await page.locator('#round-save').click();
    await page.getByTestId('sealed-notice').waitFor();
    await page.getByText('第 2 轮').first().waitFor();
    assert.equal(await page.getByTestId('quotes').count(), 0, 'the quotes are sealed again in the round');

    // The demo's awarded gear order (荆江半轴 ← 綦江齿轮传动, 240 pieces at 228.00 from 200): in the buyer's order list,
    // its page with the lines, the payment terms 30 / 60 / 10 of the gross 61,833.60 exact to the 分, the milestones
    // (confirmed and production started by the plant) and the work order's progress read from the plant.
    const jj = await open(ctx);
    await login(ctx, jj, 'jingjiang.buyer');
    await jj.goto(`${ctx.base}/trade/orders`);
    await jj.getByTestId('orders-list').getByText('变速箱齿轮 批量采购（演示订单）').click();
    await jj.getByTestId('order-milestones').waitFor();
    const orderUrl = jj.url();
    await jj.getByTestId('order-gross').getByText('¥61,833.60').waitFor();
    for (const amount of ['¥18,550.08', '¥37,100.16', '¥6,183.36']) await jj.getByTestId('order-terms').getByText(amount).waitFor();
    await jj.getByTestId('order-production').getByText(/^WO-/).waitFor();
    assert.equal(await jj.getByTestId('milestone-done').count(), 2, 'confirmed and production started');
    // The buyer may pay the advance (the order is confirmed), not yet accept: nothing is delivered.
    assert.equal(await jj.getByTestId('milestone-mark-payment').count(), 1, 'the advance is payable');
    assert.equal(await jj.getByTestId('milestone-mark-acceptance').count(), 0, 'nothing to accept before the delivery');
    await shot(ctx, jj, 'trade-order', true);
    await jj.goto(`${ctx.base}/trade/orders`);
    await jj.getByTestId('orders-list').waitFor();
    await shot(ctx, jj, 'trade-order-list');
    // The supplier's planner marks the delivery; then the buyer may accept it, and does.
    const planner = await open(ctx);
    await login(ctx, planner, 'gear.planner');
    await planner.goto(orderUrl);
    await clickUntil(planner.getByTestId('milestone-mark-delivery'), planner.locator('#milestone-save'));
    await planner.locator('.ant-modal textarea').fill('发货单随车');
    await planner.locator('#milestone-save').click();
    await planner.getByTestId('milestone-done').nth(2).waitFor();
    await planner.getByTestId('order-milestones').getByText('发货单随车').waitFor();
    assert.equal(await planner.getByTestId('milestone-done').count(), 3);
    await jj.goto(orderUrl);
    await clickUntil(jj.getByTestId('milestone-mark-acceptance'), jj.locator('#milestone-save'));
    await jj.locator('#milestone-save').click();
    await jj.getByTestId('milestone-done').nth(3).waitFor();
    assert.equal(await jj.getByTestId('milestone-mark-acceptance').count(), 0, 'accepted once');

    // On a phone.
    const phone = await open(ctx, PHONE);
    await login(ctx, phone, 'youshen.buyer');
    for (const [url, name, ready] of [
      ['/trade?vertical=gear', 'trade-catalogue-phone', 'product-card'],
      ['/trade/rfqs', 'trade-rfqs-phone', 'rfq-new'],
      [rfqUrl.replace(ctx.base, ''), 'trade-rfq-sealed-phone', 'sealed-notice'],
    ]) {
      await phone.goto(`${ctx.base}${url}`);
      await phone.getByTestId(ready).first().waitFor();
      await noOverflow(phone, name);
      await shot(ctx, phone, name);
    }
    const jjPhone = await open(ctx, PHONE);
    await login(ctx, jjPhone, 'jingjiang.buyer');
    for (const [url, name, ready] of [
      ['/trade/orders', 'trade-order-list-phone', 'orders-list'],
      [orderUrl.replace(ctx.base, ''), 'trade-order-phone', 'order-milestones'],
    ]) {
      await jjPhone.goto(`${ctx.base}${url}`);
      await jjPhone.getByTestId(ready).first().waitFor();
      await noOverflow(jjPhone, name);
      await shot(ctx, jjPhone, name);
    }
    await phone.getByTestId('product-card').count();
    await phone.goto(`${ctx.base}/trade/rfqs`);
    await clickUntil(phone.getByTestId('rfq-new'), phone.getByTestId('rfq-title'));
    await shot(ctx, phone, 'trade-rfq-form-phone');
    const phoneSupplier = await open(ctx, PHONE);
    await login(ctx, phoneSupplier, 'qineng.supplier');
    await phoneSupplier.goto(rfqUrl);
    await clickUntil(phoneSupplier.getByTestId('quote-open'), phoneSupplier.getByTestId('tier-0-price'));
    await shot(ctx, phoneSupplier, 'trade-quote-form-phone');

    // The molten-aluminium supply agreement: the saving per tonne and per year, computed from the demo's records
    // (50,000 t delivered over the last 12 whole months at 300 元/t: 1,500万元), on a desktop, a phone, in English.
    await page.goto(`${ctx.base}/trade/supply`);
    await page.getByTestId('supply-months').waitFor();
    assert.match(await page.getByTestId('supply-per-tonne').innerText(), /300\.00/);
    assert.match(await page.getByTestId('supply-year-saving').innerText(), /1,500\.00/);
    await shot(ctx, page, 'trade-supply');
    await phone.goto(`${ctx.base}/trade/supply`);
    await phone.getByTestId('supply-months').waitFor();
    await noOverflow(phone, 'trade-supply-phone');
    await shot(ctx, phone, 'trade-supply-phone');
    // The dashboard: the awarded order above is in the GMV.
    await page.goto(`${ctx.base}/trade/dashboard`);
    await page.getByTestId('dash-gmv').getByText('¥').waitFor();
    await shot(ctx, page, 'trade-dashboard');
    await phone.goto(`${ctx.base}/trade/dashboard`);
    await phone.getByTestId('dash-suppliers').waitFor();
    await noOverflow(phone, 'trade-dashboard-phone');
    await shot(ctx, phone, 'trade-dashboard-phone');
    const supplyEn = await open(ctx);
    await login(ctx, supplyEn, 'qineng.supplier', { lang: 'en' });
    await supplyEn.goto(`${ctx.base}/trade/supply`);
    await supplyEn.getByText('Saving per tonne', { exact: true }).waitFor();
    await supplyEn.getByTestId('ticket-add').waitFor();
    await shot(ctx, supplyEn, 'trade-supply-en');

    // English, complete.
    const en = await open(ctx);
    await login(ctx, en, 'xingxu.supplier', { lang: 'en' });
    await en.goto(`${ctx.base}/trade?vertical=gear`);
    await en.getByTestId('trade-facets').waitFor();
    await en.getByText('Gear type', { exact: true }).waitFor();
    await shot(ctx, en, 'trade-catalogue-en');
  },
};

/**
 * A drawing on the RFQ (issue #16, "drawing attachment"): the buyer attaches a PDF on the RFQ page, the invited
 * supplier downloads it under its Chinese name. Kept apart from the golden path above.
 */
async function drawingOnRfq(ctx, buyer, supplier, rfqUrl) {
  const name = `副车架总图 ${unique()}.pdf`;
  await buyer.goto(rfqUrl);
  await buyer.getByTestId('rfq-drawings').waitFor();
  await buyer
    .locator('[data-testid=rfq-drawings] input[type=file]')
    .setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n') });
  await buyer.getByTestId('rfq-drawings').getByText(name).waitFor();
  await shot(ctx, buyer, 'trade-rfq-drawing');
  await supplier.goto(rfqUrl);
  await supplier.getByTestId('rfq-drawings').getByText(name).waitFor();
  const [download] = await Promise.all([supplier.waitForEvent('download'), supplier.getByTestId('drawing-download').first().click()]);
  assert.equal(download.suggestedFilename(), name, 'the drawing downloads under its own name');
}
