// Consent honoured everywhere (issue #12 item 6): Chengkou's caseworker refers a worker who has not consented to
// sharing to a posting of a Linyi employer; the referral dialog says what the employer will and will not see, in
// Chinese and in English, on a desktop and on a phone (no sideways scrolling), and so does the confirmation of a
// referral from the worker's recommended postings. The employer's HR then signs in and
// gets exactly that: the referral with the masked surname on the board, and no record of the worker (403).
// Screenshots labor-consent-*.png. Same context and helpers as the other scenarios (helpers.mjs).
import assert from 'node:assert/strict';
import { PASSWORD, PHONE, clickUntil, login, noOverflow, open, requestSent, shot, unique } from './helpers.mjs';

/** The page's own API with its session; a POST echoes the CSRF cookie as the web client does. */
const api = (page, method, url, body) =>
  page.evaluate(
    async ([m, u, b]) => {
      const csrf = document.cookie.match(/(?:^|; )gb_csrf=([^;]*)/)?.[1] ?? '';
      const res = await fetch(u, {
        method: m,
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
        body: b ? JSON.stringify(b) : undefined,
      });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    [method, url, body],
  );

/** Opens the referral dialog of a worker and picks the posting; returns the dialog. */
async function referDialog(page, base, workerId, posting, lang = 'zh-CN') {
  await page.goto(`${base}/labor/workers/${workerId}`);
  await page.getByTestId('labor-worker-page').waitFor();
  // The interface language as asked (the user's stored language may differ from the browser's).
  const isLang = () => page.evaluate((l) => document.documentElement.lang === l, lang);
  if (!(await isLang())) await clickUntil(page.locator(`[data-testid=lang-switch][data-target-locale="${lang}"]`), isLang);
  const form = page.getByTestId('refer-form');
  await clickUntil(page.getByTestId('worker-refer'), form);
  const select = form.locator('.ant-select').first();
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: `${posting.title} · ${posting.orgName}` })
    .first();
  await clickUntil(select, page.locator('.ant-select-dropdown:visible'));
  await page.keyboard.type(posting.title);
  await clickUntil(option, page.getByTestId('employer-view'));
  return page.locator('.ant-modal:visible');
}

