import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { factoryDb, type DB } from './db';
import { addTestDevice, addTestLine } from './test/lines';
import { computeOeeDay, lineView, plantView } from './oee.service';
import { addOeeSums, finishOee, sumOee, sumStops, type MachineState, type OeeInput } from './oee/oee';
import { runOeeRollup } from './oee-rollup';
import { markMinutes, rollUp } from './ingest/rollups';

let t: TestApp;
let db: DB;
let manager: Client;
let orgId: string;
let lineId: string;
let partMetric: number;
let x1: { id: string; num: number };
const Z = (s: string) => new Date(s);
const DAYS = ['2026-10-05', '2026-10-06', '2026-10-07'];
// The job's clock: a day after the three days, so that it fills only them (newest first) and nothing else.
const JOB_NOW = Date.parse('2026-10-08T12:00:00Z');

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.login('gear.manager');
  db = factoryDb(t.platform.handle.db);
  orgId = await t.orgId('綦江齿轮传动有限公司');
  const line = await addTestLine(db, orgId, 'R1', '汇总测试线');
  lineId = line.id;
  x1 = await addTestDevice(db, line, 'R1-CNC01', 60);
  const x2 = await addTestDevice(db, line, 'R1-CNC02', 45.5);
  const x3 = await addTestDevice(db, line, 'R1-CNC03', null); // no ideal cycle: out of Performance and OEE
  // Plant days of the default calendar: 2026-10-05 is 00:00–24:00 Beijing = 2026-10-04T16:00Z – 10-05T16:00Z. Boundaries at
  // odd milliseconds, so that the sums are not of round numbers; day 2 differs: a planned maintenance, CNC02's
  // first state (not scheduled before), an alarm; CNC03 runs from day 3.
  const iv = (dev: { num: number }, state: MachineState, a: string, b: string | null, reason: number | null = null) => ({
    device_num: dev.num,
    state,
    reason_code: reason,
    started_at: Z(a),
    ended_at: b ? Z(b) : null,
  });
  await db
    .insertInto('factory_state_intervals')
    .values([
      iv(x1, 'running', '2026-10-04T23:00:00Z', '2026-10-05T05:13:07.123Z'),
      iv(x1, 'down', '2026-10-05T05:13:07.123Z', '2026-10-05T06:02:45.771Z', 2001),
      iv(x1, 'running', '2026-10-05T06:02:45.771Z', '2026-10-06T01:00:00.001Z'),
      iv(x1, 'planned_stop', '2026-10-06T01:00:00.001Z', '2026-10-06T03:17:33.333Z'),
      iv(x1, 'running', '2026-10-06T03:17:33.333Z', '2026-10-06T17:41:12.909Z'),
      iv(x1, 'setup', '2026-10-06T17:41:12.909Z', '2026-10-06T18:20:00.5Z'),
      iv(x1, 'idle', '2026-10-06T18:20:00.5Z', '2026-10-06T18:24:59.999Z'),
      iv(x1, 'running', '2026-10-06T18:24:59.999Z', null),
      iv(x2, 'running', '2026-10-06T09:30:15.25Z', '2026-10-06T13:00:00Z'),
      iv(x2, 'down', '2026-10-06T13:00:00Z', '2026-10-06T14:11:11.111Z', 3002),
      iv(x2, 'running', '2026-10-06T14:11:11.111Z', '2026-10-07T20:00:00Z'),
      iv(x2, 'offline', '2026-10-07T20:00:00Z', null),
      iv(x3, 'running', '2026-10-07T02:00:00Z', null),
    ])
    .execute();
  const metric = async (dev: { num: number }, name: string) =>
    (await db.insertInto('factory_metrics').values({ device_num: dev.num, name, datatype: 'Int64', unit: null }).returning('id').executeTakeFirstOrThrow()).id;
  partMetric = await metric(x1, 'part_count');
  const bad1 = await metric(x1, 'bad_count');
  const part2 = await metric(x2, 'part_count');
  const part3 = await metric(x3, 'part_count');
  const roll = (dev: { num: number }, metric_id: number, bucket: string, last: number) => ({
    device_num: dev.num,
    metric_id,
    bucket: Z(bucket),
    n: 1,
    sum: last,
    min: last,
    max: last,
    last,
    last_ts: Z(bucket),
  });
  const rows = [];
  // CNC01 counts every hour (a restart of its counter on day 2), CNC02 from day 2, CNC03 on day 3.
  let c1 = 5000;
  let b1 = 40;
  for (let h = -1; h < 72; h++) {
    const bucket = new Date(Date.parse('2026-10-05T00:00:00Z') + h * 3_600_000 + 59 * 60_000).toISOString();
    c1 = h === 30 ? 17 : c1 + 55 + (h % 7);
    if (h % 5 === 0) b1 += 1 + (h % 3);
    rows.push(roll(x1, partMetric, bucket, c1), roll(x1, bad1, bucket, b1));
    if (h >= 34) rows.push(roll(x2, part2, bucket, 900 + (h - 34) * 71));
    if (h >= 51) rows.push(roll(x3, part3, bucket, (h - 51) * 40));
  }
  await db.insertInto('factory_telemetry_1m').values(rows).execute();
});
afterAll(() => t?.close());

