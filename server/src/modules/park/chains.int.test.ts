import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainMap } from '@gearbridge/contracts/park';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { expectRefused, userWith, type RouteCall } from './test/kit';
import { SEED_CHAINS } from './seed/chains.data';

/**
 * The industrial-chain map over HTTP on the seeded demo: chains, links upstream → downstream, enterprises on links,
 * the missing links projects fill, the molten-aluminium edge; every route's 401/403/400; an enterprise's liaison sees
 * none of the park's chains; changes audited.
 */
let t: TestApp;
let officer: Client;
let outsider: Client;
let liaison: Client;
let map: ChainMap;
const ANY_ID = '00000000-0000-4000-8000-000000000000';
const linkOf = (m: ChainMap, name: string) => m.chains.flatMap((c) => c.links).find((l) => l.name === name)!;

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('admin');
  officer = await t.login('park.officer');
  outsider = await t.login('gear.admin');
  liaison = await userWith(t, admin, { username: 'yuyang.chains', org: '余扬汽配', role: 'park_enterprise' });
  map = (await officer.get('/api/park/chains')).json();
});
afterAll(() => t?.close());

describe('the chain map', () => {
  it('holds the chains with their enterprises, the missing links and the projects that fill them', () => {
    expect(map.chains.map((c) => c.name)).toEqual(SEED_CHAINS.map((c) => c.name));
    expect(
      linkOf(map, '齿轮加工与热处理')
        .enterprises.map((e) => e.name)
        .sort(),
    ).toEqual(['余扬汽配', '綦江齿轮传动有限公司', '赛之源齿轮'].sort());
    const electronics = linkOf(map, '汽车电子');
    expect(electronics.missing).toBe(true);
    expect(electronics.projects.map((p) => p.name)).toContain('金悦通汽车电子项目');
    const all = map.chains.flatMap((c) => c.links);
    expect(map.coverage).toEqual({
      links: all.length,
      covered: all.filter((l) => l.enterprises.length > 0).length,
      missing: all.filter((l) => l.enterprises.length === 0).length,
      targeted: all.filter((l) => l.enterprises.length === 0 && l.projects.length > 0).length,
    });
    expect(map.coverage.targeted).toBeGreaterThan(0);
    // 旗能电铝's molten aluminium straight to 上海友升 (the article: 300 元/t saved).
    const molten = map.edges.find((e) => e.from === linkOf(map, '电解铝').id && e.to === linkOf(map, '铝液直供与熔铸').id)!;
    expect(molten.note).toContain('300');
    expect(map.edges.some((e) => e.from === linkOf(map, '铝液直供与熔铸').id && e.to === linkOf(map, '铝合金车身件').id)).toBe(true);
  });

  it('fills a link: an enterprise put on it (audited), a project pointed at it; refused for another administration’s link', async () => {
    const link = linkOf(map, '汽车电子');
    const yuyang = (await officer.get('/api/park/enterprises?q=余扬')).json().items[0];
    const res = await officer.post(`/api/park/chains/links/${link.id}/enterprises`, { enterpriseId: yuyang.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(linkOf(res.json(), '汽车电子')).toMatchObject({ missing: false, enterprises: [{ name: '余扬汽配' }] });
    expect(res.json().coverage.covered).toBe(map.coverage.covered + 1);
    expect(await t.auditCount({ action: 'park.chain.link_enterprise_add', entityId: link.id })).toBe(1);
    const removed = await officer.request('DELETE', `/api/park/chains/links/${link.id}/enterprises/${yuyang.id}`);
    expect(linkOf(removed.json(), '汽车电子').missing).toBe(true);

    const created = await officer.post('/api/park/projects', { name: '补链测试项目', investor: '测试', amount: '2', category: 'automotive_electronics', chainLinkId: link.id });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().chainLinkId).toBe(link.id);
    expect(linkOf((await officer.get('/api/park/chains')).json(), '汽车电子').projects.map((p: { name: string }) => p.name)).toContain('补链测试项目');
    const bad = await officer.patch(`/api/park/projects/${created.json().id}`, { chainLinkId: ANY_ID });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['chainLinkId']);
  });
});

