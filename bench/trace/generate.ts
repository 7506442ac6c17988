/**
 * The trace benchmark's generator: `units` serialised housings spread evenly over a year on the demo plant's lines,
 * each with its routing's operation rows (plant/src/production.ts ROUTING, OP10 … OP80), the measurements of each
 * operation's characteristics, and its component lots (casting lots of ~200 units, dowel and plug lots of ~1,000;
 * one casting lot — the recall lot — of `recallUnits` consecutive units). Rows are PostgreSQL text COPY lines, made
 * in slices of `units`, so that several connections load one table each, in parallel.
 * About 1 unit in 10,000 fails the CMM (OP70) with a D02 and stops there (status nok, no OP80, no product serial).
 */
import { COMPONENTS, ROUTING } from '@gearbridge/plant';

export interface PlantModel {
  orgId: string;
  /** The lines in order, each with its product, GTIN, and per operation the devices (nums) of its cell. */
  lines: { id: string; code: string; productId: string; gtin: string; devices: Map<string, number[]>; characteristics: Map<string, string[]> }[];
  /** Component code → id. */
  components: Map<string, string>;
}

export interface Plan {
  units: number;
  /** Epoch ms of the first unit's birth; units are born evenly over `spanMs`. */
  start: number;
  spanMs: number;
  recallUnits: number;
}

const CASTING_LOT = 200;
const PIN_LOT = 1_000;
/** Minutes between a unit's operations (transport and queue). */
const OP_GAP_MS = 20 * 60_000;
const NOK_EVERY = 10_000;

/** Lot ids: castings 1…, then the recall lot, dowels, plugs. */
export function lotLayout(p: Plan) {
  const castings = Math.ceil(p.units / CASTING_LOT);
  const recallLot = castings + 1;
  const dowels = Math.ceil(p.units / PIN_LOT);
  const plugs = dowels;
  return { castings, recallLot, dowelBase: recallLot, plugBase: recallLot + dowels, total: castings + 1 + dowels + plugs };
}

/** Units [recallFrom, recallFrom + recallUnits) take the recall casting lot: the middle of the year. */
export const recallFrom = (p: Plan) => Math.floor(p.units / 2);

/** Unit i (0-based) has id i + 1; its serial and, once marked, product serial. */
export const serialOf = (lineCode: string, i: number) => `${lineCode}-${String(i).padStart(9, '0')}`;
const productSerialOf = (i: number) => `P${String(i).padStart(10, '0')}`;

const esc = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\\\'));
const iso = (ms: number) => new Date(ms).toISOString();

