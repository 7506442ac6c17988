import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CERT_FILE_LIMITS, type CertFile, type Certification, type EnterpriseDetail } from '@gearbridge/contracts/park';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { compoundFileOf, ooxml } from '../../test/files';
import { zip } from '../../test/zip';
import { parkDb, type DB } from './db';
import { expectRefused, userWith, type RouteCall } from './test/kit';

/**
 * A certification's documents as files, over HTTP on the seeded demo: uploaded raw and recognised by their content
 * (PDF, pictures, Office files), bounded per file, per certification and per enterprise, each attach and delete
 * audited; read only by the enterprise itself and the park officer; sealed once the certification is decided.
 */
let t: TestApp;
let db: DB;
let officer: Client; // park.officer, 綦江区
let liaison: Client; // 余扬汽配's park liaison
let other: Client; // 荆江半轴's park liaison: another enterprise
let outsider: Client; // gear.admin: no park permission
let admin: Client; // the platform administrator
let yuyang: EnterpriseDetail;
let jingjiang: EnterpriseDetail;
const ANY_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await startTestApp();
  db = parkDb(t.platform.handle.db);
  admin = await t.login('admin');
  officer = await t.login('park.officer');
  outsider = await t.login('gear.admin');
  const find = async (q: string): Promise<EnterpriseDetail> =>
    (await officer.get(`/api/park/enterprises/${(await officer.get(`/api/park/enterprises?q=${encodeURIComponent(q)}`)).json().items[0].id}`)).json();
  yuyang = await find('余扬');
  jingjiang = await find('荆江');
  liaison = await userWith(t, admin, { username: 'yuyang.docs', org: yuyang.name, role: 'park_enterprise' });
  other = await userWith(t, admin, { username: 'jingjiang.docs', org: jingjiang.name, role: 'park_enterprise' });
});
afterAll(() => t?.close());

