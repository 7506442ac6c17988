import { sql } from 'kysely';
import { localDay } from '../../platform/time';
import { shiftWindow, type ShiftDef } from './oee/calendar';
import { addOeeSums, finishOee, reliability, sumOee, sumStops, type MachineState, type OeeInput, type OeeSums, type StopReason } from './oee/oee';
import { computeOeeDay, lineOrg, plantOrg, shiftsOf, type OeeDay } from './oee.service';
import type { Actor } from '../../platform/authz';
import { invalid } from '../../platform/errors';
import type { DB } from './db';
import { m } from './messages';

/**
 * OEE over long ranges: the OEE's own inputs per device, plant day and shift (`factory_oee_rollup`, migration 0009),
 * written from `computeOeeDay` itself once a plant day has closed, so that a range is the sum of exactly the parts
 * its days are made of, in the same order.
 *
 * - A day is closed `OEE_DAY_GRACE_MS` after its last shift ended. The job (`runOeeRollup`, in the factory runtime
 *   beside the ingest) stores closed days not yet stored or marked, newest first, a few a round; a range request
 *   computes and stores the closed days of its range still missing; the open day comes from the live computation.
 * - Marks: each stored day has a generation (`factory_oee_days.gen`) and the generation its rows were computed at
 *   (`stored_gen`). A late telemetry row or state change marks its minute in `factory_rollup_queue` as every batch
 *   does; the minute job (`ingest/rollups.ts` `rollUp`), when it takes a closed minute off the queue, bumps the
 *   generation of the stored day it falls in. A calendar or device change bumps every stored day of the
 *   organisation in its transaction. The day row is written (committed) before its facts are read, so a mark can
 *   never fall between the read and the store unseen: the store records the generation it read first, and a day
 *   whose generation moved on is computed again.
 * - A device with nothing in a shift (no scheduled time, no count, failure or stop) has no row. A day with no
 *   devices has its day row only.
 * - Read path: besides the device rows, each line's day and the plant's are stored summed as their day answers sum
 *   them (`factory_oee_view_days`: `sumOee` of the parts in the answer's order, states per shift then day, stop
 *   causes): a line's year is 365 rows, and its figures are `finishOee` of the days' sums added — for one day
 *   exactly its day answer's (combineOee is finishOee ∘ sumOee).
 */

/** A plant day is closed this long after its last shift ended; rows later than that are late rows that mark it. */
export const OEE_DAY_GRACE_MS = 60_000;
/** How far back the job fills days, and how long stored days are kept (as the minute rollups). */
export const OEE_ROLLUP_DAYS = 400;
/** Days computed in one round of the job (60–280 ms each on the demo plant). */
export const OEE_ROLLUP_BATCH = 4;
/** How often the job looks for closed days to store; a round that filled its batch goes on after a second. */
export const OEE_ROLLUP_INTERVAL_MS = 30_000;
/** Longest range one request may ask for. */
export const OEE_RANGE_MAX_DAYS = 366;
/** Stop causes in a range answer (the Pareto's top). */
const RANGE_STOPS = 20;

const DAY_MS = 86_400_000;
const STATE_ORDER: MachineState[] = ['running', 'idle', 'down', 'setup', 'planned_stop', 'offline'];

/** 'YYYY-MM-DD' plus n days. */
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** Days from `from` to `to`, both included (0 when to < from). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/** The day's shifts from the first start to the last end (epoch ms). */
export function daySpan(shifts: ShiftDef[], day: string) {
  const w = shifts.map((s) => shiftWindow(s, day));
  return { start: Math.min(...w.map((x) => x.start)), end: Math.max(...w.map((x) => x.end)) };
}

const closed = (shifts: ShiftDef[], day: string, now: number) => daySpan(shifts, day).end + OEE_DAY_GRACE_MS <= now;

/** The newest closed plant day at `now` (the latest whose shifts have all ended). */
export function lastClosedDay(shifts: ShiftDef[], now: number) {
  let day = addDays(localDay(now), 1);
  while (!closed(shifts, day, now)) day = addDays(day, -1);
  return day;
}

