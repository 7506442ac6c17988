import { type SqlBool, sql } from 'kysely';
import { LOCATIONS } from '@gearbridge/plant';
import type { Genealogy, GenealogyHandoff, GenealogyOp, RecallQuery, RecallResult, StationEventInput, Unit, UnitStatus } from '@gearbridge/contracts/factory';
import { orgInScopeSql, requireInScope, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { containing, executePrepared, likeEscaped, paged, queryPrepared, rawQueryOf } from '../../../platform/db';
import { LOCAL_OFFSET_MIN } from '../../../platform/time';
import { toShifts } from '../oee.service';
import { DEFAULT_SHIFTS, type ShiftDef } from '../oee/calendar';
import { conflict, invalid, notFound } from '../../../platform/errors';
import { FP } from '../permissions';
import type { DB } from '../db';
import { m } from '../messages';
import { requireOwnPlant } from '../own-plant';
import { parseHumanReadableGs1, recordUnitEvent, type UnitEventRefusal } from './unit-events';
import { crewNames } from './crews.service';
import { paramsOf } from './traces';

export function unitQuery(db: DB) {
  return db
    .selectFrom('factory_units as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .innerJoin('factory_products as p', 'p.id', 'u.product_id')
    .innerJoin('factory_lines as l', 'l.id', 'u.line_id')
    .leftJoin('factory_work_orders as w', 'w.id', 'u.work_order_id')
    .select([
      'u.id',
      'u.org_id',
      'o.region_code',
      'u.serial',
      'u.product_serial',
      'u.gs1',
      'u.product_id',
      'p.part_no',
      'p.revision',
      'p.name_zh as product_name_zh',
      'p.name_en as product_name_en',
      'l.code as line_code',
      'u.work_order_id',
      'w.number as work_order_number',
      'u.status',
      'u.last_op',
      'u.held',
      'u.hold_reason',
      'u.born_at',
      'u.done_at',
      'u.line_id',
    ]);
}
export type UnitRow = Awaited<ReturnType<ReturnType<typeof unitQuery>['executeTakeFirstOrThrow']>>;

export const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  orgId: r.org_id,
  serial: r.serial,
  productSerial: r.product_serial,
  gs1: r.gs1,
  productId: r.product_id,
  partNo: r.part_no,
  revision: r.revision,
  productNameZh: r.product_name_zh,
  productNameEn: r.product_name_en,
  lineCode: r.line_code,
  workOrderId: r.work_order_id,
  workOrderNumber: r.work_order_number,
  status: r.status,
  lastOp: r.last_op,
  held: r.held,
  holdReason: r.hold_reason,
  bornAt: r.born_at.toISOString(),
  doneAt: r.done_at ? r.done_at.toISOString() : null,
});

export async function listUnits(
  db: DB,
  actor: Actor,
  q: { page: number; pageSize: number; q?: string; status?: UnitStatus; lineId?: string; workOrderId?: string; held?: 'true' | 'false' },
) {
  let base = unitQuery(db).where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (q.status) base = base.where('u.status', '=', q.status);
  if (q.lineId) base = base.where('u.line_id', '=', q.lineId);
  if (q.workOrderId) base = base.where('u.work_order_id', '=', q.workOrderId);
  if (q.held) base = base.where('u.held', '=', q.held === 'true');
  if (q.q) {
    const code = codeOf(q.q);
    base = base.where((eb) => eb.or([eb('u.serial', '=', code), eb('u.product_serial', '=', code), eb('u.serial', 'like', `${likeEscaped(code)}%`)]));
  }
  const { rows, total } = await paged(base, q, (b) => b.orderBy('u.id', 'desc'));
  return { items: rows.map(toUnit), total };
}

/** What was typed or scanned → the serial to look for: a GS1 element string gives its (21) serial. */
export function codeOf(input: string): string {
  const s = input.trim();
  const ais = parseHumanReadableGs1(s);
  return ais?.get('21') ?? s;
}

/**
 * The unit a scanned or typed code names, in the actor's scope: by its serial, or by its product serial (the laser-
 * marked identifier). One column at a time — the likelier first: the product serial for a GS1 element string, else
 * the serial — so that the usual lookup reads one index, not two.
 */
async function findUnit(db: DB, actor: Actor, code: string): Promise<UnitRow> {
  return (await findUnitWith(db, actor, code, null)).unit;
}

/**
 * findUnit, and — with `lateral` (the history read from the unit's trace) — the unit's traced history in the same
 * statement: a finished unit's genealogy is then one round trip. `history` is null when the unit has no trace.
 */
