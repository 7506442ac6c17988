import { xlsxText } from '../../test/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Role, User } from '@gearbridge/contracts/identity';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { DEMO_USERS } from './seed';
import { XLSX_MIME } from '../../platform/excel/workbook';

let t: TestApp;
let admin: Client; // platform admin
let gear: Client; // org admin of 綦江齿轮传动有限公司
let ck: Client; // org admin of 城口县就业和人才服务局
let operator: Client; // gear.operator: org.read only
let auditor: Client; // park.auditor: org.read, user.read, audit.read, no pii.reveal
let roleIds: Map<string, string>; // built-in role code → id

const GEAR = '綦江齿轮传动有限公司';
const CK = '城口县就业和人才服务局';

/** The synthetic number seedDemo gives the i-th demo user: 138000000 followed by i + 10. */
const demoPhone = (username: string) => `138000000${String(DEMO_USERS.findIndex((u) => u.username === username) + 10).padStart(2, '0')}`;
const ALL_DEMO_PHONES = DEMO_USERS.map((u) => demoPhone(u.username));

beforeAll(async () => {
  t = await startTestApp();
  [admin, gear, ck, operator, auditor] = await Promise.all([t.login('admin'), t.login('gear.admin'), t.login('ck.admin'), t.login('gear.operator'), t.login('park.auditor')]);
  const roles: Role[] = (await admin.get('/api/roles')).json();
  roleIds = new Map(roles.filter((r) => r.builtIn).map((r) => [r.code, r.id]));
});
afterAll(() => t?.close());

const usernames = (items: User[]) => items.map((u) => u.username).sort();
/** The gear plant's demo accounts: its four office roles and its shop-floor operators (the line crews). */
const GEAR_USERS = DEMO_USERS.filter((u) => u.org === GEAR)
  .map((u) => u.username)
  .sort();
const role = (code: string) => {
  const id = roleIds.get(code);
  if (!id) throw new Error(`no built-in role ${code}`);
  return id;
};

