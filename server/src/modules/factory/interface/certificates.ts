import { sql } from 'kysely';
import type { DeliveryQuality, FactoryCertificatesInterface, PlantDelivery } from '@gearbridge/contracts/factory/interface';
import { unprocessable } from '../../../platform/errors';
import type { DB } from '../db';
import { m } from '../messages';
import { currentLimits } from '../production/quality.service';
import { capabilityIndices, sampleSd } from '../quality';

/** At most this many units in one certified delivery (a truck is a few pallets of a few dozen). */
export const CERTIFICATE_MAX_UNITS = 5000;

function deliveries(db: DB, orgId: string) {
  return db
    .selectFrom('factory_deliveries as d')
    .select([
      'd.id',
      'd.number',
      'd.customer',
      'd.shipped_at',
      sql<number>`(select count(*)::int from factory_pallets p where p.delivery_id = d.id)`.as('pallets'),
      sql<number>`(select count(*)::int from factory_packed_units x left join factory_boxes b on b.id = x.box_id
        join factory_pallets p on p.id = coalesce(x.pallet_id, b.pallet_id) where p.delivery_id = d.id)`.as('units'),
    ])
    .where('d.org_id', '=', orgId);
}
const toDelivery = (r: { id: string; number: string; customer: string; shipped_at: Date; pallets: number; units: number }): PlantDelivery => ({
  id: r.id,
  number: r.number,
  customer: r.customer,
  shippedAt: new Date(r.shipped_at).toISOString(),
  pallets: Number(r.pallets),
  units: Number(r.units),
});

