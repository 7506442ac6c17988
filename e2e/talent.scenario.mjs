// Talent collaboration (issue #14, the module's foundation): Linyi's talent officer finds the terms ending soon on
// the home page; reads the people of both sides with ID numbers and phones masked and reveals one of the own side's
// (audited); the secondments list, its "ending within 30 days" view and the exchange figures counted from the
// records; a term that overlaps another of the same person is refused with the error on the date field; the
// pairings with their agreements; a demand's experts ranked by score, an order issued by Linyi's officer and
// approved by the sending hospital; the statistics and the 大屏 showing the article's figures from the records; an
// activity's QR sign-in on a phone (a second sign-in from the same phone counts once); the annual plan with its
// overdue items and a progress note added; all of it on a phone without sideways scrolling, and in English.
// Screenshots talent-*.png.
import assert from 'node:assert/strict';
import { PHONE, clickUntil, login, noOverflow, open, shot } from './helpers.mjs';

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

/** Picks a date in an antd DatePicker by typing it. */
async function pickDate(page, testId, date) {
  const input = page.locator(`input[data-testid=${testId}], [data-testid=${testId}] input`).first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

export const scenario = {
  order: 40,
  name: 'talent',
  async run(ctx) {
    const page = await open(ctx);
    await login(ctx, page, 'ly.talent');
    // The home page's reminder: the terms ending within 30 days, soonest first.
    const card = page.getByTestId('wb-talent-ending');
    await card.locator('.gb-wb-row').first().waitFor();
    assert.ok((await card.locator('.gb-wb-row').count()) >= 2, 'the demo has two terms ending within 30 days');

    // --- People of both sides, masked; the own side's revealed on request. ------------------------------------
    await page.goto(`${ctx.base}/talent`);
    await page.getByTestId('talent-people-page').waitFor();
    await page.getByTestId('person-row').first().waitFor();
    const firstId = await page.getByTestId('pii-idNumber').first().innerText();
    assert.match(firstId, /^\d{4}\*{10}[\dX]{4}$/, `a masked ID number, got ${firstId}`);
    await shot(ctx, page, 'talent-people-1440');
    // The list holds Chengkou's people first, then Linyi's, each by name: Linyi's own side is its filter.
    await page.goto(`${ctx.base}/talent/people?side=east`);
    await page.getByTestId('person-row').first().waitFor();
    // The first of the own side's people (a partner's row has no reveal button), whatever the list's order.
    const key = await page
      .locator('tr.ant-table-row')
      .filter({ has: page.getByTestId('reveal-idNumber') })
      .first()
      .getAttribute('data-row-key');
    const own = page.locator(`tr.ant-table-row[data-row-key="${key}"]`);
    await own.getByTestId('reveal-idNumber').click();
    await own
      .getByTestId('pii-idNumber')
      .filter({ hasText: /^\d{17}[\dX]$/ })
      .waitFor();

    // --- Secondments: the figures from the records, the ending view. ------------------------------------------
    await page.goto(`${ctx.base}/talent/secondments?from=2017&to=2018`);
    await page.getByTestId('talent-secondments-page').waitFor();
    await page.getByTestId('secondment-row').first().waitFor();
    // The article's 2017–2018 figures, counted by the server from the demo's secondment records.
    await page.getByTestId('figures-cadres').waitFor();
    assert.match(await page.getByTestId('figures-cadres').innerText(), /城口→临沂 8 名，临沂→城口 3 名/);
    assert.match(await page.getByTestId('figures-professionals').innerText(), /城口→临沂 50 名，临沂→城口 120 名/);
    await shot(ctx, page, 'talent-secondments-1440');
    const ending = page.waitForResponse((r) => r.url().includes('/api/talent/secondments?') && r.url().includes('endingWithin=30'));
    await page.getByTestId('secondment-view').getByText('30 天内期满').click();
    await ending;
    await page
      .getByTestId('secondments-table')
      .locator('.ant-spin-spinning')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=days-left]')].every((e) => !/\d{3}/.test(e.textContent ?? '')));
    const days = await page.getByTestId('days-left').allInnerTexts();
    assert.ok(days.length >= 2, 'the demo has two terms ending within 30 days');
    for (const d of days) assert.ok(/今天期满/.test(d) || Number(d.match(/\d+/)?.[0]) <= 30, `ending within 30 days: ${d}`);
    await shot(ctx, page, 'talent-secondments-ending-1440');

    // --- An overlapping term is refused on its date field. ------------------------------------------------------
    const org = (await api(page, 'GET', '/api/talent/orgs')).json.find((o) => o.name === '中共临沂市委组织部');
    const person = await api(page, 'POST', '/api/talent/people', {
      orgId: org.id,
      kind: 'cadre',
      name: '测试挂职干部',
      idNumber: await page.evaluate(() => {
        // A valid synthetic number (GB 11643 check character), born on a date from the clock so reruns do not clash.
        const d = new Date(Date.UTC(1940, 0, 1) + (Date.now() % 3_650) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
        const first = `371302${d}${String((Date.now() % 900) + 100)}`;
        const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        const sum = [...first].reduce((s, c, i) => s + Number(c) * w[i], 0);
        return first + '10X98765432'[sum % 11];
      }),
      unit: '临沂市商务局',
      post: '副局长',
      sector: 'cadre',
    });
    assert.equal(person.status, 201, JSON.stringify(person.json));
    const term = await api(page, 'POST', '/api/talent/secondments', {
      personId: person.json.id,
      hostUnit: '城口县商务委员会',
      post: '副主任（挂职）',
      startsOn: '2025-03-01',
      endsOn: '2026-02-28',
    });
    assert.equal(term.status, 201, JSON.stringify(term.json));
    await page.goto(`${ctx.base}/talent/secondments`);
    await page.getByTestId('secondment-row').first().waitFor();
    const form = page.getByTestId('secondment-form');
    await clickUntil(page.getByTestId('secondment-create'), form);
    await clickUntil(page.getByTestId('secondment-person'), page.locator('.ant-select-dropdown:visible'));
    await page.keyboard.type('测试挂职干部');
    await clickUntil(page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '测试挂职干部' }).first(), () =>
      page.evaluate(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')),
    );
    await page.getByTestId('secondment-host-unit').fill('城口县发展和改革委员会');
    await page.getByTestId('secondment-post').fill('副主任（挂职）');
    await pickDate(page, 'secondment-starts', '2026-01-01');
    await pickDate(page, 'secondment-ends', '2026-06-30');
    await page.getByTestId('secondment-form-submit').click();
    const fieldError = form.locator('.ant-form-item-explain-error').filter({ hasText: '与 2025-03-01 至 2026-02-28 的挂职重叠' }).first();
    await fieldError.waitFor();
    await shot(ctx, page, 'talent-secondment-overlap-1440');
    await page.keyboard.press('Escape');

    // --- Mentoring: a mentorship recorded from the form, the mentor picked from the pool. ---------------------
    await page.goto(`${ctx.base}/talent/mentoring`);
    await page.getByTestId('mentorship-row').first().waitFor();
    const mentorshipForm = page.getByTestId('mentorship-form');
    await clickUntil(page.getByTestId('mentorship-create'), mentorshipForm);
    await clickUntil(page.getByTestId('mentorship-mentor'), page.locator('.ant-select-dropdown:visible'));
    await page.keyboard.type('测试挂职干部');
    await clickUntil(page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '测试挂职干部' }).first(), () =>
      page.evaluate(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')),
    );
    await pickDate(page, 'mentorship-starts', '2026-09-01');
    await page.getByTestId('mentorship-goals').fill('一学期内独立完成一节校级公开课');
    await page.getByTestId('mentee-name').fill('测试徒弟');
    await page.getByTestId('mentee-unit').fill('城口县实验小学');
    await page.getByTestId('mentorship-form-submit').click();
    await page.getByTestId('mentorship-row').filter({ hasText: '测试挂职干部' }).first().waitFor();
    await shot(ctx, page, 'talent-mentorship-created-1440');

    // --- The annual plan: this year's, overdue items flagged; a progress note on an item Linyi's office is responsible
    // for, and the item edited by its lead side. ------------------------------------------------------------------
    await page.goto(`${ctx.base}/talent/plan`);
    await page.getByTestId('plan-item-row').first().waitFor();
    assert.match(await page.getByTestId('plan-summary').innerText(), /\d{4}年度临沂·城口东西部协作工作计划及责任分工/);
    assert.equal(await page.getByTestId('plan-overdue').count(), 2, "this year's demo plan has two overdue items");
    for (const text of await page.getByTestId('plan-overdue').allInnerTexts()) assert.match(text, /已逾期 \d{1,2} 天/);
    await shot(ctx, page, 'talent-plan-1440');
    await page.goto(`${ctx.base}/talent/plan?q=${encodeURIComponent('农特产品')}`);
    await page.getByTestId('plan-item-row').filter({ hasText: '农特产品' }).first().waitFor();
    await clickUntil(page.getByTestId('plan-item-open').first(), page.getByTestId('plan-item-drawer'));
    const note = `展销渠道已对接（${Date.now() % 100_000}）`;
    await page.getByTestId('plan-note-text').fill(note);
    await page.getByTestId('plan-note-submit').click();
    await page.getByTestId('plan-note').filter({ hasText: note }).waitFor();
    await shot(ctx, page, 'talent-plan-note-1440');
    await page.keyboard.press('Escape');
    await page.getByTestId('plan-item-drawer').waitFor({ state: 'hidden' });
    await clickUntil(page.getByTestId('plan-item-edit').first(), page.getByTestId('plan-item-form'));
    const content = page.getByTestId('plan-item-form').locator('textarea').first();
    await content.fill('拓宽城口农特产品在临沂的销售渠道，进入机关、学校和医院食堂（2019年度结转事项）');
    await page.getByTestId('plan-item-form-submit').click();
    await page.getByTestId('plan-item-row').filter({ hasText: '学校和医院食堂' }).waitFor();

    // --- Pairings. -------------------------------------------------------------------------------------------
    await page.goto(`${ctx.base}/talent/pairings`);
    await page.getByTestId('pairing-row').first().waitFor();
    assert.ok((await page.getByTestId('pairings-table').innerText()).includes('临沂市中心医院'));
    await shot(ctx, page, 'talent-pairings-1440');
    // Pairing two schools already paired: the form says so on the Linyi institution's field.
    const pairingForm = page.getByTestId('pairing-form');
    await clickUntil(page.getByTestId('pairing-create'), pairingForm);
    for (const [testId, name] of [
      ['pairing-east', '临沂市特殊教育中心'],
      ['pairing-west', '城口县特殊教育学校'],
    ]) {
      await clickUntil(page.getByTestId(testId), page.locator('.ant-select-dropdown:visible'));
      await page.keyboard.type(name);
      await clickUntil(page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first(), () =>
        page.evaluate(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')),
      );
    }
    await pickDate(page, 'pairing-started', '2019-09-01');
    await page.getByTestId('pairing-form-submit').click();
    await pairingForm.locator('.ant-form-item-explain-error').filter({ hasText: '已与该单位结对' }).first().waitFor();
    await shot(ctx, page, 'talent-pairing-duplicate-1440');
    await page.keyboard.press('Escape');

    // --- Order-based dispatch: the partner's experts ranked and explained, an order issued, the sender approves. -----
    await page.goto(`${ctx.base}/talent/demands?q=${encodeURIComponent('微生物检验实验室')}`);
    await page.getByTestId('demand-row').first().waitFor();
    assert.match(await page.getByTestId('demand-fulfilment').first().innerText(), /尚缺 1 人/);
    await clickUntil(page.getByTestId('demand-open').first(), page.getByTestId('candidate-row').first());
    const scores = (await page.getByTestId('candidate-row').allInnerTexts()).map((x) => Number(x.match(/(\d+) 分/)?.[1]));
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
      `ranked best first: ${scores}`,
    );
    // An order for the tumour hospital's laboratory expert (a rerun finds the place promised and issues none).
    const tumour = page.getByTestId('candidate-row').filter({ hasText: '临沂市肿瘤医院' }).getByTestId('candidate-issue').first();
    if (await tumour.count()) {
      await tumour.click();
      await page.getByTestId('order-row').filter({ hasText: '待审批' }).first().waitFor();
    }
    await shot(ctx, page, 'talent-dispatch-match-1440');
    await page.keyboard.press('Escape');
    const hospital = await open(ctx);
    await login(ctx, hospital, 'ly.hospital');
    await hospital.goto(`${ctx.base}/talent/demands?q=${encodeURIComponent('微生物检验实验室')}`);
    await clickUntil(hospital.getByTestId('demand-open').first(), hospital.getByTestId('order-row').first());
    if (await hospital.getByTestId('order-approve').count()) {
      await hospital.getByTestId('order-approve').first().click();
      await hospital.getByTestId('order-row').filter({ hasText: '已批准' }).first().waitFor();
      await hospital.getByTestId('demand-fulfilment').filter({ hasText: '已满足' }).first().waitFor();
    }
    await shot(ctx, hospital, 'talent-dispatch-approved-1440');
    // The hospital reads the annual plan and the visits but keeps neither (talent.plan is the officers'): no control to
    // draw up, add, edit or close, no visit to record; its statistics are its own, and say so.
    await hospital.goto(`${ctx.base}/talent/plan`);
    await hospital.getByTestId('plan-item-row').first().waitFor();
    for (const id of ['plan-create', 'plan-item-create', 'plan-item-edit', 'plan-close']) assert.equal(await hospital.getByTestId(id).count(), 0, `the hospital sees no ${id}`);
    await hospital.goto(`${ctx.base}/talent/visits`);
    await hospital.getByTestId('visits-export').waitFor();
    assert.equal(await hospital.getByTestId('visit-create').count(), 0, 'the hospital records no visit');
    await hospital.goto(`${ctx.base}/talent/stats`);
    await hospital.getByTestId('stats-scope').waitFor();
    assert.match(await hospital.getByTestId('stats-scope').innerText(), /本单位（临沂市肿瘤医院）/);

    // --- Statistics from the records, and the 大屏. ------------------------------------------------------------
    await page.goto(`${ctx.base}/talent/stats?from=2018&to=2021`);
    await page.getByTestId('talent-stats-page').waitFor();
    const figure = async (key) => (await page.getByTestId(`stat-ew-${key}`).innerText()).split(/\s+/);
    await page.getByTestId('stat-ew-medicalDispatches').filter({ hasText: '39' }).waitFor();
    for (const [key, value] of [
      ['teacherDispatches', '52'],
      ['lectures', '56'],
      ['trained', '86'],
      ['openClasses', '53'],
      ['mentored', '102'],
    ])
      assert.ok((await figure(key)).includes(value), `${key}: ${(await figure(key)).join(' ')}`);
    await shot(ctx, page, 'talent-stats-1440');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${ctx.base}/talent/screen`);
    await page.getByTestId('screen-medicalDispatches').filter({ hasText: '39' }).waitFor();
    await shot(ctx, page, 'talent-screen-1920');
    await page.setViewportSize({ width: 1440, height: 900 });

    // --- An activity's QR code opens a sign-in page on a phone: no account, once per phone. --------------------
    const ckHospital = (await api(page, 'GET', '/api/talent/orgs')).json.find((o) => o.name === '城口县人民医院');
    const visitor = await open(ctx, PHONE);
    const officer = await open(ctx);
    await login(ctx, officer, 'ck.talent');
    const now = Date.now();
    const activity = await api(officer, 'POST', '/api/talent/activities', {
      orgId: ckHospital.id,
      kind: 'training',
      title: '急诊急救技能培训（演示）',
      sector: 'health',
      direction: 'east_to_west',
      venue: '城口县人民医院 示教室',
      startsAt: new Date(now - 3_600_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
    });
    assert.equal(activity.status, 201, JSON.stringify(activity.json));
    await officer.goto(`${ctx.base}/talent/activities?q=${encodeURIComponent('急诊急救技能培训（演示）')}`);
    await clickUntil(officer.getByTestId('activity-qr').first(), officer.getByTestId('qr-modal').locator('img'));
    await shot(ctx, officer, 'talent-activity-qr-1440');
    const signInPhone = `1370000${String(now % 10_000).padStart(4, '0')}`;
    for (const expected of ['签到成功', '您已签到过']) {
      await visitor.goto(`${ctx.base}/signin/${activity.json.signInToken}`);
      await visitor.getByTestId('signin-name').fill('演示签到人');
      await visitor.getByTestId('signin-unit').fill('城口县人民医院 急诊科');
      await visitor.getByTestId('signin-phone').fill(signInPhone);
      await visitor.getByTestId('signin-submit').click();
      await visitor.getByTestId('signin-done').filter({ hasText: expected }).waitFor();
    }
    assert.match(await visitor.getByTestId('signin-done').innerText(), /已有 1 人签到/);
    await noOverflow(visitor, '/signin');
    await shot(ctx, visitor, 'talent-signin-390');

    // --- A phone: cards, nothing scrolls sideways. -------------------------------------------------------------
    const phone = await open(ctx, PHONE);
    await login(ctx, phone, 'ck.talent');
    for (const [url, ready, name] of [
      ['/talent/people', 'talent-people-page', 'talent-people-390'],
      ['/talent/secondments?view=ending', 'talent-secondments-page', 'talent-secondments-ending-390'],
      ['/talent/pairings', 'talent-pairings-page', 'talent-pairings-390'],
      ['/talent/demands', 'talent-demands-page', 'talent-demands-390'],
      ['/talent/activities', 'talent-activities-page', 'talent-activities-390'],
      ['/talent/mentoring', 'talent-mentoring-page', 'talent-mentoring-390'],
      ['/talent/plan', 'talent-plan-page', 'talent-plan-390'],
      ['/talent/visits', 'talent-visits-page', 'talent-visits-390'],
      ['/talent/stats', 'talent-stats-page', 'talent-stats-390'],
    ]) {
      await phone.goto(`${ctx.base}${url}`);
      await phone.getByTestId(ready).waitFor();
      await phone
        .locator(
          '.gb-row-card, [data-testid=person-row], [data-testid=secondment-row], [data-testid=pairing-row], [data-testid=demand-row], [data-testid=activity-row], [data-testid=mentorship-row], [data-testid=plan-item-row], [data-testid=visit-row], [data-testid=stats-row]',
        )
        .first()
        .waitFor();
      await noOverflow(phone, url);
      // The filters fold behind a button: the first item shows on the first screen.
      if (url !== '/talent/stats') {
        const first = await phone
          .locator(
            '.gb-row-card, [data-testid=person-row], [data-testid=secondment-row], [data-testid=pairing-row], [data-testid=demand-row], [data-testid=activity-row], [data-testid=mentorship-row], [data-testid=plan-item-row], [data-testid=visit-row]',
          )
          .first()
          .boundingBox();
        assert.ok(first && first.y < 844 - 80, `${url}: the first item starts at ${first?.y}px, below the first screen`);
      }
      await shot(ctx, phone, name);
    }

    // --- English. ----------------------------------------------------------------------------------------------
    const en = await open(ctx);
    await login(ctx, en, 'ck.talent', { lang: 'en' });
    await en.goto(`${ctx.base}/talent/secondments`);
    await en.getByTestId('secondment-row').first().waitFor();
    assert.match(await en.getByTestId('talent-secondments-page').locator('h1, h2, h3, h4').first().innerText(), /Secondments/);
    await shot(ctx, en, 'talent-secondments-en-1440');
  },
};
