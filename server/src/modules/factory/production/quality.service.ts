import { sql } from 'kysely';
import type { MessageRef } from '@gearbridge/contracts/messages';
import type { CharacteristicChart, QualityCharacteristic, QualityOverview, SpcLimits, SpcLimitsRevision, SpcRuleId } from '@gearbridge/contracts/factory';
import { orgInScopeSql, requireInScope, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { invalid, notFound, type Msg } from '../../../platform/errors';
import { localDay } from '../../../platform/time';
import { FP } from '../permissions';
import type { DB } from '../db';
import { m } from '../messages';
import { requireOwnPlant } from '../own-plant';
import { outputOf } from './shift-report.service';
import { capability, chartWindow, histogram, QualityInputError, studyLimits, withinSigmaOf, type SpcData } from '../quality';

/** Subgroups a phase-I study needs at least (AIAG SPC manual: 20–25 subgroups; individuals: as many values). */
export const MIN_STUDY = 20;
/** The first study the system makes by itself once a characteristic has this many subgroups and no limits yet. */
export const AUTO_STUDY_SUBGROUPS = 25;
/** Subgroups the monitor re-checks each round (a rule needs at most 15 points: Nelson 7). */
const MONITOR_SUBGROUPS = 30;

interface CharRow {
  id: string;
  org_id: string;
  region_code: string;
  code: string;
  name_zh: string;
  name_en: string;
  unit: string;
  nominal: number;
  lsl: number | null;
  usl: number | null;
  decimals: number;
  chart: 'xbar_r' | 'xbar_s' | 'i_mr' | 'p' | 'u';
  subgroup_size: number;
  rules: string[];
  subgroup_minutes: number | null;
  defect_codes: string[] | null;
  product_id: string;
  part_no: string;
  product_name_zh: string;
  product_name_en: string;
  op: string;
  line_code: string | null;
}

function charQuery(db: DB) {
  return db
    .selectFrom('factory_characteristics as c')
    .innerJoin('factory_routing_ops as r', 'r.id', 'c.op_id')
    .innerJoin('factory_products as p', 'p.id', 'c.product_id')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .leftJoin('factory_lines as l', 'l.id', 'p.line_id')
    .select([
      'c.id',
      'p.org_id',
      'o.region_code',
      'c.code',
      'c.name_zh',
      'c.name_en',
      'c.unit',
      'c.nominal',
      'c.lsl',
      'c.usl',
      'c.decimals',
      'c.chart',
      'c.subgroup_size',
      'c.rules',
      'c.subgroup_minutes',
      'c.defect_codes',
      'c.product_id',
      'p.part_no',
      'p.name_zh as product_name_zh',
      'p.name_en as product_name_en',
      'r.op',
      'l.code as line_code',
    ]);
}

async function loadChar(db: DB, actor: Actor, id: string): Promise<CharRow> {
  const r = (await charQuery(db).where('c.id', '=', id).executeTakeFirst()) as CharRow | undefined;
  if (!r) throw notFound(m('factory.quality.characteristic_not_found'));
  requireInScope(actor, FP.read, { id: r.org_id, regionCode: r.region_code });
  return r;
}

export async function currentLimits(db: DB, characteristicId: string): Promise<SpcLimitsRevision | null> {
  const r = await db
    .selectFrom('factory_spc_limits as s')
    .leftJoin('users as u', 'u.id', 's.created_by')
    .select(['s.id', 's.revision', 's.limits', 's.study_from', 's.study_to', 's.study_values', 's.reason', 's.reason_ref', 'u.display_name', 's.created_at'])
    .where('s.characteristic_id', '=', characteristicId)
    .orderBy('s.revision', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? toRevision(r) : null;
}

const toRevision = (r: {
  id: string;
  revision: number;
  limits: unknown;
  study_from: Date;
  study_to: Date;
  study_values: number;
  reason: string;
  reason_ref: MessageRef | null;
  display_name: string | null;
  created_at: Date;
}): SpcLimitsRevision => ({
  id: r.id,
  revision: r.revision,
  limits: (typeof r.limits === 'string' ? JSON.parse(r.limits) : r.limits) as SpcLimits,
  studyFrom: r.study_from.toISOString(),
  studyTo: r.study_to.toISOString(),
  studyValues: r.study_values,
  reason: r.reason,
  reasonRef: r.reason_ref ? { key: r.reason_ref.key, ...(r.reason_ref.params ? { params: r.reason_ref.params } : {}) } : null,
  createdBy: r.display_name,
  createdAt: r.created_at.toISOString(),
});

interface Value {
  value: number;
  at: Date;
  serial: string;
  unitId: number;
  device: number | null;
}

/** A characteristic's values in time order: the latest `count`, or those measured in [from, to]. */
async function valuesOf(db: DB, characteristicId: string, q: { latest: number } | { from: Date; to: Date } | { after: Date; latest: number }): Promise<Value[]> {
  let b = db
    .selectFrom('factory_measurements as v')
    .innerJoin('factory_units as u', 'u.id', 'v.unit_id')
    .select(['v.value', 'v.measured_at', 'u.serial', 'v.unit_id', 'v.device_num'])
    .where('v.characteristic_id', '=', characteristicId);
  if ('from' in q) b = b.where('v.measured_at', '>=', q.from).where('v.measured_at', '<=', q.to).orderBy('v.measured_at').orderBy('v.unit_id').limit(100_000);
  else {
    if ('after' in q) b = b.where('v.measured_at', '>', q.after);
    b = b.orderBy('v.measured_at', 'desc').orderBy('v.unit_id', 'desc').limit(q.latest);
  }
  const rows = await b.execute();
  const out = rows.map((r) => ({ value: r.value, at: r.measured_at, serial: r.serial, unitId: r.unit_id, device: r.device_num }));
  return 'from' in q ? out : out.reverse();
}

/** Consecutive values in subgroups of n, oldest first; an incomplete oldest group (`fromEnd`) or newest is left out. */
function subgroupsOf(values: Value[], n: number, fromEnd: boolean): Value[][] {
  const whole = values.length - (values.length % n);
  const use = fromEnd ? values.slice(values.length - whole) : values.slice(0, whole);
  const out: Value[][] = [];
  for (let i = 0; i < use.length; i += n) out.push(use.slice(i, i + n));
  return out;
}

function dataOf(kind: 'xbar_r' | 'xbar_s' | 'i_mr', groups: Value[][]): SpcData {
  return kind === 'i_mr' ? { kind, values: groups.map((g) => g[0].value) } : { kind, subgroups: groups.map((g) => g.map((v) => v.value)) };
}

const asRules = (rules: string[]) => rules as SpcRuleId[];

const isAttribute = (c: CharRow): c is CharRow & { chart: 'p' | 'u'; subgroup_minutes: number } => (c.chart === 'p' || c.chart === 'u') && c.subgroup_minutes !== null;

/** One subgroup of an attribute chart: the completions (p) or count measurements (u) of one time window. */
interface Sample {
  /** The window's end. */
  at: Date;
  count: number;
  size: number;
  unitId: number | null;
  serial: string | null;
  device: number | null;
}

/**
 * The p or u chart's subgroups in [from, to), one per `subgroup_minutes` window of the clock that has any data, oldest
 * first: p — of the product's units completing the operation, those found NOK (with one of `defect_codes`, every
 * defect when null) out of all; u — the defects counted per unit by the characteristic's measurements (each value a
 * count). p reads the operation's stations' completions on factory_unit_ops_completed_idx, u the characteristic's
 * measurements on factory_measurements_time_idx.
 */
async function samplesOf(db: DB, c: CharRow & { chart: 'p' | 'u'; subgroup_minutes: number }, from: Date, to: Date): Promise<Sample[]> {
  const w = c.subgroup_minutes * 60;
  const rows =
    c.chart === 'p'
      ? await sql<{ b: number; size: number; count: number; unit_id: number | null; serial: string | null; device: number | null }>`
          select floor(extract(epoch from x.completed_at) / ${w})::float8 as b, count(*)::int as size,
                 (count(*) filter (where x.result = 'NOK' and (${c.defect_codes}::text[] is null or x.defect_code = any(${c.defect_codes}::text[]))))::int as count,
                 (array_agg(x.unit_id order by x.completed_at desc))[1] as unit_id,
                 (array_agg(u.serial order by x.completed_at desc))[1] as serial,
                 (array_agg(x.device_num order by x.completed_at desc))[1] as device
            from factory_unit_ops x join factory_units u on u.id = x.unit_id
           where x.device_num = any(array(
                   select d.num from factory_devices d join factory_cells cl on cl.id = d.cell_id join factory_lines l on l.id = cl.line_id
                    where l.org_id = ${c.org_id} and cl.code = ${c.op}))
             and x.completed_at >= ${from} and x.completed_at < ${to} and x.op = ${c.op} and u.product_id = ${c.product_id}
           group by 1 order by 1`.execute(db)
      : await sql<{ b: number; size: number; count: number; unit_id: number | null; serial: string | null; device: number | null }>`
          select floor(extract(epoch from v.measured_at) / ${w})::float8 as b, count(*)::int as size,
                 sum(greatest(0, round(v.value)))::int as count,
                 (array_agg(v.unit_id order by v.measured_at desc))[1] as unit_id,
                 (array_agg(u.serial order by v.measured_at desc))[1] as serial,
                 (array_agg(v.device_num order by v.measured_at desc))[1] as device
            from factory_measurements v join factory_units u on u.id = v.unit_id
           where v.characteristic_id = ${c.id} and v.measured_at >= ${from} and v.measured_at < ${to}
           group by 1 order by 1`.execute(db);
  return rows.rows.map((r) => ({
    at: new Date((Number(r.b) + 1) * w * 1000),
    count: Number(r.count),
    size: Number(r.size),
    unitId: r.unit_id === null ? null : Number(r.unit_id),
    serial: r.serial,
    device: r.device,
  }));
}

/** The end of the last whole window before `now`: a window still filling is not charted. */
const windowEnd = (c: { subgroup_minutes: number }, now: number) => {
  const w = c.subgroup_minutes * 60_000;
  return new Date(Math.floor(now / w) * w);
};
const attributeData = (kind: 'p' | 'u', samples: Sample[]): SpcData => ({ kind, samples: samples.map((s) => ({ count: s.count, size: s.size })) });
const refOf = (x: Msg): MessageRef => ({ key: x.key, ...(x.params ? { params: x.params } : {}) });
/** How far back the first study of a p or u chart looks for its subgroups. */
const ATTRIBUTE_STUDY_LOOKBACK_MS = 7 * 86_400_000;

/**
 * The subgroups of a p or u chart's first study, from the oldest window of `samples` on: at least
 * AUTO_STUDY_SUBGROUPS, and as many more as it takes to hold a nonconforming unit (p) or a defect (u) — with none,
 * p̄ (ū) = 0 and there are no limits (a rare NOK, 1 in 10,000, takes days of hourly windows to show). Not yet: why.
 */
export function firstAttributeStudy<S extends { count: number }>(samples: S[]): { study: S[] } | { waiting: Msg } {
  if (samples.length < AUTO_STUDY_SUBGROUPS) return { waiting: m('factory.spc.waiting_subgroups', { min: AUTO_STUDY_SUBGROUPS, count: samples.length }) };
  let counted = 0;
  for (const [i, s] of samples.entries()) {
    counted += s.count;
    if (counted > 0 && i + 1 >= AUTO_STUDY_SUBGROUPS) return { study: samples.slice(0, i + 1) };
  }
  return { waiting: m('factory.spc.waiting_nonconforming', { count: samples.length }) };
}

function toCharacteristic(c: CharRow, limitsRevision: number | null, lastValueAt: Date | null, signals24h: number): QualityCharacteristic {
  return {
    id: c.id,
    code: c.code,
    nameZh: c.name_zh,
    nameEn: c.name_en,
    unit: c.unit,
    nominal: c.nominal,
    lsl: c.lsl,
    usl: c.usl,
    decimals: c.decimals,
    chart: c.chart,
    subgroupSize: c.subgroup_size,
    rules: c.rules,
    subgroupMinutes: c.subgroup_minutes,
    defectCodes: c.defect_codes,
    productId: c.product_id,
    partNo: c.part_no,
    productNameZh: c.product_name_zh,
    productNameEn: c.product_name_en,
    op: c.op,
    lineCode: c.line_code,
    limitsRevision,
    lastValueAt: lastValueAt ? lastValueAt.toISOString() : null,
    signals24h,
  };
}

export async function listCharacteristics(db: DB, actor: Actor, q: { lineId?: string }): Promise<QualityCharacteristic[]> {
  let b = charQuery(db).where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (q.lineId) b = b.where('p.line_id', '=', q.lineId);
  const rows = (await b.orderBy('l.code').orderBy('r.seq').orderBy('c.code').execute()) as CharRow[];
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [revs, last, signals] = await Promise.all([
    db
      .selectFrom('factory_spc_limits')
      .select(['characteristic_id', (eb) => eb.fn.max('revision').as('rev')])
      .where('characteristic_id', 'in', ids)
      .groupBy('characteristic_id')
      .execute(),
    // The latest value of each, read backwards on the (characteristic, time) index.
    sql<{ id: string; at: Date | null }>`
      select c.id, (select max(measured_at) from factory_measurements v where v.characteristic_id = c.id) as at
        from factory_characteristics c where c.id = any(${ids}::uuid[])`.execute(db),
    db
      .selectFrom('factory_spc_signals')
      .select(['characteristic_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('characteristic_id', 'in', ids)
      .where('created_at', '>', new Date(Date.now() - 86_400_000))
      .groupBy('characteristic_id')
      .execute(),
  ]);
  return rows.map((c) =>
    toCharacteristic(
      c,
      revs.find((r) => r.characteristic_id === c.id)?.rev ?? null,
      last.rows.find((r) => r.id === c.id)?.at ?? null,
      Number(signals.find((s) => s.characteristic_id === c.id)?.n ?? 0),
    ),
  );
}

/** The latest subgroups against the limits in force (none yet: the values without a chart), with capability. */
export async function characteristicChart(db: DB, actor: Actor, id: string, q: { subgroups: number }, now = Date.now()): Promise<CharacteristicChart> {
  const c = await loadChar(db, actor, id);
  const limits = await currentLimits(db, id);
  if (isAttribute(c)) return attributeChart(db, c, limits, q.subgroups, now);
  const values = await valuesOf(db, id, { latest: q.subgroups * c.subgroup_size });
  const groups = subgroupsOf(values, c.subgroup_size, true);
  const counted = groups.flat();
  const chart = limits && groups.length ? chartWindow(limits.limits, dataOf(c.chart as 'xbar_r', groups), asRules(c.rules)) : null;
  const spec = { lsl: c.lsl, usl: c.usl };
  const cap =
    limits && counted.length >= 2
      ? capability(
          counted.map((v) => v.value),
          spec,
          withinSigmaOf(limits.limits),
        )
      : null;
  const hist =
    counted.length >= 2
      ? histogram(
          counted.map((v) => v.value),
          spec,
        )
      : null;
  // No limits yet: the monitor's first study waits for AUTO_STUDY_SUBGROUPS full subgroups of all measured.
  const measured = limits
    ? 0
    : Number(
        (
          await db
            .selectFrom('factory_measurements')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('characteristic_id', '=', id)
            .executeTakeFirst()
        )?.n ?? 0,
      );
  const signals = await db
    .selectFrom('factory_spc_signals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('characteristic_id', '=', id)
    .where('created_at', '>', new Date(Date.now() - 86_400_000))
    .executeTakeFirst();
  return {
    characteristic: toCharacteristic(c, limits?.revision ?? null, values.at(-1)?.at ?? null, Number(signals?.n ?? 0)),
    limits,
    chart,
    points: groups.map((g) => ({ at: g.at(-1)!.at.toISOString(), serials: g.map((v) => v.serial) })),
    capability: cap,
    histogram: hist,
    values: counted.length,
    waiting: limits ? null : refOf(m('factory.spc.waiting_subgroups', { min: AUTO_STUDY_SUBGROUPS, count: Math.floor(measured / c.subgroup_size) })),
  };
}

/** A p or u chart: the latest `subgroups` windows (those with data) against the limits in force; no capability. */
async function attributeChart(
  db: DB,
  c: CharRow & { chart: 'p' | 'u'; subgroup_minutes: number },
  limits: SpcLimitsRevision | null,
  subgroups: number,
  now: number,
): Promise<CharacteristicChart> {
  const to = windowEnd(c, now);
  const samples = (await samplesOf(db, c, new Date(to.getTime() - subgroups * c.subgroup_minutes * 60_000), to)).slice(-subgroups);
  const chart = limits && samples.length ? chartWindow(limits.limits, attributeData(c.chart, samples), asRules(c.rules)) : null;
  // No limits yet: why the monitor has not made the first study (the same look at the week's windows it takes).
  let waiting: MessageRef | null = null;
  if (!limits) {
    const first = firstAttributeStudy(await samplesOf(db, c, new Date(to.getTime() - ATTRIBUTE_STUDY_LOOKBACK_MS), to));
    if ('waiting' in first) waiting = refOf(first.waiting);
  }
  const signals = await db
    .selectFrom('factory_spc_signals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('characteristic_id', '=', c.id)
    .where('created_at', '>', new Date(now - 86_400_000))
    .executeTakeFirst();
  return {
    characteristic: toCharacteristic(c, limits?.revision ?? null, samples.at(-1)?.at ?? null, Number(signals?.n ?? 0)),
    limits,
    chart,
    points: samples.map((s) => ({ at: s.at.toISOString(), serials: [] })),
    capability: null,
    histogram: null,
    values: samples.reduce((a, s) => a + s.size, 0),
    waiting,
  };
}

export async function limitRevisions(db: DB, actor: Actor, id: string): Promise<SpcLimitsRevision[]> {
  await loadChar(db, actor, id);
  const rows = await db
    .selectFrom('factory_spc_limits as s')
    .leftJoin('users as u', 'u.id', 's.created_by')
    .select(['s.id', 's.revision', 's.limits', 's.study_from', 's.study_to', 's.study_values', 's.reason', 's.reason_ref', 'u.display_name', 's.created_at'])
    .where('s.characteristic_id', '=', id)
    .orderBy('s.revision', 'desc')
    .execute();
  return rows.map(toRevision);
}

/** Computes limits from a phase-I study of the values measured in [from, to] and stores them as the next revision. */
/** Why a revision was made: a person's words, or the system's reason as a message (stored as key and English). */
type StudyReason = string | Msg;

async function storeStudy(db: DB, c: CharRow, from: Date, to: Date, why: StudyReason, actor: Actor | null): Promise<SpcLimitsRevision> {
  const reason = typeof why === 'string' ? why : why.text;
  const reasonRef: MessageRef | null = typeof why === 'string' ? null : { key: why.key, ...(why.params ? { params: why.params } : {}) };
  if (!(from < to)) throw invalid(m('factory.quality.study_window_reversed'), { to: m('factory.quality.study_window_reversed') });
  let data: SpcData;
  let studyValues: number;
  if (isAttribute(c)) {
    const samples = await samplesOf(db, c, from, to);
    if (samples.length < MIN_STUDY) throw invalid(m('factory.quality.study_too_small', { min: MIN_STUDY, got: samples.length, size: c.subgroup_size }));
    data = attributeData(c.chart, samples);
    studyValues = samples.reduce((a, s) => a + s.size, 0);
  } else {
    const values = await valuesOf(db, c.id, { from, to });
    const groups = subgroupsOf(values, c.subgroup_size, false);
    if (groups.length < MIN_STUDY) throw invalid(m('factory.quality.study_too_small', { min: MIN_STUDY, got: groups.length, size: c.subgroup_size }));
    data = dataOf(c.chart as 'xbar_r', groups);
    studyValues = groups.length * c.subgroup_size;
  }
  let limits: SpcLimits;
  try {
    limits = studyLimits(data);
  } catch (err) {
    if (err instanceof QualityInputError) throw invalid(m(err.key as never, err.params as never));
    throw err;
  }
  return db.transaction().execute(async (trx) => {
    // Revisions are numbered per characteristic; the lock keeps two studies at once from taking the same number.
    await sql`select 1 from factory_characteristics where id = ${c.id} for update`.execute(trx);
    const prev = await trx
      .selectFrom('factory_spc_limits')
      .select((eb) => eb.fn.max('revision').as('rev'))
      .where('characteristic_id', '=', c.id)
      .executeTakeFirst();
    const revision = Number(prev?.rev ?? 0) + 1;
    const row = await trx
      .insertInto('factory_spc_limits')
      .values({
        characteristic_id: c.id,
        revision,
        limits: JSON.stringify(limits),
        study_from: from,
        study_to: to,
        study_values: studyValues,
        reason,
        reason_ref: reasonRef ? JSON.stringify(reasonRef) : null,
        created_by: actor?.userId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: 'factory.spc.limits',
      entity: 'characteristic',
      entityId: c.id,
      orgId: c.org_id,
      after: { code: c.code, revision, reason, ...(reasonRef ? { reasonRef } : {}), centre: limits.location.centre, ucl: limits.location.ucl, lcl: limits.location.lcl },
    });
    const r = await currentLimits(trx, c.id);
    if (!r || r.id !== row.id) throw new Error('limits revision not found after insert');
    return r;
  });
}

export async function reviseLimits(db: DB, actor: Actor, id: string, input: { from: string; to: string; reason: string }): Promise<SpcLimitsRevision> {
  const c = await loadChar(db, actor, id);
  requireOwnPlant(actor, FP.quality, c.org_id);
  return storeStudy(db, c, new Date(input.from), new Date(input.to), input.reason, actor);
}

export async function setRules(db: DB, actor: Actor, id: string, rules: SpcRuleId[]): Promise<QualityCharacteristic> {
  const c = await loadChar(db, actor, id);
  requireOwnPlant(actor, FP.quality, c.org_id);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('factory_characteristics').set({ rules }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'factory.spc.rules', entity: 'characteristic', entityId: id, orgId: c.org_id, before: { rules: c.rules }, after: { rules } });
  });
  return (await listCharacteristics(db, actor, {})).find((x) => x.id === id)!;
}

/**
 * The plant's ppm target from the lines' own: each weighted by the units it made (nonconforming allowed in all ÷ all
 * made), so the plant meets it exactly when the lines together stay within theirs; before anything was made, the
 * strictest line's. Lines without a target are left out; none has one: null.
 */
export function plantPpmTarget(lines: { target: number | null; made: number }[]): number | null {
  const set = lines.filter((l): l is { target: number; made: number } => l.target !== null);
  if (!set.length) return null;
  const made = set.reduce((s, l) => s + l.made, 0);
  if (!made) return Math.min(...set.map((l) => l.target));
  return set.reduce((s, l) => s + l.target * l.made, 0) / made;
}

/** The quality page's day (China time): output and yields per line and for the plant, defect Pareto, latest signals. */
export async function qualityOverview(db: DB, actor: Actor, q: { day?: string }, now = Date.now()): Promise<QualityOverview> {
  const day = q.day ?? localDay(now);
  const from = new Date(Date.parse(`${day}T00:00:00+08:00`));
  const to = new Date(Math.min(from.getTime() + 86_400_000, now));
  const lines = await db
    .selectFrom('factory_lines as l')
    .innerJoin('organisations as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.code', 'l.name_zh', 'l.name_en', 'l.ppm_target'])
    .where(orgInScopeSql(scopeOf(actor, FP.read)))
    .orderBy('l.code')
    .execute();
  const ids = lines.map((l) => l.id);
  const [output, defects, signals] = await Promise.all([
    outputOf(db, ids, { from, to }),
    ids.length
      ? sql<{ code: string; name_zh: string | null; name_en: string | null; count: number }>`
          select x.defect_code as code, d.name_zh, d.name_en, count(*)::int as count
            from factory_unit_ops x join factory_units u on u.id = x.unit_id
            left join factory_defect_codes d on d.org_id = u.org_id and d.code = x.defect_code
           where u.line_id = any(${ids}::uuid[]) and x.result = 'NOK' and x.completed_at >= ${from} and x.completed_at < ${to}
           group by 1, 2, 3 order by count desc, code`.execute(db)
      : { rows: [] },
    db
      .selectFrom('factory_spc_signals as s')
      .innerJoin('factory_characteristics as c', 'c.id', 's.characteristic_id')
      .innerJoin('factory_products as p', 'p.id', 'c.product_id')
      .innerJoin('organisations as o', 'o.id', 'p.org_id')
      .leftJoin('factory_lines as l', 'l.id', 'p.line_id')
      .leftJoin('factory_units as u', 'u.id', 's.unit_id')
      .leftJoin('factory_devices as d', 'd.num', 's.device_num')
      .select(['s.id', 's.characteristic_id', 'c.code', 'c.name_zh', 'c.name_en', 'l.code as line_code', 's.rule', 's.chart', 's.at', 'u.serial', 'd.code as device_code'])
      .where(orgInScopeSql(scopeOf(actor, FP.read)))
      .orderBy('s.created_at', 'desc')
      .limit(20)
      .execute(),
  ]);
  const figures = [...output.values()];
  const good = figures.reduce((s, f) => s + f.good, 0);
  const nok = figures.reduce((s, f) => s + f.nok, 0);
  const rty = figures.filter((f) => f.rolledThroughputYield !== null);
  return {
    day,
    from: from.toISOString(),
    to: to.toISOString(),
    ppmTarget: plantPpmTarget(lines.map((l) => ({ target: l.ppm_target, made: output.get(l.id)!.good + output.get(l.id)!.nok }))),
    lines: lines.map((l) => ({ lineId: l.id, code: l.code, nameZh: l.name_zh, nameEn: l.name_en, ppmTarget: l.ppm_target, output: output.get(l.id)! })),
    plant: {
      good,
      nok,
      firstPassYield: good + nok ? good / (good + nok) : null,
      // The plant's: the lines' own, weighted by what each made.
      rolledThroughputYield: rty.length
        ? rty.reduce((s, f) => s + f.rolledThroughputYield! * (f.good + f.nok), 0) /
          Math.max(
            1,
            rty.reduce((s, f) => s + f.good + f.nok, 0),
          )
        : null,
      ppm: good + nok ? (nok / (good + nok)) * 1_000_000 : null,
    },
    defects: defects.rows.map((d) => ({ code: d.code, nameZh: d.name_zh, nameEn: d.name_en, count: d.count })),
    signals: signals.map((s) => ({
      id: s.id,
      characteristicId: s.characteristic_id,
      code: s.code,
      nameZh: s.name_zh,
      nameEn: s.name_en,
      lineCode: s.line_code,
      rule: s.rule as SpcRuleId,
      chart: s.chart,
      at: s.at.toISOString(),
      serial: s.serial,
      deviceCode: s.device_code,
    })),
  };
}

/**
 * One round of the SPC monitor (the factory runtime runs it every half minute): for each characteristic, the first
 * study once it has enough subgroups and no limits (revision 1, by the system); then the latest subgroups measured
 * after the study, checked against the limits in force with the characteristic's rules. A violation not seen before
 * is stored once and raises an andon alarm on the station that measured its last point.
 */
export async function monitorSpc(db: DB, now = Date.now()): Promise<{ studies: number; signals: number }> {
  const chars = (await charQuery(db).execute()) as CharRow[];
  let studies = 0;
  let signals = 0;
  for (const c of chars) {
    if (isAttribute(c)) {
      const r = await monitorAttribute(db, c, now);
      studies += r.studies;
      signals += r.signals;
      continue;
    }
    let limits = await currentLimits(db, c.id);
    if (!limits) {
      const first = await valuesOf(db, c.id, { from: new Date(0), to: new Date(now) });
      if (first.length < AUTO_STUDY_SUBGROUPS * c.subgroup_size) continue;
      const study = first.slice(0, AUTO_STUDY_SUBGROUPS * c.subgroup_size);
      limits = await storeStudy(db, c, study[0].at, study.at(-1)!.at, m('factory.spc.first_study', { count: AUTO_STUDY_SUBGROUPS }), null);
      studies++;
    }
    if (!c.rules.length) continue;
    const values = await valuesOf(db, c.id, { after: new Date(limits.studyTo), latest: MONITOR_SUBGROUPS * c.subgroup_size });
    const groups = subgroupsOf(values, c.subgroup_size, true);
    if (!groups.length) continue;
    const chart = chartWindow(limits.limits, dataOf(c.chart as 'xbar_r', groups), asRules(c.rules));
    for (const v of chart.violations) {
      const last = groups[v.trigger].at(-1)!;
      if (await raiseSignal(db, c, limits, v, { at: last.at, unitId: last.unitId, device: last.device, serial: last.serial, value: last.value })) signals++;
    }
  }
  return { studies, signals };
}

/**
 * A p or u characteristic's round: the first study once the week's windows hold enough evidence (firstAttributeStudy:
 * AUTO_STUDY_SUBGROUPS windows and a nonconforming unit or defect among them), then the rules.
 */
async function monitorAttribute(db: DB, c: CharRow & { chart: 'p' | 'u'; subgroup_minutes: number }, now: number): Promise<{ studies: number; signals: number }> {
  const to = windowEnd(c, now);
  const w = c.subgroup_minutes * 60_000;
  let studies = 0;
  let signals = 0;
  let limits = await currentLimits(db, c.id);
  if (!limits) {
    const first = firstAttributeStudy(await samplesOf(db, c, new Date(to.getTime() - ATTRIBUTE_STUDY_LOOKBACK_MS), to));
    if ('waiting' in first) return { studies, signals };
    const { study } = first;
    limits = await storeStudy(db, c, new Date(study[0].at.getTime() - w), study.at(-1)!.at, m('factory.spc.first_study', { count: study.length }), null);
    studies++;
  }
  if (!c.rules.length) return { studies, signals };
  const after = new Date(Math.max(new Date(limits.studyTo).getTime(), to.getTime() - MONITOR_SUBGROUPS * w));
  const samples = await samplesOf(db, c, after, to);
  if (!samples.length) return { studies, signals };
  const chart = chartWindow(limits.limits, attributeData(c.chart, samples), asRules(c.rules));
  for (const v of chart.violations) {
    const s = samples[v.trigger];
    if (await raiseSignal(db, c, limits, v, { at: s.at, unitId: s.unitId, device: s.device, serial: s.serial ?? '', value: s.count / s.size })) signals++;
  }
  return { studies, signals };
}

/** Stores a violation once and raises its andon alarm on the station of its last unit; true when it was new. */
async function raiseSignal(
  db: DB,
  c: CharRow,
  limits: SpcLimitsRevision,
  v: { rule: SpcRuleId; chart: 'location' | 'spread' },
  last: { at: Date; unitId: number | null; device: number | null; serial: string; value: number },
): Promise<boolean> {
  const inserted = await db
    .insertInto('factory_spc_signals')
    .values({ characteristic_id: c.id, limits_id: limits.id, rule: v.rule, chart: v.chart, at: last.at, unit_id: last.unitId, device_num: last.device })
    .onConflict((oc) => oc.columns(['characteristic_id', 'rule', 'chart', 'at']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  if (last.device === null) return true;
  const rule = v.rule.toUpperCase().replace('NELSON', 'Nelson ');
  const alarm = await db
    .insertInto('factory_alarms')
    .values({
      org_id: c.org_id,
      device_num: last.device,
      source: 'spc',
      code: `${c.code}:${v.rule}`,
      severity: 'warning',
      message_zh: `SPC 判异：${c.name_zh}（${c.code}）违反 ${rule}，产品 ${last.serial}`,
      message_en: `SPC signal: ${c.name_en} (${c.code}) breaks ${rule}, unit ${last.serial}`,
      value: last.value,
      raised_at: last.at,
    })
    // One open alarm per device and cause (the partial unique index): a rule still firing does not raise again.
    .onConflict((oc) => oc.columns(['device_num', 'source', 'code']).where('resolved_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (alarm) await db.updateTable('factory_spc_signals').set({ alarm_id: alarm.id }).where('id', '=', inserted.id).execute();
  return true;
}