describe('who may do what', () => {
  const routes = (): RouteCall[] => {
    const link = linkOf(map, '汽车电子');
    const e = linkOf(map, '半轴与轮毂').enterprises[0];
    return [
      ['GET', '/api/park/chains'],
      ['POST', `/api/park/chains/links/${link.id}/enterprises`, { enterpriseId: e.id }],
      ['DELETE', `/api/park/chains/links/${linkOf(map, '半轴与轮毂').id}/enterprises/${e.id}`],
    ];
  };
  it('answers 401 without a session and 403 without park permissions, changing nothing', () => expectRefused(t, outsider, routes()));

  it('shows an enterprise’s liaison none of the park’s chains and lets it change nothing', async () => {
    expect((await liaison.get('/api/park/chains')).json().chains).toEqual([]);
    const before = await t.auditCount();
    for (const [method, url, body] of routes().slice(1)) expect((await liaison.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    expect(await t.auditCount()).toBe(before);
  });

  it('answers 400 to bad input and 404 to an unknown link, writing nothing', async () => {
    const before = await t.auditCount();
    const link = linkOf(map, '汽车电子');
    const res = await officer.post(`/api/park/chains/links/${link.id}/enterprises`, { enterpriseId: 'x' });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['enterpriseId']);
    expect((await officer.post(`/api/park/chains/links/${link.id}/enterprises`, { enterpriseId: ANY_ID })).statusCode).toBe(400);
    expect((await officer.post(`/api/park/chains/links/${ANY_ID}/enterprises`, { enterpriseId: ANY_ID })).statusCode).toBe(404);
    expect((await officer.request('DELETE', '/api/park/chains/links/nope/enterprises/nope')).statusCode).toBe(400);
    expect(await t.auditCount()).toBe(before);
  });
});

describe('editing chains, links and edges', () => {
  it('creates a chain, adds and renames links, connects and disconnects them; each change audited', async () => {
    const created = await officer.post('/api/park/chains', { code: 'sensors-test', name: '传感器测试产业链' });
    expect(created.statusCode, created.body).toBe(201);
    const chain = (created.json() as ChainMap).chains.find((c) => c.code === 'sensors-test')!;
    expect(chain).toMatchObject({ name: '传感器测试产业链', links: [] });
    expect(await t.auditCount({ action: 'park.chain.create', entityId: chain.id })).toBe(1);

    expect((await officer.patch(`/api/park/chains/${chain.id}`, { name: '工业传感器产业链' })).json().chains.find((c: { id: string }) => c.id === chain.id).name).toBe(
      '工业传感器产业链',
    );
    expect(await t.auditCount({ action: 'park.chain.update', entityId: chain.id })).toBe(1);

    const up = await officer.post(`/api/park/chains/${chain.id}/links`, { name: '敏感元件', tier: 'upstream' });
    expect(up.statusCode, up.body).toBe(201);
    // The same new link and the same new chain asked twice at once: one is made, the other is told the name or code is
    // taken (400 on the field) — never a 500 from the unique constraint.
    const twice = await Promise.all([0, 1].map(() => officer.post(`/api/park/chains/${chain.id}/links`, { name: '同时新建环节', tier: 'upstream' })));
    expect(twice.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    expect(twice.find((r) => r.statusCode === 400)!.json().error.fieldMessages.name.key).toBe('park.chain.field_name_taken');
    const chainsTwice = await Promise.all([0, 1].map(() => officer.post('/api/park/chains', { code: 'twice-test', name: '同时新建产业链' })));
    expect(chainsTwice.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    const extra = (twice.find((r) => r.statusCode === 201)!.json() as ChainMap).chains.find((c) => c.id === chain.id)!.links.find((l) => l.name === '同时新建环节')!;
    expect((await officer.del(`/api/park/chains/links/${extra.id}`)).statusCode).toBe(200);
    const down: ChainMap = (await officer.post(`/api/park/chains/${chain.id}/links`, { name: '传感器模组', tier: 'downstream' })).json();
    const links = down.chains.find((c) => c.id === chain.id)!.links;
    expect(links.map((l) => [l.name, l.tier, l.missing])).toEqual([
      ['敏感元件', 'upstream', true],
      ['传感器模组', 'downstream', true],
    ]);
    expect(down.coverage.links).toBe(map.coverage.links + 2);
    const renamed: ChainMap = (await officer.patch(`/api/park/chains/links/${links[1].id}`, { name: '智能传感器模组', tier: 'midstream' })).json();
    expect(linkOf(renamed, '智能传感器模组').tier).toBe('midstream');
    expect(await t.auditCount({ action: 'park.chain.link_update', entityId: links[1].id })).toBe(1);

    // Supply within the chain and across to the automotive electronics link.
    const electronics = linkOf(map, '汽车电子');
    const edge = await officer.post('/api/park/chains/edges', { from: links[0].id, to: links[1].id, note: '元件供模组' });
    expect(edge.statusCode, edge.body).toBe(201);
    const across: ChainMap = (await officer.post('/api/park/chains/edges', { from: links[1].id, to: electronics.id })).json();
    expect(across.edges).toEqual(
      expect.arrayContaining([
        { from: links[0].id, to: links[1].id, note: '元件供模组' },
        { from: links[1].id, to: electronics.id, note: null },
      ]),
    );
    expect(await t.auditCount({ action: 'park.chain.edge_add', entityId: links[0].id })).toBe(1);
    const again = await officer.post('/api/park/chains/edges', { from: links[0].id, to: links[1].id });
    expect(again.statusCode).toBe(400);
    expect(Object.keys(again.json().error.fields)).toEqual(['to']);
    const removed: ChainMap = (await officer.request('DELETE', `/api/park/chains/edges/${links[1].id}/${electronics.id}`)).json();
    expect(removed.edges.some((e) => e.from === links[1].id && e.to === electronics.id)).toBe(false);
    expect(await t.auditCount({ action: 'park.chain.edge_remove', entityId: links[1].id })).toBe(1);
  });

  it('answers 400 naming the fields to bad input, and writes nothing', async () => {
    const before = await t.auditCount();
    const gear = map.chains.find((c) => c.code === 'gear')!;
    const [a, b] = gear.links;
    const cases: [string, string, unknown, string[]][] = [
      ['POST', '/api/park/chains', { code: 'Bad Code!', name: '' }, ['code', 'name']],
      ['POST', '/api/park/chains', { code: 'gear', name: '重复代码' }, ['code']],
      ['PATCH', `/api/park/chains/${gear.id}`, { name: '' }, ['name']],
      ['POST', `/api/park/chains/${gear.id}/links`, { name: a.name, tier: 'upstream' }, ['name']],
      ['POST', `/api/park/chains/${gear.id}/links`, { name: '新环节', tier: 'sideways' }, ['tier']],
      ['PATCH', `/api/park/chains/links/${a.id}`, { name: b.name }, ['name']],
      ['POST', '/api/park/chains/edges', { from: a.id, to: a.id }, ['to']],
      ['POST', '/api/park/chains/edges', { from: ANY_ID, to: b.id }, ['from']],
      ['POST', '/api/park/chains/edges', { from: 'x', to: b.id }, ['from']],
    ];
    for (const [method, url, body, fields] of cases) {
      const res = await officer.request(method, url, body);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
      expect(Object.keys(res.json().error.fields).sort(), url).toEqual(fields);
    }
    expect((await officer.patch(`/api/park/chains/${ANY_ID}`, { name: '无' })).statusCode).toBe(404);
    expect((await officer.patch(`/api/park/chains/links/${ANY_ID}`, { name: '无' })).statusCode).toBe(404);
    expect(await t.auditCount()).toBe(before);
  });

  it('refuses another administration’s chain (403), and another administration’s link as an edge’s end (400)', async () => {
    const admin = await t.login('admin');
    const other = await userWith(t, admin, { username: 'yuyang.chainofficer', org: '余扬汽配', role: 'park_officer' });
    const own: ChainMap = (await other.post('/api/park/chains', { code: 'own', name: '余扬自有产业链' })).json();
    const ownChain = own.chains[0];
    const withLink: ChainMap = (await other.post(`/api/park/chains/${ownChain.id}/links`, { name: '自有环节', tier: 'midstream' })).json();
    const ownLink = withLink.chains[0].links[0];
    const gear = map.chains.find((c) => c.code === 'gear')!;
    const before = await t.auditCount();
    for (const [method, url, body] of [
      ['PATCH', `/api/park/chains/${gear.id}`, { name: '改名' }],
      ['POST', `/api/park/chains/${gear.id}/links`, { name: '插入', tier: 'upstream' }],
      ['PATCH', `/api/park/chains/links/${gear.links[0].id}`, { name: '改名' }],
      ['DELETE', `/api/park/chains/edges/${gear.links[0].id}/${gear.links[1].id}`],
    ] as const)
      expect((await other.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    const cross = await officer.post('/api/park/chains/edges', { from: gear.links[0].id, to: ownLink.id });
    expect(cross.statusCode).toBe(400);
    expect(Object.keys(cross.json().error.fields)).toEqual(['to']);
    expect(await t.auditCount()).toBe(before);
  });

  it('answers 401 and 403 on every editing route, changing nothing', async () => {
    const gear = map.chains.find((c) => c.code === 'gear')!;
    const [a, b] = gear.links;
    const routes: RouteCall[] = [
      ['POST', '/api/park/chains', { code: 'x1', name: '新链' }],
      ['PATCH', `/api/park/chains/${gear.id}`, { name: '改名' }],
      ['POST', `/api/park/chains/${gear.id}/links`, { name: '新环节', tier: 'upstream' }],
      ['PATCH', `/api/park/chains/links/${a.id}`, { name: '改名' }],
      ['POST', '/api/park/chains/edges', { from: a.id, to: b.id }],
      ['DELETE', `/api/park/chains/edges/${a.id}/${b.id}`],
    ];
    await expectRefused(t, outsider, routes);
    const before = await t.auditCount();
    for (const [method, url, body] of routes) expect((await liaison.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    expect(await t.auditCount()).toBe(before);
  });
});

describe('deleting chains and links, ordering links', () => {
  const chainOf = (m: ChainMap, code: string) => m.chains.find((c) => c.code === code)!;
  const auditRow = (action: string, entityId: string) =>
    t.platform.handle.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', action).where('entity_id', '=', entityId).executeTakeFirstOrThrow();
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

  it('refuses (409, naming them) to delete a link enterprises are on or projects fill, or a chain holding such links; nothing changes', async () => {
    const start: ChainMap = (await officer.get('/api/park/chains')).json();
    const before = await t.auditCount();
    const gearWork = linkOf(map, '齿轮加工与热处理');
    const onIt = await officer.del(`/api/park/chains/links/${gearWork.id}`);
    expect(onIt.statusCode, onIt.body).toBe(409);
    expect(onIt.json().error.key).toBe('park.chain.link_in_use');
    expect(onIt.json().error.params.link).toBe('齿轮加工与热处理');
    for (const e of gearWork.enterprises) expect(onIt.json().error.params.enterprises).toContain(e.name);

    const electronics = linkOf(map, '汽车电子');
    const filled = await officer.del(`/api/park/chains/links/${electronics.id}`);
    expect(filled.statusCode).toBe(409);
    expect(filled.json().error.params).toMatchObject({ link: '汽车电子', enterprises: '—' });
    expect(filled.json().error.params.projects).toContain('金悦通汽车电子项目');

    const gear = chainOf(map, 'gear');
    const chain = await officer.del(`/api/park/chains/${gear.id}`);
    expect(chain.statusCode).toBe(409);
    expect(chain.json().error.key).toBe('park.chain.in_use');
    expect(chain.json().error.params.links).toContain('齿轮加工与热处理');

    expect(await t.auditCount()).toBe(before);
    const after: ChainMap = (await officer.get('/api/park/chains')).json();
    expect(after).toEqual(start);
  });

  it('orders links within their tiers, deletes a free link with its edges and then the chain, each audited with what went', async () => {
    const start: ChainMap = (await officer.get('/api/park/chains')).json();
    let m: ChainMap = (await officer.post('/api/park/chains', { code: 'delete-test', name: '删除测试产业链' })).json();
    const chainId = chainOf(m, 'delete-test').id;
    for (const [name, tier] of [
      ['原料', 'upstream'],
      ['部件甲', 'midstream'],
      ['部件乙', 'midstream'],
      ['整机', 'downstream'],
    ])
      m = (await officer.post(`/api/park/chains/${chainId}/links`, { name, tier })).json();
    const [raw, partA, partB, whole] = chainOf(m, 'delete-test').links;
    expect([raw, partA, partB, whole].map((l) => l.name)).toEqual(['原料', '部件甲', '部件乙', '整机']);

    // Order: 部件乙 before 部件甲. A list that puts 整机 first still keeps the tiers upstream → downstream.
    const ordered = await officer.request('PUT', `/api/park/chains/${chainId}/order`, { linkIds: [whole.id, partB.id, raw.id, partA.id] });
    expect(ordered.statusCode, ordered.body).toBe(200);
    expect(chainOf(ordered.json(), 'delete-test').links.map((l) => l.name)).toEqual(['原料', '部件乙', '部件甲', '整机']);
    const reorder = await auditRow('park.chain.link_reorder', chainId);
    expect(json(reorder.before).links).toEqual(['原料', '部件甲', '部件乙', '整机']);
    expect(json(reorder.after).links).toEqual(['整机', '部件乙', '原料', '部件甲']);
    // The same order again changes nothing and writes no audit row.
    await officer.request('PUT', `/api/park/chains/${chainId}/order`, { linkIds: [whole.id, partB.id, raw.id, partA.id] });
    expect(await t.auditCount({ action: 'park.chain.link_reorder', entityId: chainId })).toBe(1);

    // 部件甲 supplies 整机 and, across chains, 汽车电子; 原料 supplies 部件甲.
    const electronics = linkOf(map, '汽车电子');
    await officer.post('/api/park/chains/edges', { from: raw.id, to: partA.id });
    await officer.post('/api/park/chains/edges', { from: partA.id, to: whole.id, note: '甲供整机' });
    await officer.post('/api/park/chains/edges', { from: partA.id, to: electronics.id });
    const gone = await officer.del(`/api/park/chains/links/${partA.id}`);
    expect(gone.statusCode, gone.body).toBe(200);
    const afterLink: ChainMap = gone.json();
    expect(chainOf(afterLink, 'delete-test').links.map((l) => l.name)).toEqual(['原料', '部件乙', '整机']);
    expect(afterLink.edges.some((e) => e.from === partA.id || e.to === partA.id)).toBe(false);
    expect(afterLink.coverage.links).toBe(m.coverage.links - 1);
    const linkAudit = await auditRow('park.chain.link_delete', partA.id);
    expect(json(linkAudit.before)).toMatchObject({ chain: '删除测试产业链', name: '部件甲', tier: 'midstream' });
    expect(
      json(linkAudit.before)
        .edges.map((e: { from: string; to: string; note: string | null }) => `${e.from}→${e.to}:${e.note ?? ''}`)
        .sort(),
    ).toEqual(['原料→部件甲:', '部件甲→整机:甲供整机', '部件甲→汽车电子:'].sort());
    expect((await officer.del(`/api/park/chains/links/${partA.id}`)).statusCode).toBe(404);

    // An enterprise on 整机 holds the chain; taken off, the chain goes with its links and their edges.
    await officer.post('/api/park/chains/edges', { from: raw.id, to: whole.id });
    const yuyang = (await officer.get('/api/park/enterprises?q=余扬')).json().items[0];
    await officer.post(`/api/park/chains/links/${whole.id}/enterprises`, { enterpriseId: yuyang.id });
    const held = await officer.del(`/api/park/chains/${chainId}`);
    expect(held.statusCode).toBe(409);
    expect(held.json().error.params).toEqual({ chain: '删除测试产业链', links: '整机' });
    await officer.del(`/api/park/chains/links/${whole.id}/enterprises/${yuyang.id}`);
    const deleted = await officer.del(`/api/park/chains/${chainId}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    const afterChain: ChainMap = deleted.json();
    expect(afterChain.chains.some((c) => c.id === chainId)).toBe(false);
    expect(afterChain.edges.some((e) => [raw.id, partB.id, whole.id].includes(e.from) || [raw.id, partB.id, whole.id].includes(e.to))).toBe(false);
    expect(afterChain).toEqual(start);
    const chainAudit = json((await auditRow('park.chain.delete', chainId)).before);
    expect(chainAudit).toMatchObject({ code: 'delete-test', name: '删除测试产业链' });
    expect(chainAudit.links.map((l: { name: string }) => l.name).sort()).toEqual(['原料', '部件乙', '整机'].sort());
    expect(chainAudit.edges).toHaveLength(1);
    expect((await officer.del(`/api/park/chains/${chainId}`)).statusCode).toBe(404);
  });

  it('answers 400 on linkIds to an order that is not every link of the chain once, and writes nothing', async () => {
    const gear = chainOf(map, 'gear');
    const ids = gear.links.map((l) => l.id);
    const other = linkOf(map, '汽车电子').id;
    const before = await t.auditCount();
    for (const linkIds of [ids.slice(1), [...ids, ids[0]], [...ids.slice(1), other], [...ids.slice(1), 'x'], []]) {
      const res = await officer.request('PUT', `/api/park/chains/${gear.id}/order`, { linkIds });
      expect(res.statusCode, JSON.stringify(linkIds)).toBe(400);
      expect(Object.keys(res.json().error.fields)[0]).toMatch(/^linkIds/);
    }
    expect((await officer.request('PUT', `/api/park/chains/${ANY_ID}/order`, { linkIds: [ANY_ID] })).statusCode).toBe(404);
    expect((await officer.del('/api/park/chains/nope')).statusCode).toBe(400);
    expect(await t.auditCount()).toBe(before);
    expect(chainOf((await officer.get('/api/park/chains')).json(), 'gear').links.map((l) => l.id)).toEqual(ids);
  });

  it('answers 401 and 403 (an outsider, a liaison, another administration’s officer) to deleting and ordering, changing nothing', async () => {
    const gear = chainOf(map, 'gear');
    const free = (await officer.post(`/api/park/chains/${gear.id}/links`, { name: '待删环节', tier: 'downstream' })).json() as ChainMap;
    const link = linkOf(free, '待删环节');
    const ids = chainOf(free, 'gear').links.map((l) => l.id);
    const routes: RouteCall[] = [
      ['DELETE', `/api/park/chains/links/${link.id}`],
      ['DELETE', `/api/park/chains/${gear.id}`],
      ['PUT', `/api/park/chains/${gear.id}/order`, { linkIds: [...ids].reverse() }],
    ];
    await expectRefused(t, outsider, routes);
    const admin = await t.login('admin');
    const other = await userWith(t, admin, { username: 'yuyang.chaindeleter', org: '余扬汽配', role: 'park_officer' });
    const before = await t.auditCount();
    for (const [method, url, body] of routes) {
      expect((await liaison.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
      expect((await other.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await t.auditCount()).toBe(before);
    expect(chainOf((await officer.get('/api/park/chains')).json(), 'gear').links.map((l) => l.id)).toEqual(ids);
    expect((await officer.del(`/api/park/chains/links/${link.id}`)).statusCode).toBe(200);
  });
});