async function readXlsx(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

async function newUser(by: Client, body: Record<string, unknown>): Promise<User> {
  const res = await by.post('/api/users', body);
  if (res.statusCode !== 201) throw new Error(`create user failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

describe('every /api/users route without a session', () => {
  it('answers 401 and writes nothing', async () => {
    const anon = t.anonymous();
    const id = await t.userId('gear.operator');
    const before = await t.auditCount();
    const answers = await Promise.all([
      anon.get('/api/users'),
      anon.get('/api/users/export'),
      anon.get(`/api/users/${id}`),
      anon.post('/api/users', { orgId: await t.orgId(GEAR), username: 'anon.user', displayName: '匿名', password: 'Long-enough-1' }),
      anon.patch(`/api/users/${id}`, { status: 'disabled' }),
      anon.post(`/api/users/${id}/password`, { password: 'Long-enough-1' }),
      anon.post(`/api/users/${id}/reveal`, { field: 'phone' }),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    expect(answers.every((r) => r.json().error.code === 'unauthenticated')).toBe(true);
    expect(await t.auditCount()).toBe(before);
  });
});

describe('GET /api/users', () => {
  it('shows an org admin only the users of the own organisation', async () => {
    const res = await gear.get('/api/users?pageSize=100');
    expect(res.statusCode).toBe(200);
    expect(GEAR_USERS).toEqual(expect.arrayContaining(['gear.admin', 'gear.manager', 'gear.operator', 'gear.quality', 'gear.op01']));
    expect(usernames(res.json().items)).toEqual(GEAR_USERS);
    expect(res.json().total).toBe(GEAR_USERS.length);
    expect(new Set(res.json().items.map((u: User) => u.orgName))).toEqual(new Set([GEAR]));

    const other = (await ck.get('/api/users?pageSize=100')).json();
    expect(usernames(other.items)).toEqual(['ck.admin', 'ck.caseworker']);
    expect(new Set(other.items.map((u: User) => u.orgName))).toEqual(new Set([CK]));
  });

  it('keeps an org admin inside the own organisation even when asking for another by orgId', async () => {
    const res = await gear.get(`/api/users?orgId=${await t.orgId(CK)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ items: [], total: 0 });
  });

  it('shows the platform admin every user, with paging', async () => {
    const all = (await admin.get('/api/users?pageSize=100')).json();
    expect(usernames(all.items)).toEqual(DEMO_USERS.map((u) => u.username).sort());
    expect(all.total).toBe(DEMO_USERS.length);
    const page2 = (await admin.get('/api/users?pageSize=4&page=2')).json();
    expect(page2).toMatchObject({ page: 2, pageSize: 4, total: DEMO_USERS.length });
    expect(page2.items.map((u: User) => u.id)).toEqual(all.items.slice(4, 8).map((u: User) => u.id));
  });

  it('filters by text for the platform admin', async () => {
    const res = (await admin.get('/api/users?q=GEAR.&pageSize=100')).json();
    expect(usernames(res.items)).toEqual(GEAR_USERS);
  });

  it('matches % and _ in the text literally, not as LIKE wildcards', async () => {
    // No demo username or name holds either character: unescaped, each would match every user.
    for (const q of ['%', '_', 'gear_']) expect((await admin.get(`/api/users?q=${encodeURIComponent(q)}`)).json().total).toBe(0);
    expect((await admin.get(`/api/orgs?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
    expect((await admin.get(`/api/audit?action=${encodeURIComponent('%')}`)).json().total).toBe(0);
  });

  it('answers 403 for a user without user.read', async () => {
    const res = await operator.get('/api/users');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('answers 400 with the fields named for a bad query', async () => {
    const res = await admin.get('/api/users?pageSize=0&status=asleep&orgId=nope');
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['orgId', 'pageSize', 'status']);
  });

  it('shows every phone masked and never the clear number', async () => {
    const res = await admin.get('/api/users?pageSize=100');
    const items: User[] = res.json().items;
    for (const u of items) expect(u.phoneMasked).toBe(`138****${demoPhone(u.username).slice(-4)}`);
    expect(items.find((u) => u.username === 'gear.operator')!.phoneMasked).toBe('138****0016');
    for (const phone of ALL_DEMO_PHONES) expect(res.body).not.toContain(phone);
  });
});

describe('GET /api/users/:id', () => {
  it('returns a user of the own organisation with the phone masked and the clear number nowhere in the body', async () => {
    const id = await t.userId('gear.operator');
    const res = await gear.get(`/api/users/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, username: 'gear.operator', displayName: '郑工', orgName: GEAR, phoneMasked: '138****0016', status: 'active' });
    expect(res.json().roles).toEqual([{ roleId: role('operator'), code: 'operator', name: '操作工', regionCode: null }]);
    expect(res.body).not.toContain('13800000016');
  });

  it('answers 403 outside the scope, 404 for no such user and 400 for a bad id', async () => {
    expect((await gear.get(`/api/users/${await t.userId('ck.admin')}`)).statusCode).toBe(403);
    expect((await operator.get(`/api/users/${await t.userId('gear.operator')}`)).statusCode).toBe(403);
    expect((await admin.get('/api/users/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const bad = await admin.get('/api/users/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['id']);
    expect(bad.json().error.key).toBe('platform.http.invalid_path');
  });
});

describe('GET /api/users/export', () => {
  it("exports the caller's users as a readable xlsx with masked phones only", async () => {
    const res = await gear.get('/api/users/export?lang=zh');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="users-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const [header, ...rows] = await readXlsx(res.rawPayload);
    expect(header).toEqual(['登录名', '姓名', '所属组织', '手机号（脱敏）', '角色', '状态', '最近登录']);
    expect(rows.map((r) => r[0]).sort()).toEqual(GEAR_USERS);
    expect(rows.every((r) => r[2] === GEAR)).toBe(true);
    expect(rows.find((r) => r[0] === 'gear.operator')!.slice(3, 6)).toEqual(['138****0016', '操作工', '启用']);
  });

  it('writes roles in words, a government grant with its region, in the language asked', async () => {
    const zh = await readXlsx((await admin.get('/api/users/export?lang=zh')).rawPayload);
    const en = await readXlsx((await admin.get('/api/users/export?lang=en')).rawPayload);
    expect(zh.find((r) => r[0] === 'ly.officer')![4]).toMatch(/^协作联络员（[^（）]*临沂市）/);
    expect(en.find((r) => r[0] === 'ly.officer')![4]).toMatch(/^Collaboration officer \([^()]*临沂市\)/);
    expect(en.find((r) => r[0] === 'gear.operator')!.slice(4, 6)).toEqual(['Operator', 'Active']);
    expect(JSON.stringify(zh)).not.toContain('@371300');
  });

  it('puts no clear phone number anywhere in the file', async () => {
    const res = await admin.get('/api/users/export?lang=en');
    expect(res.statusCode).toBe(200);
    const text = xlsxText(res.rawPayload);
    // The search must be able to fail: the masked numbers and user names are in the inflated text.
    expect(text).toContain('138****0016');
    expect(text).toContain('gear.operator');
    for (const phone of ALL_DEMO_PHONES) expect(text).not.toContain(phone);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0][3]).toBe('Phone (masked)');
    expect(rows.length - 1).toBe(DEMO_USERS.length);
  });

  it('answers 403 for a user without user.read and 400 for a bad language', async () => {
    expect((await operator.get('/api/users/export')).statusCode).toBe(403);
    const bad = await admin.get('/api/users/export?lang=fr');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['lang']);
  });
});

