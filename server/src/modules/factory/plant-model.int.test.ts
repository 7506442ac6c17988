import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';

let t: TestApp;
let manager: Client;
let operator: Client;
let gearOrg: string;

type Cell = { id: string; code: string; name: string; deviceCount: number };
type Line = { id: string; orgId: string; code: string; nameZh: string; deviceCount: number; cells: Cell[] };
type Area = { id: string; code: string; name: string; deviceCount: number; lines: Line[] };
type Site = { id: string; orgId: string; code: string; name: string; regionCode: string | null; deviceCount: number; unplacedCount: number; areas: Area[] };

const model = async (c: Client = manager) => (await c.get('/api/factory/model')).json().sites as Site[];
const demoSite = async () => (await model()).find((s) => s.code === 'QJ-SMART')!;
const created = async (c: Client, url: string, body: unknown) => {
  const res = await c.post(url, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
};

beforeAll(async () => {
  t = await startTestApp();
  [manager, operator] = await Promise.all([t.login('gear.manager'), t.login('gear.operator')]);
  gearOrg = await t.orgId('綦江齿轮传动有限公司');
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/factory/model', () => {
  it('shows the demo plant as site → area → line → work cell, with the devices counted at every level', async () => {
    // Anyone who may read the plant may read its model: the operator too.
    const sites = await model(operator);
    expect(sites.map((s) => s.code)).toEqual(['QJ-SMART']);
    const [site] = sites;
    expect(site).toMatchObject({ orgId: gearOrg, name: '綦江智能制造基地', regionCode: '500110', deviceCount: 180, unplacedCount: 0 });
    expect(site.areas.map((a) => a.code)).toEqual(['MACH']);
    const [area] = site.areas;
    expect(area.lines.map((l) => l.code)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7']);
    expect(area.deviceCount).toBe(180);
    for (const line of area.lines) {
      expect(line.orgId).toBe(gearOrg);
      expect(line.cells.reduce((n, c) => n + c.deviceCount, 0)).toBe(line.deviceCount);
    }
    expect(area.lines.reduce((n, l) => n + l.deviceCount, 0)).toBe(180);
  });

  it('shows another organisation nothing, and refuses users without the factory permission or a session', async () => {
    expect(await model(await t.login('ck.admin'))).toEqual([]);
    expect((await (await t.login('ly.officer')).get('/api/factory/model')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/factory/model')).statusCode).toBe(401);
    expect((await t.anonymous().get('/api/factory/model/sparkplug-groups')).statusCode).toBe(401);
  });
});

describe('changing the model', () => {
  it('creates, renames and deletes a site, an area, a line and a work cell, with one audit row per change', async () => {
    const site = await created(manager, '/api/factory/model/sites', { code: 'QJ-EAST', name: '东区基地' });
    // Without a region the site lies where its enterprise is registered; it belongs to the manager's organisation.
    expect(site).toMatchObject({ orgId: gearOrg, code: 'QJ-EAST', regionCode: '500110' });
    const area = await created(manager, '/api/factory/model/areas', { siteId: site.id, code: 'ASSY', name: '装配车间' });
    const line = await created(manager, '/api/factory/model/lines', { areaId: area.id, code: 'A1', nameZh: '装配一线', nameEn: 'Assembly 1', product: '' });
    expect(line).toMatchObject({ orgId: gearOrg, areaId: area.id, product: null });
    const cell = await created(manager, '/api/factory/model/cells', { lineId: line.id, code: 'OP10', name: '压装' });

    const east = (await model()).find((s) => s.id === site.id)!;
    expect(east).toMatchObject({ deviceCount: 0, areas: [{ code: 'ASSY', deviceCount: 0, lines: [{ code: 'A1', cells: [{ code: 'OP10', name: '压装', deviceCount: 0 }] }] }] });

    const renamed = {
      site: await manager.patch(`/api/factory/model/sites/${site.id}`, { name: '东区智能基地', regionCode: null }),
      area: await manager.patch(`/api/factory/model/areas/${area.id}`, { name: '总装车间' }),
      line: await manager.patch(`/api/factory/model/lines/${line.id}`, { code: 'A01', product: '变速箱总成' }),
      cell: await manager.patch(`/api/factory/model/cells/${cell.id}`, { code: 'OP20' }),
    };
    expect(renamed.site.json()).toMatchObject({ name: '东区智能基地', regionCode: null });
    expect(renamed.area.json()).toMatchObject({ code: 'ASSY', name: '总装车间' });
    expect(renamed.line.json()).toMatchObject({ code: 'A01', nameZh: '装配一线', product: '变速箱总成' });
    expect(renamed.cell.json()).toMatchObject({ code: 'OP20', name: '压装' });

    // Bottom up: each delete is allowed once what was below it is gone.
    for (const [url, id] of [
      ['cells', cell.id],
      ['lines', line.id],
      ['areas', area.id],
      ['sites', site.id],
    ]) {
      const res = await manager.del(`/api/factory/model/${url}/${id}`);
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await model()).map((s) => s.code)).toEqual(['QJ-SMART']);

    for (const [entity, id] of [
      ['site', site.id],
      ['area', area.id],
      ['line', line.id],
      ['cell', cell.id],
    ]) {
      for (const action of ['create', 'update', 'delete']) expect(await t.auditCount({ action: `factory.${entity}.${action}`, entityId: id })).toBe(1);
    }
    const row = await t.platform.handle.db
      .selectFrom('audit_log')
      .select(['org_id', 'before', 'after', 'actor_name'])
      .where('action', '=', 'factory.line.update')
      .where('entity_id', '=', line.id)
      .executeTakeFirstOrThrow();
    expect(row.org_id).toBe(gearOrg);
    expect(row.actor_name).toBe('陈厂 (gear.manager)');
    expect(JSON.stringify(row.before)).toContain('"code":"A1"');
    expect(JSON.stringify(row.after)).toContain('"code":"A01"');
  });

  it('lets a platform administrator model a plant for another enterprise', async () => {
    const admin = await t.login('admin');
    const other = await t.orgId('荆江半轴');
    const site = await created(admin, '/api/factory/model/sites', { orgId: other, code: 'JJ-1', name: '荆江半轴厂区', regionCode: '500110' });
    const area = await created(admin, '/api/factory/model/areas', { siteId: site.id, code: 'MACH', name: '机加车间' });
    // Line codes are unique per organisation: L1 is the gear plant's, and free at the other enterprise.
    const line = await created(admin, '/api/factory/model/lines', { areaId: area.id, code: 'L1', nameZh: '半轴线', nameEn: 'Half-shaft line' });
    expect(line).toMatchObject({ orgId: other });
    // The gear plant's manager does not see it, nor change it.
    expect((await model()).some((s) => s.id === site.id)).toBe(false);
    expect((await manager.patch(`/api/factory/model/lines/${line.id}`, { nameZh: 'x' })).statusCode).toBe(403);
    expect(await t.auditCount({ action: 'factory.site.create', entityId: site.id })).toBe(1);
  });

  it('answers a duplicate code with 409 naming the field, on create and on rename, and writes nothing', async () => {
    const site = await demoSite();
    const area = site.areas[0];
    const line = area.lines[0];
    const audits = await t.auditCount();
    const dup = [
      await manager.post('/api/factory/model/sites', { code: 'QJ-SMART', name: '重复' }),
      await manager.post('/api/factory/model/areas', { siteId: site.id, code: 'MACH', name: '重复' }),
      // Unique per organisation, not per area.
      await manager.post('/api/factory/model/lines', { areaId: area.id, code: 'L2', nameZh: '重复', nameEn: 'Duplicate' }),
      await manager.post('/api/factory/model/cells', { lineId: line.id, code: line.cells[0].code, name: '重复' }),
      await manager.patch(`/api/factory/model/lines/${line.id}`, { code: 'L2' }),
      await manager.patch(`/api/factory/model/cells/${line.cells[1].id}`, { code: line.cells[0].code }),
    ];
    expect(dup.map((r) => r.statusCode)).toEqual([409, 409, 409, 409, 409, 409]);
    for (const r of dup) expect(r.json().error.fields).toEqual({ code: 'already taken' });
    expect(dup.map((r) => r.json().error.key)).toEqual([
      'factory.model.site_code_taken',
      'factory.model.area_code_taken',
      'factory.model.line_code_taken',
      'factory.model.cell_code_taken',
      'factory.model.line_code_taken',
      'factory.model.cell_code_taken',
    ]);
    expect(dup.map((r) => r.json().error.message)).toEqual([
      'A site with this code already exists in this organisation',
      'An area with this code already exists on this site',
      'A line with this code already exists in this organisation',
      'A work cell with this code already exists on this line',
      'A line with this code already exists in this organisation',
      'A work cell with this code already exists on this line',
    ]);
    expect(await t.auditCount()).toBe(audits);
    // The same area code on another site is fine.
    const east = await created(manager, '/api/factory/model/sites', { code: 'QJ-DUP', name: '另一厂区' });
    await created(manager, '/api/factory/model/areas', { siteId: east.id, code: 'MACH', name: '机加车间' });
  });

  it('refuses to delete anything that still has children, devices or Sparkplug groups, and changes nothing', async () => {
    const before = await model();
    const site = before.find((s) => s.code === 'QJ-SMART')!;
    const line = site.areas[0].lines[0];
    const cell = line.cells.find((c) => c.deviceCount > 1)!;
    const audits = await t.auditCount();
    const refused = [
      await manager.del(`/api/factory/model/sites/${site.id}`),
      await manager.del(`/api/factory/model/areas/${site.areas[0].id}`),
      await manager.del(`/api/factory/model/lines/${line.id}`),
      await manager.del(`/api/factory/model/cells/${cell.id}`),
      await manager.del('/api/factory/model/sparkplug-groups/qijiang-gear'),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([409, 409, 409, 409, 409]);
    expect(refused.map((r) => r.json().error.message)).toEqual([
      'This site still has 1 area, 180 devices and 1 Sparkplug group; move or remove them first',
      'This area still has 7 lines; move or remove them first',
      `This line still has ${line.cells.length} work cells and ${line.deviceCount} devices; move or remove them first`,
      `This work cell still has ${cell.deviceCount} devices; move or remove them first`,
      'This Sparkplug group still has 180 devices; move or remove them first',
    ]);
    expect(refused[0].json().error).toMatchObject({ key: 'factory.model.in_use.site.areas_devices_groups', params: { areas: 1, devices: 180, groups: 1 } });
    expect(refused[1].json().error).toMatchObject({ key: 'factory.model.in_use.area.lines', params: { lines: 7 } });
    expect(await model()).toEqual(before);
    expect(await t.auditCount()).toBe(audits);
  });

  it('answers an empty change with the record as it is, and writes no audit row', async () => {
    const site = await demoSite();
    const audits = await t.auditCount();
    for (const [url, id] of [
      ['sites', site.id],
      ['areas', site.areas[0].id],
      ['lines', site.areas[0].lines[0].id],
      ['cells', site.areas[0].lines[0].cells[0].id],
    ]) {
      const res = await manager.patch(`/api/factory/model/${url}/${id}`, {});
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().id).toBe(id);
    }
    // A device too (PATCH /api/factory/devices/:id {} was a 500: an UPDATE with nothing to set).
    const [device] = (await manager.get('/api/factory/devices?pageSize=1')).json().items;
    const res = await manager.patch(`/api/factory/devices/${device.id}`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(device);
    expect(await t.auditCount()).toBe(audits);
  });

  it('keeps a moved line on its own site', async () => {
    const site = await demoSite();
    const line = site.areas[0].lines[6];
    const hall = await created(manager, '/api/factory/model/areas', { siteId: site.id, code: 'HALL2', name: '二号厂房' });
    const moved = await manager.patch(`/api/factory/model/lines/${line.id}`, { areaId: hall.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await demoSite()).areas.find((a) => a.id === hall.id)!.lines.map((l) => l.code)).toEqual([line.code]);
    const elsewhere = (await model()).find((s) => s.code === 'QJ-DUP')!.areas[0];
    const res = await manager.patch(`/api/factory/model/lines/${line.id}`, { areaId: elsewhere.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ message: 'A line moves only between areas of its own site', fields: { areaId: 'area of another site' } });
    expect((await manager.patch(`/api/factory/model/lines/${line.id}`, { areaId: site.areas[0].id })).statusCode).toBe(200);
    expect((await manager.del(`/api/factory/model/areas/${hall.id}`)).statusCode).toBe(200);
  });
});

describe('bad requests and permissions', () => {
  it('rejects invalid bodies with 400 and the field, unknown parents with 400, unknown records with 404', async () => {
    const site = await demoSite();
    const bad = async (url: string, body: unknown, field: string) => {
      const res = await manager.post(url, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(Object.keys(res.json().error.fields)).toContain(field);
    };
    await bad('/api/factory/model/sites', { code: 'QJ EAST', name: '东区' }, 'code');
    await bad('/api/factory/model/sites', { code: 'QJ-E', name: '  ' }, 'name');
    await bad('/api/factory/model/sites', { code: 'QJ-E', name: '东区', regionCode: '12' }, 'regionCode');
    await bad('/api/factory/model/sites', { code: 'QJ-E', name: '东区', regionCode: '999999' }, 'regionCode');
    await bad('/api/factory/model/areas', { code: 'A', name: '车间' }, 'siteId');
    await bad('/api/factory/model/areas', { siteId: 'not-a-uuid', code: 'A', name: '车间' }, 'siteId');
    await bad('/api/factory/model/areas', { siteId: '00000000-0000-4000-8000-000000000000', code: 'A', name: '车间' }, 'siteId');
    await bad('/api/factory/model/lines', { areaId: site.areas[0].id, code: 'L9', nameZh: '九线' }, 'nameEn');
    await bad('/api/factory/model/cells', { lineId: '00000000-0000-4000-8000-000000000000', code: 'OP10', name: 'x' }, 'lineId');
    await bad('/api/factory/model/sparkplug-groups', { groupId: 'a/b', siteId: site.id }, 'groupId');
    expect((await manager.patch('/api/factory/model/cells/00000000-0000-4000-8000-000000000000', { name: 'x' })).statusCode).toBe(404);
    expect((await manager.del('/api/factory/model/sparkplug-groups/nobody')).statusCode).toBe(404);
  });

  it('lets only factory.manage change the model, only in its own organisation, and nobody without a session', async () => {
    const site = await demoSite();
    const area = site.areas[0];
    const line = area.lines[0];
    const cell = line.cells[0];
    const attempts = (c: Client) => [
      c.post('/api/factory/model/sites', { orgId: gearOrg, code: 'X1', name: 'x' }),
      c.patch(`/api/factory/model/sites/${site.id}`, { name: 'x' }),
      c.del(`/api/factory/model/sites/${site.id}`),
      c.post('/api/factory/model/areas', { siteId: site.id, code: 'X1', name: 'x' }),
      c.patch(`/api/factory/model/areas/${area.id}`, { name: 'x' }),
      c.del(`/api/factory/model/areas/${area.id}`),
      c.post('/api/factory/model/lines', { areaId: area.id, code: 'X1', nameZh: 'x', nameEn: 'x' }),
      c.patch(`/api/factory/model/lines/${line.id}`, { nameZh: 'x' }),
      c.del(`/api/factory/model/lines/${line.id}`),
      c.post('/api/factory/model/cells', { lineId: line.id, code: 'X1', name: 'x' }),
      c.patch(`/api/factory/model/cells/${cell.id}`, { name: 'x' }),
      c.del(`/api/factory/model/cells/${cell.id}`),
      c.post('/api/factory/model/sparkplug-groups', { groupId: 'x1', siteId: site.id }),
      c.del('/api/factory/model/sparkplug-groups/qijiang-gear'),
    ];
    // Signing in writes audit rows of its own: sign in first, then count.
    const [chengkou, linyi] = await Promise.all([t.login('ck.admin'), t.login('ly.officer')]);
    const audits = await t.auditCount();
    const statuses = async (c: Client) => (await Promise.all(attempts(c))).map((r) => r.statusCode);
    // An operator reads the plant but does not manage it.
    expect(await statuses(operator)).toEqual(Array(14).fill(403));
    // Another organisation's administrator has factory.manage, but for its own organisation only.
    const other = await chengkou.post('/api/factory/model/sites', { orgId: gearOrg, code: 'X1', name: 'x' });
    expect(other.json().error.message).toBe('This record belongs to an organisation outside your scope');
    expect(await statuses(chengkou)).toEqual(Array(14).fill(403));
    expect(await statuses(linyi)).toEqual(Array(14).fill(403));
    // Without a session: 401 (the CSRF check never gets to say anything).
    expect(await statuses(t.anonymous())).toEqual(Array(14).fill(401));
    expect(await t.auditCount()).toBe(audits);
    expect(await demoSite()).toEqual(site);
  });
});

describe('Sparkplug groups', () => {
  it('lists which site each group belongs to, maps a new one, refuses a duplicate, deletes an unused one', async () => {
    const site = await demoSite();
    const groups = (await operator.get('/api/factory/model/sparkplug-groups')).json();
    expect(groups).toEqual([
      { groupId: 'qijiang-gear', orgId: gearOrg, orgName: '綦江齿轮传动有限公司', siteId: site.id, siteCode: 'QJ-SMART', siteName: '綦江智能制造基地', deviceCount: 180 },
    ]);
    const res = await manager.post('/api/factory/model/sparkplug-groups', { groupId: 'qijiang-gear-2', siteId: site.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ groupId: 'qijiang-gear-2', orgId: gearOrg, deviceCount: 0 });
    const dup = await manager.post('/api/factory/model/sparkplug-groups', { groupId: 'qijiang-gear-2', siteId: site.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ message: 'This Sparkplug group is already mapped to a site', fields: { groupId: 'already taken' } });
    expect((await manager.del('/api/factory/model/sparkplug-groups/qijiang-gear-2')).statusCode).toBe(200);
    expect((await operator.get('/api/factory/model/sparkplug-groups')).json()).toHaveLength(1);
    for (const action of ['create', 'delete']) expect(await t.auditCount({ action: `factory.sparkplug_group.${action}`, entityId: 'qijiang-gear-2' })).toBe(1);
    expect((await (await t.login('ck.admin')).get('/api/factory/model/sparkplug-groups')).json()).toEqual([]);
  });
});
