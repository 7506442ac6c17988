import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle, type RawQuery } from './platform/db';
import { migrate, migrationPlan, type MigrationPlan } from './platform/db/migrate';
import { freshDatabase } from './test/harness';
import { modules } from './app';

/**
 * trade/0008 made a delivery's certificate unique; a database where a delivery had been certified twice (on two
 * orders, before that rule) could not take its index. Upgrading such a database now goes through: 0008 leaves the
 * index to 0010, which withdraws the later certificates of the delivery (kept as issued, audited) and makes the index
 * over the ones that stand. A database that ran 0008 before ends with the same index.
 */
const plan = migrationPlan(modules);
const upTo = (name: string): MigrationPlan => ({
  migrations: plan.migrations.slice(
    0,
    plan.migrations.findIndex((m) => m.name === name),
  ),
  renames: plan.renames,
});

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});
async function open(): Promise<DbHandle> {
  const tdb = await freshDatabase();
  const handle = await openDatabase({ databaseUrl: tdb.config.databaseUrl, dataDir: tdb.config.dataDir, memory: true, loadDataDir: tdb.loadDataDir });
  cleanups.push(async () => {
    await handle.close();
    await tdb.drop();
  });
  return handle;
}

/** Two orders (two RFQs) of one buyer from one supplier, as rows. */
async function twoOrders(q: RawQuery) {
  await q(`insert into regions (code, name, level, full_name) values ('500110', '綦江区', 'county', '重庆市綦江区') on conflict do nothing`);
  const [buyer] = await q<{ id: string }>(`insert into organisations (name, kind, region_code) values ('荆江半轴', 'enterprise', '500110') returning id`);
  const [supplier] = await q<{ id: string }>(`insert into organisations (name, kind, region_code) values ('綦江齿轮传动有限公司', 'enterprise', '500110') returning id`);
  const orders: string[] = [];
  for (let i = 0; i < 2; i++) {
    const [rfq] = await q<{ id: string }>(
      `insert into trade_rfqs (org_id, title, vertical, attributes, quantity, unit, delivery_date, delivery_place, visibility, deadline)
       values ($1, $2, 'gear', '{}', 100, 'piece', current_date + 30, '綦江', 'invited', now() - interval '1 day') returning id`,
      [buyer.id, `齿轮 ${i + 1}`],
    );
    const [quote] = await q<{ id: string }>(`insert into trade_quotes (rfq_id, org_id, lead_time_days, valid_until) values ($1, $2, 10, current_date + 30) returning id`, [
      rfq.id,
      supplier.id,
    ]);
    const [o] = await q<{ id: string }>(
      `insert into trade_orders (rfq_id, quote_id, buyer_org_id, supplier_org_id, net_fen, vat_fen, gross_fen) values ($1, $2, $3, $4, 10000, 1300, 11300) returning id`,
      [rfq.id, quote.id, buyer.id, supplier.id],
    );
    orders.push(o.id);
  }
  return { orders, buyer: buyer.id, supplier: supplier.id };
}

/** A certificate row of the delivery on the order, issued hours ago. */
const certify = async (q: RawQuery, parties: { buyer: string; supplier: string }, number: string, order: string, delivery: string, hoursAgo: number) =>
  (
    await q<{ id: string }>(
      `insert into trade_certificates (number, order_id, buyer_org_id, supplier_org_id, delivery_id, delivery_number, units, content, sha256, verify_token, issued_at)
       values ($1, $2, $3, $4, $5, $6, 2, '{"units": []}', repeat('a', 64), $1, now() - make_interval(hours => $7)) returning id`,
      [number, order, parties.buyer, parties.supplier, delivery, `DN-${delivery.slice(0, 4)}`, hoursAgo],
    )
  )[0].id;

const D1 = '11111111-1111-4111-8111-111111111111';
const D2 = '22222222-2222-4222-8222-222222222222';
const indexDef = async (q: RawQuery) =>
  (await q<{ indexdef: string }>(`select indexdef from pg_indexes where indexname = 'trade_certificates_delivery_key'`)).map((r) => r.indexdef);

