import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { freshDatabase, type TestDb } from '../test/harness';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/gearbridge.mjs');
let tdb: TestDb;
let env: NodeJS.ProcessEnv;

function run(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...env, ...extra }, timeout: 60_000 }, (error, out, err) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err }),
    );
  });
}

beforeAll(async () => {
  tdb = await freshDatabase();
  env = {
    PATH: process.env.PATH,
    DATA_DIR: tdb.config.dataDir,
    GEARBRIDGE_SECRET: tdb.config.secret,
    DATABASE_URL: tdb.config.databaseUrl ?? '',
    LOG_LEVEL: 'silent',
    GEARBRIDGE_DEMO: '1',
  };
  const seeded = await run(['seed']);
  expect(seeded.err).toBe('');
  expect(seeded.out).toContain('demo data loaded');
});
afterAll(() => tdb?.drop());

describe('gearbridge CLI', () => {
  it('names the bad variable and exits 1 on bad configuration', async () => {
    const r = await run(['migrate'], { PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe('gearbridge: configuration: PORT: Invalid input: expected number, received NaN');
  });

  it('exits 2 with usage for an unknown command or missing arguments', async () => {
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
    expect((await run(['import', 'organisations'])).code).toBe(2);
    expect((await run(['import', 'organisations', 'no-such-file.xlsx'])).err).toContain('cannot read no-such-file.xlsx');
  });

  it('reports an import row by row and writes nothing without --confirm, then only the valid rows with it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('组织');
    ws.addRow(['名称', '类型', '区划代码']);
    ws.addRow(['命令行导入企业', '企业', '500110']);
    ws.addRow(['命令行坏行', '工厂', '500110']);
    const file = path.join(tdb.config.dataDir, 'cli-import.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));

    const dry = await run(['import', 'organisations', file]);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('2 rows: 1 valid, 1 with errors');
    expect(dry.out).toContain('row 3 [类型]: Unknown kind "工厂"');
    expect(dry.out).toContain('Nothing written');

    const out = path.join(tdb.config.dataDir, 'orgs.xlsx');
    const exportCount = async () => Number(/^(\d+) rows written/.exec((await run(['export', 'orgs', '--out', out])).out)?.[1]);
    const before = await exportCount();
    const wet = await run(['import', 'organisations', file, '--confirm']);
    expect(wet.out).toContain('1 rows written in one transaction');
    expect(await exportCount()).toBe(before + 1);
  });

  it('creates an administrator only with a valid password, and refuses a taken username', async () => {
    expect((await run(['create-admin', 'ops.admin'])).err).toContain('GEARBRIDGE_ADMIN_PASSWORD');
    const weak = await run(['create-admin', 'ops.admin'], { GEARBRIDGE_ADMIN_PASSWORD: 'short' });
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('password: at least 10 characters');
    const ok = await run(['create-admin', 'ops.admin'], { GEARBRIDGE_ADMIN_PASSWORD: 'Operations-2026' });
    expect(ok.out).toContain('platform administrator ops.admin created');
    const again = await run(['create-admin', 'ops.admin'], { GEARBRIDGE_ADMIN_PASSWORD: 'Operations-2026' });
    expect(again.code).toBe(1);
    expect(again.err).toContain('username ops.admin is already taken');
  });
});