const isEmpty = (p: OeeDay['parts'][number][number]) =>
  p.input.scheduledS === 0 && p.input.total === 0 && p.input.bad === 0 && p.failures === 0 && p.stops.length === 0 && STATE_ORDER.every((s) => p.states[s] === 0);

/**
 * Computes a closed plant day with `computeOeeDay` and stores every device × shift part of it. The day row is
 * written first (its own statement, committed) and its generation read; the parts replace the day's rows with
 * `stored_gen` = that generation, so a mark that came in meanwhile leaves the day to compute again.
 */
export async function storeOeeDay(db: DB, orgId: string, day: string, now: number): Promise<OeeDay> {
  const { shifts } = await shiftsOf(db, orgId);
  const span = daySpan(shifts, day);
  if (span.end + OEE_DAY_GRACE_MS > now) throw new Error(`plant day ${day} is not closed`);
  const { gen } = await db
    .insertInto('factory_oee_days')
    .values({ org_id: orgId, day, span_start: new Date(span.start), span_end: new Date(span.end) })
    .onConflict((oc) => oc.columns(['org_id', 'day']).doUpdateSet({ span_start: new Date(span.start), span_end: new Date(span.end) }))
    .returning('gen')
    .executeTakeFirstOrThrow();
  const d = await computeOeeDay(db, orgId, day, now);
  const rows = d.shifts.flatMap((s, si) =>
    d.devices.flatMap((dev, di) => {
      const p = d.parts[si][di];
      if (isEmpty(p)) return [];
      return [
        {
          org_id: orgId,
          day,
          shift_pos: si,
          device_pos: di,
          shift_code: s.code,
          shift_start: new Date(s.start),
          shift_end: new Date(s.end),
          device_id: dev.id,
          device_code: dev.code,
          line_id: dev.lineId,
          device_org_id: dev.orgId,
          plant: dev.orgId === orgId && dev.lineId !== null,
          scheduled_s: p.input.scheduledS,
          planned_stop_s: p.input.plannedStopS,
          down_s: p.input.downS,
          setup_s: p.input.setupS,
          idle_s: p.input.idleS,
          offline_s: p.input.offlineS,
          ideal_cycle_s: p.input.idealCycleS,
          total: p.input.total,
          bad: p.input.bad,
          failures: p.failures,
          states: STATE_ORDER.map((k) => p.states[k]),
          stops: JSON.stringify(p.stops.map((r) => ({ state: r.state, code: r.code, seconds: r.seconds, count: r.count }))),
        },
      ];
    }),
  );
  // Each line's day and the plant's, summed as their day answers sum them.
  type Dev = OeeDay['devices'][number];
  const views = [...d.lineIds.map((id) => ({ id, keep: (x: Dev) => x.lineId === id })), { id: orgId, keep: (x: Dev) => x.orgId === orgId && x.lineId !== null }]
    .map((v) => ({ id: v.id, picked: d.devices.flatMap((x, i) => (v.keep(x) ? [i] : [])) }))
    .filter((v) => v.picked.length > 0)
    .map((v) => {
      const a = viewAgg(day, d, v.picked);
      const t = (x: OeeSums['all']) => [x.scheduledS, x.plannedStopS, x.downS, x.setupS, x.idleS, x.offlineS, x.total, x.bad];
      return {
        view_id: v.id,
        day,
        org_id: orgId,
        sums: [...t(a.sums.all), ...t(a.sums.timed)],
        ideal_run_s: a.sums.idealRun,
        parts: a.sums.parts,
        with_ideal: a.sums.withIdeal,
        devices: a.sums.devices,
        failures: a.failures,
        states: STATE_ORDER.map((k) => a.states[k]),
        stops: JSON.stringify(a.stops.map((r) => ({ state: r.state, code: r.code, seconds: r.seconds, count: r.count }))),
      };
    });
  await db.transaction().execute(async (trx) => {
    await trx.selectFrom('factory_oee_days').select('gen').where('org_id', '=', orgId).where('day', '=', day).forUpdate().execute();
    await trx.deleteFrom('factory_oee_rollup').where('org_id', '=', orgId).where('day', '=', day).execute();
    await trx.deleteFrom('factory_oee_view_days').where('org_id', '=', orgId).where('day', '=', day).execute();
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('factory_oee_rollup')
        .values(rows.slice(i, i + 500))
        .execute();
    if (views.length) await trx.insertInto('factory_oee_view_days').values(views).execute();
    await trx.updateTable('factory_oee_days').set({ stored_gen: gen, computed_at: sql<Date>`now()` }).where('org_id', '=', orgId).where('day', '=', day).execute();
  });
  return d;
}

