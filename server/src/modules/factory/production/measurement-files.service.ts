import type { Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { invalid } from '../../../platform/errors';
import { LOCAL_OFFSET_MIN } from '../../../platform/time';
import { FP } from '../permissions';
import type { DB } from '../db';
import { m } from '../messages';
import { requireOwnPlant } from '../own-plant';
import { parseDfq, parseMeasurementCsv, QualityInputError, writeDfq, type DfqFile } from '../quality';
import { characteristicChart } from './quality.service';

/** Problems listed back at most: enough to fix a file, not a second copy of it. */
const MAX_PROBLEMS = 50;

export interface ImportRow {
  line: number;
  serial: string;
  characteristic: string;
  value: number;
  measuredAt: string;
}
export interface ImportProblem {
  line: number;
  key: string;
  params: Record<string, string | number>;
}

const asInvalid = (err: unknown) => (err instanceof QualityInputError ? invalid(m(err.key as never, err.params as never)) : err);

/**
 * The measurement rows of an uploaded file. CSV: serial, characteristic, value, measured_at. Q-DAS .dfq: the
 * characteristic is K2001 (our characteristic code), the unit's serial travels in each value's K0006 (the value
 * line has no part-ident field; Gearbridge's own export writes it there), the time in K0004 (China time).
 */
export function rowsOfFile(format: 'csv' | 'dfq', bytes: Buffer): ImportRow[] {
  try {
    if (format === 'csv') return parseMeasurementCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    const file = parseDfq(bytes);
    const rows: ImportRow[] = [];
    for (const v of file.values) {
      const c = file.characteristics.find((x) => x.index === v.characteristic);
      if (v.value === null) continue;
      rows.push({
        line: v.record,
        serial: v.batch ?? '',
        characteristic: c?.number ?? '',
        value: v.value,
        measuredAt: v.measuredAt ? new Date(Date.parse(`${v.measuredAt}Z`) - LOCAL_OFFSET_MIN * 60_000).toISOString() : '',
      });
    }
    return rows;
  } catch (err) {
    if (err instanceof TypeError) throw invalid(m('factory.import.not_utf8'));
    throw asInvalid(err);
  }
}

/**
 * Writes measurements from a file, all or nothing: every row must name a unit of the actor's plant, a
 * characteristic of that unit's product, a time, and no value already recorded for that unit and characteristic.
 * Any problem → 400 listing the first problems (with their lines), and nothing is written.
 */
export async function importMeasurements(db: DB, actor: Actor, rows: ImportRow[]): Promise<{ written: number }> {
  if (!rows.length) throw invalid(m('factory.import.empty'));
  return db.transaction().execute(async (trx) => {
    const serials = [...new Set(rows.map((r) => r.serial).filter(Boolean))];
    const units = serials.length
      ? await trx
          .selectFrom('factory_units as u')
          .select(['u.id', 'u.serial', 'u.org_id', 'u.product_id'])
          .where('u.org_id', '=', actor.orgId)
          .where('u.serial', 'in', serials)
          .execute()
      : [];
    requireOwnPlant(actor, FP.quality, actor.orgId);
    const bySerial = new Map(units.map((u) => [u.serial, u]));
    const productIds = [...new Set(units.map((u) => u.product_id))];
    const chars = productIds.length ? await trx.selectFrom('factory_characteristics').select(['id', 'code', 'product_id']).where('product_id', 'in', productIds).execute() : [];
    const charOf = new Map(chars.map((c) => [`${c.product_id} ${c.code}`, c.id]));
    const problems: ImportProblem[] = [];
    const seen = new Set<string>();
    const values: { characteristic_id: string; unit_id: number; value: number; measured_at: Date }[] = [];
    for (const r of rows) {
      const u = bySerial.get(r.serial);
      const problem = (key: string, params: Record<string, string | number>) => problems.length < MAX_PROBLEMS && problems.push({ line: r.line, key, params });
      if (!u) {
        problem('factory.import.unknown_serial', { line: r.line, serial: r.serial });
        continue;
      }
      const cid = charOf.get(`${u.product_id} ${r.characteristic}`);
      if (!cid) {
        problem('factory.import.unknown_characteristic', { line: r.line, code: r.characteristic, serial: r.serial });
        continue;
      }
      if (!r.measuredAt) {
        problem('factory.import.no_time', { line: r.line });
        continue;
      }
      const key = `${cid} ${u.id}`;
      if (seen.has(key)) {
        problem('factory.import.twice_in_file', { line: r.line, code: r.characteristic, serial: r.serial });
        continue;
      }
      seen.add(key);
      values.push({ characteristic_id: cid, unit_id: u.id, value: r.value, measured_at: new Date(r.measuredAt) });
    }
    if (!problems.length && values.length) {
      // Already recorded (by the gauge itself, or an earlier import): a value is never overwritten by a file.
      const existing = await trx
        .selectFrom('factory_measurements')
        .select(['characteristic_id', 'unit_id'])
        .where(
          'unit_id',
          'in',
          units.map((u) => u.id),
        )
        .execute();
      const have = new Set(existing.map((e) => `${e.characteristic_id} ${e.unit_id}`));
      // With no problem so far every row became a value, in order: values[i] is rows[i].
      for (const [i, v] of values.entries()) {
        if (!have.has(`${v.characteristic_id} ${v.unit_id}`) || problems.length >= MAX_PROBLEMS) continue;
        problems.push({ line: rows[i].line, key: 'factory.import.already_measured', params: { line: rows[i].line, code: rows[i].characteristic, serial: rows[i].serial } });
      }
    }
    if (problems.length) {
      const first = problems[0];
      throw invalid(
        m('factory.import.rejected', { count: problems.length, first: first.line }),
        Object.fromEntries(problems.map((p) => [`line ${p.line}`, m(p.key as never, p.params as never)])),
      );
    }
    for (let i = 0; i < values.length; i += 1000) {
      await trx
        .insertInto('factory_measurements')
        .values(values.slice(i, i + 1000).map((v) => ({ ...v, device_num: null, source: 'import' as const })))
        .execute();
    }
    await writeAudit(trx, actor, { action: 'factory.measurement.import', entity: 'measurements', orgId: actor.orgId, after: { written: values.length } });
    return { written: values.length };
  });
}

/** The chart's values of a characteristic as a Q-DAS .dfq file (one part, one characteristic; serial in K0006). */
export async function exportDfq(db: DB, actor: Actor, id: string, subgroups: number): Promise<{ name: string; text: string }> {
  const chart = await characteristicChart(db, actor, id, { subgroups });
  const c = chart.characteristic;
  const local = (iso: string) => {
    const d = new Date(Date.parse(iso) + LOCAL_OFFSET_MIN * 60_000).toISOString();
    return `${d.slice(0, 10)}T${d.slice(11, 19)}`;
  };
  const serials = chart.points.flatMap((p) => p.serials);
  const values = await db
    .selectFrom('factory_measurements as v')
    .innerJoin('factory_units as u', 'u.id', 'v.unit_id')
    .leftJoin('factory_devices as d', 'd.num', 'v.device_num')
    .select(['u.serial', 'v.value', 'v.measured_at', 'd.code as device'])
    .where('v.characteristic_id', '=', id)
    .where('u.serial', 'in', serials.length ? serials : [''])
    .orderBy('v.measured_at')
    .execute();
  const file: DfqFile = {
    part: { number: c.partNo, title: c.productNameZh, fields: { K1001: c.partNo, K1002: c.productNameZh } },
    characteristics: [{ index: 1, number: c.code, name: c.nameZh, nominal: c.nominal, lsl: c.lsl, usl: c.usl, unit: c.unit, fields: {} }],
    values: values.map((v, i) => ({
      characteristic: 1,
      record: i + 1,
      value: v.value,
      attribute: null,
      measuredAt: local(v.measured_at.toISOString()),
      events: null,
      batch: v.serial,
      nest: null,
      operator: null,
      machine: v.device,
      processParameter: null,
      gauge: null,
    })),
    other: [],
  };
  return { name: `${c.partNo}-${c.code}`, text: writeDfq(file) };
}
