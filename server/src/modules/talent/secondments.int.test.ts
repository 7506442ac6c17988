import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, Secondment } from '@gearbridge/contracts/talent';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { xlsxText } from '../../test/xlsx';
import { localDay } from '../../platform/time';
import { addDays, CK_DEPT, listAll, LY_HOSPITAL, personBody } from './test/kit';

/**
 * Secondments both ways: recorded by the person's own side, read by the partner, one term at a time per person
 * (refused with a field error by the service and, under the person's row lock, by the database's trigger), reports
 * during the term, and the officer's "ending within 30 days" list.
 */
let t: TestApp;
let ck: Client;
let ly: Client;
let gear: Client;
let cadre: Person;
let first: Secondment;

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly, gear] = await Promise.all([t.login('ck.talent'), t.login('ly.talent'), t.login('gear.operator')]);
  cadre = (
    await ck.post('/api/talent/people', personBody({ kind: 'cadre', sector: 'cadre', titleCode: null, unit: '城口县商务委员会', post: '副主任', orgId: await t.orgId(CK_DEPT) }))
  ).json();
});
afterAll(() => t?.close());

const term = (over: Record<string, unknown> = {}) => ({
  personId: cadre.id,
  hostUnit: '临沂市商务局',
  post: '副局长（挂职）',
  startsOn: '2025-03-01',
  endsOn: '2026-02-28',
  ...over,
});

describe('the secondment routes', () => {
  it('answer 401 without a session, 403 without the permission, 400 with field errors on bad input', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/talent/secondments')).statusCode).toBe(401);
    expect((await anon.post('/api/talent/secondments', term())).statusCode).toBe(401);
    expect((await gear.get('/api/talent/secondments')).statusCode).toBe(403);
    expect((await gear.post('/api/talent/secondments', term())).statusCode).toBe(403);
    const bad = await ck.post('/api/talent/secondments', term({ startsOn: '2025-02-30', post: '' }));
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['post', 'startsOn']);
    const backwards = await ck.post('/api/talent/secondments', term({ startsOn: '2025-03-01', endsOn: '2025-02-01' }));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fieldMessages.endsOn).toMatchObject({ key: 'talent.field.on_or_after', params: { date: '2025-03-01' } });
    const host = await ck.post('/api/talent/secondments', term({ hostOrgId: await t.orgId('城口县中医院') }));
    expect(host.statusCode).toBe(400);
    expect(host.json().error.fieldMessages.hostOrgId.key).toBe('talent.secondment.host_not_partner');
    expect((await ck.get('/api/talent/secondments?endingWithin=-1')).statusCode).toBe(400);
    expect((await ck.get(`/api/talent/secondments?personId=${cadre.id}`)).json().total).toBe(0);
  });
});

