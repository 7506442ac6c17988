import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Role } from '@gearbridge/contracts/identity';
import type { Client, TestApp } from '../../../test/harness';
import { makeIdNumber } from '@gearbridge/contracts/pii';
import { XLSX_MIME } from '../../../platform/excel/workbook';
import { generateRoll } from '../workers/roll';
import { ROLL_SEED, ROLL_SIZE } from '../seed/index';
import { xlsxText } from '../../../test/xlsx';

export { xlsxText };

/** Helpers shared by the labour module's integration tests (not a test file itself). */

export const CK = '城口县就业和人才服务局';
export const LY = '临沂市人力资源和社会保障局';
export const PINGYI = '平邑县人力资源和社会保障局';

/** An 18-character ID number or an 11-digit mobile number standing alone (not inside a longer number or a UUID). */
const ID_RE = /(?<![\dA-Za-z.])\d{17}[\dXx](?![\dA-Za-z])/g;
const PHONE_RE = /(?<![\dA-Za-z.])1[3-9]\d{9}(?![\dA-Za-z])/g;

/** The demo roll's people, regenerated from the same seed: the names and numbers that must never leak. */
export async function demoPeople(t: TestApp): Promise<{ names: string[]; ids: string[]; phones: string[] }> {
  const towns = (await t.platform.handle.db.selectFrom('regions').select('code').where('parent_code', '=', '500229').where('level', '=', 'town').orderBy('code').execute()).map(
    (r) => r.code,
  );
  const roll = generateRoll({ count: ROLL_SIZE, seed: ROLL_SEED, towns, county: '500229' });
  return { names: roll.map((r) => r.name), ids: roll.map((r) => r.idNumber), phones: roll.map((r) => r.phone).filter(Boolean) };
}

/**
 * Asserts a response body carries no clear ID number, phone or name. Two-character names are checked only when
 * they are not part of an ordinary word in the body (周溪 is also the town 周溪乡).
 */
export function expectNoPii(body: string, people: { names: string[] }, extraNames: string[] = []) {
  expect(body.match(ID_RE) ?? []).toEqual([]);
  expect(body.match(PHONE_RE) ?? []).toEqual([]);
  const leaked = [...people.names, ...extraNames].filter((n) => [...n].length >= 3 && body.includes(n));
  expect(leaked).toEqual([]);
}

export async function roleIds(admin: Client): Promise<Map<string, string>> {
  const roles: Role[] = (await admin.get('/api/roles')).json();
  return new Map(roles.filter((r) => r.builtIn).map((r) => [r.code, r.id]));
}

/** Creates a user through the API (so the grant rules apply) and signs it in. */
export async function userWith(t: TestApp, admin: Client, u: { username: string; org: string; role: string; region?: string | null }): Promise<Client> {
  const roles = await roleIds(admin);
  const res = await admin.post('/api/users', {
    orgId: await t.orgId(u.org),
    username: u.username,
    displayName: '测试用户',
    password: 'Labour-test-pass-1',
    roles: [{ roleId: roles.get(u.role) ?? u.role, regionCode: u.region ?? null }],
  });
  if (res.statusCode !== 201) throw new Error(`create ${u.username}: ${res.statusCode} ${res.body}`);
  return t.login(u.username, 'Labour-test-pass-1');
}

let n = 0;
/** A fresh valid ID number of a Chengkou-born person, never in the demo roll (its people were born 1966–2006). */
export function freshId(): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + n++ * 86_400_000).toISOString().slice(0, 10);
  return makeIdNumber('500229', birth, 123);
}

/** A minimal valid worker body. */
export function workerBody(over: Record<string, unknown> = {}) {
  return {
    idNumber: freshId(),
    name: '测试工人甲',
    phone: '13912345678',
    homeRegionCode: '500229106',
    homeVillage: '东河村',
    registeredPoor: true,
    skills: [{ code: '6-18-01-01', level: 'level4' }],
    needs: { occupations: ['6-18-01-01'], regions: ['371300'], minMonthlyWage: 4500, needsHousing: true, availableFrom: '2026-12-01' },
    ...over,
  };
}

/** Every item of a paged list (`url` with its filters), page by page. */
export async function listAll<T>(c: Client, url: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const res = (await c.get(`${url}${url.includes('?') ? '&' : '?'}pageSize=500&page=${page}`)).json();
    items.push(...res.items);
    if (page * 500 >= res.total) return items;
  }
}

/** An export's workbook, after checking it came as one. */
export async function exportBytes(c: Client, url: string): Promise<Buffer> {
  const res = await c.get(url);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain(XLSX_MIME);
  return res.rawPayload;
}

/** The first sheet of an .xlsx as rows of cell texts, the header row first. */
export async function xlsxRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

/** A one-sheet workbook with these headers and rows (all cells as text, as people keep ID numbers). */
export async function sheet(headers: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const count = async (t: TestApp, table: 'labor_workers' | 'labor_postings' | 'labor_shares' | 'labor_worker_status_history') =>
  Number(
    (
      await t.platform.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
