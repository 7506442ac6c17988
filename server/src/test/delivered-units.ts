import { sql, type Kysely } from 'kysely';

/**
 * A shipped delivery of the demo gear plant built straight in the database for tests that certify it (the station,
 * packing and AGV paths are the factory's own tests): units of one line's product through every operation of its
 * routing, each measured on every variables characteristic (a value at nominal + a deterministic offset within the
 * tolerance), packed in a box on a pallet or straight on it, the pallet in stock and shipped (to 荆江半轴 unless
 * `customer` names another). Returns what was made.
 */
export async function deliveredUnits(
  db: Kysely<never>,
  opts: { prefix: string; count: number; lineCode?: string; nokAt?: number[]; customer?: string },
): Promise<{ deliveryId: string; deliveryNumber: string; orgId: string; partNo: string; serials: string[]; values: Map<string, Record<string, number>> }> {
  const q = async <R>(query: ReturnType<typeof sql<R>>) => (await query.execute(db)).rows;
  const [line] = await q<{ id: string; org_id: string }>(sql`select id, org_id from factory_lines where code = ${opts.lineCode ?? 'L3'}`);
  const [product] = await q<{ id: string; part_no: string }>(sql`select id, part_no from factory_products where line_id = ${line.id} order by part_no limit 1`);
  const ops = await q<{ op: string }>(sql`select op from factory_routing_ops where product_id = ${product.id} order by seq`);
  const chars = await q<{ id: string; code: string; nominal: number; lsl: number | null; usl: number | null }>(
    sql`select id, code, nominal, lsl, usl from factory_characteristics where product_id = ${product.id} and chart in ('xbar_r', 'xbar_s', 'i_mr') order by code`,
  );
  const stamp = Date.now();
  const sscc = (n: number) => `0${String(stamp).slice(-13)}${String(n).padStart(4, '0')}`.slice(0, 18);
  const [delivery] = await q<{ id: string; number: string }>(
    sql`insert into factory_deliveries (org_id, number, customer, shipped_at) values (${line.org_id}, ${`DN-${opts.prefix}`}, ${opts.customer ?? '荆江半轴'}, now()) returning id, number`,
  );
  const [pallet] = await q<{ id: string }>(
    sql`insert into factory_pallets (org_id, line_id, sscc, status, location, received_at, delivery_id, closed_at)
        values (${line.org_id}, ${line.id}, ${sscc(Math.floor(Math.random() * 9000))}, 'closed', 'FG-WH', now(), ${delivery.id}, now()) returning id`,
  );
  const [box] = await q<{ id: string }>(
    sql`insert into factory_boxes (org_id, line_id, number, status, pallet_id, closed_at) values (${line.org_id}, ${line.id}, ${`BX-${opts.prefix}`}, 'closed', ${pallet.id}, now()) returning id`,
  );
  const serials: string[] = [];
  const values = new Map<string, Record<string, number>>();
  for (let i = 0; i < opts.count; i++) {
    const serial = `${opts.prefix}-${String(i + 1).padStart(3, '0')}`;
    serials.push(serial);
    const [u] = await q<{ id: string }>(
      sql`insert into factory_units (org_id, serial, product_id, line_id, status, last_op, born_at, done_at, product_serial)
          values (${line.org_id}, ${serial}, ${product.id}, ${line.id}, 'done', ${ops.at(-1)!.op}, now() - interval '2 hours', now() - interval '1 hour', ${`P${serial}`}) returning id`,
    );
    for (const [k, o] of ops.entries()) {
      const result = opts.nokAt?.includes(i) && k === 1 ? 'NOK' : 'OK';
      await q(
        sql`insert into factory_unit_ops (unit_id, op, started_at, completed_at, result, source) values (${u.id}, ${o.op}, now() - interval '2 hours', now() - interval '90 minutes', ${result}, 'manual')`,
      );
    }
    const own: Record<string, number> = {};
    for (const [k, c] of chars.entries()) {
      const half = c.lsl !== null && c.usl !== null ? (c.usl - c.lsl) / 2 : Math.abs(c.nominal) * 0.1 || 0.01;
      const v = Number((c.nominal + half * 0.3 * Math.sin(i * 1.7 + k)).toFixed(4));
      own[c.code] = v;
      await q(
        sql`insert into factory_measurements (characteristic_id, unit_id, value, measured_at, source) values (${c.id}, ${u.id}, ${v}, now() - interval '95 minutes', 'manual')`,
      );
    }
    values.set(serial, own);
    // Every other unit in the box, the rest straight on the pallet.
    if (i % 2) await q(sql`insert into factory_packed_units (unit_id, box_id) values (${u.id}, ${box.id})`);
    else await q(sql`insert into factory_packed_units (unit_id, pallet_id) values (${u.id}, ${pallet.id})`);
  }
  return { deliveryId: delivery.id, deliveryNumber: delivery.number, orgId: line.org_id, partNo: product.part_no, serials, values };
}