/**
 * The first plant day that can hold anything of an organisation's devices: the day before their first state (a
 * shift belongs to the day it starts: a state at 01:00 falls in the day before's night shift). Null: no state yet.
 */
async function firstStateDay(db: DB, orgId: string): Promise<string | null> {
  const r = (
    await sql<{ first: Date | string | null }>`
      select min(started_at) as first from factory_state_intervals
      where device_num in (select num from factory_devices
                           where org_id = ${orgId} or line_id in (select id from factory_lines where org_id = ${orgId}))`.execute(db)
  ).rows[0];
  return r?.first ? addDays(localDay(new Date(r.first).getTime()), -1) : null;
}

/** Closed days of an organisation not stored or marked since, newest first, within OEE_ROLLUP_DAYS and from its first state. */
async function dueDays(db: DB, orgId: string, shifts: ShiftDef[], now: number, limit: number): Promise<string[]> {
  const last = lastClosedDay(shifts, now);
  const first = await firstStateDay(db, orgId);
  if (!first) return [];
  const from = [first, addDays(last, 1 - OEE_ROLLUP_DAYS)].sort()[1];
  if (from > last) return [];
  const r = await sql<{ day: string }>`
    select to_char(d, 'YYYY-MM-DD') as day
    from generate_series(${from}::date, ${last}::date, interval '1 day') d
    left join factory_oee_days o on o.org_id = ${orgId} and o.day = d::date
    where o.day is null or o.stored_gen is distinct from o.gen
    order by d desc limit ${limit}`.execute(db);
  return r.rows.map((x) => x.day);
}

/**
 * One round of the job: stores up to `limit` closed days not stored or marked since (every organisation with
 * lines, newest days first), and drops days past OEE_ROLLUP_DAYS. Returns the days stored.
 */
export async function runOeeRollup(db: DB, now: number, limit = OEE_ROLLUP_BATCH): Promise<number> {
  const orgs = await db.selectFrom('factory_lines').select('org_id').distinct().orderBy('org_id').execute();
  let done = 0;
  for (const { org_id } of orgs) {
    if (done >= limit) break;
    const { shifts } = await shiftsOf(db, org_id);
    for (const day of await dueDays(db, org_id, shifts, now, limit - done)) {
      await storeOeeDay(db, org_id, day, now);
      done++;
    }
  }
  await db
    .deleteFrom('factory_oee_days')
    .where('day', '<', addDays(localDay(now), -OEE_ROLLUP_DAYS))
    .execute();
  return done;
}

// ---- the range ----

export type RangeGroup = 'day' | 'week' | 'month';

/** A view's day summed as its day answer sums it (oee.service.ts combineDevices): its parts' sums, states per shift then day. */
interface DayAgg {
  day: string;
  sums: OeeSums;
  states: Record<MachineState, number>;
  failures: number;
  stops: StopReason[];
}

const noStates = (): Record<MachineState, number> => ({ running: 0, idle: 0, down: 0, setup: 0, planned_stop: 0, offline: 0 });
const addStates = (into: Record<MachineState, number>, from: Record<MachineState, number>) => {
  for (const k of STATE_ORDER) into[k] += from[k];
};

