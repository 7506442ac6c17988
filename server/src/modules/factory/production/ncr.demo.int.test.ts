import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness';
import { factoryDb } from '../db';
import { seedDemoNcrs } from './ncr.demo';

/** The demo's NCRs come from the NOK units on record: grouped by line, operation and defect, dispositioned by the defect's playbook. */
let t: TestApp;
const db = () => t.platform.handle.db;

beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('demo nonconformance records', () => {
  it('are made from the NOK units on record, once, with realistic dispositions and signatures', async () => {
    const l = await db().selectFrom('factory_lines').select(['id', 'org_id']).where('code', '=', 'L2').executeTakeFirstOrThrow();
    const p = await db().selectFrom('factory_products').select('id').where('line_id', '=', l.id).executeTakeFirstOrThrow();
    // Nothing NOK yet: nothing made.
    expect(await seedDemoNcrs(factoryDb(db()), l.org_id)).toBe(0);
    const base = Date.now() - 6 * 3_600_000;
    let n = 0;
    // Three leaks at OP60, two dents at OP70, one thread defect at OP30 (the newest).
    for (const [op, defect, count] of [
      ['OP60', 'D03', 3],
      ['OP70', 'D04', 2],
      ['OP30', 'D05', 1],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const at = new Date(base + n++ * 600_000);
        const u = await db()
          .insertInto('factory_units')
          .values({ org_id: l.org_id, serial: `DEMO-NOK-${n}`, product_id: p.id, line_id: l.id, status: 'nok', last_op: op, born_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db()
          .insertInto('factory_unit_ops')
          .values({ unit_id: u.id, op, completed_at: at, result: 'NOK', defect_code: defect, source: 'device', device_num: null, operator_id: null })
          .execute();
      }
    }
    expect(await seedDemoNcrs(factoryDb(db()), l.org_id)).toBe(3);
    const ncrs = await db().selectFrom('factory_ncrs').selectAll().where('org_id', '=', l.org_id).orderBy('created_at').execute();
    expect(ncrs.map((x) => [x.defect_code, x.op, x.quantity, x.disposition, x.status])).toEqual([
      ['D03', 'OP60', 3, 'scrap', 'closed'],
      ['D04', 'OP70', 2, 'use_as_is', 'dispositioned'],
      ['D05', 'OP30', 1, null, 'open'],
    ]);
    // The leaks are scrapped, the dents wait for the concession's approval (held), the newest is contained.
    const status = async (serial: string) => db().selectFrom('factory_units').select(['status', 'held']).where('serial', '=', serial).executeTakeFirstOrThrow();
    expect(await status('DEMO-NOK-1')).toEqual({ status: 'scrapped', held: false });
    expect(await status('DEMO-NOK-4')).toEqual({ status: 'nok', held: true });
    expect(await status('DEMO-NOK-6')).toEqual({ status: 'nok', held: true });
    expect(ncrs[0].root_cause).toBeTruthy();
    expect(ncrs[0].created_by).not.toBeNull();
    expect(ncrs[0].created_at.getTime()).toBeGreaterThan(base);
    expect(await t.auditCount({ action: 'factory.ncr.close', entityId: ncrs[0].id })).toBe(1);
    // Once only.
    expect(await seedDemoNcrs(factoryDb(db()), l.org_id)).toBe(0);
  });
});
