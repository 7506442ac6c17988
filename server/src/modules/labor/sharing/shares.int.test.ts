import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaborPartner, Posting, Share, Worker } from '@gearbridge/contracts/labor';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { CK, count, demoPeople, expectNoPii, exportBytes, listAll, LY, PINGYI, userWith, workerBody, xlsxRows, xlsxText } from '../test/kit';

/**
 * Sharing between the paired regions: Chengkou shares selected workers' needs with Linyi, Linyi shares postings
 * with Chengkou. The partner reads exactly what is shared (the SQL decides, paging and totals included), sees
 * personal data only masked and only with consent, and loses access the moment a share is revoked.
 */
let t: TestApp;
let admin: Client;
let ck: Client;
let ly: Client;
let py: Client; // a caseworker of 平邑县, inside Linyi but outside the Linyi bureau's own scope
let hr: Client;
let ckOrg: string;
let lyOrg: string;

beforeAll(async () => {
  t = await startTestApp();
  [admin, ck, ly, hr] = await Promise.all([t.login('admin'), t.login('ck.caseworker'), t.login('ly.officer'), t.login('yuyang.hr')]);
  py = await userWith(t, admin, { username: 'py.caseworker', org: PINGYI, role: 'labour_caseworker', region: '371326' });
  [ckOrg, lyOrg] = [await t.orgId(CK), await t.orgId(LY)];
});
afterAll(() => t?.close());

const db = () => t.platform.handle.db;
async function activeShareIds(kind: 'worker' | 'posting', toOrg: string): Promise<string[]> {
  const rows = await db()
    .selectFrom('labor_shares')
    .select(['worker_id', 'posting_id'])
    .where('kind', '=', kind)
    .where('to_org_id', '=', toOrg)
    .where('revoked_at', 'is', null)
    .execute();
  return rows.map((r) => (r.worker_id ?? r.posting_id)!).sort();
}
async function allIds(c: Client, url: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const res = (await c.get(`${url}${url.includes('?') ? '&' : '?'}pageSize=100&page=${page}`)).json();
    ids.push(...res.items.map((x: { id: string }) => x.id));
    if (page * 100 >= res.total) return ids.sort();
  }
}
const share = (c: Client, kind: 'worker' | 'posting', ids: string[], toOrgId: string) => c.post('/api/labor/shares', { kind, ids, toOrgId, note: '测试共享' });

