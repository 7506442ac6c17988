import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { deflatedRuns, inlineRow, xlsx } from '../../test/zip';
import { XLSX_MIME } from './workbook';

/**
 * Hostile workbooks uploaded over HTTP to a listening server, as a signed-in user would: each is refused with its
 * message key, nothing is written, and the server goes on answering. Issue #10 item 1 (and the body-before-session
 * part of item 10).
 */
let t: TestApp;
let admin: Client;
let base: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  await t.platform.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.platform.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t?.close());

const GiB_OF_ZEROS = () => deflatedRuns([{ data: Buffer.alloc(1024 * 1024), times: 1024 }]);

async function upload(c: Client, buf: Buffer, kind = 'organisations') {
  const res = await fetch(`${base}/api/imports/${kind}?fileName=hostile.xlsx`, {
    method: 'POST',
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': XLSX_MIME },
    body: new Uint8Array(buf),
  });
  const body = (await res.json()) as { error?: { key: string; params?: Record<string, unknown> } };
  return { status: res.status, key: body.error?.key, retryAfter: res.headers.get('retry-after') };
}

/** What an upload may write: import jobs and audit rows. */
async function written() {
  const db = t.platform.handle.db;
  const jobs = await db
    .selectFrom('import_jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { jobs: Number(jobs.n), audit: await t.auditCount() };
}

async function answers() {
  const res = await fetch(`${base}/api/health`);
  return res.status;
}

describe('a hostile workbook is refused without harming the server', () => {
  it('a zip bomb (1 MiB inflating to 1 GiB) is refused from its central directory', async () => {
    const bomb = xlsx({ sheet: { raw: GiB_OF_ZEROS() } });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = await written();
    expect(await upload(admin, bomb)).toMatchObject({ status: 400, key: 'platform.import.part_too_large' });
    expect(await written()).toEqual(before);
    expect(await answers()).toBe(200);
  });

  it('a bomb that declares a small size is stopped once it inflates past it', async () => {
    const before = await written();
    expect(await upload(admin, xlsx({ sheet: { raw: GiB_OF_ZEROS(), declaredSize: 4096 } }))).toMatchObject({ status: 400, key: 'platform.import.damaged' });
    expect(await written()).toEqual(before);
  });

  it('six bombs at once leave the server up, answering, and without the gigabytes', async () => {
    const bombs = Array.from({ length: 6 }, (_, i) => xlsx({ sheet: { raw: GiB_OF_ZEROS(), ...(i % 2 ? { declaredSize: 4096 } : {}) } }));
    const before = await written();
    const rss = process.memoryUsage().rss;
    const results = await Promise.all(bombs.map((b) => upload(admin, b)));
    for (const r of results) {
      // Refused as a bomb, or (waiting its turn too long behind the others) as busy with a Retry-After.
      if (r.status === 429) expect(r).toMatchObject({ key: 'platform.import.busy', retryAfter: '5' });
      else expect(r.status === 400 && ['platform.import.part_too_large', 'platform.import.damaged'].includes(r.key ?? '')).toBe(true);
    }
    // One such file alone cost ~2.5 GiB before: six of them ran the process out of heap.
    expect(process.memoryUsage().rss - rss).toBeLessThan(512 * 1024 * 1024);
    expect(await written()).toEqual(before);
    expect(await answers()).toBe(200);
  });

  it('a 200,000-row sheet is refused at the row limit while it is read, without blocking the event loop', async () => {
    // Shared strings: 名称, 类型, 区划代码, 企业, 500110; names inline. ~22 MB of XML, ~1 MB on the wire.
    const strings = ['名称', '类型', '区划代码', '企业', '500110'].map((s) => `<si><t>${s}</t></si>`).join('');
    const rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'];
    for (let r = 2; r <= 200_001; r++)
      rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>导入企业${r}</t></is></c><c r="B${r}" t="s"><v>3</v></c><c r="C${r}" t="s"><v>4</v></c></row>`);
    const big = xlsx({ sheet: rows.join(''), strings });
    expect(big.length).toBeLessThan(10 * 1024 * 1024);
    const before = await written();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const res = await upload(admin, big);
    delay.disable();
    expect(res).toMatchObject({ status: 400, key: 'platform.import.too_many_rows' });
    // Before: the whole sheet was parsed in one piece (7.5 s, the loop blocked 2.8 s) before the limit was checked.
    // A generous bound against a busy machine (the parse yields every ~10 ms; on a 2-core machine at load 15 the
    // worst wait was 1.1 s, descheduled, not blocked): under the 2.8 s the one-piece parse blocked on a quiet one.
    expect(delay.max / 1e6).toBeLessThan(2000);
    expect(await written()).toEqual(before);
    expect(await answers()).toBe(200);
  });

  it('a 300 MB shared string is refused before it is inflated, and early when its size is declared small', async () => {
    const sst = (declaredSize?: number) =>
      xlsx({
        sheet: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        strings: { raw: deflatedRuns([{ data: '<sst><si><t>' }, { data: Buffer.alloc(1024 * 1024, 0x61), times: 300 }, { data: '</t></si></sst>' }]), declaredSize },
      });
    const before = await written();
    expect(await upload(admin, sst())).toMatchObject({ status: 400, key: 'platform.import.part_too_large' });
    expect(await upload(admin, sst(60 * 1024 * 1024))).toMatchObject({ status: 400, key: 'platform.import.cell_too_long' });
    expect(await written()).toEqual(before);
  });

  it('a workbook with a nested zip, or a part named out of the archive, is refused', async () => {
    const sheet = inlineRow(1, ['名称', '类型', '区划代码']) + inlineRow(2, ['嵌套企业', '企业', '500110']);
    expect(await upload(admin, xlsx({ sheet, extra: [{ name: 'xl/embeddings/inner.xlsx', data: 'PK' }] }))).toMatchObject({
      status: 400,
      key: 'platform.import.unexpected_part',
    });
    expect(await upload(admin, xlsx({ sheet, extra: [{ name: '../evil.xml', data: '<a/>' }] }))).toMatchObject({ status: 400, key: 'platform.import.unexpected_part' });
    // The same sheet without them is read (the hand-made file is a real workbook).
    expect((await upload(admin, xlsx({ sheet }))).status).toBe(201);
  });
});

/**
 * Sends the headers and the first 64 KiB of a `length`-byte body and waits for an answer while the rest is still
 * unsent: the status when the server answers without the body, 'waited for the body' when it does not.
 */
function answerBeforeBody(path: string, headers: Record<string, string>, length = 10 * 1024 * 1024): Promise<number | 'waited for the body'> {
  return new Promise((resolve) => {
    const req = http.request(`${base}${path}`, { method: 'POST', headers: { ...headers, 'content-length': String(length) } });
    const timer = setTimeout(() => {
      req.destroy();
      resolve('waited for the body');
    }, 5000);
    req.on('response', (res) => {
      clearTimeout(timer);
      res.resume();
      req.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => {});
    req.write(Buffer.alloc(64 * 1024));
  });
}

describe('a large binary body is read only by the upload route, and only for a signed-in user', () => {
  it('without a session, a 10 MiB upload is refused with 401 before its body is read, on the upload route and on any other', async () => {
    expect(await answerBeforeBody('/api/imports/organisations', { 'content-type': XLSX_MIME })).toBe(401);
    expect(await answerBeforeBody('/api/orgs', { 'content-type': 'application/octet-stream' })).toBe(401);
    expect(await answers()).toBe(200);
  });

  it('signed in, a binary body to a route other than the upload is 415 and never parsed', async () => {
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/octet-stream' };
    expect(await answerBeforeBody('/api/orgs', headers)).toBe(415);
    const res = await admin.request('POST', '/api/orgs', Buffer.alloc(1024), { 'content-type': 'application/octet-stream' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });
});
