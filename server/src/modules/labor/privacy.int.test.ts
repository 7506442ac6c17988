import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from '@gearbridge/contracts/labor';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { XLSX_MIME } from '../../platform/excel/workbook';
import { CK, demoPeople, expectNoPii, freshId, sheet, workerBody, xlsxText } from './test/kit';
import { placementUrls } from './test/placement-urls';

/**
 * Personal data of workers: masked in every list, detail, export, report and audit view, whoever asks; clear only
 * through the reveal route, which needs labor.reveal (and, across the partnership, the worker's consent) and
 * always leaves an audit row.
 */
let t: TestApp;
let admin: Client;
let ck: Client; // caseworker, labor.reveal over the county
let viewer: Client; // a bureau clerk whose custom role holds labor.read only
let ly: Client; // Linyi's collaboration officer: a partner
let hr: Client; // yuyang.hr: labor.read, no labor.reveal
let people: Awaited<ReturnType<typeof demoPeople>>;
let mine: Worker; // registered by the test, with known personal data
const ID = freshId();
const PHONE = '13955556666';
const NAME = '司马测试员';

beforeAll(async () => {
  t = await startTestApp();
  [admin, ck, ly, hr] = await Promise.all([t.login('admin'), t.login('ck.caseworker'), t.login('ly.officer'), t.login('yuyang.hr')]);
  const ckAdmin = await t.login('ck.admin');
  const role = await ckAdmin.post('/api/roles', { code: 'ck_labour_clerk', nameZh: '劳务信息查询员', nameEn: 'Labour clerk', permissions: ['labor.read'] });
  expect(role.statusCode).toBe(201);
  expect(
    (
      await ckAdmin.post('/api/users', {
        orgId: await t.orgId(CK),
        username: 'ck.clerk',
        displayName: '查询员',
        password: 'Labour-test-pass-1',
        roles: [{ roleId: role.json().id }],
      })
    ).statusCode,
  ).toBe(201);
  viewer = await t.login('ck.clerk', 'Labour-test-pass-1');
  people = await demoPeople(t);
  mine = (await ck.post('/api/labor/workers', workerBody({ idNumber: ID, phone: PHONE, name: NAME, consentShare: true }))).json();
  // Shared with Linyi, so the partner's views carry it too.
  expect((await ck.post('/api/labor/shares', { kind: 'worker', ids: [mine.id], toOrgId: await t.orgId('临沂市人力资源和社会保障局') })).statusCode).toBe(201);
});
afterAll(() => t?.close());

const scan = (body: string) => expectNoPii(body, people, [NAME]);
const bodyOf = async (c: Client, url: string) => {
  const res = await c.get(url);
  expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
  return res.headers['content-type']?.toString().startsWith(XLSX_MIME) ? xlsxText(res.rawPayload) : res.body;
};

describe('every labour list and detail shows personal data masked', () => {
  it('is checked by a scan that finds a clear number, phone or name', () => {
    for (const leak of [ID, PHONE, NAME, people.ids[0], people.names.find((n) => n.length === 3)!]) {
      expect(() => scan(JSON.stringify({ someField: leak, id: mine.id }))).toThrow();
    }
    expect(() => scan(JSON.stringify(mine))).not.toThrow();
  });

  it('to a user without labor.reveal, a caseworker who has it, a partner and an employer alike', async () => {
    const shared = (await ly.get('/api/labor/workers?pageSize=1')).json().items[0] as Worker;
    const posting = (await ck.get('/api/labor/postings?pageSize=1')).json().items[0];
    const worker = (await viewer.get('/api/labor/workers?pageSize=1')).json().items[0] as Worker;
    const referral = await ck.post('/api/labor/referrals', { workerId: mine.id, postingId: posting.id });
    expect(referral.statusCode).toBe(201);
    // Matching, allocations, follow-ups, alerts, retention, training, workshops, posts (test/placement-urls.ts).
    const placement = await placementUrls(ck, ly, mine.id, posting.id);
    const urls: [Client, string][] = [];
    for (const c of [viewer, ck]) {
      urls.push(
        [c, '/api/labor/workers?pageSize=500'],
        [c, '/api/labor/workers?pageSize=500&page=2'],
        [c, '/api/labor/workers?pageSize=500&registeredPoor=true&status=unemployed'],
        [c, `/api/labor/workers?q=${encodeURIComponent(NAME)}`],
        [c, `/api/labor/workers?q=${ID}`],
        [c, '/api/labor/workers/export?lang=zh'],
        [c, '/api/labor/workers/export?lang=en&consent=true'],
        [c, `/api/labor/workers/${worker.id}`],
        [c, `/api/labor/workers/${mine.id}`],
        [c, `/api/labor/workers/${mine.id}/history`],
        [c, '/api/labor/postings?pageSize=500'],
        [c, `/api/labor/postings/${posting.id}`],
        [c, '/api/labor/postings/export'],
        [c, '/api/labor/shares?pageSize=500'],
        [c, '/api/labor/shares/export'],
        [c, '/api/labor/referrals?pageSize=500'],
        [c, '/api/labor/referrals/export?lang=en'],
        [c, `/api/labor/referrals/${referral.json().id}`],
        ...placement.owner.map((u): [Client, string] => [c, u]),
      );
    }
    urls.push(
      [ly, '/api/labor/workers?pageSize=500'],
      [ly, '/api/labor/workers?pageSize=500&source=shared&consent=true'],
      [ly, `/api/labor/workers/${shared.id}`],
      [ly, `/api/labor/workers/${mine.id}`],
      [ly, '/api/labor/workers/export'],
      [ly, '/api/labor/shares?pageSize=500'],
      [ly, '/api/labor/shares/export?lang=en'],
      [ly, '/api/labor/referrals?pageSize=500'],
      [ly, '/api/labor/referrals/export'],
      [ly, `/api/labor/referrals/${referral.json().id}`],
      ...placement.partner.map((u): [Client, string] => [ly, u]),
      [hr, '/api/labor/workers?pageSize=500'],
      [hr, '/api/labor/postings?pageSize=500'],
      [admin, '/api/labor/workers?pageSize=500'],
      [admin, '/api/audit?pageSize=500'],
      [admin, '/api/audit/export'],
    );
    for (const [c, url] of urls) scan(await bodyOf(c, url));
    expect(urls.length).toBeGreaterThan(40);
  });

  it("never shows a birth date, which beside the masked number's first and last four digits would rebuild it", async () => {
    const w = (await ck.get(`/api/labor/workers/${mine.id}`)).json();
    expect(Object.keys(w)).not.toContain('birthDate');
    expect(JSON.stringify(w)).not.toContain(ID.slice(6, 14));
    expect(w.idNumberMasked).toBe(`5002**********${ID.slice(-4)}`);
  });

  it('keeps the clear values out of the database columns other than the ciphertexts', async () => {
    const row = await t.platform.handle.db.selectFrom('labor_workers').selectAll().where('id', '=', mine.id).executeTakeFirstOrThrow();
    const text = JSON.stringify(row);
    for (const clear of [ID, PHONE, NAME]) expect(text).not.toContain(clear);
    expect(row.id_enc.startsWith('v1.')).toBe(true);
  });

  it('in the import report and in the stored pending rows', async () => {
    const id = freshId();
    const buf = await sheet(['身份证号', '姓名', '手机号', '户籍区划代码'], [[id, '令狐测试', '13944443333', '500229106']]);
    const res = await ck.request('POST', '/api/imports/labor_workers?fileName=roll.xlsx', buf, { 'content-type': XLSX_MIME });
    expect(res.statusCode).toBe(201);
    expectNoPii(res.body, people, ['令狐测试']);
    expect(res.json().preview[0]).toMatchObject({ name: '令***', idNumber: `5002**********${id.slice(-4)}`, phone: '139****3333' });
    const job = await t.platform.handle.db.selectFrom('import_jobs').select('rows').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    for (const clear of [id, '13944443333', '令狐测试']) expect(JSON.stringify(job.rows)).not.toContain(clear);
  });
});