type Figures = ReturnType<typeof lineView>['total'];
const get = async (path: string) => {
  const res = await manager.get(path);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
/** The line's days as the day route answers them, and their parts. */
async function dayAnswers() {
  const now = Date.now();
  return Promise.all(
    DAYS.map(async (day) => {
      const d = await computeOeeDay(db, orgId, day, now);
      const picked = d.devices.flatMap((x, i) => (x.lineId === lineId ? [i] : []));
      return { view: lineView(d, lineId), inputs: d.parts.flatMap((shift) => picked.map((i) => shift[i].input)) };
    }),
  );
}
/** The range the N day answers make: each day's parts summed, the days' sums added; their states, failures and stop causes added. */
function combined(days: { view: { total: Figures }; inputs: OeeInput[] }[]) {
  const r = finishOee(addOeeSums(days.map((d) => sumOee(d.inputs))));
  const states = { running: 0, idle: 0, down: 0, setup: 0, planned_stop: 0, offline: 0 };
  let failures = 0;
  for (const d of days) {
    for (const k of Object.keys(states) as MachineState[]) states[k] += d.view.total.states[k];
    failures += d.view.total.failures;
  }
  const stops = sumStops(days.map((d) => d.view.total.stops));
  return { r, states, failures, stops };
}
const pointOf = (f: Figures) => ({
  availability: f.availability,
  performance: f.performance,
  quality: f.quality,
  oee: f.oee,
  plannedS: f.plannedS,
  runS: f.runS,
  total: f.total,
  good: f.good,
  devices: f.devices,
});

describe('GET /api/factory/lines/:id/oee/range', () => {
  it('equals the day answers combined, exactly: each day of the series, and the range', async () => {
    const url = `/api/factory/lines/${lineId}/oee/range?from=${DAYS[0]}&to=${DAYS[2]}`;
    const first = await get(url);
    expect(first.days).toEqual({ stored: 0, computed: 3, live: 0, stale: 0, noData: 0 });
    const days = await dayAnswers();
    // The days really differ (and are not empty), so the check below means something.
    expect(new Set(days.map((d) => d.view.total.oee)).size).toBe(3);
    expect(days.map((d) => d.view.total.total).every((n) => n > 0)).toBe(true);
    expect(days[1].view.total.states.planned_stop).toBeGreaterThan(0);
    expect(first.series).toEqual(days.map((d, i) => ({ period: DAYS[i], firstDay: DAYS[i], lastDay: DAYS[i], ...pointOf(d.view.total) })));
    const c = combined(days);
    expect(first.total).toMatchObject({
      plannedS: c.r.plannedS,
      runS: c.r.runS,
      availability: c.r.availability,
      performance: c.r.performance,
      quality: c.r.quality,
      oee: c.r.oee,
      good: c.r.good,
      total: c.r.total,
      losses: c.r.losses,
      devices: c.r.devices,
      states: c.states,
      failures: c.failures,
    });
    expect(first.total.stops).toEqual(c.stops);
    // The device × shift rows stored are the line's parts: their units add up to the range's.
    const parts = await db
      .selectFrom('factory_oee_rollup')
      .select((eb) => eb.fn.sum<number>('total').as('n'))
      .where('line_id', '=', lineId)
      .executeTakeFirstOrThrow();
    expect(Number(parts.n)).toBe(first.total.total);
    expect(first.total.stops.find((s: { code: number | null }) => s.code === 2001)).toMatchObject({ nameZh: '刀具断裂' });
    // Stored now: the second answer reads the rollup, and is the same.
    const again = await get(url);
    expect(again.days).toEqual({ stored: 3, computed: 0, live: 0, stale: 0, noData: 0 });
    expect({ ...again, asOf: null, days: null }).toEqual({ ...first, asOf: null, days: null });
    // By week (Monday 2026-10-05): one point, the range's figures.
    const week = await get(`${url}&group=week`);
    expect(week.series).toEqual([{ period: '2026-10-05', firstDay: DAYS[0], lastDay: DAYS[2], ...pointOf(first.total) }]);
    const month = await get(`${url}&group=month`);
    expect(month.series.map((p: { period: string }) => p.period)).toEqual(['2026-10-01']);
  });

  it("gives the plant's range as its day answers combined", async () => {
    const now = Date.now();
    const plant = await get(`/api/factory/oee/range?from=${DAYS[0]}&to=${DAYS[2]}`);
    const views = await Promise.all(DAYS.map(async (day) => plantView(await computeOeeDay(db, orgId, day, now))));
    expect(plant.series.map((p: { oee: number | null; plannedS: number }) => [p.oee, p.plannedS])).toEqual(views.map((v) => [v.total.oee, v.total.plannedS]));
  });

  it('recomputes a day a late row marked, after the job; meanwhile answers it as stored and says so', async () => {
    const url = `/api/factory/lines/${lineId}/oee/range?from=${DAYS[0]}&to=${DAYS[2]}`;
    const before = await get(url);
    // A late count on day 2, as the ingest writes one: the raw row and its minute marked, then the minute job.
    const late = Date.parse('2026-10-06T10:59:30Z');
    const minute = late - (late % 60_000);
    await t.platform.handle.session(async (q) => {
      await q('insert into factory_telemetry (device_num, metric_id, ts, value) values ($1, $2, $3, $4)', [x1.num, partMetric, new Date(late).toISOString(), 99_999]);
      await markMinutes(q, [minute]);
    });
    expect(await t.platform.handle.session((q) => rollUp(q, Date.now()))).toBeGreaterThan(0);
    const marked = await get(url);
    expect(marked.days).toMatchObject({ stored: 3, stale: 1 });
    expect(marked.total).toEqual(before.total);
    // The job computes it again (and fills the day before, where CNC01's first state falls: 2026-10-04 UTC).
    expect(await runOeeRollup(db, JOB_NOW, 10)).toBe(2);
    const after = await get(url);
    expect(after.days).toEqual({ stored: 3, computed: 0, live: 0, stale: 0, noData: 0 });
    expect(after.total.total).toBeGreaterThan(before.total.total);
    expect([after.series[0], after.series[2]]).toEqual([before.series[0], before.series[2]]);
    expect(after.series[1].total).toBeGreaterThan(before.series[1].total);
    const days = await dayAnswers();
    expect(after.series).toEqual(days.map((d, i) => ({ period: DAYS[i], firstDay: DAYS[i], lastDay: DAYS[i], ...pointOf(d.view.total) })));
    expect(after.total.oee).toBe(combined(days).r.oee);
  });

  it('follows a calendar change: every stored day marked, computed again by the job with the new shifts', async () => {
    const url = `/api/factory/lines/${lineId}/oee/range?from=${DAYS[0]}&to=${DAYS[2]}`;
    const two = [
      { code: 'D', name: '白班', start: '08:00', end: '20:00', breaks: [{ start: '12:00', end: '13:00' }] },
      { code: 'N', name: '夜班', start: '20:00', end: '08:00', breaks: [{ start: '00:00', end: '01:30' }] },
    ];
    expect((await manager.request('PUT', '/api/factory/calendar', { shifts: two })).statusCode).toBe(200);
    expect((await get(url)).days.stale).toBe(3);
    // The job computes the four stored days again.
    expect(await runOeeRollup(db, JOB_NOW, 10)).toBe(4);
    expect(await runOeeRollup(db, JOB_NOW, 10)).toBe(0);
    const after = await get(url);
    expect(after.days.stale).toBe(0);
    const days = await dayAnswers();
    expect(days[0].view.shifts.map((s) => s.code)).toEqual(['D', 'N']);
    expect(after.series).toEqual(days.map((d, i) => ({ period: DAYS[i], firstDay: DAYS[i], lastDay: DAYS[i], ...pointOf(d.view.total) })));
    const c = combined(days);
    expect([after.total.oee, after.total.plannedS, after.total.states]).toEqual([c.r.oee, c.r.plannedS, c.states]);
    // A device's ideal cycle time changed: its organisation's stored days are marked too.
    expect((await manager.request('PATCH', `/api/factory/devices/${x1.id}`, { idealCycleS: 58 })).statusCode).toBe(200);
    expect((await get(url)).days.stale).toBe(3);
  });

  it('takes the open day from the live figures, leaves days not begun out and computes none before the first state', async () => {
    const now = Date.now();
    const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
    const r = await get(`/api/factory/lines/${lineId}/oee/range?from=${today}&to=${today}`);
    // Today's day shift has begun unless it is before 08:00 in Beijing (then today is not begun: nothing).
    expect(r.days.live + r.days.computed + r.days.stored).toBeLessThanOrEqual(1);
    expect(r.days.computed).toBe(0);
    const future = await get(`/api/factory/lines/${lineId}/oee/range?from=2099-01-01&to=2099-01-02`);
    expect(future.series).toEqual([]);
    expect(future.days).toEqual({ stored: 0, computed: 0, live: 0, stale: 0, noData: 0 });
    // Before the plant's first state (CNC01's, 2026-10-04T23:00Z: plant day 2026-10-05, and the day before, which the
    // job stored above) nothing is computed.
    const before = await get(`/api/factory/lines/${lineId}/oee/range?from=2026-09-30&to=2026-10-04`);
    expect(before.days).toMatchObject({ stored: 1, computed: 0, live: 0, noData: 4 });
    // (the calendar is D/N by now: 2026-10-04's night shift holds CNC01's first hour)
    expect(before.total.plannedS).toBe(3600);
  });

  it('answers 400 for a bad or too long range, 401 without a session, 403 outside the scope, 404 for no line', async () => {
    const base = `/api/factory/lines/${lineId}/oee/range`;
    const after = await manager.get(`${base}?from=2026-10-07&to=2026-10-05`);
    expect(after.statusCode).toBe(400);
    expect(after.json().error).toMatchObject({ key: 'factory.query.from_after_to' });
    const long = await manager.get(`${base}?from=2025-01-01&to=2026-01-02`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatchObject({ key: 'factory.query.too_many_days', params: { max: 366 } });
    for (const q of ['from=2026-02-30&to=2026-03-01', 'from=x&to=2026-03-01', 'to=2026-03-01', 'from=2026-03-01&to=2026-03-02&group=year'])
      expect((await manager.get(`${base}?${q}`)).statusCode, q).toBe(400);
    expect((await manager.get(`/api/factory/oee/range?from=2026-10-07&to=2026-10-05`)).statusCode).toBe(400);
    expect((await t.anonymous().get(`${base}?from=2026-10-05&to=2026-10-07`)).statusCode).toBe(401);
    expect((await t.anonymous().get('/api/factory/oee/range?from=2026-10-05&to=2026-10-07')).statusCode).toBe(401);
    const linyi = await t.login('ly.officer');
    expect((await linyi.get(`${base}?from=2026-10-05&to=2026-10-07`)).statusCode).toBe(403);
    expect((await linyi.get(`/api/factory/oee/range?from=2026-10-05&to=2026-10-07&orgId=${orgId}`)).statusCode).toBe(403);
    // Another organisation's own plant range has nothing of this one's.
    const own = await linyi.get('/api/factory/oee/range?from=2026-10-05&to=2026-10-07');
    if (own.statusCode === 200) expect(own.json().total.plannedS).toBe(0);
    else expect(own.statusCode).toBe(403);
    expect((await manager.get('/api/factory/lines/00000000-0000-4000-8000-000000000000/oee/range?from=2026-10-05&to=2026-10-07')).statusCode).toBe(404);
  });
});
