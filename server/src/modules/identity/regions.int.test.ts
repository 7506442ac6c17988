import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Region } from '@gearbridge/contracts/regions';
import { startTestApp, type Client, type TestApp } from '../../test/harness';

let t: TestApp;
let admin: Client; // platform admin: the only demo user with region.manage
let park: Client; // park officer: may browse, may not edit the tree
let gear: Client; // org admin of the gear plant

beforeAll(async () => {
  t = await startTestApp();
  [admin, park, gear] = await Promise.all([t.login('admin'), t.login('park.officer'), t.login('gear.admin')]);
});
afterAll(() => t?.close());

const children = async (c: Client, parent: string): Promise<Region[]> => (await c.get(`/api/regions?parent=${parent}`)).json();

describe('GET /api/regions', () => {
  it('answers 401 without a session', async () => {
    const res = await t.anonymous().get('/api/regions');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('lists the two provinces at the top level', async () => {
    const res = await gear.get('/api/regions');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      { code: '370000', parentCode: null, name: '山东省', level: 'province', fullName: '山东省' },
      { code: '500000', parentCode: null, name: '重庆市', level: 'province', fullName: '重庆市' },
    ]);
  });

  it('lists the towns of 城口县 with their full names', async () => {
    const towns = await children(park, '500229');
    expect(towns).toHaveLength(25);
    expect(towns.every((r) => r.parentCode === '500229' && r.level === 'town' && r.fullName.startsWith('重庆市 城口县 '))).toBe(true);
    expect(towns.find((r) => r.code === '500229106')).toEqual({ code: '500229106', parentCode: '500229', name: '修齐镇', level: 'town', fullName: '重庆市 城口县 修齐镇' });
    // Chongqing's placeholder city level (县) is not part of the written name.
    expect((await children(park, '500200')).map((r) => [r.code, r.fullName])).toEqual([['500229', '重庆市 城口县']]);
  });

  it('finds a division by part of its name or by code prefix', async () => {
    expect((await gear.get(`/api/regions?q=${encodeURIComponent('修齐')}`)).json()).toEqual([
      { code: '500229106', parentCode: '500229', name: '修齐镇', level: 'town', fullName: '重庆市 城口县 修齐镇' },
    ]);
    const byCode: Region[] = (await gear.get('/api/regions?q=3713')).json();
    expect(byCode[0]).toMatchObject({ code: '371300', name: '临沂市', level: 'city' });
    expect(byCode.every((r) => r.code.startsWith('3713'))).toBe(true);
    expect(byCode).toHaveLength(50); // a search answers at most 50
  });

  it('answers 400 for a malformed parent code', async () => {
    const res = await gear.get('/api/regions?parent=5002');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ parent: 'region code must be 6, 9 or 12 digits' });
  });
});

describe('POST /api/regions', () => {
  it('answers 401 without a session', async () => {
    const res = await t.anonymous().post('/api/regions', { code: '500229106201', name: '匿名村' });
    expect(res.statusCode).toBe(401);
  });

  it('lets the admin add a village under its town, with one audit row, and it appears as a child', async () => {
    const before = await t.auditCount({ action: 'region.create', entityId: '500229106201' });
    const res = await admin.post('/api/regions', { code: '500229106201', name: '修齐村' });
    expect(res.statusCode).toBe(201);
    const village = { code: '500229106201', parentCode: '500229106', name: '修齐村', level: 'village', fullName: '重庆市 城口县 修齐镇 修齐村' };
    expect(res.json()).toEqual(village);
    expect(await t.auditCount({ action: 'region.create', entityId: '500229106201' })).toBe(before + 1);
    const row = await t.platform.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'region.create')
      .where('entity_id', '=', '500229106201')
      .executeTakeFirstOrThrow();
    // The region tree belongs to no organisation: the row is the platform's.
    expect(row.org_id).toBeNull();
    expect(row.actor_name).toBe('平台管理员 (admin)');
    expect(await children(gear, '500229106')).toEqual([village]);
  });

  it('answers 409 when the code exists already, and writes nothing', async () => {
    const before = await t.auditCount();
    const res = await admin.post('/api/regions', { code: '500229106201', name: '另一个村' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual({ code: 'already exists' });
    // The web renders the keys in the person's language.
    expect(res.json().error).toMatchObject({ key: 'identity.region.exists', params: { code: '500229106201' }, fieldMessages: { code: { key: 'identity.region.exists_field' } } });
    expect(await t.auditCount()).toBe(before);
    expect((await children(admin, '500229106')).map((r) => r.name)).toEqual(['修齐村']);
  });

  it('answers 400 when the parent town does not exist, or for a bad code or name, and writes nothing', async () => {
    const before = await t.auditCount();
    const orphan = await admin.post('/api/regions', { code: '500229999001', name: '无镇村' });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().error.fields).toEqual({ code: 'parent region does not exist' });
    const badCode = await admin.post('/api/regions', { code: '50022910620', name: '十一位' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.fields).toEqual({ code: 'region code must be 6, 9 or 12 digits' });
    expect(badCode.json().error.fieldMessages).toEqual({ code: { key: 'identity.validation.region_code_format' } });
    const badName = await admin.post('/api/regions', { code: '500229106202', name: '  ' });
    expect(badName.statusCode).toBe(400);
    expect(Object.keys(badName.json().error.fields)).toEqual(['name']);
    expect(await t.auditCount()).toBe(before);
    expect((await admin.get('/api/regions?q=500229999')).json()).toEqual([]);
  });

  it('answers 403 for a user without region.manage, and writes nothing', async () => {
    const before = await t.auditCount();
    const res = await park.post('/api/regions', { code: '500110101201', name: '园区村' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('region.manage');
    expect((await gear.post('/api/regions', { code: '500110101202', name: '齿轮村' })).statusCode).toBe(403);
    expect(await t.auditCount()).toBe(before);
    expect(await children(admin, '500110101')).toEqual([]);
  });

  it('lets the admin add a county under its 6-digit city code', async () => {
    const res = await admin.post('/api/regions', { code: '500230', name: '丰都县' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ code: '500230', parentCode: '500200', name: '丰都县', level: 'county', fullName: '重庆市 丰都县' });
  });
});
