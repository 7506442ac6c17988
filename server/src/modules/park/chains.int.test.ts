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
