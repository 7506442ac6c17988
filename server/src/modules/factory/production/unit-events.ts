import type { RawQuery } from '../../../platform/db';
import { completeWhenFilled } from './work-order-steps';

/**
 * What a station reports about a unit — a device (Sparkplug metrics `unit/*`, `meas/*`, `unit/lot/*` in one
 * message, plant/src/production.ts) or a person at the station page. One code path for both, in raw SQL, so the
 * ingest runs it in its batch transaction and the API in its request's (`rawQueryOf`).
 */
export interface UnitEventIn {
  /** The reporting station (device number); its work cell's code is the operation. */
  device: number;
  /** Epoch ms. */
  ts: number;
  event: 'start' | 'complete';
  serial: string;
  result: 'OK' | 'NOK' | null;
  defect: string | null;
  /** The laser-marked GS1 element string, human-readable form `(01)…(21)…(11)…`. */
  productId: string | null;
  /** By characteristic code. */
  measurements: Record<string, number>;
  /** Component code → lot number. */
  lots: Record<string, string>;
  /** Tool slot → the code of the tool in it (recorded with a completion; every tool must be registered). */
  tools?: Record<string, string>;
  source: 'device' | 'manual';
  operatorId: string | null;
}

/** Why a report was refused: each is a dead-letter reason (ingest) and, prefixed `factory.unit.`, a message key (API). */
export type UnitEventRefusal =
  | 'unit_station_unknown'
  | 'unit_op_unknown'
  | 'unit_not_born'
  | 'unit_op_repeated'
  | 'unit_gtin_mismatch'
  | 'unit_product_serial_taken'
  | 'unit_characteristic_unknown'
  | 'unit_component_unknown'
  | 'unit_tool_unknown'
  | 'unit_tool_blocked'
  | 'unit_tool_retired'
  | 'unit_lot_blocked';

export type UnitEventOutcome =
  | { ok: true; unitId: number; op: string; created: boolean; ignored: string[] }
  | { ok: false; reason: UnitEventRefusal; detail: string; params: Record<string, string | number> };

interface Station {
  org_id: string;
  line_id: string | null;
  op: string | null;
}
interface UnitRow {
  id: number;
  product_id: string;
  status: string;
}
interface OpRow {
  id: string;
  seq: number;
  first: boolean;
  last: boolean;
  marks: boolean;
  gtin: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** `(01)06975432100014(21)2612070001(11)261207` → its AIs; null when it is not in that form. */
export function parseHumanReadableGs1(s: string): Map<string, string> | null {
  const re = /\((\d{2,4})\)([^()]+)/gy;
  const out = new Map<string, string>();
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(s)) !== null) {
    out.set(m[1], m[2]);
    end = re.lastIndex;
  }
  return end === s.length && out.size ? out : null;
}

/**
 * Records one report. The unit is born at the routing's first operation (a `start` or `complete` there with an
 * unknown serial), into the line's released work order. Runs inside the caller's transaction (it uses a savepoint). A completion is recorded once: the same completion again
 * (a redelivery) changes nothing and says `created: false`; a different one is refused (`unit_op_repeated`).
 */
export async function recordUnitEvent(q: RawQuery, e: UnitEventIn): Promise<UnitEventOutcome> {
  // In a savepoint: a refusal (or a failing statement) leaves nothing behind — not even the unit born on the way —
  // and the transaction around it (the ingest's batch, the request's) goes on.
  await q('savepoint unit_event');
  try {
    const outcome = await record(q, e);
    await q(outcome.ok ? 'release savepoint unit_event' : 'rollback to savepoint unit_event');
    return outcome;
  } catch (err) {
    await q('rollback to savepoint unit_event');
    throw err;
  }
}

