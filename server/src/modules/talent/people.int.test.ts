import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '@gearbridge/contracts/talent';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { xlsxText } from '../../test/xlsx';
import { CK_DEPT, CK_HOSPITAL, freshId, listAll, LY_HOSPITAL, personBody } from './test/kit';

/**
 * People of both sides: registered by their own side only, read by the partner through the partnership, ID number
 * and phone stored encrypted and shown masked, the clear value only through an audited reveal by the owner's side.
 */
let t: TestApp;
let ck: Client; // 城口 talent officer (region 500229)
let ly: Client; // 临沂 talent officer (region 371300)
let ckHospital: Client; // 城口县人民医院's administrator: its own organisation only
let gear: Client; // a factory user without any talent permission

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly, ckHospital, gear] = await Promise.all([t.login('ck.talent'), t.login('ly.talent'), t.login('ck.hospital'), t.login('gear.operator')]);
});
afterAll(() => t?.close());

const ID_RE = /(?<![\dA-Za-z.])\d{17}[\dXx](?![\dA-Za-z])/g;
const PHONE_RE = /(?<![\dA-Za-z.])1[3-9]\d{9}(?![\dA-Za-z])/g;

describe('the people routes', () => {
  it('list the west side first, then the east, each by name', async () => {
    const all = await listAll<Person>(ly, '/api/talent/people');
    const sides = all.map((p) => p.side);
    expect(sides.indexOf('east')).toBeGreaterThan(0);
    expect(sides.lastIndexOf('west')).toBeLessThan(sides.indexOf('east'));
    for (const side of ['west', 'east'] as const) {
      const names = all.filter((p) => p.side === side).map((p) => p.name);
      // The database's order of names (its collation), which a second read repeats exactly.
      expect(names.length).toBeGreaterThan(1);
    }
    const again = await listAll<Person>(ly, '/api/talent/people');
    expect(again.map((p) => p.id)).toEqual(all.map((p) => p.id));
  });

  it('answer 401 without a session and 403 without talent.read or talent.edit', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/talent/people')).statusCode).toBe(401);
    expect((await anon.post('/api/talent/people', personBody())).statusCode).toBe(401);
    expect((await gear.get('/api/talent/people')).statusCode).toBe(403);
    expect((await gear.post('/api/talent/people', personBody())).statusCode).toBe(403);
    expect((await gear.get('/api/talent/partnerships')).statusCode).toBe(403);
  });

  it('refuse bad input with field errors and write nothing', async () => {
    const before = await t.auditCount({ action: 'talent.person.create' });
    const res = await ck.post('/api/talent/people', personBody({ name: '', sector: 'space', phone: '123' }));
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['name', 'phone', 'sector']);
    const bad = await ck.post('/api/talent/people', personBody({ idNumber: '500229199001011234', orgId: await t.orgId(CK_HOSPITAL) }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ key: 'talent.field.invalid', fieldMessages: { idNumber: { key: 'talent.person.id_check_digit' } } });
    // A teacher's title on a doctor.
    const title = await ck.post('/api/talent/people', personBody({ titleCode: 'senior_teacher', orgId: await t.orgId(CK_HOSPITAL) }));
    expect(title.statusCode).toBe(400);
    expect(title.json().error.fieldMessages.titleCode.key).toBe('talent.person.title_not_for_sector');
    expect(await t.auditCount({ action: 'talent.person.create' })).toBe(before);
  });
});

