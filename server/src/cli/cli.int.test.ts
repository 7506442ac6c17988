import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { freshDatabase, type TestDb } from '../test/harness';
import { cli, cliEnv, spawnCli } from '../test/cli';
import { openDatabase } from '../platform/db';
import { makeIdNumber } from '@gearbridge/contracts/pii';
import type { Database } from '../app';

/**
 * The operator's commands. Most run in this process (cli/run.ts, what the `gearbridge` process runs, a few seconds
 * faster a command); what only a process shows — its exit code and its stderr — is proven on real `gearbridge`
 * processes too (spawnCli).
 */
let tdb: TestDb;
let env: NodeJS.ProcessEnv;

const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => cli({ ...env, ...extra }, args);

beforeAll(async () => {
  // `gearbridge seed` on an empty database loads the demo: the one test of it (operations.int.test.ts starts from
  // the seeded template).
  tdb = await freshDatabase();
  env = cliEnv(tdb);
  const seeded = await run(['seed']);
  expect(seeded.err).toBe('');
  expect(seeded.code).toBe(0);
  expect(seeded.out).toContain('demo data loaded');
  // Once: on a database with data, seed leaves the demo out.
  expect((await run(['seed'])).out).toContain('database already has data; demo not loaded');
});
afterAll(() => tdb?.drop());