describe('POST /api/users/:id/reveal', () => {
  it('answers 403 for users without pii.reveal and writes no audit row', async () => {
    const id = await t.userId('gear.operator');
    const before = await t.auditCount();
    const own = await operator.post(`/api/users/${id}/reveal`, { field: 'phone' });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toContain('pii.reveal');
    expect((await auditor.post(`/api/users/${id}/reveal`, { field: 'phone' })).statusCode).toBe(403);
    expect(own.body).not.toContain('13800000016');
    expect(await t.auditCount()).toBe(before);
  });

  it('answers 403 to an org admin revealing a user of another organisation, and writes nothing', async () => {
    const before = await t.auditCount();
    const res = await ck.post(`/api/users/${await t.userId('gear.operator')}/reveal`, { field: 'phone' });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('13800000016');
    expect(await t.auditCount()).toBe(before);
  });

  it("answers 403 to a caseworker's region-wide pii.reveal for user accounts it cannot read, and writes nothing", async () => {
    const caseworker = await t.login('ck.caseworker');
    const before = await t.auditCount();
    for (const username of ['ck.hospital', 'ck.admin']) {
      const res = await caseworker.post(`/api/users/${await t.userId(username)}/reveal`, { field: 'phone' });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(demoPhone(username));
    }
    expect(await t.auditCount()).toBe(before);
  });

  it('answers 403 to an org admin whose pii.reveal reaches a user it cannot read', async () => {
    // An org admin of the gear plant who also holds a custom role with pii.reveal over 城口县 (and no user.read there).
    const gearOrg = await t.orgId(GEAR);
    const role = await t.platform.handle.db
      .insertInto('roles')
      .values({ org_id: gearOrg, code: 'revealer', name_zh: '查看', name_en: 'Revealer', permissions: ['pii.reveal'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = await admin.post('/api/users', {
      orgId: gearOrg,
      username: 'gear.admin.two',
      displayName: '周二',
      password: 'Reveal-test-2026',
      roles: [
        { roleId: roleIds.get('org_admin'), regionCode: null },
        { roleId: role.id, regionCode: '500229' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const two = await t.login('gear.admin.two', 'Reveal-test-2026');
    const target = await t.userId('ck.hospital');
    expect((await two.get(`/api/users/${target}`)).statusCode).toBe(403);
    const before = await t.auditCount();
    const res = await two.post(`/api/users/${target}/reveal`, { field: 'phone' });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain(demoPhone('ck.hospital'));
    expect(await t.auditCount()).toBe(before);
    // The own organisation's users stay revealable.
    expect((await two.post(`/api/users/${await t.userId('gear.quality')}/reveal`, { field: 'phone' })).json().value).toBe(demoPhone('gear.quality'));
  });

  it('answers 400 for a field other than phone, and 404 for no such user, writing nothing', async () => {
    const before = await t.auditCount();
    const res = await gear.post(`/api/users/${await t.userId('gear.operator')}/reveal`, { field: 'idNumber' });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['field']);
    expect((await gear.post('/api/users/00000000-0000-4000-8000-000000000000/reveal', { field: 'phone' })).statusCode).toBe(404);
    expect(await t.auditCount()).toBe(before);
  });

  it('gives an org admin the clear number of an own user and writes exactly one pii.reveal row per reveal', async () => {
    const id = await t.userId('gear.operator');
    const before = await t.auditCount({ action: 'pii.reveal', entityId: id });
    const total = await t.auditCount();
    const res = await gear.post(`/api/users/${id}/reveal`, { field: 'phone' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ field: 'phone', value: '13800000016' });
    expect(await t.auditCount({ action: 'pii.reveal', entityId: id })).toBe(before + 1);
    expect(await t.auditCount()).toBe(total + 1);

    const row = await t.platform.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'pii.reveal')
      .where('entity_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.actor_name).toBe('周齿 (gear.admin)');
    expect(row.org_id).toBe(await t.orgId(GEAR));
    expect(row.after).toEqual({ field: 'phone' });
    // The audit row records that a reveal happened, not the number itself.
    expect(JSON.stringify(row)).not.toContain('13800000016');

    await gear.post(`/api/users/${id}/reveal`, { field: 'phone' });
    expect(await t.auditCount({ action: 'pii.reveal', entityId: id })).toBe(before + 2);
  });
});

describe('POST /api/users', () => {
  it('creates a user with a masked phone and a role, writes one audit row, and the user can sign in', async () => {
    const orgId = await t.orgId(GEAR);
    const before = await t.auditCount({ action: 'user.create' });
    const res = await gear.post('/api/users', {
      orgId,
      username: ' Gear.NewHire ',
      displayName: '新员工',
      phone: '13912345678',
      password: 'New-hire-password-1',
      roles: [{ roleId: role('operator') }],
    });
    expect(res.statusCode).toBe(201);
    const user: User = res.json();
    expect(user).toMatchObject({
      orgId,
      orgName: GEAR,
      username: 'gear.newhire',
      displayName: '新员工',
      phoneMasked: '139****5678',
      status: 'active',
      locale: 'zh-CN',
      lastLoginAt: null,
    });
    expect(user.roles).toEqual([{ roleId: role('operator'), code: 'operator', name: '操作工', regionCode: null }]);
    expect(res.body).not.toContain('13912345678');
    expect(await t.auditCount({ action: 'user.create' })).toBe(before + 1);
    const row = await t.platform.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').where('entity_id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.org_id).toBe(orgId);
    expect(JSON.stringify(row.after)).not.toContain('13912345678');

    const me = await (await t.login('gear.newhire', 'New-hire-password-1')).get('/api/auth/me');
    expect(me.json().user).toMatchObject({ username: 'gear.newhire', orgName: GEAR });
    expect(me.json().permissions).toEqual(['factory.logistics', 'factory.read', 'factory.station', 'org.read']); // operator: core plus what the factory module adds
    expect((await gear.post(`/api/users/${user.id}/reveal`, { field: 'phone' })).json().value).toBe('13912345678');
  });

  it('answers 400 with every bad field named and writes nothing', async () => {
    const before = await t.auditCount();
    const res = await gear.post('/api/users', { orgId: await t.orgId(GEAR), username: 'a b', displayName: '坏数据', phone: '12345', password: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid');
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['password', 'phone', 'username']);
    expect(res.json().error.fields.password).toBe('at least 10 characters');
    expect(res.json().error.fields.phone).toBe('must be an 11-digit mainland mobile number');
    for (const [password, key] of [
      ['password12', 'identity.password.too_common_field'],
      ['new.hire.2026', 'identity.password.contains_name_field'],
      ['x-王小明-2026', 'identity.password.contains_name_field'],
    ]) {
      const weak = await gear.post('/api/users', { orgId: await t.orgId(GEAR), username: 'new.hire', displayName: '王小明', password });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.fieldMessages).toEqual({ password: { key } });
    }
    const noOrg = await admin.post('/api/users', { orgId: '00000000-0000-4000-8000-000000000000', username: 'orphan.user', displayName: '无组织', password: 'Long-enough-1' });
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().error.fields).toEqual({ orgId: 'unknown organisation' });
    expect(await t.auditCount()).toBe(before);
  });

  it('answers 409 for a taken username, whatever its case, and writes nothing', async () => {
    const before = await t.auditCount();
    const usersBefore = (await admin.get('/api/users')).json().total;
    for (const username of ['gear.operator', 'GEAR.OPERATOR']) {
      const res = await gear.post('/api/users', { orgId: await t.orgId(GEAR), username, displayName: '重名', password: 'Long-enough-1' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.fields).toEqual({ username: 'already taken' });
    }
    expect(await t.auditCount()).toBe(before);
    expect((await admin.get('/api/users')).json().total).toBe(usersBefore);
  });

  it('answers 403 when an org admin adds a user to another organisation, or a user without user.manage adds one', async () => {
    const before = await t.auditCount();
    const other = await gear.post('/api/users', { orgId: await t.orgId(CK), username: 'ck.intruder', displayName: '越权', password: 'Long-enough-1' });
    expect(other.statusCode).toBe(403);
    const noRight = await auditor.post('/api/users', { orgId: await t.orgId('綦江工业园区管委会'), username: 'park.extra', displayName: '无权', password: 'Long-enough-1' });
    expect(noRight.statusCode).toBe(403);
    expect(await t.auditCount()).toBe(before);
    expect((await admin.get('/api/users?q=intruder')).json().total).toBe(0);
  });
});

describe('role grants', () => {
  it('stops an org admin granting platform_admin, on create and on edit', async () => {
    const before = await t.auditCount();
    const create = await gear.post('/api/users', {
      orgId: await t.orgId(GEAR),
      username: 'gear.boss',
      displayName: '老板',
      password: 'Long-enough-1',
      roles: [{ roleId: role('platform_admin') }],
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.message).toContain('platform_admin');
    const id = await t.userId('gear.quality');
    const edit = await gear.patch(`/api/users/${id}`, { roles: [{ roleId: role('platform_admin') }] });
    expect(edit.statusCode).toBe(403);
    expect(await t.auditCount()).toBe(before);
    expect((await gear.get(`/api/users/${id}`)).json().roles.map((r: { code: string }) => r.code)).toEqual(['quality_engineer']);
  });

  it('answers 400 for a custom role of another organisation', async () => {
    const custom = await ck.post('/api/roles', { code: 'ck_clerk', nameZh: '办事员', nameEn: 'Clerk', permissions: ['org.read'] });
    expect(custom.statusCode).toBe(201);
    const before = await t.auditCount();
    const res = await gear.post('/api/users', {
      orgId: await t.orgId(GEAR),
      username: 'gear.clerk',
      displayName: '文员',
      password: 'Long-enough-1',
      roles: [{ roleId: custom.json().id }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ 'roles.0.roleId': 'role of another organisation' });
    // Not even the platform admin may hand one organisation's role to another's user.
    const byAdmin = await admin.patch(`/api/users/${await t.userId('gear.quality')}`, { roles: [{ roleId: role('quality_engineer') }, { roleId: custom.json().id }] });
    expect(byAdmin.statusCode).toBe(400);
    expect(byAdmin.json().error.fields).toEqual({ 'roles.1.roleId': 'role of another organisation' });
    expect(await t.auditCount()).toBe(before);
  });

  it('answers 400 for an unknown role or region', async () => {
    const before = await t.auditCount();
    const unknownRole = await gear.post('/api/users', {
      orgId: await t.orgId(GEAR),
      username: 'gear.ghost',
      displayName: '幽灵',
      password: 'Long-enough-1',
      roles: [{ roleId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(unknownRole.statusCode).toBe(400);
    expect(unknownRole.json().error.fields).toEqual({ 'roles.0.roleId': 'unknown role' });
    const unknownRegion = await admin.post('/api/users', {
      orgId: await t.orgId(CK),
      username: 'ck.ghost',
      displayName: '幽灵',
      password: 'Long-enough-1',
      roles: [{ roleId: role('labour_caseworker'), regionCode: '999999' }],
    });
    expect(unknownRegion.statusCode).toBe(400);
    expect(unknownRegion.json().error.fields).toEqual({ 'roles.0.regionCode': 'unknown region code' });
    expect(await t.auditCount()).toBe(before);
  });

  it("answers 403 for a region grant outside the granter's regions; the platform admin may grant any", async () => {
    const before = await t.auditCount();
    const res = await ck.post('/api/users', {
      orgId: await t.orgId(CK),
      username: 'ck.regional',
      displayName: '区域',
      password: 'Long-enough-1',
      roles: [{ roleId: role('collaboration_officer'), regionCode: '500229' }],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('region');
    expect(await t.auditCount()).toBe(before);

    const ok = await admin.post('/api/users', {
      orgId: await t.orgId(CK),
      username: 'ck.regional',
      displayName: '区域',
      password: 'Long-enough-1',
      roles: [{ roleId: role('collaboration_officer'), regionCode: '500229' }],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().roles).toEqual([{ roleId: role('collaboration_officer'), code: 'collaboration_officer', name: '协作联络员', regionCode: '500229' }]);
    expect(await t.auditCount()).toBe(before + 1);
  });
});

describe('PATCH /api/users/:id', () => {
  it("ends a disabled user's session at once, and the user cannot sign in again", async () => {
    const temp = await newUser(gear, {
      orgId: await t.orgId(GEAR),
      username: 'gear.temp',
      displayName: '临时工',
      password: 'Temp-password-1',
      roles: [{ roleId: role('operator') }],
    });
    const tempClient = await t.login('gear.temp', 'Temp-password-1');
    expect((await tempClient.get('/api/auth/me')).statusCode).toBe(200);
    const before = await t.auditCount({ action: 'user.update', entityId: temp.id });

    const res = await gear.patch(`/api/users/${temp.id}`, { status: 'disabled' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    expect(await t.auditCount({ action: 'user.update', entityId: temp.id })).toBe(before + 1);
    const row = await t.platform.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.update').where('entity_id', '=', temp.id).executeTakeFirstOrThrow();
    expect((row.before as { status: string }).status).toBe('active');
    expect((row.after as { status: string }).status).toBe('disabled');

    expect((await tempClient.get('/api/auth/me')).statusCode).toBe(401);
    expect((await tempClient.get('/api/orgs')).statusCode).toBe(401);
    await expect(t.login('gear.temp', 'Temp-password-1')).rejects.toThrow(/login gear\.temp failed: 401/);
  });

  it('answers 409 when an admin disables or re-roles the own account, and writes nothing', async () => {
    const self = await t.userId('gear.admin');
    const before = await t.auditCount();
    const disable = await gear.patch(`/api/users/${self}`, { status: 'disabled' });
    expect(disable.statusCode).toBe(409);
    expect((await gear.patch(`/api/users/${self}`, { roles: [] })).statusCode).toBe(409);
    expect(await t.auditCount()).toBe(before);
    expect((await gear.get('/api/auth/me')).statusCode).toBe(200);
    expect((await gear.get(`/api/users/${self}`)).json().status).toBe('active');
  });

  it('changes the phone, keeps it masked, and the reveal gives the new number', async () => {
    const id = await t.userId('gear.manager');
    const res = await gear.patch(`/api/users/${id}`, { phone: '13700001234', displayName: '陈经理' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phoneMasked: '137****1234', displayName: '陈经理' });
    expect(res.body).not.toContain('13700001234');
    expect((await gear.post(`/api/users/${id}/reveal`, { field: 'phone' })).json().value).toBe('13700001234');
    const cleared = await gear.patch(`/api/users/${id}`, { phone: null });
    expect(cleared.json().phoneMasked).toBeNull();
    expect((await gear.post(`/api/users/${id}/reveal`, { field: 'phone' })).json()).toEqual({ field: 'phone', value: null });
  });

  it('answers 403 outside the scope or without user.manage, 400 for a bad body, 404 for no user; writes nothing', async () => {
    const before = await t.auditCount();
    expect((await gear.patch(`/api/users/${await t.userId('ck.caseworker')}`, { status: 'disabled' })).statusCode).toBe(403);
    expect((await auditor.patch(`/api/users/${await t.userId('gear.operator')}`, { displayName: '改名' })).statusCode).toBe(403);
    const bad = await gear.patch(`/api/users/${await t.userId('gear.operator')}`, { status: 'asleep', phone: '123', displayName: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['displayName', 'phone', 'status']);
    expect((await admin.patch('/api/users/00000000-0000-4000-8000-000000000000', { displayName: '无人' })).statusCode).toBe(404);
    expect(await t.auditCount()).toBe(before);
    expect((await admin.get(`/api/users/${await t.userId('ck.caseworker')}`)).json().status).toBe('active');
  });
});

describe('POST /api/users/:id/password', () => {
  it("ends the user's sessions; the old password stops working and the new one works", async () => {
    const u = await newUser(gear, { orgId: await t.orgId(GEAR), username: 'gear.reset', displayName: '重置', password: 'Old-password-1' });
    const session = await t.login('gear.reset', 'Old-password-1');
    expect((await session.get('/api/auth/me')).statusCode).toBe(200);
    const before = await t.auditCount({ action: 'user.password_reset', entityId: u.id });

    const res = await gear.post(`/api/users/${u.id}/password`, { password: 'New-password-2' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await t.auditCount({ action: 'user.password_reset', entityId: u.id })).toBe(before + 1);

    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    await expect(t.login('gear.reset', 'Old-password-1')).rejects.toThrow(/401/);
    const fresh = await t.login('gear.reset', 'New-password-2');
    expect((await fresh.get('/api/auth/me')).json().user.username).toBe('gear.reset');
  });

  it('answers 400 for a short password, 403 outside the scope or without user.manage; writes nothing', async () => {
    const before = await t.auditCount();
    const short = await gear.post(`/api/users/${await t.userId('gear.operator')}/password`, { password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields).toEqual({ password: 'at least 10 characters' });
    for (const [password, key] of [
      ['1234567890', 'identity.password.too_common_field'],
      ['Gear.Operator!9', 'identity.password.contains_name_field'],
    ]) {
      const weak = await gear.post(`/api/users/${await t.userId('gear.operator')}/password`, { password });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.fieldMessages).toEqual({ password: { key } });
    }
    expect((await gear.post(`/api/users/${await t.userId('ck.admin')}/password`, { password: 'Long-enough-1' })).statusCode).toBe(403);
    expect((await operator.post(`/api/users/${await t.userId('gear.operator')}/password`, { password: 'Long-enough-1' })).statusCode).toBe(403);
    expect(await t.auditCount()).toBe(before);
    // The refused resets changed nothing: the demo password still works.
    expect((await (await t.login('ck.admin')).get('/api/auth/me')).statusCode).toBe(200);
  });

  it('refuses an org admin resetting the password of a more privileged user of the own organisation', async () => {
    const root = await newUser(admin, {
      orgId: await t.orgId(GEAR),
      username: 'gear.root',
      displayName: '平台代管',
      password: 'Root-password-1',
      roles: [{ roleId: role('platform_admin') }],
    });
    const res = await gear.post(`/api/users/${root.id}/password`, { password: 'Taken-over-1' });
    expect(res.statusCode).toBe(403);
  });
});

describe('user import and the password policy', () => {
  it('refuses rows whose initial password is common or contains the username or name, in the password column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['登录名', '姓名', '所属组织', '初始密码', '手机号', '角色代码']);
    ws.addRow(['imp.one', '导入一', GEAR, 'Initial-pass-01', '', 'operator']);
    ws.addRow(['imp.two', '导入二', GEAR, 'password12', '', 'operator']);
    ws.addRow(['imp.three', '导入三', GEAR, 'imp.three-2026', '', 'operator']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await gear.request('POST', '/api/imports/users?fileName=test.xlsx', buf, { 'content-type': XLSX_MIME });
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report.validRows).toBe(1);
    expect(report.errors.map((e: { row: number; column: string; key: string }) => [e.row, e.column, e.key])).toEqual([
      [3, '初始密码', 'identity.password.too_common_field'],
      [4, '初始密码', 'identity.password.contains_name_field'],
    ]);
  });
});
