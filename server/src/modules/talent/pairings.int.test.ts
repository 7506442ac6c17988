import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pairing } from '@gearbridge/contracts/talent';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { xlsxText } from '../../test/xlsx';
import { listAll } from './test/kit';

/** Institution pairings (结对共建): either institution's side records and extends them; the partner reads them. */
let t: TestApp;
let ck: Client;
let ly: Client;
let ckSchool: Client;
let gear: Client;

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly, ckSchool, gear] = await Promise.all([t.login('ck.talent'), t.login('ly.talent'), t.login('ck.school'), t.login('gear.operator')]);
});
afterAll(() => t?.close());

describe('the pairings', () => {
  it('of the demo are the article’s: 中心医院 ↔ 人民医院, 中医院 ↔ 中医院 and the schools, each with its agreement', async () => {
    const items = await listAll<Pairing>(ly, '/api/talent/pairings');
    const names = items.map((p) => `${p.eastOrgName}↔${p.westOrgName}`);
    expect(names).toEqual(expect.arrayContaining(['临沂市中心医院↔城口县人民医院', '临沂市中医医院↔城口县中医院', '临沂市特殊教育中心↔城口县特殊教育学校']));
    expect(items.every((p) => p.agreements.length === 1 && p.editable)).toBe(true);
    expect((await ly.get('/api/talent/pairings?kind=hospital')).json().total).toBe(2);
    const sheet = xlsxText((await ly.get('/api/talent/pairings/export?kind=hospital')).rawPayload);
    expect(sheet).toContain('临沂市中心医院与城口县人民医院结对共建协议');
    expect(sheet).not.toContain('特殊教育');
  });

  it('answer 401, 403 and 400 as they should and write nothing then', async () => {
    const body = { kind: 'school', westOrgId: await t.orgId('城口县职业教育中心'), eastOrgId: await t.orgId('临沂第一中学'), startedOn: '2019-09-01' };
    expect((await t.anonymous().get('/api/talent/pairings')).statusCode).toBe(401);
    expect((await t.anonymous().post('/api/talent/pairings', body)).statusCode).toBe(401);
    expect((await gear.get('/api/talent/pairings')).statusCode).toBe(403);
    expect((await gear.post('/api/talent/pairings', body)).statusCode).toBe(403);
    expect((await ck.post('/api/talent/pairings', { ...body, startedOn: 'soon' })).statusCode).toBe(400);
    // West and east swapped, and a hospital paired as a school.
    const swapped = await ck.post('/api/talent/pairings', { ...body, westOrgId: body.eastOrgId, eastOrgId: body.westOrgId });
    expect(swapped.statusCode).toBe(400);
    expect(Object.keys(swapped.json().error.fieldMessages).sort()).toEqual(['eastOrgId', 'westOrgId']);
    const kind = await ck.post('/api/talent/pairings', { ...body, eastOrgId: await t.orgId('临沂市中心医院') });
    expect(kind.json().error.fieldMessages.eastOrgId).toMatchObject({ key: 'talent.pairing.kind_mismatch', params: { kind: 'school' } });
    // A school administrator pairs only its own school.
    expect((await ckSchool.post('/api/talent/pairings', body)).statusCode).toBe(403);
    expect(await t.auditCount({ action: 'talent.pairing.create' })).toBe(0);
  });

  it('are recorded by either side, once, and extended with agreements by either institution', async () => {
    const body = { kind: 'school', westOrgId: await t.orgId('重庆师范大学附属城口实验中学'), eastOrgId: await t.orgId('山东临沂电子科技学校'), startedOn: '2019-09-01' };
    const res = await ckSchool.post('/api/talent/pairings', body);
    expect(res.statusCode).toBe(201);
    const p: Pairing = res.json();
    expect(p).toMatchObject({ westOrgName: '重庆师范大学附属城口实验中学', editable: true, agreements: [], activityCount: 0 });
    const again = await ly.post('/api/talent/pairings', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fieldMessages.eastOrgId.key).toBe('talent.pairing.field_duplicate');
    const agreement = { title: '青年教师培养协议', signedOn: '2019-09-01', startsOn: '2019-09-01', endsOn: '2021-08-31' };
    expect((await ly.post(`/api/talent/pairings/${p.id}/agreements`, { ...agreement, endsOn: '2019-01-01' })).statusCode).toBe(400);
    const withAgreement = await ly.post(`/api/talent/pairings/${p.id}/agreements`, agreement);
    expect(withAgreement.statusCode).toBe(201);
    expect(withAgreement.json().agreements).toMatchObject([{ title: '青年教师培养协议', endsOn: '2021-08-31', documentName: null }]);
    // Another Linyi school's administrator is no party to it.
    const lySchool = await t.login('ly.school');
    expect((await lySchool.get(`/api/talent/pairings/${p.id}`)).json().editable).toBe(false);
    expect((await lySchool.post(`/api/talent/pairings/${p.id}/agreements`, agreement)).statusCode).toBe(403);
    expect(await t.auditCount({ action: 'talent.pairing.agreement', entityId: p.id })).toBe(1);
  });
});

describe('the partnership', () => {
  it('is 临沂市 ↔ 城口县 with 平邑县 within it, by region codes, with its named programmes', async () => {
    const pairs = (await ck.get('/api/talent/partnerships')).json();
    expect(pairs.map((p: { westRegionCode: string; eastRegionCode: string }) => `${p.westRegionCode}-${p.eastRegionCode}`)).toEqual(['500229-371300', '500229-371326']);
    expect(pairs[0]).toMatchObject({ westRegionName: '城口县', eastRegionName: '临沂市', parentId: null });
    expect(pairs[1].parentId).toBe(pairs[0].id);
    const programmes = (await ly.get('/api/talent/programmes')).json().map((p: { name: string }) => p.name);
    expect(programmes).toEqual(expect.arrayContaining(['沂蒙专家智力扶贫工程', '重师大城口中青蓝工程']));
  });
});
