import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Permission, Role } from '@gearbridge/contracts/identity';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { corePermissions, coreRoles } from './permissions';

let t: TestApp;
let admin: Client; // platform admin
let gear: Client; // org admin of 綦江齿轮传动有限公司
let ck: Client; // org admin of 城口县就业和人才服务局
let manager: Client; // gear.manager: org.read and user.read, no role.manage

const GEAR = '綦江齿轮传动有限公司';
const CK = '城口县就业和人才服务局';
const NO_ROLE = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await startTestApp();
  [admin, gear, ck, manager] = await Promise.all([t.login('admin'), t.login('gear.admin'), t.login('ck.admin'), t.login('gear.manager')]);
});
afterAll(() => t?.close());

const codes = (roles: Role[]) => roles.map((r) => r.code);
const BUILT_IN = coreRoles.map((r) => r.code).sort();

async function rolesOf(c: Client, query = ''): Promise<Role[]> {
  const res = await c.get(`/api/roles${query}`);
  if (res.statusCode !== 200) throw new Error(`list roles failed: ${res.statusCode} ${res.body}`);
  return res.json();
}
async function builtIn(code: string): Promise<Role> {
  return (await rolesOf(admin)).find((r) => r.builtIn && r.code === code)!;
}
async function createRole(c: Client, code: string, permissions: string[]): Promise<Role> {
  const res = await c.post('/api/roles', { code, nameZh: `角色${code}`, nameEn: `Role ${code}`, permissions });
  if (res.statusCode !== 201) throw new Error(`create role ${code} failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

describe('every roles route without a session', () => {
  it('answers 401 and writes nothing', async () => {
    const anon = t.anonymous();
    const id = (await builtIn('operator')).id;
    const before = await t.auditCount();
    const answers = await Promise.all([
      anon.get('/api/permissions'),
      anon.get('/api/roles'),
      anon.post('/api/roles', { code: 'anon_role', nameZh: '匿名', nameEn: 'Anon', permissions: [] }),
      anon.patch(`/api/roles/${id}`, { nameEn: 'Hacked' }),
      anon.del(`/api/roles/${id}`),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401]);
    expect(answers.every((r) => r.json().error.code === 'unauthenticated')).toBe(true);
    expect(await t.auditCount()).toBe(before);
  });
});

describe('GET /api/roles without user.read or role.manage', () => {
  it('answers 403 to an operator, who has no use for the role list', async () => {
    const operator = await t.login('gear.operator');
    const res = await operator.get('/api/roles');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('role.manage');
  });
});

describe('GET /api/permissions', () => {
  it('lists the core permissions with their module and both languages', async () => {
    const res = await gear.get('/api/permissions');
    expect(res.statusCode).toBe(200);
    const list: z.infer<typeof Permission>[] = res.json();
    expect(list).toEqual(expect.arrayContaining(corePermissions.map((p) => ({ code: p.code, module: p.code.split('.')[0], zh: p.zh, en: p.en }))));
    expect(list.find((p) => p.code === 'pii.reveal')).toEqual({ code: 'pii.reveal', module: 'pii', zh: '查看完整个人信息（留痕）', en: 'Reveal personal data (audited)' });
    expect(new Set(list.map((p) => p.code)).size).toBe(list.length);
  });
});

describe('GET /api/roles', () => {
  it('lists every built-in role as built in, with its permissions and how many users hold it', async () => {
    const roles = await rolesOf(admin);
    const builtIns = roles.filter((r) => r.orgId === null);
    expect(codes(builtIns).sort()).toEqual(BUILT_IN);
    expect(builtIns.every((r) => r.builtIn)).toBe(true);
    expect(builtIns.find((r) => r.code === 'platform_admin')).toMatchObject({ nameZh: '平台管理员', nameEn: 'Platform administrator', permissions: ['*'], userCount: 1 });
    expect(builtIns.find((r) => r.code === 'org_admin')).toMatchObject({
      permissions: [
        'org.read',
        'org.manage',
        'user.read',
        'user.manage',
        'role.manage',
        'audit.read',
        'pii.reveal',
        'factory.read',
        'factory.manage',
        'factory.plan',
        'factory.station',
        'factory.quality',
        'factory.logistics',
      ],
      userCount: 6, // gear.admin, ck.admin, ck.hospital, ly.hospital, ck.school, ly.school
    });
    // Built-ins come first.
    expect(roles.slice(0, builtIns.length).every((r) => r.builtIn)).toBe(true);
  });

  it("shows an org admin the built-ins and the own custom roles, never another organisation's", async () => {
    const gearRole = await createRole(gear, 'gear_only', ['org.read']);
    const ckRole = await createRole(ck, 'ck_only', ['org.read']);

    const seenByGear = await rolesOf(gear);
    expect(codes(seenByGear.filter((r) => !r.builtIn))).toEqual(['gear_only']);
    expect(codes(seenByGear.filter((r) => r.builtIn)).sort()).toEqual(BUILT_IN);
    // Asking for another organisation's roles by id does not widen what an org admin sees.
    const asked = await rolesOf(gear, `?orgId=${await t.orgId(CK)}`);
    expect(asked.map((r) => r.id)).not.toContain(ckRole.id);
    expect(codes(asked.filter((r) => !r.builtIn))).toEqual(['gear_only']);

    expect(codes((await rolesOf(ck)).filter((r) => !r.builtIn))).toEqual(['ck_only']);
    expect(codes((await rolesOf(admin, `?orgId=${await t.orgId(CK)}`)).filter((r) => !r.builtIn))).toEqual(['ck_only']);
    const all = (await rolesOf(admin)).map((r) => r.id);
    expect(all).toEqual(expect.arrayContaining([gearRole.id, ckRole.id]));
  });

  it('answers 400 for a bad orgId', async () => {
    const res = await admin.get('/api/roles?orgId=gear');
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['orgId']);
  });
});

describe('POST /api/roles', () => {
  it("creates a custom role of the creator's organisation and writes one audit row", async () => {
    const before = await t.auditCount({ action: 'role.create' });
    const res = await gear.post('/api/roles', { code: 'shift_lead', nameZh: '班组长', nameEn: 'Shift lead', permissions: ['org.read', 'user.read', 'org.read'] });
    expect(res.statusCode).toBe(201);
    const role: Role = res.json();
    expect(role).toMatchObject({ orgId: await t.orgId(GEAR), code: 'shift_lead', nameZh: '班组长', nameEn: 'Shift lead', builtIn: false, userCount: 0 });
    // Duplicates in the request are stored once.
    expect(role.permissions).toEqual(['org.read', 'user.read']);
    expect(await t.auditCount({ action: 'role.create' })).toBe(before + 1);
    const row = await t.platform.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'role.create').where('entity_id', '=', role.id).executeTakeFirstOrThrow();
    expect(row.org_id).toBe(await t.orgId(GEAR));
    expect(row.actor_name).toBe('周齿 (gear.admin)');
  });

  it('answers 400 for an unknown permission or a bad code, and writes nothing', async () => {
    const before = await t.auditCount();
    const unknown = await gear.post('/api/roles', { code: 'flyer', nameZh: '飞行员', nameEn: 'Flyer', permissions: ['org.read', 'factory.fly'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual({ permissions: 'unknown: factory.fly' });
    // '*' is how platform_admin is stored, not a permission anyone can hand out.
    const star = await admin.post('/api/roles', { code: 'superuser', nameZh: '超级', nameEn: 'Super', permissions: ['*'] });
    expect(star.statusCode).toBe(400);
    const bad = await gear.post('/api/roles', { code: 'Bad Code', nameZh: ' ', nameEn: 'x', permissions: 'org.read' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['code', 'nameZh', 'permissions']);
    expect(await t.auditCount()).toBe(before);
  });

  it('answers 403 for a permission the creator lacks, and for a user without role.manage; writes nothing', async () => {
    const before = await t.auditCount();
    const beyond = await gear.post('/api/roles', { code: 'region_editor', nameZh: '区划编辑', nameEn: 'Region editor', permissions: ['org.read', 'region.manage'] });
    expect(beyond.statusCode).toBe(403);
    expect(beyond.json().error.message).toContain('region.manage');
    expect(beyond.json().error.message).not.toContain('org.read');
    expect((await manager.post('/api/roles', { code: 'viewer', nameZh: '查看', nameEn: 'Viewer', permissions: ['org.read'] })).statusCode).toBe(403);
    expect(await t.auditCount()).toBe(before);
    expect(codes(await rolesOf(gear))).not.toContain('region_editor');
  });

  it('answers 409 for a code the organisation already has, while another organisation may use the same code', async () => {
    const before = await t.auditCount();
    const dup = await gear.post('/api/roles', { code: 'shift_lead', nameZh: '另一个班组长', nameEn: 'Another', permissions: [] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual({ code: 'already taken' });
    expect(await t.auditCount()).toBe(before);

    const elsewhere = await ck.post('/api/roles', { code: 'shift_lead', nameZh: '班组长', nameEn: 'Shift lead', permissions: ['user.read'] });
    expect(elsewhere.statusCode).toBe(201);
    expect(elsewhere.json().orgId).toBe(await t.orgId(CK));
    expect(await t.auditCount()).toBe(before + 1);
  });
});

describe('PATCH /api/roles/:id', () => {
  it('changes an own custom role, with before and after in the audit row', async () => {
    const role = await createRole(gear, 'inspector', ['org.read']);
    const res = await gear.patch(`/api/roles/${role.id}`, { nameEn: 'Line inspector', permissions: ['org.read', 'user.read'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: role.id, code: 'inspector', nameZh: '角色inspector', nameEn: 'Line inspector', permissions: ['org.read', 'user.read'], builtIn: false });
    const row = await t.platform.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'role.update').where('entity_id', '=', role.id).executeTakeFirstOrThrow();
    expect(row.before).toEqual({ nameZh: '角色inspector', nameEn: 'Role inspector', permissions: ['org.read'] });
    expect(row.after).toEqual({ nameZh: '角色inspector', nameEn: 'Line inspector', permissions: ['org.read', 'user.read'] });
    expect(row.org_id).toBe(await t.orgId(GEAR));
  });

  it('answers 409 for a built-in role, even for the platform admin, and leaves it as it was', async () => {
    const operator = await builtIn('operator');
    const before = await t.auditCount();
    const res = await admin.patch(`/api/roles/${operator.id}`, { permissions: ['org.read', 'user.read'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
    // The same answer for an org admin: built-in roles are nobody's to change.
    expect((await gear.patch(`/api/roles/${operator.id}`, { nameEn: 'Worker' })).statusCode).toBe(409);
    expect(await t.auditCount()).toBe(before);
    expect(await builtIn('operator')).toEqual(operator);
  });

  it("answers 403 for another organisation's role, for a permission the editor lacks, and without role.manage", async () => {
    const ckRole = await createRole(ck, 'ck_clerk', ['org.read']);
    const gearRole = await createRole(gear, 'gear_clerk', ['org.read']);
    const before = await t.auditCount();
    expect((await gear.patch(`/api/roles/${ckRole.id}`, { nameEn: 'Taken over' })).statusCode).toBe(403);
    expect((await gear.patch(`/api/roles/${gearRole.id}`, { permissions: ['region.manage'] })).statusCode).toBe(403);
    expect((await manager.patch(`/api/roles/${gearRole.id}`, { nameEn: 'Renamed' })).statusCode).toBe(403);
    expect(await t.auditCount()).toBe(before);
    expect((await rolesOf(ck)).find((r) => r.id === ckRole.id)!.nameEn).toBe('Role ck_clerk');
    expect((await rolesOf(gear)).find((r) => r.id === gearRole.id)!.permissions).toEqual(['org.read']);
  });

  it('answers 400 for an unknown permission or a blank name, and 404 for no such role; writes nothing', async () => {
    const role = await createRole(gear, 'gear_temp', ['org.read']);
    const before = await t.auditCount();
    const unknown = await gear.patch(`/api/roles/${role.id}`, { permissions: ['org.teleport'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual({ permissions: 'unknown: org.teleport' });
    const blank = await gear.patch(`/api/roles/${role.id}`, { nameZh: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(Object.keys(blank.json().error.fields)).toEqual(['nameZh']);
    expect((await gear.patch(`/api/roles/${NO_ROLE}`, { nameEn: 'Nobody' })).statusCode).toBe(404);
    expect((await gear.patch('/api/roles/not-a-uuid', { nameEn: 'Nobody' })).statusCode).toBe(400);
    expect(await t.auditCount()).toBe(before);
  });
});

describe('DELETE /api/roles/:id', () => {
  it('answers 409 while the role is granted to a user, and deletes it with an audit row once it is not', async () => {
    const role = await createRole(gear, 'packer', ['org.read']);
    const operatorId = await t.userId('gear.operator');
    const operatorRole = await builtIn('operator');
    const grant = await gear.patch(`/api/users/${operatorId}`, { roles: [{ roleId: operatorRole.id }, { roleId: role.id }] });
    expect(grant.statusCode).toBe(200);
    expect((await rolesOf(gear)).find((r) => r.id === role.id)!.userCount).toBe(1);

    const before = await t.auditCount();
    const refused = await gear.del(`/api/roles/${role.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('still granted');
    expect(await t.auditCount()).toBe(before);
    expect((await rolesOf(gear)).map((r) => r.id)).toContain(role.id);

    expect((await gear.patch(`/api/users/${operatorId}`, { roles: [{ roleId: operatorRole.id }] })).statusCode).toBe(200);
    const deletesBefore = await t.auditCount({ action: 'role.delete', entityId: role.id });
    const res = await gear.del(`/api/roles/${role.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await t.auditCount({ action: 'role.delete', entityId: role.id })).toBe(deletesBefore + 1);
    const row = await t.platform.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'role.delete').where('entity_id', '=', role.id).executeTakeFirstOrThrow();
    expect(row.before).toEqual({ code: 'packer', permissions: ['org.read'] });
    expect((await rolesOf(gear)).map((r) => r.id)).not.toContain(role.id);
  });

  it("answers 409 for a built-in role, 403 for another organisation's or without role.manage, 404 for none; writes nothing", async () => {
    const ckRole = await createRole(ck, 'ck_archivist', ['org.read']);
    const gearRole = await createRole(gear, 'gear_archivist', ['org.read']);
    const before = await t.auditCount();
    expect((await admin.del(`/api/roles/${(await builtIn('buyer')).id}`)).statusCode).toBe(409);
    expect((await gear.del(`/api/roles/${ckRole.id}`)).statusCode).toBe(403);
    expect((await manager.del(`/api/roles/${gearRole.id}`)).statusCode).toBe(403);
    expect((await gear.del(`/api/roles/${NO_ROLE}`)).statusCode).toBe(404);
    expect(await t.auditCount()).toBe(before);
    expect(codes(await rolesOf(admin))).toEqual(expect.arrayContaining(['buyer', 'ck_archivist', 'gear_archivist']));
  });
});