describe('trade/0008 and 0010 on a database where a delivery was certified twice', () => {
  it('upgrades: the first certificate of the delivery stands, the later one is withdrawn (kept, audited), and the index holds from then on', async () => {
    const handle = await open();
    await migrate(handle, upTo('trade/0008_certify_delivery_once.sql'));
    const { orders, parties, first, again, other } = await handle.session(async (q) => {
      const parties = await twoOrders(q);
      const [o1, o2] = parties.orders;
      const first = await certify(q, parties, 'QC-20261201-0001', o1, D1, 48);
      const again = await certify(q, parties, 'QC-20261202-0001', o2, D1, 24);
      const other = await certify(q, parties, 'QC-20261202-0002', o2, D2, 23);
      return { orders: parties.orders, parties, first, again, other };
    });
    const r = await migrate(handle, plan);
    await handle.session(async (q) => {
      expect(r.applied).toEqual(expect.arrayContaining(['trade/0008_certify_delivery_once.sql', 'trade/0010_withdraw_duplicate_certificates.sql']));
      const rows = await q<{ id: string; withdrawn: boolean; withdrawn_reason: string | null; content: unknown }>(
        'select id, withdrawn_at is not null as withdrawn, withdrawn_reason, content from trade_certificates order by number',
      );
      // Nothing deleted or changed but the mark.
      expect(rows).toEqual([
        { id: first, withdrawn: false, withdrawn_reason: null, content: { units: [] } },
        { id: again, withdrawn: true, withdrawn_reason: 'duplicate_delivery', content: { units: [] } },
        { id: other, withdrawn: false, withdrawn_reason: null, content: { units: [] } },
      ]);
      const audit = await q<{ entity_id: string; actor_id: string | null; before: unknown; after: unknown }>(
        `select entity_id, actor_id, before, after from audit_log where action = 'trade.certificate.withdraw'`,
      );
      expect(audit).toEqual([
        {
          entity_id: again,
          actor_id: null,
          before: { number: 'QC-20261202-0001', orderId: orders[1] },
          after: { reason: 'duplicate_delivery', delivery: 'DN-1111', standing: 'QC-20261201-0001' },
        },
      ]);
      expect(await indexDef(q)).toEqual([expect.stringMatching(/UNIQUE INDEX .* \(delivery_id\) WHERE \(withdrawn_at IS NULL\)/)]);
    });
    // Once per delivery among the standing certificates: a third for D1 is refused by the index.
    await expect(handle.session((q) => certify(q, parties, 'QC-20261203-0001', orders[0], D1, 1))).rejects.toMatchObject({ code: '23505' });
  });

  it('ends with the same index on a database that ran 0008 before (no delivery certified twice)', async () => {
    const handle = await open();
    await migrate(handle, upTo('trade/0010_withdraw_duplicate_certificates.sql'));
    await handle.session(async (q) => {
      expect(await indexDef(q)).toEqual([expect.stringMatching(/UNIQUE INDEX .* \(delivery_id\)$/)]);
      const parties = await twoOrders(q);
      await certify(q, parties, 'QC-20261201-0001', parties.orders[0], D1, 5);
    });
    const applied = (await migrate(handle, plan)).applied;
    expect(applied).toContain('trade/0010_withdraw_duplicate_certificates.sql');
    expect(applied.filter((n) => n.startsWith('trade/'))).toEqual(['trade/0010_withdraw_duplicate_certificates.sql']);
    await handle.session(async (q) => {
      expect(await indexDef(q)).toEqual([expect.stringMatching(/UNIQUE INDEX .* \(delivery_id\) WHERE \(withdrawn_at IS NULL\)/)]);
      expect(await q(`select 1 from trade_certificates where withdrawn_at is not null`)).toEqual([]);
      expect(await q(`select 1 from audit_log where action = 'trade.certificate.withdraw'`)).toEqual([]);
    });
  });
});