/** A unit is in a delivery when its pallet is — packed straight on it, or in a box on it. */
async function deliveryQuality(db: DB, orgId: string, deliveryId: string): Promise<DeliveryQuality | null> {
  const d = await deliveries(db, orgId).where('d.id', '=', deliveryId).executeTakeFirst();
  if (!d) return null;
  const units = await db
    .selectFrom('factory_packed_units as x')
    .leftJoin('factory_boxes as b', 'b.id', 'x.box_id')
    .innerJoin('factory_pallets as p', (j) => j.on(sql<boolean>`p.id = coalesce(x.pallet_id, b.pallet_id)`))
    .innerJoin('factory_units as u', 'u.id', 'x.unit_id')
    .innerJoin('factory_products as pr', 'pr.id', 'u.product_id')
    .leftJoin('factory_work_orders as w', 'w.id', 'u.work_order_id')
    .select(['u.id', 'u.serial', 'u.product_serial', 'u.product_id', 'u.done_at', 'pr.part_no', 'pr.revision', 'w.number as wo', 'p.sscc', 'b.number as box'])
    .where('p.delivery_id', '=', deliveryId)
    .orderBy('u.serial')
    .limit(CERTIFICATE_MAX_UNITS + 1)
    .execute();
  if (units.length > CERTIFICATE_MAX_UNITS) throw unprocessable(m('factory.certificate.too_many_units', { max: CERTIFICATE_MAX_UNITS }));
  const ids = units.map((u) => u.id);
  const productIds = [...new Set(units.map((u) => u.product_id))];
  const [ops, values, chars] = ids.length
    ? await Promise.all([
        db.selectFrom('factory_unit_ops').select(['unit_id', 'op', 'result', 'completed_at']).where('unit_id', 'in', ids).orderBy('unit_id').orderBy('op').execute(),
        db
          .selectFrom('factory_measurements as v')
          .innerJoin('factory_characteristics as c', 'c.id', 'v.characteristic_id')
          .select(['v.unit_id', 'v.value', 'c.code', 'c.id'])
          .where('v.unit_id', 'in', ids)
          .execute(),
        db
          .selectFrom('factory_characteristics as c')
          .innerJoin('factory_routing_ops as o', 'o.id', 'c.op_id')
          .innerJoin('factory_products as pr', 'pr.id', 'c.product_id')
          .select(['c.id', 'c.code', 'c.name_zh', 'c.name_en', 'c.unit', 'c.nominal', 'c.lsl', 'c.usl', 'c.decimals', 'o.op', 'o.seq', 'pr.part_no'])
          .where('c.product_id', 'in', productIds)
          .where('c.chart', 'in', ['xbar_r', 'xbar_s', 'i_mr'])
          .orderBy('pr.part_no')
          .orderBy('o.seq')
          .orderBy('c.code')
          .execute(),
      ])
    : [[], [], []];
  const byChar = new Map<string, number[]>();
  const byUnit = new Map<number, [string, number][]>();
  for (const v of values) {
    byChar.set(v.id, [...(byChar.get(v.id) ?? []), v.value]);
    byUnit.set(v.unit_id, [...(byUnit.get(v.unit_id) ?? []), [v.code, v.value]]);
  }
  const opsOf = new Map<number, typeof ops>();
  for (const o of ops) opsOf.set(o.unit_id, [...(opsOf.get(o.unit_id) ?? []), o]);
  const characteristics: DeliveryQuality['characteristics'] = [];
  for (const c of chars) {
    const vs = byChar.get(c.id) ?? [];
    const n = vs.length;
    const mean = n ? vs.reduce((a, b) => a + b, 0) / n : null;
    const spec = { lsl: c.lsl, usl: c.usl };
    // Cp/Cpk with the within σ of the chart's limits in force; Pp/Ppk with the delivered values' own σ.
    const limits = n >= 2 ? await currentLimits(db, c.id) : null;
    const within = limits?.limits.sigma ?? null;
    const overall = n >= 2 ? sampleSd(vs) : 0;
    const cIdx = mean !== null && within && within > 0 ? capabilityIndices(mean, within, spec) : null;
    const pIdx = mean !== null && overall > 0 ? capabilityIndices(mean, overall, spec) : null;
    characteristics.push({
      partNo: c.part_no,
      op: c.op,
      code: c.code,
      nameZh: c.name_zh,
      nameEn: c.name_en,
      unit: c.unit,
      nominal: c.nominal,
      lsl: c.lsl,
      usl: c.usl,
      decimals: c.decimals,
      n,
      min: n ? Math.min(...vs) : null,
      max: n ? Math.max(...vs) : null,
      mean,
      outOfSpec: vs.filter((v) => (c.lsl !== null && v < c.lsl) || (c.usl !== null && v > c.usl)).length,
      cp: cIdx?.cp ?? null,
      cpk: cIdx?.cpk ?? null,
      pp: pIdx?.cp ?? null,
      ppk: pIdx?.cpk ?? null,
    });
  }
  return {
    delivery: toDelivery(d),
    units: units.map((u) => ({
      serial: u.serial,
      productSerial: u.product_serial,
      partNo: u.part_no,
      revision: u.revision,
      workOrder: u.wo,
      sscc: u.sscc,
      box: u.box,
      doneAt: u.done_at ? new Date(u.done_at).toISOString() : null,
      operations: (opsOf.get(u.id) ?? []).map((o) => ({
        op: o.op,
        result: o.result as 'OK' | 'NOK' | null,
        completedAt: o.completed_at ? new Date(o.completed_at).toISOString() : null,
      })),
      values: Object.fromEntries(byUnit.get(u.id) ?? []),
    })),
    characteristics: characteristics.filter((c) => c.n > 0),
  };
}

export const certificatesInterface = (db: DB): FactoryCertificatesInterface => ({
  deliveriesOf: async (orgId, limit = 50) =>
    (
      await deliveries(db, orgId)
        .orderBy('d.shipped_at', 'desc')
        .limit(Math.min(200, Math.max(1, limit)))
        .execute()
    ).map(toDelivery),
  deliveryQuality: (orgId, deliveryId) => deliveryQuality(db, orgId, deliveryId),
});
