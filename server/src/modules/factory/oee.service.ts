import { requireInScope, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { invalid, notFound } from '../../platform/errors';
import { calendarInvalid, CHINA_OFFSET_MIN, DEFAULT_SHIFTS, shiftWindow, validateCalendar, type ShiftDef } from './oee/calendar';
import { counterIncrease, failuresIn, stateSeconds, type Span, type StateInterval } from './oee/intervals';
import { combineOee, computeOee, reliability, type MachineState, type OeeInput } from './oee/oee';
import { FP } from './permissions';
import { readRollups } from './ingest/rollups';
import type { DB } from './db';
import { m } from './messages';

async function orgOf(db: DB, actor: Actor, orgId: string | undefined, permission: string) {
  const id = orgId ?? actor.orgId;
  const org = await db.selectFrom('organisations').select(['id', 'region_code']).where('id', '=', id).executeTakeFirst();
  if (!org) throw notFound(m('factory.org.not_found'));
  requireInScope(actor, permission, { id: org.id, regionCode: org.region_code });
  return org.id;
}

async function shiftsOf(db: DB, orgId: string): Promise<{ shifts: ShiftDef[]; isDefault: boolean }> {
  const rows = await db.selectFrom('factory_shifts').selectAll().where('org_id', '=', orgId).orderBy('position').execute();
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
    await writeAudit(trx, actor, { action: 'factory.calendar.update', entity: 'shift_calendar', entityId: id, orgId: id, before: before.shifts, after: input.shifts });
    return { orgId: id, shifts: input.shifts, isDefault: false };
  });
}

type Device = { id: string; num: number; code: string; ideal: number | null };

/** Everything OEE needs of some devices over a window: state intervals and the counters' per-minute values. */
async function loadFacts(db: DB, devices: Device[], window: Span) {
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
  const metrics = nums.length
    ? await db.selectFrom('factory_metrics').select(['id', 'device_num', 'name']).where('device_num', 'in', nums).where('name', 'in', ['part_count', 'bad_count']).execute()
    : [];
  const ids = metrics.map((m) => m.id);
  const samples = await readRollups(db, ids, new Date(window.start - 60_000), to);
  // When each device first reported a state: the time before it was connected is not scheduled (docs/oee.md).
  const firsts = nums.length
    ? await db
        .selectFrom('factory_state_intervals')
        .select(['device_num', (eb) => eb.fn.min('started_at').as('first')])
        .where('device_num', 'in', nums)
        .groupBy('device_num')
        .execute()
    : [];
  const byDevice = new Map<number, { intervals: StateInterval[]; since: number | null; part: { ts: number; value: number }[]; bad: { ts: number; value: number }[] }>();
  for (const n of nums) byDevice.set(n, { intervals: [], since: null, part: [], bad: [] });
  for (const r of firsts) if (r.first) byDevice.get(r.device_num)!.since = new Date(r.first as string | Date).getTime();
  for (const i of intervals) {
    byDevice
      .get(i.device_num)!
      .intervals.push({ state: i.state as MachineState, reason: i.reason_code, start: new Date(i.started_at).getTime(), end: i.ended_at ? new Date(i.ended_at).getTime() : null });
  }
  const metricName = new Map(metrics.map((m) => [m.id, m.name]));
  for (const s of samples) {
    const f = byDevice.get(s.device_num)!;
    (metricName.get(s.metric_id) === 'part_count' ? f.part : f.bad).push({ ts: new Date(s.bucket).getTime(), value: s.last });
  }
  return byDevice;
}

/** Counts in [start, end): minute buckets inside it, against the last value of the minute before as baseline. */
function countIn(samples: { ts: number; value: number }[], span: Span) {
  const before = samples.filter((s) => s.ts < span.start);
  return counterIncrease(
    samples.filter((s) => s.ts >= span.start && s.ts < span.end),
    before.length ? before[before.length - 1].value : null,
  );
}

function figures(input: OeeInput, states: Record<MachineState, number>, failures: number) {
  const r = computeOee(input);
  return { ...r, ...reliability(r.runS, states.down, failures), failures, states };
}

const noStates = (): Record<MachineState, number> => ({ running: 0, idle: 0, down: 0, setup: 0, planned_stop: 0, offline: 0 });
const addStates = (into: Record<MachineState, number>, from: Record<MachineState, number>) => {
  for (const k of Object.keys(into) as MachineState[]) into[k] += from[k];
};
/** Several parts' inputs, states and failures summed by the OEE rules (docs/oee.md): never an average of ratios. */
function combined(inputs: OeeInput[], states: Record<MachineState, number>, failures: number) {
  const r = combineOee(inputs);
  return { ...r, ...reliability(r.runS, states.down, failures), failures, states };
}

