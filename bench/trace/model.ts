/** The demo plant as the trace generator needs it, read from a seeded database: lines, products, stations, characteristics. */
import { ROUTING } from '@gearbridge/plant';
import type { PlantModel } from './generate';

/** A query's rows: a pg client's, or a Kysely database's (the generator's test runs on PGlite too). */
export type Query = <R>(text: string, params?: unknown[]) => Promise<{ rows: R[] }>;

export async function loadModel(query: Query): Promise<PlantModel> {
  const c = { query };
  const lines = await c.query<{ id: string; code: string; org_id: string; product_id: string; gtin: string }>(
    `select l.id, l.code, l.org_id, p.id as product_id, p.gtin from factory_lines l join factory_products p on p.line_id = l.id order by l.code`,
  );
  if (!lines.rows.length) throw new Error('the database has no products on lines: is the demo seeded?');
  const devices = await c.query<{ line_id: string; op: string; num: number }>(
    `select d.line_id, c.code as op, d.num from factory_devices d join factory_cells c on c.id = d.cell_id where d.line_id is not null order by d.code`,
  );
  const chars = await c.query<{ product_id: string; code: string; id: string }>('select product_id, code, id from factory_characteristics');
  const comps = await c.query<{ code: string; id: string }>('select code, id from factory_components where org_id = $1', [lines.rows[0].org_id]);
  return {
    orgId: lines.rows[0].org_id,
    lines: lines.rows.map((l) => {
      const byOp = new Map<string, number[]>();
      for (const d of devices.rows) if (d.line_id === l.id) byOp.set(d.op, [...(byOp.get(d.op) ?? []), d.num]);
      const idOf = new Map(chars.rows.filter((x) => x.product_id === l.product_id).map((x) => [x.code, x.id]));
      const characteristics = new Map(
        ROUTING.map((o) => [
          o.op,
          o.characteristics.map((ch) => {
            const id = idOf.get(ch.code);
            if (!id) throw new Error(`characteristic ${ch.code} of line ${l.code} is not in the database`);
            return id;
          }),
        ]),
      );
      return { id: l.id, code: l.code, productId: l.product_id, gtin: l.gtin, devices: byOp, characteristics };
    }),
    components: new Map(comps.rows.map((x) => [x.code, x.id])),
  };
}