async function record(q: RawQuery, e: UnitEventIn): Promise<UnitEventOutcome> {
  const refuse = (reason: UnitEventRefusal, detail: string, params: Record<string, string | number> = {}): UnitEventOutcome => ({ ok: false, reason, detail, params });
  const [st] = await q<Station>(`select d.org_id, d.line_id, c.code as op from factory_devices d left join factory_cells c on c.id = d.cell_id where d.num = $1`, [e.device]);
  if (!st || !st.line_id || !st.op) return refuse('unit_station_unknown', 'the device is not placed at a station of a line');
  let [unit] = await q<UnitRow>('select id, product_id, status from factory_units where org_id = $1 and serial = $2', [st.org_id, e.serial]);
  // The product: the unit's, or the one the line is making (its released work order, else the line's product).
  let workOrder: string | null = null;
  let productId = unit?.product_id;
  if (!productId) {
    const [wo] = await q<{ id: string; product_id: string }>(`select id, product_id from factory_work_orders where line_id = $1 and status = 'released'`, [st.line_id]);
    if (wo) {
      workOrder = wo.id;
      productId = wo.product_id;
    } else {
      const [p] = await q<{ id: string }>('select id from factory_products where line_id = $1 order by created_at limit 1', [st.line_id]);
      productId = p?.id;
    }
    if (!productId) return refuse('unit_op_unknown', `no product is made on the line (no released work order)`, { op: st.op });
  }
  const [op] = await q<OpRow>(
    `select o.id, o.seq, o.marks, p.gtin,
            o.seq = (select min(seq) from factory_routing_ops where product_id = o.product_id) as first,
            o.seq = (select max(seq) from factory_routing_ops where product_id = o.product_id) as last
       from factory_routing_ops o join factory_products p on p.id = o.product_id
      where o.product_id = $1 and o.op = $2`,
    [productId, st.op],
  );
  if (!op) return refuse('unit_op_unknown', `operation ${st.op} is not on the product's routing`, { op: st.op });
  if (!unit) {
    if (!op.first) return refuse('unit_not_born', `unit ${e.serial} was not started at the first operation`, { serial: e.serial, op: st.op });
    // on conflict: two reports of a new unit in one transaction cannot race, but two ingest processes can.
    await q(
      `insert into factory_units (org_id, serial, product_id, work_order_id, line_id, born_at, last_op)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (org_id, serial) do nothing`,
      [st.org_id, e.serial, productId, workOrder, st.line_id, iso(e.ts), st.op],
    );
    [unit] = await q<UnitRow>('select id, product_id, status from factory_units where org_id = $1 and serial = $2', [st.org_id, e.serial]);
  }

  // What the completion brings, checked before anything is written.
  const chars = new Map<string, string>();
  const lots: { componentId: string; lotNo: string; qty: number }[] = [];
  const ignored: string[] = [];
  let gs1: { productSerial: string } | null = null;
  const tools: { id: string; slot: string; code: string; status: string }[] = [];
  let heldBy: string | null = null;
  if (e.event === 'complete') {
    const slots = Object.entries(e.tools ?? {});
    if (slots.length) {
      const known = await q<{ id: string; code: string; status: string }>('select id, code, status from factory_tools where org_id = $1 and code = any($2::text[])', [
        st.org_id,
        slots.map(([, code]) => code),
      ]);
      for (const [slot, code] of slots) {
        const t = known.find((k) => k.code === code);
        if (!t) return refuse('unit_tool_unknown', `tool ${code} (slot ${slot}) is not registered`, { code, slot });
        // A blocked or retired tool: a person at the station is stopped; a device's report of a part already made
        // with it is recorded, and the station gets an alarm (useTool).
        if (t.status !== 'active' && e.source === 'manual')
          return refuse(t.status === 'blocked' ? 'unit_tool_blocked' : 'unit_tool_retired', `tool ${code} (slot ${slot}) is ${t.status}`, { code, slot });
        tools.push({ id: t.id, slot, code, status: t.status });
      }
    }
    if (Object.keys(e.measurements).length) {
      for (const r of await q<{ id: string; code: string }>('select id, code from factory_characteristics where op_id = $1', [op.id])) chars.set(r.code, r.id);
      for (const code of Object.keys(e.measurements)) {
        if (chars.has(code)) continue;
        if (e.source === 'manual') return refuse('unit_characteristic_unknown', `${code} is not measured at ${st.op}`, { code, op: st.op });
        ignored.push(`meas/${code}`);
      }
    }
    const codes = Object.keys(e.lots);
    if (codes.length) {
      const bom = await q<{ id: string; code: string; qty: number | null }>(
        `select c.id, c.code, b.qty from factory_components c
           left join factory_bom_items b on b.component_id = c.id and b.product_id = $2 and b.op_id = $3
          where c.org_id = $1 and c.code = any($4::text[])`,
        [st.org_id, unit.product_id, op.id, codes],
      );
      for (const code of codes) {
        const c = bom.find((b) => b.code === code);
        if (!c || (c.qty === null && e.source === 'manual')) {
          if (e.source === 'manual') return refuse('unit_component_unknown', `${code} is not bound at ${st.op}`, { code, op: st.op });
          if (!c) {
            ignored.push(`unit/lot/${code}`);
            continue;
          }
        }
        lots.push({ componentId: c.id, lotNo: e.lots[code], qty: c.qty ?? 1 });
      }
    }
    // A lot an NCR blocked (returned to its supplier): a person at the station is stopped; a device's report of a
    // part already made is recorded and the unit held under that NCR's number.
    if (lots.length) {
      const blocked = await q<{ code: string; lot_no: string; number: string }>(
        `select c.code, l.lot_no, n.number from factory_component_lots l
           join factory_components c on c.id = l.component_id join factory_ncrs n on n.id = l.blocked_ncr_id
          where l.blocked_at is not null and (l.component_id, l.lot_no) in (select * from unnest($1::uuid[], $2::text[]))`,
        [lots.map((l) => l.componentId), lots.map((l) => l.lotNo)],
      );
      if (blocked.length) {
        const b = blocked[0];
        if (e.source === 'manual') return refuse('unit_lot_blocked', `lot ${b.lot_no} of ${b.code} is blocked by ${b.number}`, { code: b.code, lot: b.lot_no, ncr: b.number });
        heldBy = b.number;
      }
    }
    if (e.productId) {
      const ais = parseHumanReadableGs1(e.productId);
      const serial = ais?.get('21');
      if (!ais || !serial) ignored.push('unit/product_id');
      else if (op.gtin && ais.get('01') !== op.gtin)
        return refuse('unit_gtin_mismatch', `GTIN ${ais.get('01')} is not the product's ${op.gtin}`, { gtin: ais.get('01') ?? '', expected: op.gtin });
      else {
        const taken = await q('select 1 from factory_units where org_id = $1 and product_serial = $2 and id <> $3', [st.org_id, serial, unit.id]);
        if (taken.length) return refuse('unit_product_serial_taken', `product serial ${serial} is already on another unit`, { serial });
        gs1 = { productSerial: serial };
      }
    }
  }

  let created: boolean;
  if (e.event === 'start') {
    const r = await q(
      `insert into factory_unit_ops (unit_id, op, device_num, started_at, source, operator_id) values ($1, $2, $3, $4, $5, $6)
       on conflict (unit_id, op) do nothing returning unit_id`,
      [unit.id, st.op, e.device, iso(e.ts), e.source, e.operatorId],
    );
    created = r.length > 0;
  } else {
    const r = await q(
      `insert into factory_unit_ops (unit_id, op, device_num, completed_at, result, defect_code, source, operator_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (unit_id, op) do update set completed_at = excluded.completed_at, result = excluded.result,
         defect_code = excluded.defect_code, device_num = excluded.device_num, source = excluded.source,
         operator_id = coalesce(excluded.operator_id, factory_unit_ops.operator_id)
       where factory_unit_ops.completed_at is null
       returning unit_id`,
      [unit.id, st.op, e.device, iso(e.ts), e.result ?? 'OK', e.result === 'NOK' ? e.defect : null, e.source, e.operatorId],
    );
    created = r.length > 0;
    if (!created) {
      const [was] = await q<{ same: boolean }>(
        `select completed_at = $3::timestamptz and result = $4 and device_num is not distinct from $5 as same
           from factory_unit_ops where unit_id = $1 and op = $2`,
        [unit.id, st.op, iso(e.ts), e.result ?? 'OK', e.device],
      );
      if (!was?.same) return refuse('unit_op_repeated', `unit ${e.serial} already completed ${st.op}`, { serial: e.serial, op: st.op });
      return { ok: true, unitId: unit.id, op: st.op, created: false, ignored };
    }
    for (const [code, value] of Object.entries(e.measurements)) {
      const id = chars.get(code);
      if (!id) continue;
      await q(
        `insert into factory_measurements (characteristic_id, unit_id, value, measured_at, device_num, source) values ($1, $2, $3, $4, $5, $6)
         on conflict do nothing`,
        [id, unit.id, value, iso(e.ts), e.device, e.source],
      );
    }
    for (const l of lots) {
      const [lot] = await q<{ id: number }>(
        `insert into factory_component_lots (component_id, lot_no, first_seen_at) values ($1, $2, $3)
         on conflict (component_id, lot_no) do update set first_seen_at = least(factory_component_lots.first_seen_at, excluded.first_seen_at)
         returning id`,
        [l.componentId, l.lotNo, iso(e.ts)],
      );
      await q('insert into factory_unit_components (unit_id, lot_id, op, qty, bound_at) values ($1, $2, $3, $4, $5) on conflict do nothing', [
        unit.id,
        lot.id,
        st.op,
        l.qty,
        iso(e.ts),
      ]);
    }
    for (const t of tools) await useTool(q, st.org_id, e, unit.id, st.op, t);
    if (gs1) {
      await q('update factory_units set product_serial = $2, gs1 = $3 where id = $1', [unit.id, gs1.productSerial, e.productId]);
    }
    if (heldBy) await q('update factory_units set held = true, hold_reason = $2 where id = $1 and not held', [unit.id, heldBy]);
  }
  // Where the unit is now: NOK stops it; an OK at the last operation finishes it.
  const [now] = await q<{ status: string; work_order_id: string | null }>(
    `update factory_units set last_op = $2,
       status = case when status in ('nok', 'scrapped') then status when $3 = 'NOK' then 'nok' when $4 and $3 = 'OK' then 'done' else status end,
       done_at = case when status = 'wip' and $4 and $3 = 'OK' then $5::timestamptz else done_at end
     where id = $1
     returning status, work_order_id`,
    [unit.id, st.op, e.event === 'complete' ? (e.result ?? 'OK') : null, op.last, iso(e.ts)],
  );
  // A good unit finished: its work order completes when that was the last of its quantity.
  if (now?.status === 'done' && unit.status !== 'done' && now.work_order_id) await completeWhenFilled(q, now.work_order_id);
  return { ok: true, unitId: unit.id, op: st.op, created, ignored };
}