const apply = async (title: string): Promise<Certification> => {
  const res = await liaison.post('/api/park/certifications', { enterpriseId: yuyang.id, kind: 'digital_workshop', title, appliedOn: '2026-01-05' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const files = (certId: string) => `/api/park/certifications/${certId}/files`;
const upload = (c: Client, certId: string, name: string, body: Buffer, type = 'application/octet-stream') =>
  c.request('POST', `${files(certId)}?fileName=${encodeURIComponent(name)}`, body, { 'content-type': type });
const countFiles = async (certId?: string) => {
  let q = db.selectFrom('park_certification_files').select(sql<number>`count(*)::int`.as('n'));
  if (certId) q = q.where('certification_id', '=', certId);
  return (await q.executeTakeFirstOrThrow()).n;
};

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.alloc(64, 7)]);
const DOCX = ooxml('word/document.xml');
const XLS = compoundFileOf('Workbook');
const DWG = Buffer.concat([Buffer.from('AC1032'), Buffer.alloc(64, 0)]);

describe("a certification's documents", () => {
  it('401 signed out and 403 without a park permission on every route, nothing written', async () => {
    const c = await apply('权限测试车间');
    const routes: RouteCall[] = [
      ['GET', files(c.id)],
      ['GET', `${files(c.id)}/${ANY_ID}`],
      ['DELETE', `${files(c.id)}/${ANY_ID}`],
    ];
    await expectRefused(t, outsider, routes);
    // The upload too (a raw body): 401, 403, nothing stored.
    expect((await upload(t.anonymous(), c.id, 'a.pdf', PDF)).statusCode).toBe(401);
    expect((await upload(outsider, c.id, 'a.pdf', PDF)).statusCode).toBe(403);
    expect(await countFiles(c.id)).toBe(0);
  });

  it('the enterprise attaches PDF, pictures and Office files by their content; the officer lists and downloads them; audited', async () => {
    const c = await apply('冲压数字化车间');
    const before = await t.auditCount({ action: 'park.certification.attach' });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('自评').addRow(['设备数字化', 18]);
    const XLSX = Buffer.from(await wb.xlsx.writeBuffer());
    const sent: [string, Buffer, CertFile['kind']][] = [
      ['申请表.docx', DOCX, 'docx'],
      ['自评表.xlsx', XLSX, 'xlsx'],
      ['评审报告.pdf', PDF, 'pdf'],
      ['车间照片.JPG', JPEG, 'jpeg'],
      ['旧版台账.xls', XLS, 'xls'],
    ];
    for (const [name, body, kind] of sent) {
      const res = await upload(liaison, c.id, name, body, name.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream');
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      expect(res.json()).toMatchObject({ certificationId: c.id, fileName: name, kind, sizeBytes: body.length, uploadedBy: '测试用户' });
    }
    // The officer attaches one too (the review report); a path in the name is dropped.
    expect((await upload(officer, c.id, 'C:\\评审\\现场核查.pdf', PDF)).json().fileName).toBe('现场核查.pdf');
    expect(await t.auditCount({ action: 'park.certification.attach' })).toBe(before + sent.length + 1);
    const audit = await db
      .selectFrom('audit_log')
      .select(['after', 'org_id'])
      .where('action', '=', 'park.certification.attach')
      .where('entity_id', '=', c.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(audit.org_id).toBe(yuyang.orgId);
    expect(audit.after).toMatchObject({ fileName: '申请表.docx', kind: 'docx', sizeBytes: DOCX.length });

    for (const reader of [liaison, officer]) {
      const list: CertFile[] = (await reader.get(files(c.id))).json();
      expect(list.map((f) => f.fileName)).toEqual([...sent.map(([n]) => n), '现场核查.pdf']);
    }
    const docx = ((await officer.get(files(c.id))).json() as CertFile[])[0];
    const dl = await officer.get(`${files(c.id)}/${docx.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(dl.headers['content-disposition']).toBe(`attachment; filename="___.docx"; filename*=UTF-8''${encodeURIComponent('申请表')}.docx`);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.equals(DOCX)).toBe(true);
    expect((await liaison.get(`${files(c.id)}/${docx.id}`)).rawPayload.equals(DOCX)).toBe(true);
  });

  it('nobody else reads or changes them: another enterprise, the platform administrator (403); a document of another certification is not found', async () => {
    const c = await apply('读者测试车间');
    const f = (await upload(liaison, c.id, '申请表.pdf', PDF)).json() as CertFile;
    const audits = await t.auditCount();
    for (const [who, c1] of [
      ['another enterprise', other],
      ['the administrator', admin],
    ] as const) {
      expect((await c1.get(files(c.id))).statusCode, who).toBe(403);
      const dl = await c1.get(`${files(c.id)}/${f.id}`);
      expect(dl.statusCode, who).toBe(403);
      expect(dl.body).not.toContain('%PDF');
      expect((await upload(c1, c.id, 'x.pdf', PDF)).statusCode, who).toBe(403);
      expect((await c1.del(`${files(c.id)}/${f.id}`)).statusCode, who).toBe(403);
    }
    expect((await admin.get(files(c.id))).json().error.key).toBe('park.certification.file_not_reader');
    // The other enterprise lists none of its neighbour's documents among its own certifications either.
    expect(((await other.get('/api/park/certifications?pageSize=100')).json().items as Certification[]).some((x) => x.id === c.id)).toBe(false);
    expect(await countFiles(c.id)).toBe(1);
    expect(await t.auditCount()).toBe(audits);
    // Through another certification the document is not found; an unknown certification 404; bad ids 400.
    const c2 = await apply('另一车间');
    expect((await liaison.get(`${files(c2.id)}/${f.id}`)).statusCode).toBe(404);
    expect((await liaison.del(`${files(c2.id)}/${f.id}`)).statusCode).toBe(404);
    expect((await liaison.get(files(ANY_ID))).statusCode).toBe(404);
    expect((await liaison.get(`${files(c.id)}/nope`)).statusCode).toBe(400);
    expect((await liaison.get('/api/park/certifications/nope/files')).statusCode).toBe(400);
    expect(await countFiles(c.id)).toBe(1);
  });

  it('a bad file is a 400 with the field’s key, and nothing is stored or audited', async () => {
    const c = await apply('坏文件车间');
    const audits = await t.auditCount();
    const cases: [string, Buffer, string, string][] = [
      ['空.pdf', Buffer.alloc(0), 'file', 'park.certification.field_file_empty'],
      ['图纸.dwg', DWG, 'file', 'park.certification.field_file_type'],
      ['程序.exe', Buffer.from('MZ\x90\0\x03\0\0\0', 'latin1'), 'file', 'park.certification.field_file_type'],
      ['压缩包.docx', zip([{ name: 'a.txt', data: 'hello' }]), 'file', 'park.certification.field_file_type'],
      ['加密.docx', compoundFileOf('EncryptedPackage'), 'file', 'park.certification.field_file_type'],
      ['页面.html', Buffer.from('<html><script>alert(1)</script></html>'), 'file', 'park.certification.field_file_type'],
      ['申请表.docx', PDF, 'fileName', 'park.certification.field_file_extension'],
      ['申请表', PDF, 'fileName', 'park.certification.field_file_extension'],
      ['../', PDF, 'fileName', 'park.certification.field_file_name'],
    ];
    for (const [name, body, field, key] of cases) {
      const res = await upload(liaison, c.id, name, body);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.key, name).toBe('park.certification.file_invalid_fields');
      expect(res.json().error.fieldMessages[field].key, name).toBe(key);
    }
    // No name at all, a name too long: 400 by the query's schema.
    expect((await liaison.request('POST', files(c.id), PDF, { 'content-type': 'application/octet-stream' })).statusCode).toBe(400);
    expect((await upload(liaison, c.id, `${'长'.repeat(201)}.pdf`, PDF)).statusCode).toBe(400);
    // Larger than the limit: refused by the body limit before it is read.
    expect((await upload(liaison, c.id, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(CERT_FILE_LIMITS.bytes)]))).statusCode).toBe(413);
    expect(await countFiles(c.id)).toBe(0);
    expect(await t.auditCount()).toBe(audits);
  });

  it(`holds at most ${CERT_FILE_LIMITS.perCertification} documents on a certification (409), and an enterprise's documents within its quota`, async () => {
    const c = await apply('数量上限车间');
    await sql`insert into park_certification_files (certification_id, file_name, kind, size_bytes, sha256, content)
      select ${c.id}, 'f-' || g || '.pdf', 'pdf', 1, repeat('0', 64), '\\x00'::bytea from generate_series(1, ${CERT_FILE_LIMITS.perCertification - 1}::int) g`.execute(db);
    expect((await upload(liaison, c.id, 'last.pdf', PDF)).statusCode).toBe(201);
    const over = await upload(liaison, c.id, 'over.pdf', PDF);
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ key: 'park.certification.files_too_many', params: { max: CERT_FILE_LIMITS.perCertification } });
    expect(await countFiles(c.id)).toBe(CERT_FILE_LIMITS.perCertification);

    // The enterprise's documents made to weigh just under its quota: rows of recorded size only, on another of its
    // certifications (a document is at most 20 MiB, so it takes about fifty of them).
    const target = await apply('配额车间');
    const filler = await apply('配额填充');
    const { total } = (
      await sql<{ total: string }>`select coalesce(sum(f.size_bytes), 0)::text as total from park_certification_files f
        join park_certifications c on c.id = f.certification_id join park_enterprises e on e.id = c.enterprise_id where e.org_id = ${yuyang.orgId}`.execute(db)
    ).rows[0];
    const room = CERT_FILE_LIMITS.perOrgBytes - Number(total) - PDF.length + 1; // one byte short for the next file
    const full = Math.floor(room / CERT_FILE_LIMITS.bytes);
    await sql`insert into park_certification_files (certification_id, file_name, kind, size_bytes, sha256, content)
      select ${filler.id}, 'filler-' || g || '.pdf', 'pdf', case when g <= ${full}::int then ${CERT_FILE_LIMITS.bytes}::int else ${room - full * CERT_FILE_LIMITS.bytes}::int end,
             repeat('0', 64), '\\x00'::bytea
        from generate_series(1, ${full + 1}::int) g`.execute(db);
    const [n, audits] = [await countFiles(), await t.auditCount({ action: 'park.certification.attach' })];
    const quota = await upload(liaison, target.id, 'over.pdf', PDF);
    expect(quota.statusCode).toBe(409);
    expect(quota.json().error).toMatchObject({ key: 'park.certification.files_org_quota', params: { gb: 1 } });
    expect(await countFiles()).toBe(n);
    expect(await t.auditCount({ action: 'park.certification.attach' })).toBe(audits);
    // Another enterprise's quota is its own.
    const theirs = await other.post('/api/park/certifications', { enterpriseId: jingjiang.id, kind: 'smart_factory', title: '半轴智能工厂', appliedOn: '2026-01-05' });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect((await upload(other, theirs.json().id, '申请表.pdf', PDF)).statusCode).toBe(201);
    await sql`delete from park_certification_files where certification_id = ${filler.id} and file_name = 'filler-1.pdf'`.execute(db);
    expect((await upload(liaison, target.id, 'fits.pdf', PDF)).statusCode).toBe(201);
    await sql`delete from park_certification_files where certification_id = ${filler.id}`.execute(db);
  });

  it('deletes a document while the certification is not decided, audited; once decided the documents are sealed (409)', async () => {
    const c = await apply('删除测试车间');
    const keep = (await upload(liaison, c.id, '申请表.docx', DOCX)).json() as CertFile;
    const wrong = (await upload(liaison, c.id, 'wrong.jpg', JPEG)).json() as CertFile;
    const detached = await t.auditCount({ action: 'park.certification.detach' });
    expect((await liaison.del(`${files(c.id)}/${wrong.id}`)).statusCode).toBe(200);
    expect((await liaison.del(`${files(c.id)}/${wrong.id}`)).statusCode).toBe(404);
    expect(await t.auditCount({ action: 'park.certification.detach' })).toBe(detached + 1);
    const row = await db.selectFrom('audit_log').select('before').where('action', '=', 'park.certification.detach').where('entity_id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.before).toMatchObject({ fileId: wrong.id, fileName: 'wrong.jpg', kind: 'jpeg', sizeBytes: JPEG.length, sha256: wrong.sha256 });
    // Scored and decided by the officer: sealed for everyone, still readable.
    const items = [
      ['equipment', 20],
      ['connectivity', 20],
      ['mes', 20],
      ['quality', 15],
      ['logistics', 10],
      ['benefits', 15],
    ].map(([code, max]) => ({ code, score: max, document: '申请表.docx' }));
    expect((await officer.post(`/api/park/certifications/${c.id}/review`, { items })).statusCode).toBe(200);
    expect((await upload(officer, c.id, '补充.pdf', PDF)).statusCode).toBe(201); // under review: still open
    const decided = await officer.post(`/api/park/certifications/${c.id}/decision`, { decision: 'rejected', decidedOn: '2026-01-06' });
    expect(decided.statusCode, decided.body).toBe(200);
    const audits = await t.auditCount();
    for (const c1 of [liaison, officer]) {
      const late = await upload(c1, c.id, 'late.pdf', PDF);
      expect(late.statusCode).toBe(409);
      expect(late.json().error.key).toBe('park.certification.files_sealed');
      expect((await c1.del(`${files(c.id)}/${keep.id}`)).statusCode).toBe(409);
    }
    expect(await t.auditCount()).toBe(audits);
    expect((await liaison.get(files(c.id))).json().map((f: CertFile) => f.fileName)).toEqual(['申请表.docx', '补充.pdf']);
    expect((await officer.get(`${files(c.id)}/${keep.id}`)).rawPayload.equals(DOCX)).toBe(true);
  });
});
