import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllocationDetail, Posting, PostingRecommendation, Worker, WorkerRecommendation } from '@gearbridge/contracts/labor';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { makeIdNumber } from '@gearbridge/contracts/pii';
import { CK, LY, PINGYI, userWith, workerBody } from '../test/kit';
import { localDay } from '../../../platform/time';

/**
 * Matching over the database: recommendations both ways limited to what the user may see, and job-fair batch
 * allocations drafted by the engine, reviewed and adjusted, then confirmed into referrals in one transaction — or
 * refused with 409, changing nothing, when the draft went stale.
 */
let t: TestApp;
let ck: Client;
let ly: Client;
let hr: Client;
let py: Client; // a caseworker of 平邑县: another county
let op: Client; // gear.operator: no labour permission at all
const today = localDay();
const in60 = localDay(Date.now() + 60 * 86_400_000);
const NONE = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly, hr, op] = await Promise.all([t.login('ck.caseworker'), t.login('ly.officer'), t.login('yuyang.hr'), t.login('gear.operator')]);
  py = await userWith(t, await t.login('admin'), { username: 'py.caseworker', org: PINGYI, role: 'labour_caseworker', region: '371326' });
});
afterAll(() => t?.close());

const newWorker = async (over: Record<string, unknown> = {}): Promise<Worker> => {
  const res = await ck.post('/api/labor/workers', workerBody(over));
  expect(res.statusCode).toBe(201);
  return res.json();
};
/** A Linyi posting for a CNC lathe operator (6-18-01-01, 371302), shared with Chengkou unless `share` is false. */
async function posting(over: Record<string, unknown> = {}, share = true): Promise<Posting> {
  const res = await ly.post('/api/labor/postings', {
    orgId: await t.orgId('临沂沂州精工机械有限公司'),
    title: '数控车工',
    occupationCode: '6-18-01-01',
    headcount: 2,
    wageMin: 5000,
    wageMax: 7000,
    workRegionCode: '371302',
    housing: true,
    validFrom: today,
    validTo: in60,
    ...over,
  });
  expect(res.statusCode).toBe(201);
  if (share) expect((await ly.post('/api/labor/shares', { kind: 'posting', ids: [res.json().id], toOrgId: await t.orgId(CK) })).statusCode).toBe(201);
  return res.json();
}
const referralsTo = async (postingId: string) => (await ck.get(`/api/labor/referrals?postingId=${postingId}&pageSize=100`)).json().items as { workerId: string; status: string }[];
const allocate = (c: Client, body: Record<string, unknown>) => c.post('/api/labor/allocations', { name: '2026 春风行动城口专场', ...body });

