import { requireInScope, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { localDay } from '../../platform/time';
import { invalid, notFound } from '../../platform/errors';
import { calendarInvalid, DEFAULT_SHIFTS, shiftWindow, validateCalendar, type ShiftDef } from './oee/calendar';
import { failuresIn, stateSeconds, stopReasons, type Span, type StateInterval } from './oee/intervals';
import { combineOee, computeOee, reliability, sumStops, type MachineState, type OeeInput, type StopReason } from './oee/oee';
import { FP } from './permissions';
import { OVER_SPEED_MIN_PARTS, OVER_SPEED_PERFORMANCE } from '@gearbridge/contracts/factory';
import { counterIncreases } from './ingest/rollups';
import type { DB } from './db';
import { m } from './messages';

async function orgOf(db: DB, actor: Actor, orgId: string | undefined, permission: string) {
  const id = orgId ?? actor.orgId;
  const org = await db.selectFrom('organisations').select(['id', 'region_code']).where('id', '=', id).executeTakeFirst();
  if (!org) throw notFound(m('factory.org.not_found'));
  requireInScope(actor, permission, { id: org.id, regionCode: org.region_code });
  return org.id;
}

export async function shiftsOf(db: DB, orgId: string): Promise<{ shifts: ShiftDef[]; isDefault: boolean }> {
  return toShifts(await db.selectFrom('factory_shifts').selectAll().where('org_id', '=', orgId).orderBy('position').execute());
}

/** An organisation's calendar from its factory_shifts rows in position order (none: the default calendar). */
export function toShifts(rows: { code: string; name: string; start_time: string; end_time: string; breaks: ShiftDef['breaks'] }[]) {
  if (!rows.length) return { shifts: DEFAULT_SHIFTS, isDefault: true };
  return { shifts: rows.map((r) => ({ code: r.code, name: r.name, start: r.start_time, end: r.end_time, breaks: r.breaks })), isDefault: false };
}

export async function getCalendar(db: DB, actor: Actor, orgId?: string) {
  const id = await orgOf(db, actor, orgId, FP.read);
  return { orgId: id, ...(await shiftsOf(db, id)) };
}

export async function setCalendar(db: DB, actor: Actor, input: { orgId?: string; shifts: ShiftDef[] }) {
  const problem = validateCalendar(input.shifts);
  if (problem) throw invalid(calendarInvalid(problem), { shifts: problem });
  const id = await orgOf(db, actor, input.orgId, FP.manage);
  return db.transaction().execute(async (trx) => {
    const before = await shiftsOf(trx, id);
    await trx.deleteFrom('factory_shifts').where('org_id', '=', id).execute();
    await trx
      .insertInto('factory_shifts')
      .values(input.shifts.map((s, i) => ({ org_id: id, code: s.code, name: s.name, start_time: s.start, end_time: s.end, breaks: JSON.stringify(s.breaks), position: i })))
      .execute();
    // Every stored OEE day of the organisation is computed again with the new calendar (oee-rollup.ts).
    await trx
      .updateTable('factory_oee_days')
      .set((eb) => ({ gen: eb('gen', '+', 1) }))
      .where('org_id', '=', id)
      .execute();
    await writeAudit(trx, actor, { action: 'factory.calendar.update', entity: 'shift_calendar', entityId: id, orgId: id, before: before.shifts, after: input.shifts });
    return { orgId: id, shifts: input.shifts, isDefault: false };
  });
}

/** Counters summed by one query (a line's two a device, about). */
const COUNTERS_A_QUERY = 64;

/**
 * Everything OEE needs of some devices over a window: state intervals, when each first reported a state, and — for
 * each of `countSpans` — the units its `part_count` and `bad_count` counters counted in it (their minutes read from
 * the minute before the window on; `counterIncreases`).
 */
async function loadFacts(db: DB, devices: { num: number }[], window: Span, countSpans: Span[] = []) {
  const nums = devices.map((d) => d.num);
  const from = new Date(window.start);
  const to = new Date(window.end);
  const intervals = nums.length
    ? await db
        .selectFrom('factory_state_intervals')
        .select(['device_num', 'state', 'reason_code', 'started_at', 'ended_at'])
        .where('device_num', 'in', nums)
        .where('started_at', '<', to)
        .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', from)]))
        .orderBy('started_at')
        .execute()
    : [];
  const metrics =
    nums.length && countSpans.length
      ? await db.selectFrom('factory_metrics').select(['id', 'device_num', 'name']).where('device_num', 'in', nums).where('name', 'in', ['part_count', 'bad_count']).execute()
      : [];
  // In slices, one after another: PGlite's one connection then serves other requests between them.
  const counts = [];
  for (let i = 0; i < metrics.length; i += COUNTERS_A_QUERY) {
    const ids = metrics.slice(i, i + COUNTERS_A_QUERY).map((m) => m.id);
    counts.push(...(await counterIncreases(db, ids, new Date(window.start - 60_000), to, countSpans)));
  }
  // When each device first reported a state: the time before it was connected is not scheduled (docs/oee.md).
  const firsts = nums.length
    ? await db
        .selectFrom('factory_state_intervals')
        .select(['device_num', (eb) => eb.fn.min('started_at').as('first')])
        .where('device_num', 'in', nums)
        .groupBy('device_num')
        .execute()
    : [];
  const byDevice = new Map<number, { intervals: StateInterval[]; since: number | null; part: number[]; bad: number[] }>();
  for (const n of nums) byDevice.set(n, { intervals: [], since: null, part: countSpans.map(() => 0), bad: countSpans.map(() => 0) });
  for (const r of firsts) if (r.first) byDevice.get(r.device_num)!.since = new Date(r.first as string | Date).getTime();
  for (const i of intervals) {
    byDevice
      .get(i.device_num)!
      .intervals.push({ state: i.state as MachineState, reason: i.reason_code, start: new Date(i.started_at).getTime(), end: i.ended_at ? new Date(i.ended_at).getTime() : null });
  }
  const metricOf = new Map(metrics.map((m) => [m.id, m]));
  for (const c of counts) {
    const m = metricOf.get(c.metricId)!;
    byDevice.get(m.device_num)![m.name === 'part_count' ? 'part' : 'bad'][c.span] = c.made;
  }
  return byDevice;
}

function figures(input: OeeInput, states: Record<MachineState, number>, failures: number, stops: StopReason[]) {
  const r = computeOee(input);
  return { ...r, ...reliability(r.runS, states.down, failures), failures, states, stops: sumStops([stops]) };
}

const noStates = (): Record<MachineState, number> => ({ running: 0, idle: 0, down: 0, setup: 0, planned_stop: 0, offline: 0 });
const addStates = (into: Record<MachineState, number>, from: Record<MachineState, number>) => {
  for (const k of Object.keys(into) as MachineState[]) into[k] += from[k];
};
/** Several parts' inputs, states and failures summed by the OEE rules (docs/oee.md): never an average of ratios. */
function combined(inputs: OeeInput[], states: Record<MachineState, number>, failures: number, stops: StopReason[][]) {
  const r = combineOee(inputs);
  return { ...r, ...reliability(r.runS, states.down, failures), failures, states, stops: sumStops(stops) };
}

/** A device as OEE sees it; `lineId`/`orgId` pick the line's and the plant's devices out of one computed day. */
type Device = { id: string; num: number; code: string; ideal: number | null; lineId: string | null; orgId: string };
/** One device's share of one shift: its OEE inputs, seconds in each state, and failures. */
interface DevicePart {
  input: OeeInput;
  states: Record<MachineState, number>;
  failures: number;
  /** Unplanned stop time by cause (alarm code, setup, small stops, offline). */
  stops: StopReason[];
}
/**
 * The facts of one plant day of an organisation's shift calendar, computed once at `asOf` for every device on one
 * of its lines: each begun shift's window and each device's part of it. The line's and the plant's OEE are views
 * of it (`lineView`, `plantView`), summed by the OEE rules; the cache (`oee-cache.ts`) keeps it for a few seconds.
 */
export interface OeeDay {
  orgId: string;
  day: string;
  /** The `now` it was computed for (epoch ms): a shift in progress is counted up to it. */
  asOf: number;
  shifts: { code: string; name: string; start: string; end: string; inProgress: boolean }[];
  devices: Device[];
  /** The organisation's lines (ordered by code): the plant's answer gives each one's day. */
  lineIds: string[];
  /** parts[shift][device], in the order of `shifts` and `devices`. */
  parts: DevicePart[][];
  /** The organisation's alarm code names (its andon list), for the stop causes. */
  codeNames: Map<number, { zh: string; en: string }>;
}

/** Stop causes with the plant's names of their alarm codes (null for setup, small stops, offline or an unknown code). */
function withNames<F extends { stops: StopReason[] }>(f: F, names: OeeDay['codeNames']) {
  return {
    ...f,
    stops: f.stops.map((r) => {
      const n = r.code !== null ? names.get(r.code) : undefined;
      return { ...r, nameZh: n?.zh ?? null, nameEn: n?.en ?? null };
    }),
  };
}

/**
 * Computes an organisation's OEE day at `now`: every device placed on one of its lines, and every device placed on
 * a line it owns (the two are the same set while a device's line is of its own organisation, as the equipment
 * service checks), each shift that has begun, up to `now` for the one in progress.
 */
export async function computeOeeDay(db: DB, orgId: string, day: string, now: number): Promise<OeeDay> {
  const [rows, lines, { shifts }, codes] = await Promise.all([
    db
      .selectFrom('factory_devices')
      .select(['id', 'num', 'code', 'ideal_cycle_s', 'line_id', 'org_id'])
      .where((eb) =>
        eb.or([eb.and([eb('org_id', '=', orgId), eb('line_id', 'is not', null)]), eb('line_id', 'in', eb.selectFrom('factory_lines').select('id').where('org_id', '=', orgId))]),
      )
      .orderBy('code')
      .execute(),
    db.selectFrom('factory_lines').select('id').where('org_id', '=', orgId).orderBy('code').execute(),
    shiftsOf(db, orgId),
    db.selectFrom('factory_alarm_codes').select(['code', 'name_zh', 'name_en']).where('org_id', '=', orgId).execute(),
  ]);
  const devices: Device[] = rows.map((d) => ({ id: d.id, num: d.num, code: d.code, ideal: d.ideal_cycle_s, lineId: d.line_id, orgId: d.org_id }));
  const windows = shifts.map((s) => shiftWindow(s, day));
  const all = { start: Math.min(...windows.map((w) => w.start)), end: Math.max(...windows.map((w) => w.end)) };
  const begun = windows.filter((w) => w.start <= now);
  // Units are counted in each begun shift up to now.
  const facts = await loadFacts(
    db,
    devices,
    all,
    begun.map((w) => ({ start: w.start, end: Math.min(w.end, now) })),
  );
  const parts = begun.map((w, si) => {
    const span = { start: w.start, end: w.end };
    return devices.map((d): DevicePart => {
      const f = facts.get(d.num)!;
      const s = stateSeconds(f.intervals, span, w.breaks, now, f.since);
      return {
        input: {
          scheduledS: s.elapsedS,
          plannedStopS: s.breakS + s.totals.planned_stop,
          downS: s.totals.down,
          setupS: s.totals.setup,
          idleS: s.totals.idle,
          offlineS: s.totals.offline,
          idealCycleS: d.ideal,
          total: f.part[si],
          bad: f.bad[si],
        },
        states: s.totals,
        failures: failuresIn(f.intervals, span),
        stops: stopReasons(f.intervals, span, w.breaks, now, f.since),
      };
    });
  });
  return {
    orgId,
    day,
    asOf: now,
    shifts: begun.map((w) => ({ code: w.code, name: w.name, start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString(), inProgress: now < w.end })),
    devices,
    lineIds: lines.map((l) => l.id),
    parts,
    codeNames: new Map(codes.map((c) => [c.code, { zh: c.name_zh, en: c.name_en }])),
  };
}

/**
 * Some devices of a computed day combined: per shift (the devices together, and each device when `withDevices`),
 * for the day, and each device's day. Sums run in the same order for every view, so a view's figures are exactly
 * those of computing its devices alone.
 */
function combineDevices(d: OeeDay, picked: number[], withDevices: boolean) {
  const dayInputs: OeeInput[] = [];
  const dayStops: StopReason[][] = [];
  const dayStates = noStates();
  let dayFailures = 0;
  const perDeviceDay = picked.map(() => ({ inputs: [] as OeeInput[], states: noStates(), failures: 0, stops: [] as StopReason[][] }));
  const shifts = d.shifts.map((w, si) => {
    const inputs: OeeInput[] = [];
    const shiftStops: StopReason[][] = [];
    const shiftStates = noStates();
    let shiftFailures = 0;
    const perDevice = picked.map((di, k) => {
      const p = d.parts[si][di];
      inputs.push(p.input);
      shiftStops.push(p.stops);
      addStates(shiftStates, p.states);
      shiftFailures += p.failures;
      const ofDay = perDeviceDay[k];
      ofDay.inputs.push(p.input);
      addStates(ofDay.states, p.states);
      ofDay.failures += p.failures;
      ofDay.stops.push(p.stops);
      return withDevices ? { deviceId: d.devices[di].id, code: d.devices[di].code, ...withNames(figures(p.input, p.states, p.failures, p.stops), d.codeNames) } : null;
    });
    dayInputs.push(...inputs);
    dayStops.push(...shiftStops);
    addStates(dayStates, shiftStates);
    dayFailures += shiftFailures;
    return { ...w, line: withNames(combined(inputs, shiftStates, shiftFailures, shiftStops), d.codeNames), devices: perDevice };
  });
  return {
    shifts,
    total: withNames(combined(dayInputs, dayStates, dayFailures, dayStops), d.codeNames),
    devices: picked.map((di, k) => {
      const x = perDeviceDay[k];
      return { deviceId: d.devices[di].id, code: d.devices[di].code, ...withNames(combined(x.inputs, x.states, x.failures, x.stops), d.codeNames) };
    }),
  };
}

const indexesWhere = (d: OeeDay, keep: (x: Device) => boolean) => d.devices.flatMap((x, i) => (keep(x) ? [i] : []));

/**
 * The devices of a view without an ideal cycle time (a device just discovered and placed): left out of its
 * Performance and OEE (oee/oee.ts combineOee), named so that the page can say so and someone can set it.
 */
const noIdealCycle = (d: OeeDay, picked: number[]) =>
  picked.filter((i) => d.devices[i].ideal === null).map((i) => ({ deviceId: d.devices[i].id, code: d.devices[i].code, lineId: d.devices[i].lineId! }));

/**
 * The devices of a view whose day's Performance reads above OVER_SPEED_PERFORMANCE (105 %) on at least
 * OVER_SPEED_MIN_PARTS parts: faster than their ideal cycle time allows. Shown as measured; named so that someone checks the ideal cycle time.
 */
const overSpeed = (d: OeeDay, picked: number[], days: { performance: number | null; total: number }[]) =>
  picked.flatMap((i, k) => {
    const p = days[k].performance;
    return p !== null && p > OVER_SPEED_PERFORMANCE && days[k].total >= OVER_SPEED_MIN_PARTS
      ? [{ deviceId: d.devices[i].id, code: d.devices[i].code, lineId: d.devices[i].lineId!, performance: p }]
      : [];
  });

/** A line's OEE for the day: per shift (the line, and each device), the day's total, and each device's day. */
export function lineView(d: OeeDay, lineId: string) {
  const picked = indexesWhere(d, (x) => x.lineId === lineId);
  const c = combineDevices(d, picked, true);
  return {
    lineId,
    day: d.day,
    asOf: new Date(d.asOf).toISOString(),
    shifts: c.shifts.map((s) => ({ ...s, devices: s.devices.filter((x) => x !== null) })),
    total: c.total,
    devices: c.devices,
    noIdealCycle: noIdealCycle(d, picked).map(({ deviceId, code }) => ({ deviceId, code })),
    overSpeed: overSpeed(d, picked, c.devices).map(({ deviceId, code, performance }) => ({ deviceId, code, performance })),
  };
}

/**
 * The plant's OEE for the day, sized to what the 大屏 and the overview show: per shift and for the day every device
 * on a line of the organisation combined, and each line's day — no per-device figures (a line's answer has them).
 */
export function plantView(d: OeeDay) {
  const picked = indexesWhere(d, (x) => x.orgId === d.orgId && x.lineId !== null);
  const c = combineDevices(d, picked, false);
  return {
    orgId: d.orgId,
    day: d.day,
    asOf: new Date(d.asOf).toISOString(),
    shifts: c.shifts.map(({ devices: _, ...s }) => s),
    total: c.total,
    lines: d.lineIds.map((lineId) => ({
      lineId,
      total: combineDevices(
        d,
        indexesWhere(d, (x) => x.lineId === lineId),
        false,
      ).total,
    })),
    noIdealCycle: noIdealCycle(d, picked),
    overSpeed: overSpeed(d, picked, c.devices),
  };
}

/** The line's organisation, after checking the actor may read it. */
export async function lineOrg(db: DB, actor: Actor, lineId: string) {
  const line = await db
    .selectFrom('factory_lines as l')
    .innerJoin('organisations as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.org_id', 'o.region_code'])
    .where('l.id', '=', lineId)
    .executeTakeFirst();
  if (!line) throw notFound(m('factory.line.not_found'));
  requireInScope(actor, FP.read, { id: line.org_id, regionCode: line.region_code });
  return line.org_id;
}