/**
 * One use of a tool at a unit's operation: the link row (recall by tool reads it), the tool's uses counted, and the
 * first use past its life limit raises a warning alarm on the station (once per tool until its uses are reset). A
 * blocked or retired tool still in a device's station raises an alarm of its own (once while it is open).
 */
async function useTool(q: RawQuery, orgId: string, e: UnitEventIn, unitId: number, op: string, t: { id: string; slot: string; code: string; status: string }) {
  const linked = await q('insert into factory_unit_op_tools (unit_id, op, tool_id, slot, used_at) values ($1, $2, $3, $4, $5) on conflict do nothing returning tool_id', [
    unitId,
    op,
    t.id,
    t.slot,
    iso(e.ts),
  ]);
  if (!linked.length) return;
  if (t.status !== 'active') {
    const zh = t.status === 'blocked' ? '已停用' : '已报废';
    const en = t.status === 'blocked' ? 'blocked' : 'retired';
    await q(
      `insert into factory_alarms (org_id, device_num, source, code, severity, message_zh, message_en, value, raised_at)
       values ($1, $2, 'tool', $3, 'critical', $4, $5, null, $6)
       on conflict (device_num, source, code) where resolved_at is null do nothing`,
      [
        orgId,
        e.device,
        `${t.code}:${t.status}`,
        `刀具 ${t.code} ${zh}，工位仍在使用：请更换刀具并检查用它加工的零件`,
        `Tool ${t.code} is ${en} but still in use at this station: replace it and check the parts made with it`,
        iso(e.ts),
      ],
    );
  }
  const [worn] = await q<{ uses: number; life_limit: number; raised: boolean }>(
    `update factory_tools set uses = uses + 1,
       life_alarm_at = case when life_limit is not null and uses + 1 > life_limit and life_alarm_at is null then $2::timestamptz else life_alarm_at end
     where id = $1
     returning uses, life_limit, (life_alarm_at = $2::timestamptz and life_limit is not null and uses > life_limit) as raised`,
    [t.id, iso(e.ts)],
  );
  if (!worn?.raised) return;
  await q(
    `insert into factory_alarms (org_id, device_num, source, code, severity, message_zh, message_en, value, raised_at)
     values ($1, $2, 'tool', $3, 'warning', $4, $5, $6, $7)
     on conflict (device_num, source, code) where resolved_at is null do nothing`,
    [
      orgId,
      e.device,
      t.code,
      `刀具 ${t.code} 已超出寿命：已用 ${worn.uses} 次，寿命 ${worn.life_limit} 次，请更换`,
      `Tool ${t.code} is past its life: ${worn.uses} uses of ${worn.life_limit}; replace it`,
      worn.uses,
      iso(e.ts),
    ],
  );
}