/** Some devices of a computed day (`picked`, indexes into its devices) as a DayAgg, in the day answer's order. */
function viewAgg(day: string, d: OeeDay, picked: number[]): DayAgg {
  const inputs: OeeInput[] = [];
  const states = noStates();
  const stopLists: StopReason[][] = [];
  let failures = 0;
  for (const parts of d.parts) {
    const shiftStates = noStates();
    let shiftFailures = 0;
    for (const i of picked) {
      const p = parts[i];
      inputs.push(p.input);
      stopLists.push(p.stops);
      addStates(shiftStates, p.states);
      shiftFailures += p.failures;
    }
    addStates(states, shiftStates);
    failures += shiftFailures;
  }
  return { day, sums: sumOee(inputs), states, failures, stops: sumStops(stopLists) };
}

/** Days combined: their sums added (finishOee), and their states, failures and stop causes. */
function combineDays(days: DayAgg[]) {
  const states = noStates();
  let failures = 0;
  for (const d of days) {
    addStates(states, d.states);
    failures += d.failures;
  }
  const r = finishOee(addOeeSums(days.map((d) => d.sums)));
  return { ...r, ...reliability(r.runS, states.down, failures), failures, states, stops: sumStops(days.map((d) => d.stops)) };
}

/** The period a day falls in: itself, its ISO week's Monday, or its month's first day. */
function periodOf(day: string, group: RangeGroup) {
  if (group === 'day') return day;
  if (group === 'month') return `${day.slice(0, 8)}01`;
  const dow = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -dow);
}

/** What a range request reads: a line's devices, or every device counted in the organisation's plant. */
export type RangeScope = { orgId: string; lineId: string } | { orgId: string; lineId?: undefined };

/**
 * OEE over [from, to] (plant days): closed days from the rollup (those still missing computed and stored now), the
 * open day from `live` (the OEE cache's computed day), days not begun left out. Returns the range's figures, a
 * series by day, week or month, and how each day was answered. A marked day is answered from its stored rows
 * until the job has computed it again (`days.stale`).
 */