/** The organisation whose plant OEE is asked for (default the actor's own), after checking the actor may read it. */
export const plantOrg = (db: DB, actor: Actor, orgId: string | undefined) => orgOf(db, actor, orgId, FP.read);

/** A line's OEE computed now, without the cache (the cache's answers are checked against it). */
export async function lineOee(db: DB, actor: Actor, lineId: string, dayIn?: string, now = Date.now()) {
  const orgId = await lineOrg(db, actor, lineId);
  return lineView(await computeOeeDay(db, orgId, dayIn ?? localDay(now), now), lineId);
}

/** The plant's OEE computed now, without the cache: every device placed on a line of the organisation, combined. */
export async function plantOee(db: DB, actor: Actor, q: { orgId?: string; day?: string }, now = Date.now()) {
  const orgId = await plantOrg(db, actor, q.orgId);
  return plantView(await computeOeeDay(db, orgId, q.day ?? localDay(now), now));
}

export async function deviceStates(db: DB, actor: Actor, deviceId: string, q: { from: string; to: string }, now = Date.now()) {
  const d = await db
    .selectFrom('factory_devices as d')
    .innerJoin('organisations as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.num', 'd.code', 'd.ideal_cycle_s', 'd.org_id', 'o.region_code'])
    .where('d.id', '=', deviceId)
    .executeTakeFirst();
  if (!d) throw notFound(m('factory.device.not_found'));
  requireInScope(actor, FP.read, { id: d.org_id, regionCode: d.region_code });
  const span = { start: Date.parse(q.from), end: Date.parse(q.to) };
  if (!(span.start < span.end)) throw invalid(m('factory.query.from_after_to'), { from: m('factory.query.from_after_to_field') });
  if (span.end - span.start > 31 * 86_400_000) throw invalid(m('factory.query.too_many_days', { max: 31 }), { to: m('factory.query.range_too_long_field') });
  const f = (await loadFacts(db, [{ num: d.num }], span)).get(d.num)!;
  const s = stateSeconds(f.intervals, span, [], now, f.since);
  const planned = s.elapsedS - s.totals.planned_stop;
  const failures = failuresIn(f.intervals, span);
  return {
    deviceId,
    intervals: f.intervals.map((i) => ({
      state: i.state,
      reasonCode: i.reason ?? null,
      start: new Date(i.start).toISOString(),
      end: i.end === null ? null : new Date(i.end).toISOString(),
    })),
    seconds: s.totals,
    availability: planned > 0 ? s.totals.running / planned : null,
    ...reliability(s.totals.running, s.totals.down, failures),
    failures,
  };
}