/**
 * OEE of some devices of one organisation (a line's, or the plant's) for a day of its shift calendar: per shift
 * (the devices combined, and each device), for the day, and per device for the day.
 */
async function oeeOfDevices(db: DB, orgId: string, devices: Device[], dayIn: string | undefined, now: number) {
  // The plant's day in its own time zone.
  const day = dayIn ?? new Date(now + CHINA_OFFSET_MIN * 60_000).toISOString().slice(0, 10);
  const { shifts } = await shiftsOf(db, orgId);
  const windows = shifts.map((s) => shiftWindow(s, day));
  const all = { start: Math.min(...windows.map((w) => w.start)), end: Math.max(...windows.map((w) => w.end)) };
  const facts = await loadFacts(db, devices, all);
  const dayInputs: OeeInput[] = [];
  const dayStates = noStates();
  let dayFailures = 0;
  const perDeviceDay = new Map(devices.map((d) => [d.num, { inputs: [] as OeeInput[], states: noStates(), failures: 0 }]));
  const shiftResults = windows
    .filter((w) => w.start <= now)
    .map((w) => {
      const span = { start: w.start, end: w.end };
      const inputs: OeeInput[] = [];
      const shiftStates = noStates();
      let shiftFailures = 0;
      const perDevice = devices.map((d) => {
        const f = facts.get(d.num)!;
        const s = stateSeconds(f.intervals, span, w.breaks, now, f.since);
        const input: OeeInput = {
          scheduledS: s.elapsedS,
          plannedStopS: s.breakS + s.totals.planned_stop,
          downS: s.totals.down,
          setupS: s.totals.setup,
          idleS: s.totals.idle,
          offlineS: s.totals.offline,
          idealCycleS: d.ideal,
          total: countIn(f.part, { start: span.start, end: Math.min(span.end, now) }),
          bad: countIn(f.bad, { start: span.start, end: Math.min(span.end, now) }),
        };
        const failures = failuresIn(f.intervals, span);
        inputs.push(input);
        addStates(shiftStates, s.totals);
        shiftFailures += failures;
        const ofDay = perDeviceDay.get(d.num)!;
        ofDay.inputs.push(input);
        addStates(ofDay.states, s.totals);
        ofDay.failures += failures;
        return { deviceId: d.id, code: d.code, ...figures(input, s.totals, failures) };
      });
      dayInputs.push(...inputs);
      addStates(dayStates, shiftStates);
      dayFailures += shiftFailures;
      return {
        code: w.code,
        name: w.name,
        start: new Date(w.start).toISOString(),
        end: new Date(w.end).toISOString(),
        inProgress: now < w.end,
        line: combined(inputs, shiftStates, shiftFailures),
        devices: perDevice,
      };
    });
  return {
    day,
    shifts: shiftResults,
    total: combined(dayInputs, dayStates, dayFailures),
    devices: devices.map((d) => {
      const x = perDeviceDay.get(d.num)!;
      return { deviceId: d.id, code: d.code, ...combined(x.inputs, x.states, x.failures) };
    }),
  };
}

const devicesWhere = (db: DB) => db.selectFrom('factory_devices').select(['id', 'num', 'code', 'ideal_cycle_s']).orderBy('code');
const toDevice = (d: { id: string; num: number; code: string; ideal_cycle_s: number | null }): Device => ({ id: d.id, num: d.num, code: d.code, ideal: d.ideal_cycle_s });

export async function lineOee(db: DB, actor: Actor, lineId: string, dayIn?: string, now = Date.now()) {
  const line = await db
    .selectFrom('factory_lines as l')
    .innerJoin('organisations as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.org_id', 'o.region_code'])
    .where('l.id', '=', lineId)
    .executeTakeFirst();
  if (!line) throw notFound(m('factory.line.not_found'));
  requireInScope(actor, FP.read, { id: line.org_id, regionCode: line.region_code });
  const devices = (await devicesWhere(db).where('line_id', '=', lineId).execute()).map(toDevice);
  return { lineId, ...(await oeeOfDevices(db, line.org_id, devices, dayIn, now)) };
}

/** The plant's OEE: every device placed on a line of the organisation, combined (the 大屏's figures). */
export async function plantOee(db: DB, actor: Actor, q: { orgId?: string; day?: string }, now = Date.now()) {
  const orgId = await orgOf(db, actor, q.orgId, FP.read);
  const devices = (await devicesWhere(db).where('org_id', '=', orgId).where('line_id', 'is not', null).execute()).map(toDevice);
  return { orgId, ...(await oeeOfDevices(db, orgId, devices, q.day, now)) };
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
  const f = (await loadFacts(db, [{ id: d.id, num: d.num, code: d.code, ideal: d.ideal_cycle_s }], span)).get(d.num)!;
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
