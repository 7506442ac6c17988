import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Posting, Worker } from '@gearbridge/contracts/labor';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { occupationName } from '../workers/occupations';
import { CK, workerBody } from '../test/kit';
import { localDay } from '../../../platform/time';

/**
 * Picking the postings of a job-fair allocation among many: the posting list searched and paged on the server (by
 * title, employer, work region or occupation text), and an allocation taking every posting matching that text, or
 * any number of listed postings (beyond the 200 the web once loaded).
 */
let t: TestApp;
let ck: Client;
let ly: Client;
const MANY = 240;
const today = localDay();
const in60 = localDay(Date.now() + 60 * 86_400_000);
let ids: string[];
let worker: Worker;

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly] = await Promise.all([t.login('ck.caseworker'), t.login('ly.officer')]);
  const res = await ly.post('/api/labor/postings', {
    orgId: await t.orgId('临沂沂州精工机械有限公司'),
    title: '示例批量岗位 0',
    occupationCode: '6-18-01-01',
    headcount: 1,
    wageMin: 5000,
    wageMax: 7000,
    workRegionCode: '371302',
    housing: true,
    validFrom: today,
    validTo: in60,
  });
  expect(res.statusCode).toBe(201);
  const first: Posting = res.json();
  await sql`insert into labor_postings (org_id, posted_by_org_id, created_by, title, occupation_code, headcount, open_headcount, wage_min, wage_max, work_region_code, housing, valid_from, valid_to)
            select org_id, posted_by_org_id, created_by, '示例批量岗位 ' || n, occupation_code, 1, 1, wage_min, wage_max, work_region_code, housing, valid_from, valid_to
            from labor_postings, generate_series(1, ${MANY - 1}) n where id = ${first.id}`.execute(t.platform.handle.db);
  ids = (await t.platform.handle.db.selectFrom('labor_postings').select('id').where('title', 'like', '示例批量岗位 %').execute()).map((r) => r.id);
  expect(ids).toHaveLength(MANY);
  expect((await ly.post('/api/labor/shares', { kind: 'posting', ids, toOrgId: await t.orgId(CK) })).statusCode).toBe(201);
  worker = (await ck.post('/api/labor/workers', workerBody({ wantedOccupations: ['6-18-01-01'], wantedRegions: ['371300'] }))).json();
});
afterAll(() => t?.close());

const search = async (q: string, page = 1, pageSize = 50) => (await ck.get(`/api/labor/postings?active=true&q=${encodeURIComponent(q)}&page=${page}&pageSize=${pageSize}`)).json();

describe('picking postings for an allocation', () => {
  it('searches the readable active postings on the server by title, employer, region or occupation text, page by page', async () => {
    const byTitle = await search('示例批量岗位', 5);
    expect(byTitle.total).toBe(MANY);
    expect(byTitle.items).toHaveLength(MANY - 4 * 50);
    const seen = new Set<string>();
    for (let page = 1; page <= 5; page++) for (const p of (await search('示例批量岗位', page)).items as Posting[]) seen.add(p.id);
    expect(seen.size).toBe(MANY);
    for (const text of ['临沂沂州精工机械', '兰山区', occupationName('6-18-01-01')!]) {
      const r = await search(text, 1, 500);
      expect(r.total, text).toBeGreaterThanOrEqual(MANY);
      expect(
        r.items.filter((p: Posting) => p.title.startsWith('示例批量岗位')),
        text,
      ).toHaveLength(MANY);
    }
    // Wildcards are text: nothing is titled with a per-cent sign.
    expect((await search('%')).total).toBe(0);
    expect((await ck.get(`/api/labor/postings?q=${'x'.repeat(101)}`)).statusCode).toBe(400);
  });

  it('allocates over every posting matching the text, or over any number of listed postings', async () => {
    const byText = await ck.post('/api/labor/allocations', { name: '示例专场（按搜索）', workers: { ids: [worker.id] }, postings: { q: '示例批量岗位' } });
    expect(byText.statusCode).toBe(201);
    expect(byText.json()).toMatchObject({ postingCount: MANY, workerCount: 1, pairCount: 1 });
    expect(byText.json().postings.every((p: { title: string }) => p.title.startsWith('示例批量岗位'))).toBe(true);
    const byIds = await ck.post('/api/labor/allocations', { name: '示例专场（逐个选择）', workers: { ids: [worker.id] }, postings: { ids } });
    expect(byIds.statusCode).toBe(201);
    expect(byIds.json().postingCount).toBe(MANY);
    expect((await ck.post('/api/labor/allocations', { name: 'x', workers: { ids: [worker.id] }, postings: { q: '' } })).json().error.fields).toHaveProperty(['postings.q']);
    expect((await ck.post('/api/labor/allocations', { name: 'x', workers: { ids: [worker.id] }, postings: { q: '没有这样的岗位' } })).statusCode).toBe(422);
  });
});