async function findUnitWith(db: DB, actor: Actor, code: string, lateral: string | null): Promise<{ unit: UnitRow; history: History | null }> {
  const c = codeOf(code);
  const columns = c !== code.trim() ? (['u.product_serial', 'u.serial'] as const) : (['u.serial', 'u.product_serial'] as const);
  for (const column of columns) {
    // A prepared statement: its text varies only with the column and the shape of the actor's scope.
    const q = unitQuery(db)
      .where(column, '=', c)
      .where(orgInScopeSql(scopeOf(actor, FP.read)))
      .limit(1)
      .compile();
    if (!lateral) {
      const rows = await executePrepared(db, q);
      if (rows.length) return { unit: rows[0], history: null };
      continue;
    }
    const text = `select gu.*, h.* from (${q.sql}) gu left join lateral (${lateral}) h on true`;
    const rows = await queryPrepared<UnitRow & Partial<History> & { traced: string | null }>(db, text, q.parameters);
    if (rows.length) {
      // The row holds the unit's columns, `traced`, and the history's (COLUMNS): split by those names.
      const { traced, ...row } = rows[0] as Record<string, unknown>;
      const history = traced === null ? null : (Object.fromEntries(COLUMNS.map((c) => [c, row[c]])) as unknown as History);
      for (const c of COLUMNS) delete row[c];
      return { unit: row as unknown as UnitRow, history };
    }
  }
  throw notFound(m('factory.unit.not_found', { code: c }));
}