describe('recommendations', () => {
  let a: Worker;
  let b: Worker;
  let shared: Posting;
  let unshared: Posting;
  let young: Posting;
  beforeAll(async () => {
    [a, b] = [await newWorker(), await newWorker()];
    expect((await ck.post('/api/labor/shares', { kind: 'worker', ids: [a.id], toOrgId: await t.orgId(LY) })).statusCode).toBe(201);
    [shared, unshared, young] = [await posting(), await posting({}, false), await posting({ ageMax: 50 })];
  });

  it('rank the postings a caseworker may see for a worker, each with the explanation its score adds up to', async () => {
    const res = await ck.get(`/api/labor/workers/${a.id}/recommendations?limit=50`);
    expect(res.statusCode).toBe(200);
    const items: PostingRecommendation[] = res.json();
    const ids = items.map((i) => i.posting.id);
    expect(ids).toContain(shared.id);
    // Not shared with Chengkou, and the workers (born 1960) are older than the posting's 50.
    expect(ids).not.toContain(unshared.id);
    expect(ids).not.toContain(young.id);
    const top = items.find((i) => i.posting.id === shared.id)!;
    expect(top.score).toBe(100);
    expect(top.explanation.items.map((x) => [x.factor, x.points])).toEqual([
      ['occupation', 40],
      ['skill', 10],
      ['region', 20],
      ['wage', 15],
      ['housing', 5],
      ['start', 5],
      ['certificates', 5],
    ]);
    for (const i of items) {
      expect(i.explanation.total).toBe(i.score);
      expect(i.posting.active).toBe(true);
    }
    expect(items.map((i) => i.score)).toEqual([...items.map((i) => i.score)].sort((x, y) => y - x));
  });

  it('give the partner its own postings for a shared worker, and nothing for a worker it was not given', async () => {
    const items: PostingRecommendation[] = (await ly.get(`/api/labor/workers/${a.id}/recommendations?limit=50`)).json();
    expect(items.map((i) => i.posting.id)).toEqual(expect.arrayContaining([shared.id, unshared.id]));
    expect((await ly.get(`/api/labor/workers/${b.id}/recommendations`)).statusCode).toBe(403);
  });

  it('rank workers for a posting: the partner sees only shared workers, in its masked view', async () => {
    const items: WorkerRecommendation[] = (await ly.get(`/api/labor/postings/${shared.id}/recommendations?limit=50`)).json();
    const ids = items.map((i) => i.worker.id);
    expect(ids).toContain(a.id);
    expect(ids).not.toContain(b.id);
    for (const i of items) expect(i.worker.access).toBe('partner');
    expect(items.find((i) => i.worker.id === a.id)!.worker).toMatchObject({ idNumberMasked: null, phoneMasked: null, homeVillage: null, homeRegionCode: '500229' });
    // The caseworker sees both of its own workers, masked.
    const own: WorkerRecommendation[] = (await ck.get(`/api/labor/postings/${shared.id}/recommendations?limit=50`)).json();
    expect(own.map((i) => i.worker.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(own.find((i) => i.worker.id === b.id)!.worker.idNumberMasked).toMatch(/^5002\*{10}\d{3}[\dX]$/);
    // Nobody older than the posting allows.
    const forYoung: WorkerRecommendation[] = (await ck.get(`/api/labor/postings/${young.id}/recommendations?limit=50`)).json();
    expect(forYoung.length).toBeGreaterThan(0);
    for (const i of forYoung) expect(i.worker.age).toBeLessThanOrEqual(50);
  });

  it('answer 401 without a session, 403 outside the scope or without labor.read, 404 unknown, 400 for a bad limit', async () => {
    expect((await t.anonymous().get(`/api/labor/workers/${a.id}/recommendations`)).statusCode).toBe(401);
    expect((await t.anonymous().get(`/api/labor/postings/${shared.id}/recommendations`)).statusCode).toBe(401);
    expect((await hr.get(`/api/labor/postings/${shared.id}/recommendations`)).statusCode).toBe(403);
    expect((await py.get(`/api/labor/workers/${a.id}/recommendations`)).statusCode).toBe(403);
    expect((await op.get(`/api/labor/workers/${a.id}/recommendations`)).statusCode).toBe(403);
    expect((await ck.get(`/api/labor/workers/${NONE}/recommendations`)).statusCode).toBe(404);
    expect((await ck.get(`/api/labor/postings/${NONE}/recommendations`)).statusCode).toBe(404);
    expect((await ck.get(`/api/labor/workers/${a.id}/recommendations?limit=0`)).statusCode).toBe(400);
  });
});

describe('matching that respects the person (issue #12)', () => {
  /** A Chengkou-born ID number of someone `years` old today (and 100 days). */
  const idAged = (years: number, seq: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCFullYear(d.getUTCFullYear() - years);
    d.setUTCDate(d.getUTCDate() - 100);
    return makeIdNumber('500229', d.toISOString().slice(0, 10), seq);
  };
  let partial: Worker; // 48, partial ability to work, hearing disability, wants livestock work (and once laid bricks)
  let old: Worker; // 59, a bricklayer
  let brick: Posting;
  let rebar: Posting;
  let livestock: Posting;
  beforeAll(async () => {
    partial = await newWorker({
      idNumber: idAged(48, 321),
      workAbility: 'partial',
      disability: '听力残疾四级',
      skills: [{ code: '6-29-01-01', level: 'level5' }],
      needs: { occupations: ['5-03-02-01'], regions: ['371300'], minMonthlyWage: 3500, needsHousing: true },
    });
    old = await newWorker({
      idNumber: idAged(59, 322),
      skills: [{ code: '6-29-01-01', level: 'level4' }],
      needs: { occupations: ['6-29-01-01'], regions: ['371300'], minMonthlyWage: 3500, needsHousing: true },
    });
    expect([partial.age, old.age]).toEqual([48, 59]);
    const site = { orgId: await t.orgId('临沂华岳建设工程有限公司'), workRegionCode: '371371', headcount: 3 };
    brick = await posting({ ...site, title: '砌筑工', occupationCode: '6-29-01-01', ageMin: 20, ageMax: 55 });
    rebar = await posting({ ...site, title: '钢筋工', occupationCode: '6-29-01-04' });
    livestock = await posting({ orgId: await t.orgId('临沂沂蒙味食品有限公司'), workRegionCode: '371312', title: '生猪饲养员', occupationCode: '5-03-02-01', headcount: 2 });
  });
  const sum = (e: { items: { points: number }[] }) => e.items.reduce((s, i) => s + i.points, 0);

  it('recommends the 48-year-old livestock work, never bricklaying or rebar work', async () => {
    const items: PostingRecommendation[] = (await ck.get(`/api/labor/workers/${partial.id}/recommendations?limit=50`)).json();
    const ids = items.map((i) => i.posting.id);
    expect(ids).toContain(livestock.id);
    expect(ids).not.toContain(brick.id);
    expect(ids).not.toContain(rebar.id);
    // Only work in the major group wanted (5: farming), and no building site.
    for (const i of items) expect(i.posting.occupationCode.startsWith('5-')).toBe(true);
    for (const i of items) expect(sum(i.explanation)).toBe(i.score);
    // The other way round: the building site's postings do not list her.
    for (const p of [brick, rebar]) {
      const ws: WorkerRecommendation[] = (await ck.get(`/api/labor/postings/${p.id}/recommendations?limit=50`)).json();
      expect(ws.map((w) => w.worker.id)).not.toContain(partial.id);
      for (const w of ws) expect(sum(w.explanation)).toBe(w.score);
    }
  });

  it('never allocates the 59-year-old to the post for 20–55-year-olds, in either mode; a reviewer cannot force it', async () => {
    for (const mode of ['stable', 'optimal']) {
      const res = await allocate(ck, { mode, minScore: 0, workers: { ids: [partial.id, old.id] }, postings: { ids: [brick.id, rebar.id, livestock.id] } });
      expect(res.statusCode).toBe(201);
      const d: AllocationDetail = res.json();
      const at = (w: Worker) => d.entries.find((e) => e.workerId === w.id)!;
      expect([at(partial).postingId, at(old).postingId]).toEqual([livestock.id, rebar.id]);
      for (const e of d.entries) {
        expect(e.warnings).toEqual([]);
        expect(sum(e.explanation!)).toBe(e.score);
      }
      const forced = await ck.request('PUT', `/api/labor/allocations/${d.id}/workers/${old.id}`, { postingId: brick.id });
      expect(forced.statusCode).toBe(409);
      expect(forced.json().error.fields).toEqual({ postingId: 'age.outside_range' });
      const deaf = await ck.request('PUT', `/api/labor/allocations/${d.id}/workers/${partial.id}`, { postingId: rebar.id });
      expect(deaf.statusCode).toBe(409);
      expect(deaf.json().error.fields).toEqual({ postingId: 'ability.demands, occupation.not_wanted' });
      expect((await ck.del(`/api/labor/allocations/${d.id}`)).statusCode).toBe(200);
    }
  });
});

describe('a job-fair allocation: draft → review → confirm', () => {
  let ws: Worker[];
  let p1: Posting; // 2 places, the better posting
  let p2: Posting; // 1 place, lower pay and no housing
  let p3: Posting; // wants a certificate nobody holds
  let draft: AllocationDetail;
  const entry = (d: AllocationDetail, w: Worker) => d.entries.find((e) => e.workerId === w.id)!;
  const put = (w: Worker, postingId: string | null) => ck.request('PUT', `/api/labor/allocations/${draft.id}/workers/${w.id}`, { postingId });

  beforeAll(async () => {
    ws = [await newWorker(), await newWorker(), await newWorker()].sort((x, y) => (x.id < y.id ? -1 : 1));
    p1 = await posting({ headcount: 2 });
    p2 = await posting({ headcount: 1, wageMin: 4000, wageMax: 5000, housing: false, title: '普车工' });
    p3 = await posting({ headcount: 5, requiredCertificates: ['数控车工四级证书'], title: '数控车工（持证）' });
  });

  it('stable mode: the better posting takes the two smallest ids (ties), the third worker gets the other; nothing is referred yet', async () => {
    const res = await allocate(ck, { mode: 'stable', workers: { ids: ws.map((w) => w.id) }, postings: { ids: [p1.id, p2.id, p3.id] } });
    expect(res.statusCode).toBe(201);
    draft = res.json();
    expect(draft).toMatchObject({ status: 'draft', mode: 'stable', minScore: 60, workerCount: 3, postingCount: 3, pairCount: 3, totalScore: 290 });
    expect(ws.map((w) => [entry(draft, w).postingId, entry(draft, w).score])).toEqual([
      [p1.id, 100],
      [p1.id, 100],
      [p2.id, 90],
    ]);
    const third = entry(draft, ws[2]);
    expect(third.explanation!.total).toBe(90);
    expect(third.explanation!.items.filter((i) => i.points < i.max).map((i) => i.detail)).toEqual(['wage.range_reaches', 'housing.missing']);
    expect(draft.postings.map((p) => [p.postingId, p.capacity, p.allocated])).toEqual(
      expect.arrayContaining([
        [p1.id, 2, 2],
        [p2.id, 1, 1],
        [p3.id, 5, 0],
      ]),
    );
    for (const p of [p1, p2]) expect(await referralsTo(p.id)).toEqual([]);
    expect((await ck.get(`/api/labor/allocations/${draft.id}`)).json()).toEqual(draft);
    expect(await t.auditCount({ action: 'labor.allocation.create', entityId: draft.id })).toBe(1);
  });

  it('optimal mode reaches the same best total over the same people', async () => {
    const res = await allocate(ck, { mode: 'optimal', workers: { ids: ws.map((w) => w.id) }, postings: { ids: [p1.id, p2.id, p3.id] } });
    expect(res.json()).toMatchObject({ mode: 'optimal', pairCount: 3, totalScore: 290 });
    expect((await ck.del(`/api/labor/allocations/${res.json().id}`)).json().status).toBe('discarded');
  });

  it('lets the reviewer remove and move pairs, within the places of the draft and never to an excluded pair', async () => {
    let res = await put(ws[2], null);
    expect(entry(res.json(), ws[2])).toMatchObject({ postingId: null, score: null, explanation: null, source: 'manual' });
    res = await put(ws[2], p1.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual({ postingId: '2 of 2 open places already allocated' });
    res = await put(ws[2], p3.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual({ postingId: 'certificates.missing' });
    res = await put(ws[0], p2.id);
    expect(entry(res.json(), ws[0])).toMatchObject({ postingId: p2.id, score: 90, source: 'manual' });
    res = await put(ws[2], p1.id);
    expect(res.statusCode).toBe(200);
    draft = res.json();
    expect(ws.map((w) => entry(draft, w).postingId)).toEqual([p2.id, p1.id, p1.id]);
    expect(draft.totalScore).toBe(290);
    expect((await put(ws[0], NONE)).json().error.fields).toEqual({ postingId: 'not a posting of this allocation' });
    expect((await ck.request('PUT', `/api/labor/allocations/${draft.id}/workers/${NONE}`, { postingId: null })).statusCode).toBe(404);
    expect(await t.auditCount({ action: 'labor.allocation.adjust', entityId: draft.id })).toBe(3);
  });

  it('confirms into referrals (recommended), one transaction with audit rows; a second confirm is 409 and changes nothing', async () => {
    const before = await t.auditCount({ action: 'labor.referral.create' });
    const res = await ck.post(`/api/labor/allocations/${draft.id}/confirm`);
    expect(res.statusCode).toBe(200);
    const done: AllocationDetail = res.json();
    expect(done).toMatchObject({ status: 'confirmed', confirmedByName: '刘助' });
    expect((await referralsTo(p1.id)).map((r) => [r.workerId, r.status]).sort()).toEqual(
      [
        [ws[1].id, 'recommended'],
        [ws[2].id, 'recommended'],
      ].sort(),
    );
    expect((await referralsTo(p2.id)).map((r) => r.workerId)).toEqual([ws[0].id]);
    for (const w of ws) expect(entry(done, w).referralId).toMatch(/^[0-9a-f-]{36}$/);
    // The note is the allocation's, as a key with parameters the web renders in the reader's language.
    const referred = (await ck.get(`/api/labor/referrals?postingId=${p2.id}`)).json().items[0];
    expect([referred.note, referred.noteRef]).toEqual([
      `Job fair allocation “${done.name}”, match score ${entry(done, ws[0]).score}`,
      { key: 'labor.text.referral_allocation', params: { allocation: done.name, score: entry(done, ws[0]).score } },
    ]);
    expect(await t.auditCount({ action: 'labor.referral.create' })).toBe(before + 3);

    const again = await ck.post(`/api/labor/allocations/${draft.id}/confirm`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('already confirmed');
    expect((await put(ws[0], null)).statusCode).toBe(409);
    expect((await ck.del(`/api/labor/allocations/${draft.id}`)).statusCode).toBe(409);
    expect((await referralsTo(p1.id)).length + (await referralsTo(p2.id)).length).toBe(3);
    expect(await t.auditCount({ action: 'labor.referral.create' })).toBe(before + 3);
    expect(await t.auditCount({ action: 'labor.allocation.confirm', entityId: draft.id })).toBe(1);
  });
});

describe('a stale draft', () => {
  it('is refused with 409 naming what changed, and nothing is written until the reviewer fixes it', async () => {
    const [d, e] = [await newWorker(), await newWorker()];
    const p = await posting({ headcount: 2 });
    const draft: AllocationDetail = (await allocate(ck, { workers: { ids: [d.id, e.id] }, postings: { ids: [p.id] } })).json();
    expect(draft.pairCount).toBe(2);
    const confirm = () => ck.post(`/api/labor/allocations/${draft.id}/confirm`);
    const unchanged = async () => {
      const now: AllocationDetail = (await ck.get(`/api/labor/allocations/${draft.id}`)).json();
      expect(now.status).toBe('draft');
      expect(now.entries.every((x) => x.referralId === null)).toBe(true);
      expect(await t.auditCount({ action: 'labor.allocation.confirm', entityId: draft.id })).toBe(0);
    };

    expect((await ly.patch(`/api/labor/postings/${p.id}`, { status: 'closed' })).statusCode).toBe(200);
    let res = await confirm();
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual({ [`postings.${p.id}`]: 'closed' });
    expect(await referralsTo(p.id)).toEqual([]);
    await unchanged();

    expect((await ly.patch(`/api/labor/postings/${p.id}`, { status: 'open', headcount: 1 })).statusCode).toBe(200);
    res = await confirm();
    expect(res.json().error.fields).toEqual({ [`postings.${p.id}`]: '1 open places left for 2 allocated' });
    // Meanwhile one of them is referred to the same posting by hand.
    expect((await ck.post('/api/labor/referrals', { workerId: d.id, postingId: p.id })).statusCode).toBe(201);
    res = await confirm();
    expect(res.json().error.fields).toEqual({ [`postings.${p.id}`]: '1 open places left for 2 allocated', [`workers.${d.id}`]: 'already referred to this posting' });
    expect(res.json().error).toMatchObject({
      key: 'labor.allocation.out_of_date',
      params: { count: 2 },
      fieldMessages: {
        [`postings.${p.id}`]: { key: 'labor.allocation.stale_places_left', params: { open: 1, allocated: 2 } },
        [`workers.${d.id}`]: { key: 'labor.allocation.stale_already_referred' },
      },
    });
    expect((await referralsTo(p.id)).map((r) => r.workerId)).toEqual([d.id]);
    await unchanged();
    expect((await ck.get(`/api/labor/allocations/${draft.id}`)).json().entries.find((x: { workerId: string }) => x.workerId === d.id).warnings).toEqual(['already_referred']);

    expect((await ck.request('PUT', `/api/labor/allocations/${draft.id}/workers/${d.id}`, { postingId: null })).statusCode).toBe(200);
    res = await confirm();
    expect(res.statusCode).toBe(200);
    expect((await referralsTo(p.id)).map((r) => r.workerId).sort()).toEqual([d.id, e.id].sort());
  });

  it('a discarded draft cannot be confirmed', async () => {
    const w = await newWorker();
    const p = await posting({ headcount: 1 });
    const draft: AllocationDetail = (await allocate(ck, { workers: { ids: [w.id] }, postings: { ids: [p.id] } })).json();
    expect((await ck.del(`/api/labor/allocations/${draft.id}`)).json().status).toBe('discarded');
    expect((await ck.post(`/api/labor/allocations/${draft.id}/confirm`)).statusCode).toBe(409);
    expect(await referralsTo(p.id)).toEqual([]);
  });
});

describe('allocation inputs and scopes', () => {
  it('by filter: the own workers matching it over every active posting the user may see, within each capacity', async () => {
    const res = await allocate(ck, { mode: 'stable', workers: { region: '500229', registeredPoor: true, occupation: '6-18' }, postings: { region: '3713' } });
    expect(res.statusCode).toBe(201);
    const d: AllocationDetail = res.json();
    expect(d.workerCount).toBeGreaterThan(0);
    for (const p of d.postings) {
      expect(p.allocated).toBeLessThanOrEqual(p.capacity);
      expect(p.active).toBe(true);
    }
    for (const e of d.entries.filter((x) => x.postingId)) expect(e.score).toBeGreaterThanOrEqual(60);
  });

  it('answers 400 for bad input or unknown records, 403 outside the scope, 409 for a closed posting, 422 when nothing is selected', async () => {
    const w = await newWorker();
    const p = await posting({ headcount: 1 });
    expect((await allocate(ck, { mode: 'greedy' })).statusCode).toBe(400);
    expect((await ck.post('/api/labor/allocations', { workers: {} })).statusCode).toBe(400);
    expect((await allocate(ck, { workers: { ids: [NONE] }, postings: { ids: [p.id] } })).json().error.fields).toEqual({ 'workers.ids.0': 'unknown worker' });
    expect((await allocate(ck, { workers: { ids: [w.id] }, postings: { ids: [NONE] } })).json().error.fields).toEqual({ 'postings.ids.0': 'unknown posting' });
    const pyWorker = await py.post('/api/labor/workers', workerBody({ homeRegionCode: '371326', homeVillage: null }));
    expect(pyWorker.statusCode).toBe(201);
    expect((await allocate(ck, { workers: { ids: [pyWorker.json().id] }, postings: { ids: [p.id] } })).statusCode).toBe(403);
    const hidden = await posting({}, false);
    expect((await allocate(ck, { workers: { ids: [w.id] }, postings: { ids: [hidden.id] } })).statusCode).toBe(403);
    expect((await ly.patch(`/api/labor/postings/${p.id}`, { status: 'closed' })).statusCode).toBe(200);
    const closed = await allocate(ck, { workers: { ids: [w.id] }, postings: { ids: [p.id] } });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.fields).toEqual({ 'postings.ids.0': 'not open: closed, outside its validity or full' });
    expect((await allocate(ck, { workers: { region: '500229999' } })).statusCode).toBe(422);
    // Linyi's officer posts and shares but manages no workers; an operator has no labour permission.
    expect((await allocate(ly, {})).statusCode).toBe(403);
    expect((await allocate(op, {})).statusCode).toBe(403);
    expect((await allocate(t.anonymous(), {})).statusCode).toBe(401);
  });

  it("another county's caseworker, the partner and an employer see none of Chengkou's allocations", async () => {
    const mine = (await ck.get('/api/labor/allocations?pageSize=100')).json();
    expect(mine.total).toBeGreaterThan(0);
    const id = mine.items[0].id;
    for (const c of [py, ly, hr]) {
      expect((await c.get('/api/labor/allocations')).json().total).toBe(0);
      expect((await c.get(`/api/labor/allocations/${id}`)).statusCode).toBe(403);
      expect((await c.post(`/api/labor/allocations/${id}/confirm`)).statusCode).toBe(403);
    }
    expect((await op.get('/api/labor/allocations')).statusCode).toBe(403);
    expect((await ck.get(`/api/labor/allocations/${NONE}`)).statusCode).toBe(404);
    expect((await ck.post(`/api/labor/allocations/${NONE}/confirm`)).statusCode).toBe(404);
    expect((await t.anonymous().get(`/api/labor/allocations/${id}`)).statusCode).toBe(401);
    expect((await ck.get('/api/labor/allocations?status=confirmed')).json().items.every((a: { status: string }) => a.status === 'confirmed')).toBe(true);
  });
});
