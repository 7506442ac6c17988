import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingClass, WelfarePost, WorkshopDetail } from '@gearbridge/contracts/labor';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { CK, PINGYI, userWith } from '../test/kit';
import { localDay } from '../../../platform/time';

/**
 * Editing a training class, a workshop and a public-welfare post (PATCH): labor.manage over the keeping bureau, an
 * audit row with before and after in the same transaction, and bad input answered 400 naming the fields with
 * nothing changed and nothing audited.
 */
let t: TestApp;
let ck: Client;
let reader: Client;
let py: Client;
const day = (offset: number) => localDay(Date.now() + offset * 86_400_000);

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('admin');
  ck = await t.login('ck.caseworker');
  // Reads the bureau's records (labor.read over its own organisation) but may not change them.
  reader = await userWith(t, admin, { username: 'ck.reader', org: CK, role: 'collaboration_officer' });
  py = await userWith(t, admin, { username: 'py.caseworker', org: PINGYI, role: 'labour_caseworker', region: '371326' });
});
afterAll(() => t?.close());

const auditRows = (entityId: string, action: string) =>
  t.platform.handle.db.selectFrom('audit_log').select(['before', 'after']).where('entity_id', '=', entityId).where('action', '=', action).execute();

/** Runs the cases every PATCH must meet, over one record. */
async function editRules<T extends { id: string; updatedAt: string }>(o: {
  path: string;
  action: string;
  record: T;
  good: Record<string, unknown>;
  changed: Partial<T>;
  bad: { body: Record<string, unknown>; fields: string[] }[];
}) {
  const url = `${o.path}/${o.record.id}`;
  const before = (await ck.get(url)).json();
  for (const c of [reader, py]) {
    expect((await c.patch(url, o.good)).statusCode).toBe(403);
  }
  expect((await t.anonymous().patch(url, o.good)).statusCode).toBe(401);
  for (const b of o.bad) {
    const res = await ck.patch(url, b.body);
    expect(res.statusCode, JSON.stringify(b.body)).toBe(400);
    expect(Object.keys(res.json().error.fields ?? {}).sort()).toEqual([...b.fields].sort());
  }
  expect((await ck.get(url)).json()).toEqual(before);
  expect(await auditRows(o.record.id, o.action)).toEqual([]);

  const res = await ck.patch(url, o.good);
  expect(res.statusCode).toBe(200);
  const after = res.json();
  expect(after).toMatchObject(o.changed);
  expect((await reader.get(url)).json()).toMatchObject(o.changed);
  const audit = await auditRows(o.record.id, o.action);
  expect(audit).toHaveLength(1);
  expect(audit[0].before).toMatchObject({ id: o.record.id, updatedAt: before.updatedAt });
  expect(audit[0].after).toMatchObject(o.changed);
  return after as T;
}

describe('editing support programmes', () => {
  it('a training class: name, provider, dates, place, capacity', async () => {
    const created = await ck.post('/api/labor/training/classes', {
      title: '电工培训班',
      occupationCode: '6-29-01-01',
      providerName: '城口县巴山职业培训学校',
      startsOn: day(5),
      endsOn: day(30),
      capacity: 20,
    });
    expect(created.statusCode).toBe(201);
    const cls: TrainingClass = created.json();
    const provider = await t.orgId('城口县职业教育中心');
    const after = await editRules({
      path: '/api/labor/training/classes',
      action: 'labor.training.class_update',
      record: cls,
      good: { title: '电工（低压）培训班', providerOrgId: provider, providerName: null, startsOn: day(7), endsOn: day(40), place: '葛城街道', capacity: 25 },
      changed: { title: '电工（低压）培训班', providerOrgId: provider, providerName: '城口县职业教育中心', startsOn: day(7), endsOn: day(40), place: '葛城街道', capacity: 25 },
      bad: [
        { body: { title: '' }, fields: ['title'] },
        { body: { capacity: 0, startsOn: 'soon' }, fields: ['capacity', 'startsOn'] },
        { body: { endsOn: day(1) }, fields: ['endsOn'] },
        { body: { occupationCode: '9-99-99-99', providerOrgId: await t.orgId('綦江齿轮传动有限公司') }, fields: ['occupationCode', 'providerOrgId'] },
        { body: { providerOrgId: null, providerName: null }, fields: ['providerName'] },
      ],
    });
    // Back to a provider by name: the organisation is cleared.
    expect((await ck.patch(`/api/labor/training/classes/${after.id}`, { providerOrgId: null, providerName: '城口县巴山职业培训学校' })).json()).toMatchObject({
      providerOrgId: null,
      providerName: '城口县巴山职业培训学校',
    });
  });

  it('a workshop: name, enterprise, region, products, recognition date', async () => {
    const created = await ck.post('/api/labor/workshops', { name: '示例竹编帮扶车间', enterpriseName: '城口示例竹编合作社', regionCode: '500229106', products: '竹编' });
    expect(created.statusCode).toBe(201);
    const s: WorkshopDetail = created.json();
    await editRules({
      path: '/api/labor/workshops',
      action: 'labor.workshop.update',
      record: s,
      good: { name: '示例竹编就业帮扶车间', enterpriseName: '城口示例竹艺有限公司', products: '竹编、竹艺家具', recognisedOn: day(-3), address: '示例路 1 号' },
      changed: { name: '示例竹编就业帮扶车间', enterpriseName: '城口示例竹艺有限公司', products: '竹编、竹艺家具', recognisedOn: day(-3), address: '示例路 1 号' },
      bad: [
        { body: { name: '   ' }, fields: ['name'] },
        { body: { regionCode: '999999' }, fields: ['regionCode'] },
        { body: { recognisedOn: '2026-02-30x' }, fields: ['recognisedOn'] },
      ],
    });
  });

  it('a public-welfare post: post, unit, funding, term, subsidy', async () => {
    const created = await ck.post('/api/labor/welfare-posts', {
      postName: '示例护林员',
      regionCode: '500229106',
      fundingSource: '东西部协作资金',
      termFrom: day(-10),
      termTo: day(300),
      monthlySubsidy: 800,
    });
    expect(created.statusCode).toBe(201);
    const p: WelfarePost = created.json();
    await editRules({
      path: '/api/labor/welfare-posts',
      action: 'labor.welfare_post.update',
      record: p,
      good: { postName: '示例生态护林员', unitName: '示例林业站', fundingSource: '县级财政', termTo: day(355), monthlySubsidy: 1000, note: '按月考核' },
      changed: { postName: '示例生态护林员', unitName: '示例林业站', fundingSource: '县级财政', termTo: day(355), monthlySubsidy: 1000, note: '按月考核' },
      bad: [
        { body: { monthlySubsidy: -1 }, fields: ['monthlySubsidy'] },
        { body: { termTo: day(-20) }, fields: ['termTo'] },
        { body: { regionCode: '999999', termFrom: day(400) }, fields: ['regionCode', 'termTo'] },
        { body: { holderWorkerId: '00000000-0000-4000-8000-000000000000' }, fields: ['holderWorkerId'] },
      ],
    });
  });
});