export async function oeeRange(db: DB, scope: RangeScope, q: { from: string; to: string; group: RangeGroup }, now: number, live: (orgId: string, day: string) => Promise<OeeDay>) {
  const { orgId, lineId } = scope;
  const { shifts } = await shiftsOf(db, orgId);
  const all = Array.from({ length: daysBetween(q.from, q.to) }, (_, i) => addDays(q.from, i));
  const closedDays = all.filter((d) => closed(shifts, d, now));
  const openDays = all.filter((d) => !closed(shifts, d, now) && daySpan(shifts, d).start <= now);
  const known = closedDays.length
    ? await db.selectFrom('factory_oee_days').select(['day', 'gen', 'stored_gen']).where('org_id', '=', orgId).where('day', '>=', q.from).where('day', '<=', q.to).execute()
    : [];
  const stored = new Map(known.filter((k) => k.stored_gen !== null).map((k) => [k.day, k]));
  let missing = closedDays.filter((d) => !stored.has(d));
  // Days before the plant's first state hold nothing: answered empty, not computed (a fresh plant's first year).
  let noData = 0;
  if (missing.length) {
    const first = await firstStateDay(db, orgId);
    noData = missing.filter((d) => first === null || d < first).length;
    missing = missing.filter((d) => first !== null && d >= first);
  }
  for (const d of missing) await storeOeeDay(db, orgId, d, now);
  const stale = [...stored.values()].filter((k) => k.stored_gen !== k.gen).length;

  const rows = closedDays.length
    ? await db
        .selectFrom('factory_oee_view_days')
        .select(['day', 'sums', 'ideal_run_s', 'parts', 'with_ideal', 'devices', 'failures', 'states', 'stops'])
        .where('view_id', '=', lineId ?? orgId)
        .where('day', '>=', q.from)
        .where('day', '<=', q.to)
        .orderBy('day')
        .execute()
    : [];
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const times = (x: number[], o: number) => ({
    scheduledS: x[o],
    plannedStopS: x[o + 1],
    downS: x[o + 2],
    setupS: x[o + 3],
    idleS: x[o + 4],
    offlineS: x[o + 5],
    total: x[o + 6],
    bad: x[o + 7],
  });
  const aggs: DayAgg[] = closedDays.map((day) => {
    const r = byDay.get(day);
    // No row: the view had no device that day.
    if (!r) return { day, sums: sumOee([]), states: noStates(), failures: 0, stops: [] };
    const st = r.states;
    return {
      day,
      sums: { all: times(r.sums, 0), timed: times(r.sums, 8), idealRun: r.ideal_run_s, parts: r.parts, withIdeal: r.with_ideal, devices: r.devices },
      states: { running: st[0], idle: st[1], down: st[2], setup: st[3], planned_stop: st[4], offline: st[5] },
      failures: r.failures,
      stops: r.stops,
    };
  });
  for (const day of openDays) {
    const d = await live(orgId, day);
    aggs.push(
      viewAgg(
        day,
        d,
        d.devices.flatMap((x, i) => ((lineId ? x.lineId === lineId : x.orgId === orgId && x.lineId !== null) ? [i] : [])),
      ),
    );
  }
  aggs.sort((a, b) => (a.day < b.day ? -1 : 1));

  const codes = await db.selectFrom('factory_alarm_codes').select(['code', 'name_zh', 'name_en']).where('org_id', '=', orgId).execute();
  const names = new Map(codes.map((c) => [c.code, c]));
  const named = (stops: StopReason[]) =>
    stops.slice(0, RANGE_STOPS).map((r) => {
      const n = r.code !== null ? names.get(r.code) : undefined;
      return { ...r, nameZh: n?.name_zh ?? null, nameEn: n?.name_en ?? null };
    });
  const total = combineDays(aggs);
  const periods = new Map<string, DayAgg[]>();
  for (const a of aggs) {
    const p = periodOf(a.day, q.group);
    const list = periods.get(p);
    if (list) list.push(a);
    else periods.set(p, [a]);
  }
  const series = [...periods].map(([period, days]) => {
    const f = combineDays(days);
    return {
      period,
      firstDay: days[0].day,
      lastDay: days[days.length - 1].day,
      availability: f.availability,
      performance: f.performance,
      quality: f.quality,
      oee: f.oee,
      plannedS: f.plannedS,
      runS: f.runS,
      total: f.total,
      good: f.good,
      devices: f.devices,
    };
  });
  return {
    ...(lineId ? { lineId } : {}),
    orgId,
    from: q.from,
    to: q.to,
    group: q.group,
    asOf: new Date(now).toISOString(),
    total: { ...total, stops: named(total.stops) },
    series,
    days: { stored: closedDays.length - missing.length - noData, computed: missing.length, live: openDays.length, stale, noData },
  };
}

/** A range the request may ask for: `from` ≤ `to`, at most OEE_RANGE_MAX_DAYS days (a 400 otherwise). */
function checkRange(q: { from: string; to: string }) {
  if (q.from > q.to) throw invalid(m('factory.query.from_after_to'), { from: m('factory.query.from_after_to_field') });
  if (daysBetween(q.from, q.to) > OEE_RANGE_MAX_DAYS) throw invalid(m('factory.query.too_many_days', { max: OEE_RANGE_MAX_DAYS }), { to: m('factory.query.range_too_long_field') });
}

type Live = (orgId: string, day: string) => Promise<OeeDay>;

/** A line's OEE over a range of plant days, after the scope check (the line's organisation, as the day's route). */
export async function lineOeeRange(db: DB, actor: Actor, lineId: string, q: { from: string; to: string; group: RangeGroup }, live: Live, now = Date.now()) {
  const orgId = await lineOrg(db, actor, lineId);
  checkRange(q);
  return oeeRange(db, { orgId, lineId }, q, now, live);
}

/** The plant's (an organisation's, default the actor's) OEE over a range of plant days. */
export async function plantOeeRange(db: DB, actor: Actor, q: { orgId?: string; from: string; to: string; group: RangeGroup }, live: Live, now = Date.now()) {
  const orgId = await plantOrg(db, actor, q.orgId);
  checkRange(q);
  return oeeRange(db, { orgId }, q, now, live);
}