describe('gearbridge CLI', { timeout: 240_000 }, () => {
  it('names the bad variable and exits 1 on bad configuration', async () => {
    // A real process: its exit code and its whole stderr.
    const r = await spawnCli({ ...env, PORT: 'eighty' }, ['migrate']);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe('gearbridge: configuration: PORT: Invalid input: expected number, received NaN');
    expect(r.out).toBe('');
    // A module's variable (the factory's) is checked the same way, before any command runs.
    const m = await run(['migrate'], { JSON_DEVICE_TIMEOUT_S: '5' });
    expect(m.code).toBe(1);
    expect(m.err.trim()).toBe('gearbridge: configuration: JSON_DEVICE_TIMEOUT_S: Too small: expected number to be >=10');
  });

  it('exits 2 with usage for an unknown command or missing arguments', async () => {
    // A real process: exit code 2, the usage on stderr.
    const unknown = await spawnCli(env, ['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
    expect(unknown.err).toContain('gearbridge <command> [options]');
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['import', 'organisations'])).code).toBe(2);
    const unreadable = await run(['import', 'organisations', 'no-such-file.xlsx']);
    expect(unreadable.code).toBe(2);
    expect(unreadable.err).toContain('cannot read no-such-file.xlsx');
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

  describe('import labor_workers', () => {
    const CK = '城口县就业和人才服务局';
    const write = async (name: string, headers: string[], rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('劳动力花名册');
      ws.addRow(headers);
      for (const r of rows) ws.addRow(r);
      const file = path.join(tdb.config.dataDir, name);
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
      return file;
    };
    // Born 1950: never in the demo roll (1966–2006).
    const [a, b] = [makeIdNumber('500229', '1950-03-01', 11), makeIdNumber('500229', '1950-03-02', 12)];
    const wrongCheck = a.slice(0, 17) + (a[17] === '0' ? '1' : '0');
    let roll: string;
    beforeAll(async () => {
      roll = await write(
        'cli-roll.xlsx',
        ['身份证号', '姓名', '手机号', '户籍区划代码', '建档立卡', '就业状态'],
        [
          [a, '命令行甲', '13900001111', '500229106', '是', '未就业'],
          [b, '命令行乙', '', '500229102', '否', '参加培训'],
          [wrongCheck, '命令行丙', '', '500229106', '否', '未就业'],
          [makeIdNumber('500229', '1950-03-03', 13), '命令行丁', '', '371302001', '否', '未就业'],
        ],
      );
    });

    it('needs the bureau and a readable roll: a clear error, a non-zero exit and nothing written', async () => {
      const noOrg = await run(['import', 'labor_workers', roll]);
      expect(noOrg.code).toBe(2);
      expect(noOrg.err).toContain('import labor_workers needs --org <organisation>');
      const unknown = await run(['import', 'labor_workers', roll, '--org', '不存在的单位', '--confirm']);
      expect(unknown.code).toBe(1);
      expect(unknown.err).toContain('Unknown organisation "不存在的单位"');
      expect((await run(['import', 'organisations', roll, '--org', CK])).code).toBe(2);

      const notExcel = path.join(tdb.config.dataDir, 'roll.xlsx');
      writeFileSync(notExcel, 'ID number,name\n');
      const garbage = await run(['import', 'labor_workers', notExcel, '--org', CK, '--confirm']);
      expect(garbage.code).toBe(1);
      expect(garbage.err).toMatch(/^gearbridge: .*xlsx/i);
      const columns = await run(['import', 'labor_workers', await write('cli-columns.xlsx', ['身份证号', '姓名'], [[a, '命令行甲']]), '--org', CK, '--confirm']);
      expect(columns.code).toBe(1);
      expect(columns.err).toContain('The sheet lacks required columns: 户籍区划代码 (Home region code)');
    });

    it('prints the per-row report and writes nothing without --confirm, then the valid rows with it, once', async () => {
      const dry = await run(['import', 'labor_workers', roll, '--org', CK]);
      expect(dry.code).toBe(0);
      expect(dry.out).toContain(`Importing into ${CK}`);
      expect(dry.out).toContain('4 rows: 2 valid, 2 with errors');
      expect(dry.out).toContain('row 4 [身份证号]: ID number check digit is wrong');
      expect(dry.out).toMatch(/row 5 \[户籍区划代码\]: .*outside 城口县就业和人才服务局/);
      expect(dry.out).toContain('Nothing written');
      // Still two valid rows: the dry run wrote none.
      expect((await run(['import', 'labor_workers', roll, '--org', CK])).out).toContain('4 rows: 2 valid, 2 with errors');

      const wet = await run(['import', 'labor_workers', roll, '--org', CK, '--confirm']);
      expect(wet.code).toBe(0);
      expect(wet.out).toContain('2 rows written in one transaction');
      // Again: every row is refused (already registered or bad), so there is nothing to write.
      const again = await run(['import', 'labor_workers', roll, '--org', CK, '--confirm']);
      expect(again.code).toBe(1);
      expect(again.out).toContain('4 rows: 0 valid, 4 with errors');
      expect(again.out).toContain('row 2 [身份证号]: Already registered');
      expect(again.err).toContain('No row of cli-roll.xlsx can be written: nothing written');

      // The workers belong to the bureau, with no caseworker (the platform imported them), each with its audit row.
      const h = await openDatabase<Database>({ databaseUrl: tdb.config.databaseUrl, dataDir: tdb.config.dataDir });
      try {
        const rows = await h.db
          .selectFrom('audit_log as a')
          .innerJoin('labor_workers as w', (j) => j.onRef(sql`w.id::text`, '=', 'a.entity_id'))
          .innerJoin('organisations as o', 'o.id', 'w.org_id')
          .select(['o.name', 'w.caseworker_id', 'w.status', 'a.actor_name'])
          .where('a.action', '=', 'labor.worker.import')
          .where('a.actor_name', 'like', '%(cli)')
          .orderBy('w.status')
          .execute();
        expect(rows).toEqual([
          { name: CK, caseworker_id: null, status: 'in_training', actor_name: 'gearbridge CLI (cli)' },
          { name: CK, caseworker_id: null, status: 'unemployed', actor_name: 'gearbridge CLI (cli)' },
        ]);
      } finally {
        await h.close();
      }
    });
  });

  it('never seeds the demo in production: refuses GEARBRIDGE_DEMO=1 in one line, and seed loads regions but no user', async () => {
    const prod = await freshDatabase({ NODE_ENV: 'production', GEARBRIDGE_DEMO: '0' });
    const at = { DATA_DIR: prod.config.dataDir, DATABASE_URL: prod.config.databaseUrl ?? '', NODE_ENV: 'production' };
    try {
      for (const command of ['start', 'seed']) {
        const refused = await run([command], { ...at, GEARBRIDGE_DEMO: '1' });
        expect(refused.code).toBe(1);
        expect(refused.err.trim().split('\n')).toHaveLength(1);
        expect(refused.err).toMatch(/^gearbridge: configuration: GEARBRIDGE_DEMO: must not be 1 when NODE_ENV=production/);
      }
      // GEARBRIDGE_DEMO unset (the CLI's test environment sets it to 1) means 0 in production.
      const seeded = await run(['seed'], { ...at, GEARBRIDGE_DEMO: '' });
      expect(seeded.code).toBe(0);
      expect(seeded.out).toContain('demo data is never loaded');
      const h = await openDatabase<Database>({ databaseUrl: prod.config.databaseUrl, dataDir: prod.config.dataDir });
      try {
        expect(await h.db.selectFrom('users').select('username').execute()).toEqual([]);
        expect(await h.db.selectFrom('organisations').select('id').execute()).toEqual([]);
        expect(
          Number(
            (
              await h.db
                .selectFrom('regions')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ).toBeGreaterThan(0);
      } finally {
        await h.close();
      }
      // The first administrator comes from create-admin.
      const admin = await run(['create-admin', 'first.admin'], { ...at, GEARBRIDGE_DEMO: '', GEARBRIDGE_ADMIN_PASSWORD: 'Operations-2026' });
      expect(admin.out).toContain('platform administrator first.admin created');
    } finally {
      await prod.drop();
    }
  });

  it('creates an administrator only with a valid password, and refuses a taken username', async () => {
    expect((await run(['create-admin', 'ops.admin'])).err).toContain('GEARBRIDGE_ADMIN_PASSWORD');
    const weak = await run(['create-admin', 'ops.admin'], { GEARBRIDGE_ADMIN_PASSWORD: 'short' });
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('password: at least 10 characters');
    const common = await run(['create-admin', 'ops.admin'], { GEARBRIDGE_ADMIN_PASSWORD: 'password12' });
    expect(common.code).toBe(1);
    expect(common.err).toContain('password: too common');
    expect((await run(['create-admin', 'ops.admin'], { GEARBRIDGE_ADMIN_PASSWORD: 'ops.admin-2026' })).err).toContain('password: must not contain the username');
    const ok = await run(['create-admin', 'ops.admin'], { GEARBRIDGE_ADMIN_PASSWORD: 'Operations-2026' });
    expect(ok.out).toContain('platform administrator ops.admin created');
    const again = await run(['create-admin', 'ops.admin'], { GEARBRIDGE_ADMIN_PASSWORD: 'Operations-2026' });
    expect(again.code).toBe(1);
    expect(again.err).toContain('username ops.admin is already taken');
  });
});
