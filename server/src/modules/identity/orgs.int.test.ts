import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type Client, type TestApp } from '../../test/harness';

let t: TestApp;
let admin: Client;
let park: Client; // park officer, region 500110 (綦江区)
let gear: Client; // org admin of the gear plant
let linyi: Client; // collaboration officer, region 371300 (临沂市)

beforeAll(async () => {
  t = await startTestApp();
  [admin, park, gear, linyi] = await Promise.all([t.login('admin'), t.login('park.officer'), t.login('gear.admin'), t.login('ly.officer')]);
});
afterAll(() => t?.close());

describe('GET /api/orgs', () => {
  it('answers 401 without a session', async () => {
    const res = await t.anonymous().get('/api/orgs');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('shows a region-scoped officer only the organisations in the region subtree', async () => {
    const res = await park.get('/api/orgs?pageSize=100');
    expect(res.statusCode).toBe(200);
    const codes: string[] = res.json().items.map((o: { regionCode: string }) => o.regionCode);
    expect(codes.length).toBeGreaterThan(5);
    expect(codes.every((c) => c.startsWith('500110'))).toBe(true);
    const linyiCodes: string[] = (await linyi.get('/api/orgs?pageSize=100')).json().items.map((o: { regionCode: string }) => o.regionCode);
    expect(linyiCodes.length).toBeGreaterThan(3);
    expect(linyiCodes.every((c) => c.startsWith('3713'))).toBe(true);
  });

  it('shows an organisation admin only the own organisation', async () => {
    const res = await gear.get('/api/orgs?pageSize=100');
    expect(res.json().items.map((o: { name: string }) => o.name)).toEqual(['綦江齿轮传动有限公司']);
    expect(res.json().total).toBe(1);
  });

  it('filters by kind, region and text for the platform admin', async () => {
    const hospitals = (await admin.get('/api/orgs?kind=hospital&region=500229&pageSize=100')).json();
    expect(hospitals.items.map((o: { name: string }) => o.name).sort()).toEqual(['城口县中医院', '城口县人民医院']);
    const q = (await admin.get(`/api/orgs?q=${encodeURIComponent('齿轮')}`)).json();
    expect(q.items.map((o: { name: string }) => o.name).sort()).toEqual(['綦江齿轮传动有限公司', '赛之源齿轮']);
  });

  it('rejects a bad query with 400 and the field named', async () => {
    const res = await admin.get('/api/orgs?pageSize=100000&kind=castle');
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['kind', 'pageSize']);
  });
});

describe('GET /api/orgs/:id', () => {
  it('answers 403 for an organisation outside the scope and 404 for none', async () => {
    const chengkouHospital = await t.orgId('城口县人民医院');
    expect((await park.get(`/api/orgs/${chengkouHospital}`)).statusCode).toBe(403);
    expect((await gear.get(`/api/orgs/${chengkouHospital}`)).statusCode).toBe(403);
    expect((await admin.get(`/api/orgs/${chengkouHospital}`)).json().regionName).toBe('重庆市 城口县');
    expect((await admin.get('/api/orgs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await admin.get('/api/orgs/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('POST /api/orgs', () => {
  it("creates an organisation in the officer's region and writes one audit row with it", async () => {
    const before = await t.auditCount({ action: 'organisation.create' });
    const res = await park.post('/api/orgs', { name: '綦江测试齿轮厂', kind: 'enterprise', regionCode: '500110101', uscc: '91500110MA5U000001' });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({ name: '綦江测试齿轮厂', regionCode: '500110101', regionName: '重庆市 綦江区 南桐镇', uscc: '91500110MA5U000001' });
    expect(await t.auditCount({ action: 'organisation.create' })).toBe(before + 1);
    const row = await t.platform.handle.db.selectFrom('audit_log').selectAll().where('entity_id', '=', org.id).executeTakeFirstOrThrow();
    expect(row.actor_name).toContain('park.officer');
    expect((row.after as { name: string }).name).toBe('綦江测试齿轮厂');
  });

  it("answers 403 outside the officer's region, and for an org admin, and writes no audit row", async () => {
    const before = await t.auditCount();
    expect((await park.post('/api/orgs', { name: '城口某企业', kind: 'enterprise', regionCode: '500229' })).statusCode).toBe(403);
    expect((await gear.post('/api/orgs', { name: '另一家企业', kind: 'enterprise', regionCode: '500110' })).statusCode).toBe(403);
    expect(await t.auditCount()).toBe(before);
  });

  it('answers 400 with field errors for a bad body and writes nothing', async () => {
    const before = await t.auditCount();
    const res = await admin.post('/api/orgs', { name: '  ', kind: 'castle', regionCode: '5', uscc: 'short' });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['kind', 'name', 'regionCode', 'uscc']);
    expect(res.json().error.requestId).toBe(res.headers['x-request-id']);
    const unknownRegion = await admin.post('/api/orgs', { name: '无区划企业', kind: 'enterprise', regionCode: '999999' });
    expect(unknownRegion.statusCode).toBe(400);
    expect(unknownRegion.json().error.fields).toEqual({ regionCode: 'unknown region code' });
    expect(await t.auditCount()).toBe(before);
  });

  it('answers 409 for a duplicate name or credit code and writes nothing', async () => {
    const before = await t.auditCount();
    const dupName = await admin.post('/api/orgs', { name: '綦江齿轮传动有限公司', kind: 'enterprise', regionCode: '500110' });
    expect(dupName.statusCode).toBe(409);
    expect(dupName.json().error.fields).toEqual({ name: 'already taken' });
    const dupUscc = await admin.post('/api/orgs', { name: '全新名称', kind: 'enterprise', regionCode: '500110', uscc: '91500110MA5U000001' });
    expect(dupUscc.statusCode).toBe(409);
    expect(dupUscc.json().error.fields).toEqual({ uscc: 'already taken' });
    expect(await t.auditCount()).toBe(before);
  });

  it('answers 403 without the CSRF header and writes nothing', async () => {
    const before = await t.auditCount();
    const res = await admin.request('POST', '/api/orgs', { name: '无令牌企业', kind: 'enterprise', regionCode: '500110' }, { 'x-csrf-token': 'wrong' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/CSRF/);
    expect(await t.auditCount()).toBe(before);
  });
});

describe('PATCH /api/orgs/:id', () => {
  it('lets an org admin edit the own organisation, with before and after in the audit row', async () => {
    const id = await t.orgId('綦江齿轮传动有限公司');
    const res = await gear.patch(`/api/orgs/${id}`, { contactName: '周齿', address: '綦江区古南街道' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ contactName: '周齿', address: '綦江区古南街道' });
    const row = await t.platform.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'organisation.update').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect((row.before as { contactName: string | null }).contactName).toBeNull();
    expect((row.after as { contactName: string }).contactName).toBe('周齿');
  });

  it("answers 403 for another organisation and when moving one out of the officer's region", async () => {
    const other = await t.orgId('余扬汽配');
    expect((await gear.patch(`/api/orgs/${other}`, { contactName: 'x' })).statusCode).toBe(403);
    expect((await park.patch(`/api/orgs/${other}`, { regionCode: '500229' })).statusCode).toBe(403);
    expect((await park.patch(`/api/orgs/${other}`, { regionCode: '500110002' })).statusCode).toBe(200);
  });

  it("refuses an org admin changing the own organisation's region or kind, with a field error, and changes nothing", async () => {
    const id = await t.orgId('綦江齿轮传动有限公司');
    const move = await gear.patch(`/api/orgs/${id}`, { regionCode: '500229' });
    expect(move.statusCode).toBe(403);
    expect(move.json().error).toMatchObject({ key: 'identity.org.region_authority', fieldMessages: { regionCode: { key: 'identity.org.region_authority_field' } } });
    const rekind = await gear.patch(`/api/orgs/${id}`, { kind: 'hospital' });
    expect(rekind.statusCode).toBe(403);
    expect(rekind.json().error.fieldMessages).toEqual({ kind: { key: 'identity.org.region_authority_field' } });
    // Inside the own region too: the org admin's grant covers the organisation, not the region.
    expect((await gear.patch(`/api/orgs/${id}`, { regionCode: '500110101' })).statusCode).toBe(403);
    expect(await admin.get(`/api/orgs/${id}`).then((r) => r.json())).toMatchObject({ regionCode: '500110', kind: 'enterprise' });
    // Sending the current values is no change and stays allowed.
    expect((await gear.patch(`/api/orgs/${id}`, { regionCode: '500110', kind: 'enterprise', contactName: '周齿' })).statusCode).toBe(200);
  });

  it('lets the regional authority over both regions, and the platform admin, change region and kind', async () => {
    const id = await t.orgId('赛之源齿轮');
    const moved = await park.patch(`/api/orgs/${id}`, { regionCode: '500110101', kind: 'training_provider' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ regionCode: '500110101', kind: 'training_provider' });
    // Out of the officer's region: refused on the field.
    const out = await park.patch(`/api/orgs/${id}`, { regionCode: '371302' });
    expect(out.statusCode).toBe(403);
    expect(Object.keys(out.json().error.fieldMessages)).toEqual(['regionCode']);
    const back = await admin.patch(`/api/orgs/${id}`, { regionCode: '500110', kind: 'enterprise' });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ regionCode: '500110', kind: 'enterprise' });
  });

  it('answers 409 when renaming onto an existing name', async () => {
    const id = await t.orgId('余扬汽配');
    const res = await admin.patch(`/api/orgs/${id}`, { name: '荆江半轴' });
    expect(res.statusCode).toBe(409);
    expect((await admin.get(`/api/orgs/${id}`)).json().name).toBe('余扬汽配');
  });
});

describe('GET /api/orgs/export', () => {
  it("exports the caller's scope as an Excel sheet with Chinese headers", async () => {
    const res = await park.get('/api/orgs/export?lang=zh');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('名称');
    const names: string[] = [];
    ws.eachRow((row, n) => n > 1 && names.push(String(row.getCell(1).value)));
    expect(names).toContain('綦江齿轮传动有限公司');
    expect(names).not.toContain('城口县人民医院');
    expect(names.length).toBe((await park.get('/api/orgs?pageSize=500')).json().total);
  });
});

describe('GET /api/audit/export', () => {
  it('exports the audit trail of organisation changes, scoped like the audit page', async () => {
    const res = await admin.get('/api/audit/export?lang=en&entity=organisation&action=organisation.create');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(4).value).toBe('Action');
    const after: string[] = [];
    ws.eachRow((row, n) => n > 1 && after.push(String(row.getCell(8).value)));
    expect(after.some((a) => a.includes('綦江测试齿轮厂'))).toBe(true);
    expect((await gear.get('/api/audit/export')).statusCode).toBe(200);
    expect((await t.login('gear.operator').then((c) => c.get('/api/audit/export'))).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/audit/export')).statusCode).toBe(401);
  });
});