/** A cheap deterministic hash → [0, 1) (no state, so any slice is the same whoever makes it). */
function rand(i: number, k: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(k + 0x27d4eb2f, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}
/** About normal (sum of four uniforms), mean 0, sd 1. */
const gauss = (i: number, k: number) => (rand(i, k) + rand(i, k + 101) + rand(i, k + 202) + rand(i, k + 303) - 2) * Math.sqrt(3);

interface UnitFacts {
  line: PlantModel['lines'][number];
  born: number;
  nok: boolean;
  /** Per routing op: [start, complete] in epoch ms. */
  times: [number, number][];
}

function unitFacts(m: PlantModel, p: Plan, i: number): UnitFacts {
  const line = m.lines[i % m.lines.length];
  const born = p.start + Math.floor((i * p.spanMs) / p.units);
  const times: [number, number][] = [];
  let t = born;
  for (const o of ROUTING) {
    times.push([t, t + o.idealCycleS * 1000]);
    t += o.idealCycleS * 1000 + OP_GAP_MS;
  }
  return { line, born, nok: i % NOK_EVERY === NOK_EVERY - 1, times };
}

const NOK_AT = ROUTING.findIndex((o) => o.op === 'OP70');
/** The stations of an operation take the line's units in turn. */
const deviceOf = (m: PlantModel, f: UnitFacts, op: string, i: number) => {
  const ds = f.line.devices.get(op);
  return ds?.length ? ds[Math.floor(i / m.lines.length) % ds.length] : null;
};

export function* unitRows(m: PlantModel, p: Plan, from: number, to: number): Generator<string> {
  let out = '';
  const last = ROUTING.at(-1)!;
  for (let i = from; i < to; i++) {
    const f = unitFacts(m, p, i);
    const doneAt = f.nok ? null : f.times.at(-1)![1];
    const marked = !f.nok;
    const ps = productSerialOf(i);
    const day = iso(f.times.at(-1)![1]).slice(2, 10).replaceAll('-', '');
    out += `${i + 1}\t${m.orgId}\t${serialOf(f.line.code, i)}\t${f.line.productId}\t\\N\t${f.line.id}\t${f.nok ? 'nok' : 'done'}\t${f.nok ? 'OP70' : last.op}\t${
      marked ? ps : '\\N'
    }\t${marked ? esc(`(01)${f.line.gtin}(21)${ps}(11)${day}`) : '\\N'}\tf\t${iso(f.born)}\t${doneAt === null ? '\\N' : iso(doneAt)}\n`;
    if (out.length > 65_536) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}
export const UNIT_COLUMNS = 'id, org_id, serial, product_id, work_order_id, line_id, status, last_op, product_serial, gs1, held, born_at, done_at';

/** Operation rows; `counted` gets the number of rows made. */
export function* opRows(m: PlantModel, p: Plan, from: number, to: number, counted: { n: number }): Generator<string> {
  let out = '';
  for (let i = from; i < to; i++) {
    const f = unitFacts(m, p, i);
    for (let j = 0; j < ROUTING.length; j++) {
      if (f.nok && j > NOK_AT) break;
      const o = ROUTING[j];
      const dev = deviceOf(m, f, o.op, i);
      const bad = f.nok && j === NOK_AT;
      out += `${i + 1}\t${o.op}\t${dev ?? '\\N'}\t${iso(f.times[j][0])}\t${iso(f.times[j][1])}\t${bad ? 'NOK\tD02' : 'OK\t\\N'}\tdevice\t\\N\n`;
      counted.n++;
    }
    if (out.length > 65_536) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}
export const OP_COLUMNS = 'unit_id, op, device_num, started_at, completed_at, result, defect_code, source, operator_id';

export function* measurementRows(m: PlantModel, p: Plan, from: number, to: number, counted: { n: number }): Generator<string> {
  let out = '';
  for (let i = from; i < to; i++) {
    const f = unitFacts(m, p, i);
    for (let j = 0; j < ROUTING.length; j++) {
      if (f.nok && j > NOK_AT) break;
      const o = ROUTING[j];
      const ids = f.line.characteristics.get(o.op) ?? [];
      const dev = deviceOf(m, f, o.op, i);
      for (let k = 0; k < o.characteristics.length; k++) {
        const c = o.characteristics[k];
        // Centred in the tolerance (one-sided: between nominal and the limit), sd a tenth of the tolerance.
        const tol = c.lsl !== null && c.usl !== null ? c.usl - c.lsl : Math.abs((c.usl ?? c.lsl!) - c.nominal) * 2;
        let v = c.nominal + gauss(i, j * 16 + k) * (tol / 10);
        if (c.lsl === null) v = Math.max(0, v);
        out += `${ids[k]}\t${i + 1}\t${v.toFixed(c.decimals + 1)}\t${iso(f.times[j][1])}\t${dev ?? '\\N'}\tdevice\n`;
        counted.n++;
      }
    }
    if (out.length > 65_536) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}
export const MEASUREMENT_COLUMNS = 'characteristic_id, unit_id, value, measured_at, device_num, source';

export function* componentRows(m: PlantModel, p: Plan, from: number, to: number): Generator<string> {
  const lots = lotLayout(p);
  const r0 = recallFrom(p);
  const opIndex = new Map(ROUTING.map((o, j) => [o.op, j]));
  let out = '';
  for (let i = from; i < to; i++) {
    const f = unitFacts(m, p, i);
    for (const o of ROUTING) {
      const j = opIndex.get(o.op)!;
      if (f.nok && j > NOK_AT) break;
      for (const b of o.binds) {
        const lot =
          b.component === 'CASTING'
            ? i >= r0 && i < r0 + p.recallUnits
              ? lots.recallLot
              : Math.floor(i / CASTING_LOT) + 1
            : b.component === 'DOWEL'
              ? lots.dowelBase + Math.floor(i / PIN_LOT) + 1
              : lots.plugBase + Math.floor(i / PIN_LOT) + 1;
        out += `${i + 1}\t${lot}\t${o.op}\t${b.qty}\t${iso(f.times[j][0])}\n`;
      }
    }
    if (out.length > 65_536) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}
export const COMPONENT_COLUMNS = 'unit_id, lot_id, op, qty, bound_at';

/** The component lots, ids as lotLayout numbers them. */
export function* lotRows(m: PlantModel, p: Plan): Generator<string> {
  const lots = lotLayout(p);
  const code = (c: string) => COMPONENTS.find((x) => x.code === c)!;
  const at = iso(p.start);
  let out = '';
  for (let k = 1; k <= lots.castings; k++) out += `${k}\t${m.components.get('CASTING')}\t${code('CASTING').lotPrefix}-${String(k).padStart(6, '0')}\t${at}\t${at}\n`;
  out += `${lots.recallLot}\t${m.components.get('CASTING')}\t${code('CASTING').lotPrefix}-RECALL\t${at}\t${at}\n`;
  for (let k = 1; k <= lots.plugBase - lots.dowelBase; k++) {
    out += `${lots.dowelBase + k}\t${m.components.get('DOWEL')}\t${code('DOWEL').lotPrefix}-${String(k).padStart(6, '0')}\t${at}\t${at}\n`;
    if (out.length > 65_536) {
      yield out;
      out = '';
    }
  }
  for (let k = 1; k <= lots.plugBase - lots.dowelBase; k++) {
    out += `${lots.plugBase + k}\t${m.components.get('PLUG')}\t${code('PLUG').lotPrefix}-${String(k).padStart(6, '0')}\t${at}\t${at}\n`;
    if (out.length > 65_536) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}
export const LOT_COLUMNS = 'id, component_id, lot_no, received_at, first_seen_at';