export const scenario = {
  order: 32,
  name: 'labor-consent',
  async run(ctx) {
    const page = await open(ctx);
    await login(ctx, page, 'ck.caseworker');

    // A worker of the bureau who has not consented, and an open posting a Linyi employer shared with Chengkou.
    const workers = await api(page, 'GET', '/api/labor/workers?source=own&consent=false&status=unemployed&pageSize=1');
    const worker = workers.json.items[0];
    assert.ok(worker && !worker.consent.given, 'a worker without consent');
    const postings = await api(page, 'GET', '/api/labor/postings?active=true&pageSize=200');
    const posting = postings.json.items.find((p) => p.access === 'partner' && p.openHeadcount > 0);
    assert.ok(posting, 'an open posting of the partner region');

    // 1. The dialog says what the employer will and will not see.
    const dialog = await referDialog(page, ctx.base, worker.id, posting);
    const notice = page.getByTestId('employer-view');
    assert.equal(await notice.getAttribute('data-consent'), 'none');
    const sees = await page.getByTestId('employer-sees').innerText();
    const notSees = await page.getByTestId('employer-not-sees').innerText();
    assert.match(sees, new RegExp(`姓氏（${worker.nameMasked.replace(/\*/g, '\\*')}）`));
    assert.match(sees, /推荐说明/);
    for (const hidden of ['完整姓名', '身份证号', '手机号', '建档立卡情况', '残疾情况', '户籍乡镇和村']) assert.ok(notSees.includes(hidden), `"will not see" lists ${hidden}`);
    assert.ok(!sees.includes('建档立卡'), 'registered-poor status is not among what the employer sees');
    await shot(ctx, page, 'labor-consent-refer');
    const note = `E2E 推荐 ${unique()}`;
    await dialog.locator('textarea').fill(note);
    await clickUntil(dialog.locator('.ant-modal-footer .ant-btn-primary'), requestSent(page, 'POST', /\/api\/labor\/referrals$/));
    await dialog.waitFor({ state: 'hidden' });
    const referral = (await api(page, 'GET', `/api/labor/referrals?workerId=${worker.id}&postingId=${posting.id}`)).json.items[0];
    assert.ok(referral, 'the referral was made');

    // 2. The same dialog in English and on a phone, without sideways scrolling (another worker: one referral each).
    const other = (await api(page, 'GET', '/api/labor/workers?source=own&consent=false&status=unemployed&pageSize=2')).json.items[1];
    const phone = await open(ctx, PHONE);
    await login(ctx, phone, 'ck.caseworker');
    await referDialog(phone, ctx.base, other.id, posting);
    await noOverflow(phone, 'the referral dialog');
    await shot(ctx, phone, 'labor-consent-refer-phone');
    await phone.keyboard.press('Escape');
    const en = await open(ctx);
    await login(ctx, en, 'ck.caseworker', { lang: 'en' });
    await referDialog(en, ctx.base, other.id, posting, 'en');
    const enText = await en.getByTestId('employer-view').innerText();
    assert.match(enText, /Will not see/);
    assert.match(enText, /registered-poor status/);
    // Names are data (the bureau, the employer, the surname); every word around them is English.
    const words = [posting.orgName, other.orgName, other.nameMasked].reduce((text, name) => text.split(name).join(''), enText);
    assert.doesNotMatch(words, /[\u4e00-\u9fff]/, 'no Chinese in the English dialog');
    await shot(ctx, en, 'labor-consent-refer-en');
    await en.keyboard.press('Escape');
    const enPhone = await open(ctx, PHONE);
    await login(ctx, enPhone, 'ck.caseworker', { lang: 'en' });
    await referDialog(enPhone, ctx.base, other.id, posting, 'en');
    assert.match(await enPhone.getByTestId('employer-view').innerText(), /Will not see/);
    await noOverflow(enPhone, 'the English referral dialog');
    await shot(ctx, enPhone, 'labor-consent-refer-en-phone');
    await enPhone.keyboard.press('Escape');

    // 3. Referring from the worker's recommended postings says the same before it refers.
    let recIndex = -1;
    let recWorker;
    for (const w of (await api(page, 'GET', '/api/labor/workers?source=own&consent=false&status=unemployed&pageSize=20')).json.items.slice(2)) {
      const recs = (await api(page, 'GET', `/api/labor/workers/${w.id}/recommendations?limit=10`)).json;
      recIndex = recs.slice(0, 5).findIndex((r) => r.posting.access === 'partner');
      if (recIndex >= 0) {
        recWorker = w;
        break;
      }
    }
    assert.ok(recWorker, 'a worker without consent with a partner posting among the recommendations');
    await page.goto(`${ctx.base}/labor/workers/${recWorker.id}`);
    const recItem = page.getByTestId('worker-recommendations').getByTestId('rec-item').nth(recIndex);
    await recItem.scrollIntoViewIfNeeded();
    await clickUntil(recItem.getByTestId('rec-refer'), page.getByTestId('employer-view'));
    assert.equal(await page.getByTestId('employer-view').getAttribute('data-consent'), 'none');
    assert.match(await page.getByTestId('employer-not-sees').innerText(), /建档立卡情况/);
    await shot(ctx, page, 'labor-consent-recommendation');
    await page.locator('.ant-modal-confirm-btns .ant-btn:not(.ant-btn-primary)').click();
    await page.getByTestId('employer-view').waitFor({ state: 'hidden' });

    // 4. The employer's HR (made by the administrator) sees exactly that.
    const admin = await open(ctx);
    await login(ctx, admin, 'admin');
    const roles = (await api(admin, 'GET', '/api/roles')).json;
    const hrRole = roles.find((r) => r.code === 'enterprise_hr');
    const username = `e2e.hr.${unique().toLowerCase()}`;
    const created = await api(admin, 'POST', '/api/users', {
      orgId: posting.orgId,
      username,
      displayName: '企业人事',
      password: PASSWORD,
      roles: [{ roleId: hrRole.id, regionCode: null }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const hr = await open(ctx);
    await login(ctx, hr, username);
    await hr.goto(`${ctx.base}/labor/referrals`);
    const card = hr.locator(`[data-referral-id="${referral.id}"]`);
    await card.waitFor();
    const cardText = await card.innerText();
    assert.ok(cardText.includes(worker.nameMasked), 'the masked surname is on the card');
    await shot(ctx, hr, 'labor-consent-employer');
    const seen = (await api(hr, 'GET', `/api/labor/referrals/${referral.id}`)).json;
    assert.equal(seen.note, note);
    assert.equal(seen.workerNameMasked, worker.nameMasked);
    for (const key of ['registeredPoor', 'age', 'disability', 'homeRegionName', 'idNumberMasked', 'phoneMasked']) assert.ok(!(key in seen), `the employer gets no ${key}`);
    assert.equal((await api(hr, 'GET', `/api/labor/workers/${worker.id}`)).status, 403);
  },
};