describe('POST /api/labor/workers/:id/reveal', () => {
  it('gives the caseworker the clear ID number, phone and name, each with an audit row', async () => {
    const before = await t.auditCount({ action: 'pii.reveal', entityId: mine.id });
    for (const [field, value] of [
      ['idNumber', ID],
      ['phone', PHONE],
      ['name', NAME],
    ] as const) {
      const res = await ck.post(`/api/labor/workers/${mine.id}/reveal`, { field });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ field, value });
    }
    expect(await t.auditCount({ action: 'pii.reveal', entityId: mine.id })).toBe(before + 3);
    const rows = await t.platform.handle.db
      .selectFrom('audit_log')
      .select(['after', 'actor_name', 'org_id'])
      .where('action', '=', 'pii.reveal')
      .where('entity_id', '=', mine.id)
      .orderBy('id')
      .execute();
    expect(rows.slice(-3).map((r) => r.after)).toEqual([
      { field: 'idNumber', via: 'owner' },
      { field: 'phone', via: 'owner' },
      { field: 'name', via: 'owner' },
    ]);
    expect(rows.at(-1)).toMatchObject({ actor_name: '刘助 (ck.caseworker)', org_id: await t.orgId(CK) });
  });

  it('answers 403 without labor.reveal, and writes no audit row', async () => {
    const before = await t.auditCount({ action: 'pii.reveal' });
    for (const c of [viewer, hr, await t.login('gear.admin')]) {
      const res = await c.post(`/api/labor/workers/${mine.id}/reveal`, { field: 'idNumber' });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(ID);
    }
    expect(await t.auditCount({ action: 'pii.reveal' })).toBe(before);
  });

  it('lets a partner reveal only a shared worker who consented, audited as a reveal through the share', async () => {
    const ok = await ly.post(`/api/labor/workers/${mine.id}/reveal`, { field: 'phone' });
    expect(ok.json()).toEqual({ field: 'phone', value: PHONE });
    const last = await t.platform.handle.db
      .selectFrom('audit_log')
      .select(['after', 'actor_name'])
      .where('action', '=', 'pii.reveal')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ after: { field: 'phone', via: 'share' }, actor_name: '韩协 (ly.officer)' });

    const before = await t.auditCount({ action: 'pii.reveal' });
    const noConsent = (await ly.get('/api/labor/workers?consent=false&pageSize=1')).json().items[0] as Worker;
    expect(noConsent).toMatchObject({ access: 'partner', idNumberMasked: null, phoneMasked: null });
    const refused = await ly.post(`/api/labor/workers/${noConsent.id}/reveal`, { field: 'idNumber' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('consent');
    const notShared = (await ck.post('/api/labor/workers', workerBody({ consentShare: true }))).json() as Worker;
    expect((await ly.post(`/api/labor/workers/${notShared.id}/reveal`, { field: 'idNumber' })).statusCode).toBe(403);
    expect(await t.auditCount({ action: 'pii.reveal' })).toBe(before);
  });

  it('answers 404 for an unknown worker and 400 for an unknown field', async () => {
    expect((await ck.post('/api/labor/workers/00000000-0000-4000-8000-000000000000/reveal', { field: 'idNumber' })).statusCode).toBe(404);
    expect((await ck.post(`/api/labor/workers/${mine.id}/reveal`, { field: 'birthDate' })).statusCode).toBe(400);
  });
});