async function loadUnit(db: DB, actor: Actor, id: number): Promise<UnitRow> {
  const r = await unitQuery(db).where('u.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(m('factory.unit.not_found', { code: String(id) }));
  requireInScope(actor, FP.read, { id: r.org_id, regionCode: r.region_code });
  return r;
}

export const lookupUnit = async (db: DB, actor: Actor, code: string): Promise<Unit> => toUnit(await findUnit(db, actor, code));

/** The default calendar's shift codes as an SQL array (an organisation with no calendar of its own works it). */
const DEFAULT_SHIFT_CODES = `array[${DEFAULT_SHIFTS.map((x) => `'${x.code}'`).join(', ')}]::text[]`;

/**
 * Everything of a unit's history but the unit itself, as SQL columns of prepared statements (planned once per
 * connection) with named parameters: :unit the unit, :product its product, :org its organisation, :line its line.
 * Each column is a JSON array:
 * the routing; the operations reached (station, times, result, defect, the person who recorded it); the
 * measurements with their characteristics; the bound component lots; the stations' parameters — per reached
 * operation, the station's numeric metrics as they last were at that moment (the last value within ten minutes
 * before it, from the telemetry's primary key); the crews in force (set that day or carried forward, as
 * crews.service's crewsInForce: the function factory_crew_day) on the plant days around operations no person recorded (a device's report names
 * nobody: the crew on the line's shift did the work); the tools used at
 * each operation; the earlier passes a rework sent it back through and the NCRs naming it; the shift calendar; and
 * (a JSON object, null when never packed) where it went after the line — box, pallet, AGV moves, delivery.
 */
const historyColumns = (src: Sources) => ({
  routing: `
  (select coalesce(json_agg(r order by r.seq), '[]') from (
     select op, seq, name_zh, name_en from factory_routing_ops where product_id = :product) r) as routing`,
  done: `
  (select coalesce(json_agg(r), '[]') from (
     select x.op, x.device_num, d.id as device_id, d.code as device_code, d.name_zh as device_name_zh,
            d.name_en as device_name_en, x.started_at, x.completed_at, x.result, x.defect_code,
            dc.name_zh as defect_name_zh, dc.name_en as defect_name_en, x.source, p.display_name as operator_name
       from ${src.ops} x
       left join factory_devices d on d.num = x.device_num
       left join users p on p.id = x.operator_id
       left join factory_defect_codes dc on dc.code = x.defect_code and dc.org_id = :org
      where x.unit_id = :unit) r) as done`,
  meas: `
  (select coalesce(json_agg(r order by r.code), '[]') from (
     select o.op, c.id, c.code, c.name_zh, c.name_en, c.unit, c.nominal, c.lsl, c.usl, c.decimals, v.value,
            v.measured_at, v.source
       from ${src.meas} v
       join factory_characteristics c on c.id = v.characteristic_id
       join factory_routing_ops o on o.id = c.op_id
      where v.unit_id = :unit) r) as meas`,
  comps: `
  (select coalesce(json_agg(r order by r.code), '[]') from (
     select uc.op, uc.qty, uc.bound_at, lot.id, lot.lot_no, c.code, c.part_no, c.name_zh, c.name_en, c.supplier
       from ${src.comps} uc
       join factory_component_lots lot on lot.id = uc.lot_id
       join factory_components c on c.id = lot.component_id
      where uc.unit_id = :unit) r) as comps`,
  params: `
  ${src.params} as params`,
  crews: `
  (select coalesce(json_agg(r order by r.display_name), '[]') from (
     select d.day, s.code as shift_code, p.display_name
       from (select distinct ((coalesce(x.completed_at, x.started_at) at time zone 'UTC') + interval '${LOCAL_OFFSET_MIN} minutes')::date - k as day
               from ${src.ops} x cross join (values (0), (1)) v(k)
              where x.unit_id = :unit and x.operator_id is null and coalesce(x.completed_at, x.started_at) is not null) d
      cross join unnest(coalesce((select array_agg(code) from factory_shifts where org_id = :org), ${DEFAULT_SHIFT_CODES})) s(code)
      cross join lateral (select factory_crew_day(:line, s.code, d.day) as day) k
       join factory_shift_crews c on c.line_id = :line and c.shift_code = s.code and c.day = k.day
       join users p on p.id = c.user_id) r) as crews`,
  tools: `
  (select coalesce(json_agg(r order by r.slot), '[]') from (
     select ut.op, ut.slot, ut.used_at, t.id, t.code, t.kind, t.description
       from ${src.tools} ut join factory_tools t on t.id = ut.tool_id
      where ut.unit_id = :unit) r) as tools`,
  reworks: `
  (select coalesce(json_agg(r order by r.reworked_at, r.hid), '[]') from (
     select h.op, d.code as device_code, h.started_at, h.completed_at, h.result, h.defect_code, n.id as ncr_id, n.number,
            h.reworked_at, h.id as hid
       from factory_unit_op_history h
       join factory_ncrs n on n.id = h.ncr_id
       left join factory_devices d on d.num = h.device_num
      where h.unit_id = :unit order by h.reworked_at, h.id limit 200) r) as reworks`,
  ncrs: `
  (select coalesce(json_agg(r order by r.created_at desc), '[]') from (
     select n.id, n.number, n.status, n.disposition, n.description, n.created_at
       from factory_ncr_units nu join factory_ncrs n on n.id = nu.ncr_id
      where nu.unit_id = :unit order by n.created_at desc limit 50) r) as ncrs`,
  shifts: `
  (select coalesce(json_agg(r order by r.position), '[]') from (
     select code, name, start_time, end_time, breaks, position from factory_shifts where org_id = :org) r) as shifts`,
  handoff: `
  (select row_to_json(r) from (
     select pu.packed_at, b.number as box_number, pl.sscc, pl.status as pallet_status, pl.location, pl.received_at,
            dl.number as delivery_number, dl.customer, dl.shipped_at,
            (select coalesce(json_agg(t order by t.created_at), '[]') from (
               select number, from_loc, to_loc, status, created_at, answered_at
                 from factory_transfer_orders where pallet_id = pl.id) t) as transfers
       from factory_packed_units pu
       left join factory_boxes b on b.id = pu.box_id
       left join factory_pallets pl on pl.id = coalesce(pu.pallet_id, b.pallet_id)
       left join factory_deliveries dl on dl.id = pl.delivery_id
      where pu.unit_id = :unit) r) as handoff`,
});

type HistoryParam = 'unit' | 'product' | 'org' | 'line';
type HistoryColumn = keyof ReturnType<typeof historyColumns>;

/** Where the history's per-unit rows come from: the four tables and telemetry, or the unit's trace (`t`). */
interface Sources {
  ops: string;
  meas: string;
  comps: string;
  tools: string;
  params: string;
}
const LIVE: Sources = {
  ops: 'factory_unit_ops',
  meas: 'factory_measurements',
  comps: 'factory_unit_components',
  tools: 'factory_unit_op_tools',
  params: paramsOf(':unit'),
};
/** A trace's arrays read back as rows of the tables they were copied from (traces.ts). */
const TRACED: Sources = {
  ops: 'json_populate_recordset(null::factory_unit_ops, t.ops)',
  meas: 'json_populate_recordset(null::factory_measurements, t.meas)',
  comps: 'json_populate_recordset(null::factory_unit_components, t.comps)',
  tools: 'json_populate_recordset(null::factory_unit_op_tools, t.tools)',
  params: 't.params',
};

/**
 * A statement of the history's columns: the named parameters (`:unit`, `:product`, `:org`, `:line`)
 * become $1… in the order they first appear, so that each statement takes exactly the parameters it uses.
 */
function historyStatement(columns: HistoryColumn[], src: Sources, from = '') {
  const order: HistoryParam[] = [];
  const all = historyColumns(src);
  const text = bindHistoryParams(`select\n${columns.map((c) => all[c]).join(',\n')}${from}`, (p) => {
    if (!order.includes(p)) order.push(p);
    return `$${order.indexOf(p) + 1}`;
  });
  return { text, order };
}

/** Replaces each named parameter (`:unit`, `:product`, `:org`, `:line`) of history SQL by what `to` gives for it. */
const bindHistoryParams = (text: string, to: (p: HistoryParam) => string) => text.replace(/:(unit|product|org|line)\b/g, (_, p: HistoryParam) => to(p));

/** The unit's columns (findUnitWith's `gu`) that the named parameters stand for in a lateral subquery. */
const UNIT_COLUMN: Record<HistoryParam, string> = { unit: 'gu.id', product: 'gu.product_id', org: 'gu.org_id', line: 'gu.line_id' };

const COLUMNS: HistoryColumn[] = ['routing', 'done', 'meas', 'comps', 'params', 'crews', 'tools', 'reworks', 'ncrs', 'shifts', 'handoff'];
/**
 * The history in one statement (one round trip). Measured at 10,000,000 units (README, Trace): four statements run at
 * once on four connections, so that their reads would overlap, were no faster for one person (p99 12.8 against
 * 11.4 ms) and slower for ten at once (p99 43 against 33 ms).
 */
const HISTORY = historyStatement(COLUMNS, LIVE);
/** The same from the unit's trace: no row when it has none (on the line, or its rows changed since). */
/**
 * The same from the unit's trace, as a lateral subquery of the unit's look-up (findUnitWith): one row with `traced`
 * set when the unit has a trace, none when it has not (on the line, or its rows changed since).
 */
const HISTORY_TRACED = bindHistoryParams(
  `select t.unit_id as traced,\n${COLUMNS.map((c) => historyColumns(TRACED)[c]).join(',\n')}
  from factory_unit_traces t where t.unit_id = :unit`,
  (p) => UNIT_COLUMN[p],
);

/** A timestamp as PostgreSQL's JSON writes it → ISO 8601 in UTC, as the rest of the API sends times. */
const isoOf = (t: string) => new Date(t).toISOString();

interface History {
  routing: { op: string; seq: number; name_zh: string; name_en: string }[];
  done: {
    op: string;
    device_num: number | null;
    device_id: string | null;
    device_code: string | null;
    device_name_zh: string | null;
    device_name_en: string | null;
    started_at: string | null;
    completed_at: string | null;
    result: 'OK' | 'NOK' | null;
    defect_code: string | null;
    defect_name_zh: string | null;
    defect_name_en: string | null;
    source: 'device' | 'manual';
    operator_name: string | null;
  }[];
  meas: {
    op: string;
    id: string;
    code: string;
    name_zh: string;
    name_en: string;
    unit: string;
    nominal: number;
    lsl: number | null;
    usl: number | null;
    decimals: number;
    value: number;
    measured_at: string;
    source: 'device' | 'manual' | 'import';
  }[];
  comps: {
    op: string;
    qty: number;
    bound_at: string;
    id: number;
    lot_no: string;
    code: string;
    part_no: string;
    name_zh: string;
    name_en: string;
    supplier: string | null;
  }[];
  params: { op: string; name: string; unit: string | null; value: number; ts: string }[];
  reworks: {
    op: string;
    device_code: string | null;
    started_at: string | null;
    completed_at: string | null;
    result: 'OK' | 'NOK' | null;
    defect_code: string | null;
    ncr_id: string;
    number: string;
    reworked_at: string;
  }[];
  ncrs: {
    id: string;
    number: string;
    status: 'open' | 'dispositioned' | 'closed' | 'cancelled';
    disposition: 'rework' | 'scrap' | 'use_as_is' | 'return_to_supplier' | null;
    description: string;
    created_at: string;
  }[];
  tools: { op: string; slot: string; used_at: string; id: string; code: string; kind: 'cutting' | 'fixture' | 'gauge'; description: string }[];
  crews: { day: string; shift_code: string; display_name: string }[];
  shifts: { code: string; name: string; start_time: string; end_time: string; breaks: ShiftDef['breaks'] }[];
  handoff: {
    packed_at: string;
    box_number: string | null;
    sscc: string | null;
    pallet_status: 'open' | 'closed' | null;
    location: string | null;
    received_at: string | null;
    delivery_number: string | null;
    customer: string | null;
    shipped_at: string | null;
    transfers: { number: string; from_loc: string; to_loc: string; status: GenealogyHandoff['transfers'][number]['status']; created_at: string; answered_at: string | null }[];
  } | null;
}

const isoOrNull = (t: string | null) => (t === null ? null : isoOf(t));

function toHandoff(h: NonNullable<History['handoff']>): GenealogyHandoff {
  const loc = LOCATIONS.find((l) => l.code === h.location);
  return {
    packedAt: isoOf(h.packed_at),
    boxNumber: h.box_number,
    palletSscc: h.sscc,
    palletStatus: h.pallet_status,
    location: h.location,
    locationNameZh: loc?.nameZh ?? null,
    locationNameEn: loc?.nameEn ?? null,
    receivedAt: isoOrNull(h.received_at),
    deliveryNumber: h.delivery_number,
    customer: h.customer,
    shippedAt: isoOrNull(h.shipped_at),
    transfers: h.transfers.map((t) => ({
      number: t.number,
      from: t.from_loc,
      to: t.to_loc,
      status: t.status,
      createdAt: isoOf(t.created_at),
      answeredAt: isoOrNull(t.answered_at),
    })),
  };
}

/**
 * A unit's whole history at once: every operation of its routing — reached or not — with the station, times,
 * result and defect, the operator, the station's parameters at that moment (its numeric metrics' last values at
 * completion, from telemetry), the measurements against their limits, and the component lots bound there. Prepared
 * statements: the unit (with the scope check) and its history from its trace in one (HISTORY_TRACED: a unit off the
 * line), or, when it has none, the unit and then its history from the tables (HISTORY).
 */
export async function genealogy(db: DB, actor: Actor, code: string): Promise<Genealogy> {
  // A unit off the line comes with its history from its trace, in one statement; one on the line, or whose rows
  // changed since, reads the tables in a second.
  const { unit: u, history: traced } = await findUnitWith(db, actor, code, HISTORY_TRACED);
  const values: Record<HistoryParam, unknown> = { unit: u.id, product: u.product_id, org: u.org_id, line: u.line_id };
  const h =
    traced ??
    (
      await queryPrepared<History>(
        db,
        HISTORY.text,
        HISTORY.order.map((p) => values[p]),
      )
    )[0];
  const { routing: ops, done, meas, comps, tools, reworks, ncrs } = h;
  const params = new Map<string, GenealogyOp['parameters']>();
  for (const r of h.params) {
    const list = params.get(r.op) ?? [];
    list.push({ metric: r.name, value: r.value, unit: r.unit, at: isoOf(r.ts) });
    params.set(r.op, list);
  }
  const crews = new Map<string, string>();
  const unnamed = done.filter((x) => x.operator_name === null && (x.completed_at ?? x.started_at));
  if (unnamed.length) {
    const names = crewNames(
      toShifts(h.shifts).shifts,
      h.crews,
      unnamed.map((x) => new Date((x.completed_at ?? x.started_at)!)),
    );
    for (const [i, x] of unnamed.entries()) if (names[i].length) crews.set(x.op, names[i].join('、'));
  }
  return {
    unit: toUnit(u),
    handoff: h.handoff ? toHandoff(h.handoff) : null,
    reworks: reworks.map((h) => ({
      op: h.op,
      deviceCode: h.device_code,
      startedAt: isoOrNull(h.started_at),
      completedAt: isoOrNull(h.completed_at),
      result: h.result,
      defectCode: h.defect_code,
      ncrId: h.ncr_id,
      ncrNumber: h.number,
      reworkedAt: isoOf(h.reworked_at),
    })),
    ncrs: ncrs.map((n) => ({ id: n.id, number: n.number, status: n.status, disposition: n.disposition, description: n.description, createdAt: isoOf(n.created_at) })),
    ops: ops.map((o) => {
      const x = done.find((d) => d.op === o.op);
      return {
        op: o.op,
        seq: o.seq,
        nameZh: o.name_zh,
        nameEn: o.name_en,
        reached: !!x,
        deviceId: x?.device_id ?? null,
        deviceCode: x?.device_code ?? null,
        deviceNameZh: x?.device_name_zh ?? null,
        deviceNameEn: x?.device_name_en ?? null,
        startedAt: x?.started_at ? isoOf(x.started_at) : null,
        completedAt: x?.completed_at ? isoOf(x.completed_at) : null,
        result: x?.result ?? null,
        defectCode: x?.defect_code ?? null,
        defectNameZh: x?.defect_name_zh ?? null,
        defectNameEn: x?.defect_name_en ?? null,
        source: x?.source ?? null,
        operatorName: x?.operator_name ?? crews.get(o.op) ?? null,
        parameters: params.get(o.op) ?? [],
        measurements: meas
          .filter((v) => v.op === o.op)
          .map((v) => ({
            characteristicId: v.id,
            code: v.code,
            nameZh: v.name_zh,
            nameEn: v.name_en,
            unit: v.unit,
            value: v.value,
            nominal: v.nominal,
            lsl: v.lsl,
            usl: v.usl,
            decimals: v.decimals,
            inSpec: (v.lsl === null || v.value >= v.lsl) && (v.usl === null || v.value <= v.usl),
            measuredAt: isoOf(v.measured_at),
            source: v.source,
          })),
        components: comps
          .filter((c) => c.op === o.op)
          .map((c) => ({
            lotId: c.id,
            lotNo: c.lot_no,
            componentCode: c.code,
            partNo: c.part_no,
            nameZh: c.name_zh,
            nameEn: c.name_en,
            supplier: c.supplier,
            qty: c.qty,
            boundAt: isoOf(c.bound_at),
          })),
        tools: tools.filter((t) => t.op === o.op).map((t) => ({ toolId: t.id, code: t.code, kind: t.kind, description: t.description, slot: t.slot, usedAt: isoOf(t.used_at) })),
      };
    }),
  };
}

const REFUSAL_STATUS: Record<UnitEventRefusal, 'invalid' | 'conflict'> = {
  unit_station_unknown: 'invalid',
  unit_op_unknown: 'invalid',
  unit_not_born: 'conflict',
  unit_op_repeated: 'conflict',
  unit_gtin_mismatch: 'invalid',
  unit_product_serial_taken: 'conflict',
  unit_characteristic_unknown: 'invalid',
  unit_component_unknown: 'invalid',
  unit_tool_unknown: 'invalid',
  unit_lot_blocked: 'conflict',
  unit_tool_blocked: 'conflict',
  unit_tool_retired: 'conflict',
};

/**
 * A person records a unit at a station (the station page: scanner or camera). Same rules as a device's report; a
 * completion recorded twice is a 409, not a second row. A NOK needs a defect code the organisation knows.
 */
export async function recordAtStation(db: DB, actor: Actor, input: StationEventInput): Promise<{ unit: Unit; op: string; created: boolean }> {
  const unitId = await db.transaction().execute(async (trx) => {
    const dev = await trx
      .selectFrom('factory_devices as d')
      .innerJoin('organisations as o', 'o.id', 'd.org_id')
      .select(['d.num', 'd.org_id', 'o.region_code'])
      .where('d.id', '=', input.deviceId)
      .executeTakeFirst();
    if (!dev) throw notFound(m('factory.device.not_found'));
    requireInScope(actor, FP.read, { id: dev.org_id, regionCode: dev.region_code });
    requireOwnPlant(actor, FP.station, dev.org_id);
    if (input.result === 'NOK') {
      const known = await trx.selectFrom('factory_defect_codes').select('code').where('org_id', '=', dev.org_id).where('code', '=', input.defectCode!).executeTakeFirst();
      if (!known) throw invalid(m('factory.unit.defect_unknown', { code: input.defectCode! }), { defectCode: m('factory.unit.defect_unknown', { code: input.defectCode! }) });
    }
    const serial = codeOf(input.serial);
    const outcome = await recordUnitEvent(rawQueryOf(trx), {
      device: dev.num,
      ts: Date.now(),
      event: input.event,
      serial,
      result: input.result ?? null,
      defect: input.defectCode ?? null,
      productId: null,
      measurements: input.measurements ?? {},
      lots: input.lots ?? {},
      tools: input.tools ?? {},
      source: 'manual',
      operatorId: actor.userId,
    });
    if (!outcome.ok) {
      const msg = m(`factory.unit.${outcome.reason}`, outcome.params as never);
      throw REFUSAL_STATUS[outcome.reason] === 'conflict' ? conflict(msg) : invalid(msg);
    }
    if (outcome.created) {
      await writeAudit(trx, actor, {
        action: `factory.unit.${input.event}`,
        entity: 'unit',
        entityId: String(outcome.unitId),
        orgId: dev.org_id,
        after: {
          serial,
          op: outcome.op,
          result: input.result ?? null,
          defectCode: input.defectCode ?? null,
          measurements: input.measurements,
          lots: input.lots,
          tools: input.tools,
        },
      });
    }
    return { id: outcome.unitId, op: outcome.op, created: outcome.created };
  });
  return { unit: toUnit(await loadUnit(db, actor, unitId.id)), op: unitId.op, created: unitId.created };
}

/** The units a recall reaches, as a query over the units table (so listing, counting, holding and exporting agree). */
async function recallScope(db: DB, actor: Actor, q: RecallQuery) {
  let label: string;
  let kind: 'lot' | 'device' | 'tool';
  let lotId: number | null = null;
  let base = placedUnitQuery(db).where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (q.lotId !== undefined || q.componentCode) {
    const lot = await db
      .selectFrom('factory_component_lots as lot')
      .innerJoin('factory_components as c', 'c.id', 'lot.component_id')
      .innerJoin('organisations as o', 'o.id', 'c.org_id')
      .select(['lot.id', 'lot.lot_no', 'c.code', 'c.name_zh', 'c.org_id', 'o.region_code'])
      .$if(q.lotId !== undefined, (b) => b.where('lot.id', '=', q.lotId!))
      .$if(q.lotId === undefined, (b) => b.where('c.code', '=', q.componentCode!).where('lot.lot_no', '=', q.lotNo!))
      .where(orgInScopeSql(scopeOf(actor, FP.read)))
      .executeTakeFirst();
    if (!lot) throw notFound(m('factory.recall.lot_not_found'));
    kind = 'lot';
    lotId = lot.id;
    label = `${lot.code} ${lot.lot_no}`;
    // The lot's units as an array the units' key is probed with: `in (subquery)` let the planner walk the units in
    // key order (or scan them all) to the lot's, in time proportional to the table rather than to the lot.
    const ofLot = db.selectFrom('factory_unit_components').select('unit_id').where('lot_id', '=', lot.id);
    base = base.where(sql<SqlBool>`u.id = any(array(${ofLot}))`);
  } else if (q.toolId !== undefined) {
    const tool = await db
      .selectFrom('factory_tools as t')
      .innerJoin('organisations as o', 'o.id', 't.org_id')
      .select(['t.id', 't.code', 't.org_id', 'o.region_code'])
      .where('t.id', '=', q.toolId)
      .executeTakeFirst();
    if (!tool) throw notFound(m('factory.tool.not_found'));
    requireInScope(actor, FP.read, { id: tool.org_id, regionCode: tool.region_code });
    const from = q.from ? new Date(q.from) : null;
    const to = q.to ? new Date(q.to) : null;
    if (from && to && !(from < to)) throw invalid(m('factory.recall.window_reversed'), { to: m('factory.recall.window_reversed') });
    kind = 'tool';
    label = from || to ? `${tool.code} ${q.from ?? ''} – ${q.to ?? ''}` : tool.code;
    // As by lot: the tool's unit ids from factory_unit_op_tools_tool_idx (tool, time), then probes of the units' key.
    const ofTool = db
      .selectFrom('factory_unit_op_tools')
      .select('unit_id')
      .where('tool_id', '=', tool.id)
      .$if(from !== null, (b) => b.where('used_at', '>=', from!))
      .$if(to !== null, (b) => b.where('used_at', '<=', to!));
    base = base.where(sql<SqlBool>`u.id = any(array(${ofTool}))`);
  } else {
    const dev = await db
      .selectFrom('factory_devices as d')
      .innerJoin('organisations as o', 'o.id', 'd.org_id')
      .select(['d.num', 'd.code', 'd.org_id', 'o.region_code'])
      .where('d.id', '=', q.deviceId!)
      .executeTakeFirst();
    if (!dev) throw notFound(m('factory.device.not_found'));
    requireInScope(actor, FP.read, { id: dev.org_id, regionCode: dev.region_code });
    const from = new Date(q.from!);
    const to = new Date(q.to!);
    if (!(from < to)) throw invalid(m('factory.recall.window_reversed'), { to: m('factory.recall.window_reversed') });
    kind = 'device';
    label = `${dev.code} ${q.from} – ${q.to}`;
    // Processed on the device in the window: the operation there started or completed within it.
    base = base.where('u.id', 'in', (eb) =>
      eb
        .selectFrom('factory_unit_ops')
        .select('unit_id')
        .where('device_num', '=', dev.num)
        .where((w) => w.or([w.between('completed_at', from, to), w.between('started_at', from, to)])),
    );
  }
  return { base, lotId, source: { kind, label } };
}

/**
 * The unit query with where each unit is in logistics (migration 0007): its box or pallet, the pallet's warehouse
 * receipt and delivery. `place`: line_end (not packed), packed, stock (its pallet received at the warehouse), shipped.
 */
export function placedUnitQuery(db: DB) {
  return unitQuery(db)
    .leftJoin('factory_packed_units as pu', 'pu.unit_id', 'u.id')
    .leftJoin('factory_boxes as bx', 'bx.id', 'pu.box_id')
    .leftJoin('factory_pallets as pl', 'pl.id', 'pu.pallet_id')
    .leftJoin('factory_deliveries as dl', 'dl.id', 'pl.delivery_id')
    .select([
      sql<string | null>`coalesce(pl.sscc, bx.number)`.as('container'),
      'dl.number as delivery_number',
      sql<'line_end' | 'packed' | 'stock' | 'shipped'>`case when pu.unit_id is null then 'line_end' when pl.delivery_id is not null then 'shipped'
        when pl.received_at is not null then 'stock' else 'packed' end`.as('place'),
    ]);
}
type PlacedRow = UnitRow & { container: string | null; delivery_number: string | null; place: 'line_end' | 'packed' | 'stock' | 'shipped' };

const whereOf = (r: PlacedRow): RecallResult['items'][number]['where'] => {
  const s: UnitStatus = r.status;
  if (s !== 'done') return s === 'wip' ? 'line' : s;
  return r.place === 'line_end' ? 'finished' : r.place;
};
const recallUnit = (r: PlacedRow) => ({ ...toUnit(r), where: whereOf(r), container: r.container, deliveryNumber: r.delivery_number });

export async function recall(db: DB, actor: Actor, q: RecallQuery): Promise<RecallResult> {
  const { base, source } = await recallScope(db, actor, q);
  const [rows, counts] = await Promise.all([
    base
      .orderBy('u.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base
      .clearSelect()
      .select(['u.status', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`count(*) filter (where u.held)`.as('held')])
      .groupBy('u.status')
      .execute(),
  ]);
  const byStatus: Record<string, number> = {};
  for (const c of counts) byStatus[c.status] = Number(c.n);
  return {
    items: rows.map(recallUnit),
    total: counts.reduce((s, c) => s + Number(c.n), 0),
    held: counts.reduce((s, c) => s + Number(c.held), 0),
    page: q.page,
    pageSize: q.pageSize,
    byStatus,
    source,
  };
}

/** Every unit of a recall, for its Excel export (bounded: a recall past 100,000 units is refused). */
export async function recallAll(db: DB, actor: Actor, q: RecallQuery) {
  const { base, source } = await recallScope(db, actor, q);
  const rows = await base.orderBy('u.id').limit(100_001).execute();
  if (rows.length > 100_000) throw invalid(m('factory.recall.too_many', { max: 100_000 }));
  return { units: rows.map(recallUnit), source };
}

/** The ids of a recall's units (at most `max + 1`: the caller refuses more) and the lot it started from, if any. */
export async function recallUnitIds(db: DB, actor: Actor, q: RecallQuery, max: number): Promise<{ ids: number[]; lotId: number | null }> {
  const { base, lotId } = await recallScope(db, actor, q);
  const rows = await base
    .clearSelect()
    .select('u.id')
    .orderBy('u.id')
    .limit(max + 1)
    .execute();
  return { ids: rows.map((r) => r.id), lotId };
}

/** Holds (or releases) units — one, or everything a recall found — with a reason; each change audited. */
export async function setHold(db: DB, actor: Actor, target: { unitId: number } | { recall: RecallQuery }, hold: boolean, reason: string): Promise<{ changed: number }> {
  return db.transaction().execute(async (trx) => {
    let ids: { id: number; org_id: string; serial: string }[];
    if ('unitId' in target) {
      const u = await loadUnit(trx, actor, target.unitId);
      ids = [{ id: u.id, org_id: u.org_id, serial: u.serial }];
    } else {
      const { base } = await recallScope(trx, actor, target.recall);
      ids = (await base.clearSelect().select(['u.id', 'u.org_id', 'u.serial']).limit(100_001).execute()) as typeof ids;
      if (ids.length > 100_000) throw invalid(m('factory.recall.too_many', { max: 100_000 }));
    }
    for (const org of new Set(ids.map((i) => i.org_id))) requireOwnPlant(actor, FP.quality, org);
    const changed = await trx
      .updateTable('factory_units')
      .set({ held: hold, hold_reason: hold ? reason : null })
      .where(
        'id',
        'in',
        ids.map((i) => i.id),
      )
      .where('held', '=', !hold)
      .returning(['id', 'org_id', 'serial'])
      .execute()
      .then((r) => (ids.length ? r : []));
    for (const u of changed) {
      await writeAudit(trx, actor, {
        action: hold ? 'factory.unit.hold' : 'factory.unit.release',
        entity: 'unit',
        entityId: String(u.id),
        orgId: u.org_id,
        after: { serial: u.serial, held: hold, reason },
      });
    }
    if ('unitId' in target && !changed.length) throw conflict(m(hold ? 'factory.unit.already_held' : 'factory.unit.not_held'));
    return { changed: changed.length };
  });
}

export async function listLots(db: DB, actor: Actor, q: { page: number; pageSize: number; q?: string; componentCode?: string }) {
  let base = db
    .selectFrom('factory_component_lots as lot')
    .innerJoin('factory_components as c', 'c.id', 'lot.component_id')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (q.componentCode) base = base.where('c.code', '=', q.componentCode);
  if (q.q) base = base.where('lot.lot_no', 'ilike', containing(q.q));
  const { rows, total } = await paged(base, q, (b) =>
    b
      .select([
        'lot.id',
        'lot.lot_no',
        'lot.first_seen_at',
        'c.code',
        'c.part_no',
        'c.name_zh',
        'c.name_en',
        'c.supplier',
        (eb) =>
          eb
            .selectFrom('factory_unit_components as uc')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('uc.lot_id', '=', 'lot.id')
            .as('units'),
      ])
      .orderBy('lot.first_seen_at', 'desc'),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      componentCode: r.code,
      partNo: r.part_no,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      lotNo: r.lot_no,
      supplier: r.supplier,
      units: Number(r.units ?? 0),
      firstSeenAt: r.first_seen_at.toISOString(),
    })),
    total,
  };
}

export async function listDefectCodes(db: DB, actor: Actor) {
  return db
    .selectFrom('factory_defect_codes as d')
    .innerJoin('organisations as o', 'o.id', 'd.org_id')
    .select(['d.code', 'd.name_zh as nameZh', 'd.name_en as nameEn'])
    .where(orgInScopeSql(scopeOf(actor, FP.read)))
    .orderBy('d.code')
    .execute();
}