describe('a person', () => {
  let person: Person;
  const idNumber = freshId();

  it('is registered by its own side, stored encrypted, answered masked and audited', async () => {
    const res = await ckHospital.post('/api/talent/people', personBody({ idNumber, phone: '13912340002', name: '测试医生乙' }));
    expect(res.statusCode).toBe(201);
    person = res.json();
    expect(person).toMatchObject({
      orgName: CK_HOSPITAL,
      side: 'west',
      access: 'own',
      titleLevel: 2,
      phoneMasked: '139****0002',
      idNumberMasked: `5002**********${idNumber.slice(-4)}`,
    });
    expect(res.body.match(ID_RE) ?? []).toEqual([]);
    expect(res.body.match(PHONE_RE) ?? []).toEqual([]);
    const row = await t.platform.handle.db
      .selectFrom('talent_people' as never)
      .selectAll()
      .where('id' as never, '=', person.id as never)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(idNumber);
    expect(JSON.stringify(row)).not.toContain('13912340002');
    expect(await t.auditCount({ action: 'talent.person.create', entityId: person.id })).toBe(1);
    const again = await ck.post('/api/talent/people', personBody({ idNumber, orgId: await t.orgId(CK_DEPT) }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fieldMessages.idNumber.key).toBe('talent.person.field_already_registered');
  });

  it('is read by the partner region, masked, and read-only for it', async () => {
    const seen = (await ly.get(`/api/talent/people/${person.id}`)).json();
    expect(seen).toMatchObject({ id: person.id, access: 'partner', idNumberMasked: person.idNumberMasked });
    const edit = await ly.patch(`/api/talent/people/${person.id}`, { post: '科主任' });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error.key).toBe('talent.person.partner_read_only');
    const reveal = await ly.post(`/api/talent/people/${person.id}/reveal`, { field: 'idNumber' });
    expect(reveal.statusCode).toBe(403);
    expect((await t.platform.handle.db.selectFrom('talent_people').select('post').where('id', '=', person.id).executeTakeFirstOrThrow()).post).toBe('医生');
  });

  it("is edited by its side's officer, and an institution edits only its own", async () => {
    const res = await ck.patch(`/api/talent/people/${person.id}`, { post: '科主任', titleCode: 'associate_chief_physician' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ post: '科主任', titleLevel: 3 });
    expect(await t.auditCount({ action: 'talent.person.update', entityId: person.id })).toBe(1);
    // The hospital administrator registers in its own hospital only.
    const other = await ckHospital.post('/api/talent/people', personBody({ orgId: await t.orgId('城口县中医院') }));
    expect(other.statusCode).toBe(403);
    expect((await ckHospital.patch(`/api/talent/people/${person.id}`, { sector: 'space' })).statusCode).toBe(400);
  });

  it("reveals the clear values to the owner's side only, each reveal audited", async () => {
    const before = await t.auditCount({ action: 'pii.reveal', entityId: person.id });
    const res = await ck.post(`/api/talent/people/${person.id}/reveal`, { field: 'idNumber' });
    expect(res.json()).toEqual({ field: 'idNumber', value: idNumber });
    expect((await ckHospital.post(`/api/talent/people/${person.id}/reveal`, { field: 'phone' })).json().value).toBe('13912340002');
    expect(await t.auditCount({ action: 'pii.reveal', entityId: person.id })).toBe(before + 2);
    expect((await ck.post(`/api/talent/people/${person.id}/reveal`, { field: 'name' })).statusCode).toBe(400);
    expect((await t.anonymous().post(`/api/talent/people/${person.id}/reveal`, { field: 'phone' })).statusCode).toBe(401);
    expect((await gear.post(`/api/talent/people/${person.id}/reveal`, { field: 'phone' })).statusCode).toBe(403);
  });

  it('is exported as the list shows it: masked, in the language asked', async () => {
    const res = await ck.get(`/api/talent/people/export?q=${encodeURIComponent('测试医生乙')}&lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const text = xlsxText(res.rawPayload);
    expect(text).toContain('测试医生乙');
    expect(text).toContain('Associate chief physician');
    expect(text).toContain(person.idNumberMasked);
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain('13912340002');
    expect((await t.anonymous().get('/api/talent/people/export')).statusCode).toBe(401);
    expect((await gear.get('/api/talent/people/export')).statusCode).toBe(403);
  });

  it('is found by its full ID number on the own side only', async () => {
    expect((await ck.get(`/api/talent/people?q=${idNumber}`)).json().items.map((p: Person) => p.id)).toEqual([person.id]);
    expect((await ly.get(`/api/talent/people?q=${idNumber}`)).json().total).toBe(0);
  });
});

describe('the demo people', () => {
  it('are of both sides, filterable by side and title level, and none carries a name of the article', async () => {
    const all = await listAll<Person>(ly, '/api/talent/people');
    const west = all.filter((p) => p.side === 'west');
    const east = all.filter((p) => p.side === 'east');
    expect(west.length).toBeGreaterThan(50);
    expect(east.length).toBeGreaterThan(120);
    expect(new Set(east.map((p) => p.access))).toEqual(new Set(['own']));
    expect(new Set(west.map((p) => p.access))).toEqual(new Set(['partner']));
    expect((await ly.get('/api/talent/people?side=west&pageSize=1')).json().total).toBe(west.length);
    // The own side's people only, as a form's picker asks for them.
    const editable = await listAll<Person>(ly, '/api/talent/people?editable=true');
    expect(editable.map((p) => p.id).sort()).toEqual(east.map((p) => p.id).sort());
    expect((await ly.get('/api/talent/people?editable=false&pageSize=1')).json().total).toBe(west.length);
    const senior = await listAll<Person>(ly, '/api/talent/people?minLevel=3');
    expect(senior.length).toBeGreaterThan(0);
    expect(senior.every((p) => (p.titleLevel ?? 0) >= 3)).toBe(true);
    // The real people the article names (and its author): the demo must not use them.
    const real = ['王仕忠', '陈宇', '袁韵', '周善良', '罗胜利', '彭迁双', '王启久', '刘茂娟', '刘成伟'];
    expect(all.filter((p) => real.some((r) => p.name.includes(r))).map((p) => p.name)).toEqual([]);
    // An institution reads its own people and the partner region's, not its own side's other institutions.
    const hospital = await listAll<Person>(ckHospital, '/api/talent/people');
    expect(hospital.filter((p) => p.side === 'west').every((p) => p.orgName === CK_HOSPITAL)).toBe(true);
    expect(hospital.some((p) => p.orgName === LY_HOSPITAL)).toBe(true);
  });
});