describe('a term', () => {
  it('is recorded by the own side, going west to east, and audited', async () => {
    const res = await ck.post('/api/talent/secondments', term({ hostOrgId: await t.orgId('中共临沂市委组织部') }));
    expect(res.statusCode).toBe(201);
    first = res.json();
    expect(first).toMatchObject({ personName: cadre.name, direction: 'west_to_east', side: 'west', access: 'own', state: 'ended', reportCount: 0 });
    expect(await t.auditCount({ action: 'talent.secondment.create', entityId: first.id })).toBe(1);
  });

  it('refuses an overlapping term for the same person with the other term on the date fields', async () => {
    const before = await t.auditCount({ action: 'talent.secondment.create' });
    const res = await ck.post('/api/talent/secondments', term({ startsOn: '2026-02-28', endsOn: '2026-08-31' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      key: 'talent.secondment.overlap',
      params: { startsOn: '2025-03-01', endsOn: '2026-02-28' },
      fieldMessages: { startsOn: { key: 'talent.secondment.field_overlap' }, endsOn: { key: 'talent.secondment.field_overlap' } },
    });
    // A term inside, and one around, are refused as well; the day after the end is free.
    expect((await ck.post('/api/talent/secondments', term({ startsOn: '2025-06-01', endsOn: '2025-06-30' }))).statusCode).toBe(409);
    expect((await ck.post('/api/talent/secondments', term({ startsOn: '2024-01-01', endsOn: '2027-01-01' }))).statusCode).toBe(409);
    expect(await t.auditCount({ action: 'talent.secondment.create' })).toBe(before);
    const next = await ck.post('/api/talent/secondments', term({ startsOn: '2026-03-01', endsOn: '2026-08-31' }));
    expect(next.statusCode).toBe(201);
    // Moving the second term back over the first is refused too.
    const moved = await ck.patch(`/api/talent/secondments/${next.json().id}`, { startsOn: '2026-01-01' });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().error.fieldMessages.startsOn.params).toEqual({ startsOn: '2025-03-01', endsOn: '2026-02-28' });
  });

  it('is refused by the database itself when two requests race (the trigger under the row lock)', async () => {
    const racer: Person = (await ck.post('/api/talent/people', personBody({ kind: 'cadre', sector: 'cadre', titleCode: null, orgId: await t.orgId(CK_DEPT) }))).json();
    const results = await Promise.all([0, 1, 2].map((i) => ck.post('/api/talent/secondments', { ...term({ personId: racer.id }), post: `岗位${i}` })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    // And directly, bypassing the service: the trigger's exclusion_violation.
    const db = t.platform.handle.db;
    await expect(
      db
        .insertInto('talent_secondments' as never)
        .values({ person_id: racer.id, org_id: racer.orgId, direction: 'west_to_east', host_unit: 'x', post: 'y', starts_on: '2025-05-01', ends_on: '2025-05-02' } as never)
        .execute(),
    ).rejects.toMatchObject({ code: '23P01' });
  });

  it('is read by the partner but changed only by the own side', async () => {
    const seen = await ly.get(`/api/talent/secondments/${first.id}`);
    expect(seen.json()).toMatchObject({ id: first.id, access: 'partner' });
    const edit = await ly.patch(`/api/talent/secondments/${first.id}`, { post: '改' });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error.key).toBe('talent.person.partner_read_only');
    expect((await ly.post('/api/talent/secondments', term({ startsOn: '2030-01-01', endsOn: '2030-06-30' }))).statusCode).toBe(403);
    const ok = await ck.patch(`/api/talent/secondments/${first.id}`, { post: '副局长（挂职一年）' });
    expect(ok.json().post).toBe('副局长（挂职一年）');
    expect(await t.auditCount({ action: 'talent.secondment.update', entityId: first.id })).toBe(1);
  });

  it('takes reports from the sending side and the host unit, refuses a report before the term and one from an outsider', async () => {
    const res = await ck.post(`/api/talent/secondments/${first.id}/reports`, { reportedOn: '2025-06-30', kind: 'quarterly', summary: '第二季度挂职工作小结' });
    expect(res.statusCode).toBe(201);
    expect((await ck.post(`/api/talent/secondments/${first.id}/reports`, { reportedOn: '2025-01-01', kind: 'monthly', summary: '早于挂职' })).statusCode).toBe(400);
    expect((await ck.post(`/api/talent/secondments/${first.id}/reports`, { reportedOn: '2025-07-01', kind: 'weekly', summary: '' })).statusCode).toBe(400);
    // The host unit (Linyi's organisation department) reports too; a Linyi hospital, no party to the term, may not.
    expect((await ly.post(`/api/talent/secondments/${first.id}/reports`, { reportedOn: '2025-07-01', kind: 'monthly', summary: '接收单位评价' })).statusCode).toBe(201);
    const lyHospital = await t.login('ly.hospital');
    expect((await lyHospital.post(`/api/talent/secondments/${first.id}/reports`, { reportedOn: '2025-07-02', kind: 'monthly', summary: '非当事方' })).statusCode).toBe(403);
    expect((await t.anonymous().get(`/api/talent/secondments/${first.id}/reports`)).statusCode).toBe(401);
    const reports = (await ly.get(`/api/talent/secondments/${first.id}/reports`)).json();
    expect(reports.map((r: { summary: string }) => r.summary)).toEqual(['第二季度挂职工作小结', '接收单位评价']);
    expect((await ck.get(`/api/talent/secondments/${first.id}`)).json().reportCount).toBe(2);
    // The reports as Excel, for either side.
    const xlsx = await ly.get(`/api/talent/secondments/${first.id}/reports/export`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsxText(xlsx.rawPayload)).toContain('接收单位评价');
  });
});

describe('terms ending within 30 days', () => {
  it('are the terms under way whose end is at most 30 days away, soonest first', async () => {
    const today = localDay();
    const all = await listAll<Secondment>(ly, '/api/talent/secondments');
    const expected = all.filter((s) => s.startsOn <= today && s.endsOn >= today && s.endsOn <= addDays(today, 30)).sort((a, b) => a.endsOn.localeCompare(b.endsOn));
    expect(expected.length).toBeGreaterThanOrEqual(2); // the demo's two Linyi experts
    const listed: Secondment[] = (await ly.get('/api/talent/secondments?endingWithin=30')).json().items;
    expect(listed.map((s) => s.id)).toEqual(expected.map((s) => s.id));
    expect(listed.every((s) => s.state === 'active' && s.daysLeft >= 0 && s.daysLeft <= 30)).toBe(true);
    // Their people show the term under way, from the records.
    for (const s of listed) expect((await ly.get(`/api/talent/people/${s.personId}`)).json().onTermUntil).toBe(s.endsOn);
    expect((await ck.get(`/api/talent/people/${cadre.id}`)).json().onTermUntil).toBeNull(); // terms of 2025 and past
    expect(listed.some((s) => s.hostUnit.length > 0 && s.direction === 'east_to_west')).toBe(true);
    // The export of that view has the same terms.
    const sheet = xlsxText((await ly.get('/api/talent/secondments/export?endingWithin=30&lang=zh')).rawPayload);
    for (const s of listed) expect(sheet).toContain(s.endsOn);
    expect(sheet).toContain('临沂 → 城口');
  });

  it('shows a hospital its own experts and what the partner side sends it', async () => {
    const hospital = await t.login('ly.hospital'); // 临沂市肿瘤医院's administrator
    const items = await listAll<Secondment>(hospital, '/api/talent/secondments');
    const own = items.filter((s) => s.access === 'own');
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((s) => s.homeOrgName))).toEqual(new Set(['临沂市肿瘤医院']));
    expect(items.some((s) => s.homeOrgName === LY_HOSPITAL)).toBe(false);
  });
});
