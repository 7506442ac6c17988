import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { AUDIT_COUNT_CAP, type AuditEntry } from '@gearbridge/contracts/audit';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { DEMO_USERS } from './seed';

let t: TestApp;
let admin: Client; // platform admin: sees every row
let gear: Client; // org admin of the gear plant: audit.read over the own organisation
let auditor: Client; // park.auditor: audit.read over the park administration
let operator: Client; // gear.operator: no audit.read

const GEAR = '綦江齿轮传动有限公司';
const CK = '城口县就业和人才服务局';

interface AuditPage {
  items: AuditEntry[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

beforeAll(async () => {
  t = await startTestApp();
  [admin, gear, auditor, operator] = await Promise.all([t.login('admin'), t.login('gear.admin'), t.login('park.auditor'), t.login('gear.operator')]);
});
afterAll(() => t?.close());

async function audit(c: Client, query = ''): Promise<AuditPage> {
  const res = await c.get(`/api/audit${query}`);
  if (res.statusCode !== 200) throw new Error(`audit failed: ${res.statusCode} ${res.body}`);
  return res.json();
}
const countRows = async (orgId?: string) => {
  let q = t.platform.handle.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'));
  if (orgId) q = q.where('org_id', '=', orgId);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

describe('GET /api/audit', () => {
  it('answers 401 without a session', async () => {
    const res = await t.anonymous().get('/api/audit');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('answers 403 for a user without audit.read', async () => {
    const res = await operator.get('/api/audit');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('audit.read');
  });

  it('answers 400 for bad filters', async () => {
    const res = await admin.get('/api/audit?from=yesterday&pageSize=501&actorId=me');
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['actorId', 'from', 'pageSize']);
    expect(res.json().error.key).toBe('platform.http.invalid_query');
  });

  it('shows an org admin only the rows of the own organisation, whoever the actor', async () => {
    const ckUser = await t.userId('ck.caseworker');
    const gearUser = await t.userId('gear.quality');
    // The platform admin changes one user in another organisation and one in the gear plant.
    expect((await admin.patch(`/api/users/${ckUser}`, { displayName: '刘助理' })).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${gearUser}`, { displayName: '吴质检' })).statusCode).toBe(200);

    expect((await audit(admin, `?entityId=${ckUser}`)).items.map((e) => [e.action, e.orgName])).toEqual([['user.update', CK]]);
    expect(await audit(gear, `?entityId=${ckUser}`)).toMatchObject({ items: [], total: 0 });
    expect(await audit(gear, `?orgId=${await t.orgId(CK)}`)).toMatchObject({ items: [], total: 0 });

    const own = await audit(gear, `?entityId=${gearUser}`);
    expect(own.items).toHaveLength(1);
    expect(own.items[0]).toMatchObject({ action: 'user.update', entity: 'user', orgName: GEAR, actorName: '平台管理员 (admin)' });
    expect((own.items[0].after as { displayName: string }).displayName).toBe('吴质检');

    const gearOrg = await t.orgId(GEAR);
    const everything = await audit(gear, '?pageSize=500');
    expect(everything.total).toBe(await countRows(gearOrg));
    expect(everything.items.every((e) => e.orgId === gearOrg)).toBe(true);
    expect(everything.total).toBeLessThan(await countRows());
  });

  it('keeps platform-wide rows (no organisation) from org admins and auditors', async () => {
    const seed = await audit(admin, '?action=demo.seed');
    expect(seed.total).toBe(1);
    expect(seed.items[0]).toMatchObject({ actorId: null, orgId: null, entity: 'platform', after: { organisations: 27, users: DEMO_USERS.length } });
    expect((await audit(gear, '?action=demo.seed')).total).toBe(0);
    expect((await audit(auditor, '?action=demo.seed')).total).toBe(0);
    const parkOrg = await t.orgId('綦江工业园区管委会');
    const park = await audit(auditor, '?pageSize=500');
    expect(park.total).toBe(await countRows(parkOrg));
    expect(park.items.every((e) => e.orgId === parkOrg)).toBe(true);
  });

  it('filters by action prefix, entity and entity id', async () => {
    const role = await gear.post('/api/roles', { code: 'audit_probe', nameZh: '探针', nameEn: 'Probe', permissions: ['org.read'] });
    expect(role.statusCode).toBe(201);
    const roleId: string = role.json().id;
    expect((await gear.patch(`/api/roles/${roleId}`, { nameEn: 'Probe 2' })).statusCode).toBe(200);

    const byPrefix = await audit(gear, '?action=role.');
    expect(byPrefix.items.map((e) => e.action)).toEqual(['role.update', 'role.create']);
    expect(byPrefix.items.every((e) => e.entityId === roleId)).toBe(true);
    expect((await audit(gear, '?action=role.create')).items.map((e) => e.action)).toEqual(['role.create']);

    const users = await audit(admin, '?entity=user&pageSize=500');
    expect(users.total).toBeGreaterThan(0);
    expect(users.items.every((e) => e.entity === 'user')).toBe(true);
    expect(new Set(users.items.map((e) => e.action))).toEqual(new Set(['auth.login', 'user.update']));

    const one = await audit(admin, `?entityId=${roleId}&entity=role`);
    expect(one.items.map((e) => e.action)).toEqual(['role.update', 'role.create']);
    expect(one.items[0]).toMatchObject({ before: { nameEn: 'Probe' }, after: { nameEn: 'Probe 2' }, actorName: '周齿 (gear.admin)' });
    expect((await audit(admin, `?entityId=${roleId}&entity=user`)).total).toBe(0);
  });

  it('filters by time: from is inclusive, to is exclusive', async () => {
    const id = await t.userId('gear.manager');
    expect((await admin.patch(`/api/users/${id}`, { displayName: '陈厂长' })).statusCode).toBe(200);
    const [row] = (await audit(admin, `?entityId=${id}`)).items;
    const at = row.at;
    // Two milliseconds on: the API shows whole milliseconds, the database keeps microseconds.
    const later = new Date(new Date(at).getTime() + 2).toISOString();
    const q = (from: string, to: string) => audit(admin, `?entityId=${id}${from ? `&from=${encodeURIComponent(from)}` : ''}${to ? `&to=${encodeURIComponent(to)}` : ''}`);
    expect((await q(at, '')).total).toBe(1);
    expect((await q(later, '')).total).toBe(0);
    expect((await q('', at)).total).toBe(0);
    expect((await q('', later)).total).toBe(1);
    expect((await q(at, later)).items.map((e) => e.id)).toEqual([row.id]);
    // Offsets other than Z mean the same instant.
    const plus8 = new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    expect((await q(plus8, '')).total).toBe(1);
  });

  it('pages with a stable total, newest first', async () => {
    const all = await audit(admin, '?action=auth.login&pageSize=500');
    expect(all.total).toBeGreaterThanOrEqual(4);
    const ids = all.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const p1 = await audit(admin, '?action=auth.login&pageSize=2&page=1');
    const p2 = await audit(admin, '?action=auth.login&pageSize=2&page=2');
    expect(p1).toMatchObject({ total: all.total, page: 1, pageSize: 2 });
    expect(p2).toMatchObject({ total: all.total, page: 2, pageSize: 2 });
    expect([...p1.items, ...p2.items].map((e) => e.id)).toEqual(ids.slice(0, 4));
    const beyond = await audit(admin, '?action=auth.login&pageSize=2&page=1000');
    expect(beyond).toMatchObject({ items: [], total: all.total });
  });

  it('shows no row for a mutation that failed', async () => {
    const before = (await audit(admin)).total;
    const ckOrg = await t.orgId(CK);
    const gearUser = await t.userId('gear.operator');
    const failures = await Promise.all([
      admin.post('/api/orgs', { name: GEAR, kind: 'enterprise', regionCode: '500110' }), // 409 duplicate name
      gear.post('/api/users', { orgId: ckOrg, username: 'gear.sneak', displayName: '越权', password: 'Long-enough-1' }), // 403
      gear.post('/api/users', { orgId: await t.orgId(GEAR), username: 'gear.operator', displayName: '重名', password: 'Long-enough-1' }), // 409
      gear.patch(`/api/users/${await t.userId('gear.admin')}`, { status: 'disabled' }), // 409 self
      operator.post(`/api/users/${gearUser}/reveal`, { field: 'phone' }), // 403
      gear.post('/api/roles', { code: 'too_strong', nameZh: '越权', nameEn: 'Too strong', permissions: ['region.manage'] }), // 403
      admin.post('/api/regions', { code: '500229999001', name: '无镇村' }), // 400
    ]);
    expect(failures.map((r) => r.statusCode)).toEqual([409, 403, 409, 409, 403, 403, 400]);
    expect((await audit(admin)).total).toBe(before);
    expect(await countRows()).toBe(before);
  });
});

describe('GET /api/audit/export', () => {
  it('answers 401 without a session, 403 without audit.read and 400 for a bad filter', async () => {
    expect((await t.anonymous().get('/api/audit/export')).statusCode).toBe(401);
    expect((await operator.get('/api/audit/export')).statusCode).toBe(403);
    const bad = await admin.get('/api/audit/export?lang=fr&to=tomorrow');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['lang', 'to']);
  });

  it('exports to an org admin exactly the rows the audit page shows, and nothing of other organisations', async () => {
    const res = await gear.get('/api/audit/export?lang=zh');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(3).value).toBe('组织');
    const orgs: string[] = [];
    const entityIds: string[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      orgs.push(String(row.getCell(3).value));
      entityIds.push(String(row.getCell(6).value));
    });
    const page = await audit(gear, '?pageSize=500');
    expect(orgs.length).toBe(page.total);
    expect(new Set(orgs)).toEqual(new Set([GEAR]));
    expect(entityIds).not.toContain(await t.userId('ck.caseworker'));
  });

  it('writes actions and records in words in the language asked, times as China-time date cells, the codes beside', async () => {
    for (const [lang, login, user] of [
      ['zh', '登录', '用户'],
      ['en', 'Sign-in', 'User'],
    ] as const) {
      const res = await admin.get(`/api/audit/export?lang=${lang}&action=auth.login`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      const col = (name: string) => header.indexOf(name) + 1;
      const row = ws.getRow(2);
      expect(row.getCell(4).value).toBe(login);
      expect(row.getCell(5).value).toBe(user);
      expect(row.getCell(col(lang === 'zh' ? '操作代码' : 'Action code')).value).toBe('auth.login');
      const at = row.getCell(1);
      expect(at.value).toBeInstanceOf(Date);
      expect(at.numFmt).toBe('yyyy-mm-dd hh:mm');
      // The cell holds China time: 8 hours ahead of the entry's UTC instant.
      const first = (await audit(admin, '?action=auth.login&pageSize=1')).items[0];
      expect(Math.abs((at.value as Date).getTime() - Date.parse(first.at) - 8 * 3_600_000)).toBeLessThan(1000);
    }
  });
});

describe('GET /api/audit at a large log', () => {
  it('counts up to 10,000 rows and says when there are more; a narrower filter is exact', async () => {
    const db = t.platform.handle.db;
    const before = await countRows();
    const gearId = await t.orgId(GEAR);
    await sql`insert into audit_log (action, entity, entity_id, org_id)
      select 'test.bulk', 'test', 'bulk-' || g, ${gearId}::uuid from generate_series(1, ${AUDIT_COUNT_CAP + 50}) g`.execute(db);
    try {
      const all = await audit(admin, '?pageSize=20');
      expect(all).toMatchObject({ total: AUDIT_COUNT_CAP, totalCapped: true });
      expect(all.items[0].entityId).toBe(`bulk-${AUDIT_COUNT_CAP + 50}`);
      const one = await audit(gear, '?entity=test&entityId=bulk-7');
      expect(one).toMatchObject({ total: 1, totalCapped: false });
      expect(one.items.map((e) => e.entityId)).toEqual(['bulk-7']);
      const gearOwn = await audit(gear, '?action=test.bulk');
      expect(gearOwn.totalCapped).toBe(true);
    } finally {
      await sql`delete from audit_log where action = 'test.bulk'`.execute(db);
    }
    expect(await countRows()).toBe(before);
  });
});