describe("Linyi reads Chengkou's workers", () => {
  it("exactly those shared with it, page by page, as the partner's reduced view", async () => {
    const expected = await activeShareIds('worker', lyOrg);
    expect(expected.length).toBeGreaterThan(20);
    expect(await allIds(ly, '/api/labor/workers')).toEqual(expected);
    expect((await ly.get('/api/labor/workers?pageSize=1')).json().total).toBe(expected.length);
    const items: Worker[] = (await ly.get('/api/labor/workers?pageSize=100')).json().items;
    expect(new Set(items.map((w) => w.access))).toEqual(new Set(['partner']));
    for (const w of items) {
      expect(w).toMatchObject({ caseworkerId: null, caseworkerName: null, homeVillage: null, monitoringCategory: null, disability: null, consent: { at: null, byName: null } });
      expect(w.homeRegionCode).toMatch(/^\d{6}$/);
      if (!w.consent.given) expect([w.idNumberMasked, w.phoneMasked]).toEqual([null, null]);
    }
    expect(items.some((w) => w.consent.given && w.idNumberMasked)).toBe(true);
  });

  it('cannot learn more through filters: not by town, not by monitoring category, not by name or number', async () => {
    const one: Worker = (await ck.get(`/api/labor/workers/${(await activeShareIds('worker', lyOrg))[0]}`)).json();
    expect((await ly.get(`/api/labor/workers?region=${one.homeRegionCode}`)).json().total).toBe(0);
    expect((await ly.get('/api/labor/workers?region=500229')).json().total).toBeGreaterThan(0);
    expect((await ly.get('/api/labor/workers?monitored=true')).json().total).toBe(0);
    expect((await ly.get('/api/labor/workers?monitored=false')).json().total).toBe(0);
    const idNumber = (await ck.post(`/api/labor/workers/${one.id}/reveal`, { field: 'idNumber' })).json().value;
    expect((await ly.get(`/api/labor/workers?q=${idNumber}`)).json().total).toBe(0);
    expect((await ly.get(`/api/labor/workers/${one.id}/history`)).statusCode).toBe(403);
  });

  it('sees a newly shared worker at once, and nothing of it after the share is revoked', async () => {
    const w: Worker = (await ck.post('/api/labor/workers', workerBody())).json();
    expect((await ly.get(`/api/labor/workers/${w.id}`)).statusCode).toBe(403);
    const before = (await ly.get('/api/labor/workers?pageSize=1')).json().total;
    const audits = await t.auditCount({ action: 'labor.share', entityId: w.id });

    const res = await share(ck, 'worker', [w.id], lyOrg);
    expect(res.statusCode).toBe(201);
    const created: Share = res.json().created[0];
    expect(created).toMatchObject({
      kind: 'worker',
      subjectId: w.id,
      subjectLabel: w.nameMasked,
      fromOrgName: CK,
      toOrgName: LY,
      note: '测试共享',
      sharedByName: '刘助',
      active: true,
    });
    expect(await t.auditCount({ action: 'labor.share', entityId: w.id })).toBe(audits + 1);
    expect((await ly.get(`/api/labor/workers/${w.id}`)).json()).toMatchObject({ access: 'partner', idNumberMasked: null, phoneMasked: null });
    expect((await ly.get('/api/labor/workers?pageSize=1')).json().total).toBe(before + 1);

    // Sharing it again changes nothing.
    expect((await share(ck, 'worker', [w.id], lyOrg)).json()).toEqual({ created: [], alreadyShared: 1 });
    expect(await t.auditCount({ action: 'labor.share', entityId: w.id })).toBe(audits + 1);

    const revoked = await ck.del(`/api/labor/shares/${created.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ active: false, revokedByName: '刘助' });
    expect(await t.auditCount({ action: 'labor.unshare', entityId: w.id })).toBe(1);
    expect((await ly.get(`/api/labor/workers/${w.id}`)).statusCode).toBe(403);
    expect((await ly.post(`/api/labor/workers/${w.id}/reveal`, { field: 'name' })).statusCode).toBe(403);
    expect((await ly.get('/api/labor/workers?pageSize=1')).json().total).toBe(before);
    expect((await ck.del(`/api/labor/shares/${created.id}`)).statusCode).toBe(409);
  });

  it('shows a caseworker of another Linyi county none of what was shared with the Linyi bureau', async () => {
    expect((await py.get('/api/labor/workers?pageSize=1')).json().total).toBe(0);
    // It sees the shares its own county's employers made (平邑's postings to Chengkou), and no worker share.
    const theirs: Share[] = (await py.get('/api/labor/shares?pageSize=500')).json().items;
    expect(theirs.length).toBeGreaterThan(0);
    expect(new Set(theirs.map((s) => `${s.kind} ${s.fromOrgName}`))).toEqual(new Set(['posting 平邑蒙阳家政服务有限公司']));
  });
});

describe("Chengkou reads Linyi's postings", () => {
  it('exactly those shared with it; the unshared ones are refused', async () => {
    const expected = await activeShareIds('posting', ckOrg);
    expect(expected.length).toBeGreaterThan(10);
    const seen = await allIds(ck, '/api/labor/postings?source=shared');
    expect(seen).toEqual(expected);
    const unshared = await db().selectFrom('labor_postings').select('id').where('title', '=', '仓库管理员').executeTakeFirstOrThrow();
    expect(seen).not.toContain(unshared.id);
    expect((await ck.get(`/api/labor/postings/${unshared.id}`)).statusCode).toBe(403);
    const one: Posting = (await ck.get(`/api/labor/postings/${expected[0]}`)).json();
    expect(one.access).toBe('partner');
  });

  it('sees a posting Linyi shares, until Linyi revokes the share', async () => {
    const unshared = await db().selectFrom('labor_postings').select('id').where('title', '=', '维修电工').executeTakeFirstOrThrow();
    const res = await share(ly, 'posting', [unshared.id], ckOrg);
    expect(res.statusCode).toBe(201);
    expect((await ck.get(`/api/labor/postings/${unshared.id}`)).statusCode).toBe(200);
    const incoming: Share[] = (await ck.get('/api/labor/shares?direction=in&kind=posting&active=true&pageSize=100')).json().items;
    expect(incoming.map((s) => s.subjectId)).toContain(unshared.id);
    // The receiving side cannot end the sender's share.
    expect((await ck.del(`/api/labor/shares/${res.json().created[0].id}`)).statusCode).toBe(403);
    expect((await ly.del(`/api/labor/shares/${res.json().created[0].id}`)).statusCode).toBe(200);
    expect((await ck.get(`/api/labor/postings/${unshared.id}`)).statusCode).toBe(403);
  });
});

describe('POST /api/labor/shares and DELETE /api/labor/shares/:id', () => {
  it("refuse records outside the sharer's scope (403), and sharing without labor.share (403)", async () => {
    const ckWorker = (await activeShareIds('worker', lyOrg))[0];
    const before = await t.auditCount();
    // Linyi may read a shared worker, but not pass it on.
    expect((await share(ly, 'worker', [ckWorker], await t.orgId(PINGYI))).statusCode).toBe(403);
    expect((await share(hr, 'posting', [(await activeShareIds('posting', ckOrg))[0]], ckOrg)).statusCode).toBe(403);
    expect((await share(py, 'worker', [ckWorker], await t.orgId(PINGYI))).statusCode).toBe(403);
    expect(await t.auditCount()).toBe(before);
  });

  it("answer 400 for unknown records, an unknown partner, or a share to the record's own organisation", async () => {
    const w: Worker = (await ck.post('/api/labor/workers', workerBody())).json();
    const unknown = await share(ck, 'worker', [w.id, '00000000-0000-4000-8000-000000000000'], lyOrg);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual({ 'ids.1': 'unknown worker' });
    expect((await share(ck, 'worker', [w.id], '00000000-0000-4000-8000-000000000000')).json().error.fields).toEqual({ toOrgId: 'unknown organisation' });
    expect((await share(ck, 'worker', [w.id], ckOrg)).json().error.fields).toEqual({ 'ids.0': 'already belongs to that organisation' });
    expect((await ck.post('/api/labor/shares', { kind: 'worker', ids: [], toOrgId: lyOrg })).statusCode).toBe(400);
    expect((await ck.post('/api/labor/shares', { kind: 'person', ids: [w.id], toOrgId: lyOrg })).statusCode).toBe(400);
    // Nothing was shared: the request is all or nothing.
    expect((await ly.get(`/api/labor/workers/${w.id}`)).statusCode).toBe(403);
  });

  it('answer 401 without a session and 404 for an unknown share', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/labor/shares')).statusCode).toBe(401);
    expect((await anon.post('/api/labor/shares', { kind: 'worker', ids: [ckOrg], toOrgId: lyOrg })).statusCode).toBe(401);
    expect((await anon.del(`/api/labor/shares/${ckOrg}`)).statusCode).toBe(401);
    expect((await ck.del('/api/labor/shares/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('list the shares each side made and received', async () => {
    const out: Share[] = (await ck.get('/api/labor/shares?direction=out&kind=worker&pageSize=500')).json().items;
    expect(out.length).toBeGreaterThan(20);
    expect(new Set(out.map((s) => s.fromOrgName))).toEqual(new Set([CK]));
    const into: Share[] = (await ly.get('/api/labor/shares?direction=in&kind=worker&active=true&pageSize=500')).json().items;
    expect(into.map((s) => s.subjectId).sort()).toEqual(await activeShareIds('worker', lyOrg));
    expect((await (await t.login('gear.operator')).get('/api/labor/shares')).statusCode).toBe(403);
    expect((await ck.get('/api/labor/shares?direction=sideways')).statusCode).toBe(400);
  });
});

describe('partners: the East–West pair 城口县 ↔ 临沂市', () => {
  const orgsIn = async (prefix: string) => (await db().selectFrom('organisations').select('name').where('region_code', 'like', `${prefix}%`).execute()).map((o) => o.name).sort();
  const names = (ps: LaborPartner[]) => ps.map((p) => p.name).sort();

  it('is stored as data, with codes the regions tree names 城口县 and 临沂市', async () => {
    const pairs = await db()
      .selectFrom('labor_region_pairs as p')
      .innerJoin('regions as w', 'w.code', 'p.west_region_code')
      .innerJoin('regions as e', 'e.code', 'p.east_region_code')
      .select(['w.name as west', 'e.name as east', 'w.level as wl', 'e.level as el'])
      .execute();
    expect(pairs).toEqual([{ west: '城口县', east: '临沂市', wl: 'county', el: 'city' }]);
  });

  it('gives the Chengkou caseworker every organisation of 临沂市 and its counties, government first', async () => {
    const res = await ck.get('/api/labor/partners');
    expect(res.statusCode).toBe(200);
    const ps: LaborPartner[] = res.json();
    expect(names(ps)).toEqual(await orgsIn('3713'));
    expect(ps.map((p) => p.name)).toEqual(expect.arrayContaining([LY, PINGYI, '临沂沂州精工机械有限公司', '临沂市肿瘤医院']));
    // Linyi's government bodies come first (the bureau among them, beside the organisation department of the talent module).
    expect(ps.find((p) => p.name === LY)).toMatchObject({
      name: LY,
      kind: 'government',
      regionCode: '371300',
      regionName: '山东省 临沂市',
      pairedRegionCode: '500229',
      pairedRegionName: '重庆市 城口县',
    });
    expect(ps.findIndex((p) => p.kind !== 'government')).toBeGreaterThan(ps.findLastIndex((p) => p.kind === 'government'));
    expect(ps.every((p) => p.regionCode.startsWith('3713') && p.pairedRegionCode === '500229')).toBe(true);
  });

  it("gives the Linyi officer, and a Linyi county's caseworker, every organisation of 城口县 and its towns", async () => {
    const chengkou = await orgsIn('500229');
    expect(chengkou).toEqual(expect.arrayContaining([CK, '城口县修齐镇社保所', '城口县人民医院']));
    for (const c of [ly, py]) {
      const ps: LaborPartner[] = (await c.get('/api/labor/partners')).json();
      expect(names(ps)).toEqual(chengkou);
      expect(ps.every((p) => p.pairedRegionCode === '371300')).toBe(true);
    }
  });

  it('answers 403 without labor.share and 401 without a session', async () => {
    expect((await hr.get('/api/labor/partners')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/labor/partners')).statusCode).toBe(401);
  });

  it('accepts a share to any partner organisation, not only the bureau', async () => {
    const w: Worker = (await ck.post('/api/labor/workers', workerBody())).json();
    expect((await share(ck, 'worker', [w.id], await t.orgId(PINGYI))).statusCode).toBe(201);
    expect((await py.get(`/api/labor/workers/${w.id}`)).json()).toMatchObject({ access: 'partner' });
  });

  it('refuses a share to an organisation outside the paired regions with a 400 naming toOrgId, and writes nothing', async () => {
    const w: Worker = (await ck.post('/api/labor/workers', workerBody())).json();
    const linyiPosting = (await activeShareIds('posting', ckOrg))[0];
    const parkWorker: Worker = (await admin.post('/api/labor/workers', workerBody({ orgId: await t.orgId('綦江工业园区管委会'), homeRegionCode: '500110001' }))).json();
    const [shares, audits] = [await count(t, 'labor_shares'), await t.auditCount()];
    const refused = [
      await share(ck, 'worker', [w.id], await t.orgId('余扬汽配')), // 綦江区: not paired with 城口县
      await share(ck, 'worker', [w.id], await t.orgId('城口县人民医院')), // the worker's own county
      await share(ly, 'posting', [linyiPosting], await t.orgId('临沂市中心医院')), // the posting's own city
      // All or nothing: the Chengkou worker could go to Linyi, the 綦江 worker cannot.
      await share(admin, 'worker', [w.id, parkWorker.id], lyOrg),
    ];
    for (const res of refused) {
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['toOrgId']);
      expect(res.json().error.fields.toOrgId).toMatch(/^not a partner organisation of /);
    }
    expect(refused[3].json().error.fields.toOrgId).toBe('not a partner organisation of 綦江工业园区管委会');
    expect([await count(t, 'labor_shares'), await t.auditCount()]).toEqual([shares, audits]);
    expect((await ly.get(`/api/labor/workers/${w.id}`)).statusCode).toBe(403);
  });
});

describe('GET /api/labor/shares/export', () => {
  const exportOf = (c: Client, query: string) => exportBytes(c, `/api/labor/shares/export?${query}`);
  const listOf = (c: Client, query: string) => listAll<Share>(c, `/api/labor/shares?${query}`);

  it("holds exactly the list's rows under the same filters, for each side", async () => {
    for (const [c, query] of [
      [ck, 'direction=out&kind=worker'],
      [ck, 'direction=in&active=true'],
      [ly, 'direction=in&kind=worker&active=false'],
      [ly, ''],
      [py, ''],
    ] as const) {
      const list = await listOf(c, query);
      const rows = await xlsxRows(await exportOf(c, `${query}&lang=en`));
      expect(rows[0]).toEqual(['Kind', 'Shared record', 'From', 'To', 'Note', 'Shared by', 'Shared at', 'State', 'Revoked at', 'Revoked by']);
      expect(rows.slice(1).map((r) => `${r[1]}|${r[2]}|${r[3]}|${r[7]}`)).toEqual(
        list.map((s) => `${s.subjectLabel}|${s.fromOrgName}|${s.toOrgName}|${s.active ? 'Active' : 'Revoked'}`),
      );
    }
  });

  it('has Chinese headers by default and no clear ID number, phone or name', async () => {
    const buf = await exportOf(ck, '');
    const rows = await xlsxRows(buf);
    expect(rows[0]).toEqual(['类型', '共享内容', '共享方', '共享给', '说明', '共享人', '共享时间', '状态', '撤回时间', '撤回人']);
    expect(rows.filter((r) => r[0] === '劳动力').every((r) => /^\p{Script=Han}\*+$/u.test(r[1]))).toBe(true);
    expectNoPii(xlsxText(buf), await demoPeople(t));
  });

  it('answers 401 without a session and 403 without labor.read', async () => {
    expect((await t.anonymous().get('/api/labor/shares/export')).statusCode).toBe(401);
    expect((await (await t.login('gear.operator')).get('/api/labor/shares/export')).statusCode).toBe(403);
  });
});
