// The home page (工作台, issue #12 item 1): each persona lands on the cards of their own work and on no one else's —
// the plant manager on the lines today and the plant's open alarms, the operator (on a phone) on the andon of their
// line, the caseworker on the follow-ups due and overdue (the count opens the overdue list), the partner officer on
// what was newly shared and the open postings, the employer's HR on its postings and referrals, the administrator on
// the organisations page; a hospital's administrator gets no factory or labour card but, first, its experts' terms
// ending soon (talent), as the talent officers do.
import assert from 'node:assert/strict';
import { PHONE, login, noOverflow, open, shot } from './helpers.mjs';

const ALL = [
  'factory-my-line',
  'factory-today',
  'factory-alarms',
  'labor-todo',
  'labor-alerts',
  'labor-shared-in',
  'labor-postings',
  'labor-referrals',
  'talent-ending',
  'admin-stats',
  'org-kinds',
  'recent-audit',
];

const PERSONAS = [
  { user: 'gear.manager', cards: ['factory-today', 'factory-alarms'] },
  { user: 'gear.operator', phone: true, cards: ['factory-my-line', 'factory-today'], first: 'factory-my-line' },
  { user: 'ck.caseworker', phone: true, cards: ['labor-todo', 'labor-alerts', 'labor-referrals'], first: 'labor-todo' },
  { user: 'ly.officer', cards: ['labor-shared-in', 'labor-postings', 'labor-referrals'], first: 'labor-shared-in' },
  { user: 'admin', cards: ['admin-stats', 'org-kinds', 'recent-audit'] },
  // The hospital keeps its experts' secondments (talent): the terms ending soon come before its administration.
  { user: 'ck.hospital', cards: ['talent-ending', 'admin-stats', 'org-kinds', 'recent-audit'], first: 'talent-ending', noMenu: ['工厂', '劳务协作'] },
  { user: 'ly.talent', cards: ['talent-ending'], noMenu: ['工厂', '劳务协作'] },
  { user: 'yuyang.hr', cards: ['labor-postings', 'labor-referrals'], first: 'labor-postings', noMenu: ['工厂'] },
  { user: 'youshen.buyer', cards: [], noMenu: ['系统管理', '工厂'], noTiles: ['工厂', '劳务协作'] },
];

/** The keys of the cards on the home page, in the order shown. */
const cardKeys = (page) => page.locator('[data-testid^="wb-"][class*="ant-col"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid').slice(3)));

export const scenario = {
  order: 5,
  name: 'workbench',
  async run(ctx) {
    for (const p of PERSONAS) {
      const page = await open(ctx, p.phone ? PHONE : undefined);
      await login(ctx, page, p.user);
      for (const key of p.cards) await page.getByTestId(`wb-${key}`).waitFor();
      if (!p.cards.length) await page.getByText('没有可显示的工作卡片', { exact: false }).waitFor();
      const shown = await cardKeys(page);
      for (const key of ALL)
        assert.equal(shown.includes(key), p.cards.includes(key), `${p.user}: card ${key} ${p.cards.includes(key) ? 'missing' : 'shown'} (${shown.join(', ')})`);
      if (p.first) assert.equal(shown[0], p.first, `${p.user}: first card`);
      if (p.phone) await noOverflow(page, `${p.user}'s home page`);
      if (p.noTiles) {
        const tiles = await page.locator('.gb-module-tile').allInnerTexts();
        for (const label of p.noTiles) assert.ok(!tiles.some((x) => x.includes(label)), `${p.user}'s home offers the ${label} tile`);
      }
      if (p.noMenu) {
        const menu = await page.getByTestId('side-menu').innerText();
        for (const label of p.noMenu) assert.ok(!menu.includes(label), `${p.user}'s menu offers ${label}`);
      }
      await shot(ctx, page, `workbench-${p.user}`, !!p.phone);
      await page.context().close();
    }

    // The caseworker's overdue count is what the follow-up list's overdue tab holds, and opens it.
    const page = await open(ctx);
    await login(ctx, page, 'ck.caseworker');
    const overdue = page.getByTestId('wb-overdue');
    await overdue
      .locator('.gb-wb-count__n')
      .filter({ hasText: /^\d[\d,]*$/ })
      .waitFor();
    const count = Number((await overdue.locator('.gb-wb-count__n').innerText()).replace(/,/g, ''));
    assert.ok(count > 0, 'the demo has overdue follow-ups');
    await overdue.click();
    await page.waitForURL(/\/labor\/followups\?state=overdue$/);
    await page.getByTestId('fu-table').waitFor();
    assert.match(await page.getByTestId('fu-tabs').locator('.ant-tabs-tab-active').innerText(), /逾期/);
    const total = page.locator('.ant-pagination-total-text');
    await total.waitFor();
    assert.match(await total.innerText(), new RegExp(`\\b${count}\\b`), 'the overdue tab lists as many as the home page counts');
  },
};
