import { AGV_METRICS, AGV_STATUSES, type AgvStatus } from '@gearbridge/plant';
import type { RawQuery } from '../../../platform/db';
import { encodePayload } from '../sparkplug/codec';
import { SPARKPLUG_NAMESPACE } from '../sparkplug/topic';

/**
 * AGV transfer orders on the wire (plant/src/production.ts AGV_METRICS): the API writes an order `pending`; the
 * ingest — it holds the platform's MQTT connection — claims pending orders, publishes each as a Sparkplug DCMD to
 * its AGV (`agv/order`, `agv/from`, `agv/to`) and marks it `sent`; the AGV's DDATA answers (`agv/order` +
 * `agv/status`, `agv/reason` when failed) move the order on in the ingest's batch transaction. Raw SQL, like
 * production/unit-events.ts, so the ingest's writer runs it with its own connection.
 */

/** Orders without an answer for this long are marked timed out (visible on the board), not left waiting. */
export const AGV_ORDER_TIMEOUT_MS = 10 * 60_000;
/** How often the ingest looks for orders to send and for orders past their timeout. */
export const AGV_DISPATCH_MS = 1_000;
/** Orders sent in one round, at most. */
const CLAIM = 50;

export interface AgvCommand {
  number: string;
  topic: string;
  payload: Uint8Array;
}

/** The DCMD of one order to one AGV. */
export function agvCommand(o: { number: string; from: string; to: string; group: string; node: string; device: string }, now: number): AgvCommand {
  const s = (name: string, value: string) => ({ name, type: 'String' as const, value, timestamp: now });
  return {
    number: o.number,
    topic: `${SPARKPLUG_NAMESPACE}/${o.group}/DCMD/${o.node}/${o.device}`,
    payload: encodePayload({ timestamp: now, metrics: [s(AGV_METRICS.order, o.number), s(AGV_METRICS.from, o.from), s(AGV_METRICS.to, o.to)] }),
  };
}

/**
 * Claims up to 50 pending orders (skipping those another ingest process holds) and marks them sent; returns their
 * commands to publish. Called only while the MQTT connection is up: an order stays pending while it is down.
 */
export async function claimPendingOrders(q: RawQuery, now: number): Promise<AgvCommand[]> {
  const rows = await q<{ number: string; from_loc: string; to_loc: string; sp_group: string; sp_node: string; sp_device: string }>(
    `update factory_transfer_orders o set status = 'sent', sent_at = now(), updated_at = now()
       from factory_devices d
      where d.num = o.device_num
        and o.id in (select id from factory_transfer_orders where status = 'pending' order by created_at limit ${CLAIM} for update skip locked)
      returning o.number, o.from_loc, o.to_loc, d.sp_group, d.sp_node, d.sp_device`,
  );
  return rows.map((r) => agvCommand({ number: r.number, from: r.from_loc, to: r.to_loc, group: r.sp_group, node: r.sp_node, device: r.sp_device }, now));
}

/** Orders not finished and not heard of for `timeoutMs`: marked timed_out with the reason no_answer. Returns how many. */
export async function expireOrders(q: RawQuery, timeoutMs: number): Promise<number> {
  const r = await q(
    `update factory_transfer_orders set status = 'timed_out', reason = 'no_answer', updated_at = now()
      where status in ('pending', 'sent', 'accepted', 'picked') and updated_at < now() - make_interval(secs => $1::float8 / 1000)
      returning id`,
    [timeoutMs],
  );
  return r.length;
}

export interface AgvAnswer {
  device: number;
  /** Epoch ms of the DDATA's metrics. */
  ts: number;
  order: string;
  status: AgvStatus;
  reason: string | null;
}

const RANK: Record<string, number> = { pending: 0, sent: 1, accepted: 2, picked: 3, delivered: 4, failed: 4 };

export type AgvAnswerOutcome = { ok: true; changed: boolean } | { ok: false; reason: 'agv_order_unknown'; detail: string };

/**
 * Applies an AGV's answer to its order. Answers only move an order forward (a redelivered or late `accepted` after
 * `picked` changes nothing); a finished order (delivered or failed) stays as it is. A timed-out order still takes
 * an answer — the pallet did move. `delivered` is the warehouse receipt: the pallet is at the order's destination
 * from the answer's time. An order number this AGV was not sent is refused (the caller dead-letters it).
 */
export async function recordAgvAnswer(q: RawQuery, a: AgvAnswer): Promise<AgvAnswerOutcome> {
  const [o] = await q<{ id: string; status: string; pallet_id: string; to_loc: string; device_num: number }>(
    `select o.id, o.status, o.pallet_id, o.to_loc, o.device_num
       from factory_transfer_orders o join factory_devices d on d.org_id = o.org_id
      where d.num = $1 and o.number = $2
      for update of o`,
    [a.device, a.order],
  );
  if (!o || o.device_num !== a.device) return { ok: false, reason: 'agv_order_unknown', detail: `transfer order ${a.order} was not sent to this AGV` };
  if (o.status === 'delivered' || o.status === 'failed') return { ok: true, changed: false };
  if (o.status !== 'timed_out' && RANK[a.status] <= RANK[o.status]) return { ok: true, changed: false };
  const at = new Date(a.ts).toISOString();
  await q(`update factory_transfer_orders set status = $2, reason = $3, answered_at = $4, updated_at = now() where id = $1`, [
    o.id,
    a.status,
    a.status === 'failed' ? (a.reason ?? 'unspecified').slice(0, 200) : null,
    at,
  ]);
  if (a.status === 'delivered') {
    await q('update factory_pallets set location = $2, received_at = $3 where id = $1 and delivery_id is null', [o.pallet_id, o.to_loc, at]);
  }
  return { ok: true, changed: true };
}

export const isAgvStatus = (s: string | null): s is AgvStatus => (AGV_STATUSES as readonly (string | null)[]).includes(s);
