import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { combineOee, computeOee, reliability, sumStops } from './oee';
import { counterIncrease, failuresIn, stateSeconds, stopReasons } from './intervals';
import { DEFAULT_SHIFTS, shiftWindow, validateCalendar } from './calendar';

const H = 3600;
const iso = (s: string) => Date.parse(s);

describe('computeOee: hand-computed shifts', () => {
  it('a shift with a breakdown, a setup and small stops', () => {
    // 8 h shift (28,800 s) with a 30-min break → PPT 27,000 s. Breakdown 45 min (2,700), setup 15 min (900),
    // idle 5 min (300) → run 23,100 s. Ideal cycle 60 s, 350 made, 2 bad.
    // A = 23,100 / 27,000 = 0.855556; P = 60 × 350 / 23,100 = 0.909091; Q = 348 / 350 = 0.994286
    // OEE = fully productive 60 × 348 = 20,880 s / 27,000 s = 0.773333.
    const r = computeOee({ scheduledS: 8 * H, plannedStopS: 1800, downS: 2700, setupS: 900, idleS: 300, offlineS: 0, idealCycleS: 60, total: 350, bad: 2 });
    expect(r.plannedS).toBe(27_000);
    expect(r.runS).toBe(23_100);
    expect(r.availability).toBeCloseTo(0.855556, 6);
    expect(r.performance).toBeCloseTo(0.909091, 6);
    expect(r.quality).toBeCloseTo(0.994286, 6);
    expect(r.oee).toBeCloseTo(0.773333, 6);
    expect(r.losses).toEqual({ breakdowns: 2700, setup: 900, smallStops: 300, reducedSpeed: 2100, defects: 120 });
    // The losses and the fully productive time add up to the planned production time.
    const l = r.losses;
    expect(l.breakdowns + l.setup + l.smallStops + l.reducedSpeed + l.defects + 60 * 348).toBe(r.plannedS);
  });

  it('a shift with no plan has no OEE, not 0 % and not NaN', () => {
    const r = computeOee({ scheduledS: 0, plannedStopS: 0, downS: 0, setupS: 0, idleS: 0, offlineS: 0, idealCycleS: 60, total: 0, bad: 0 });
    expect([r.availability, r.performance, r.quality, r.oee]).toEqual([null, null, null, null]);
    // A shift whose whole time is planned stop (a holiday) likewise.
    const holiday = computeOee({ scheduledS: 8 * H, plannedStopS: 8 * H, downS: 0, setupS: 0, idleS: 0, offlineS: 0, idealCycleS: 60, total: 0, bad: 0 });
    expect(holiday.plannedS).toBe(0);
    expect(holiday.oee).toBeNull();
  });

  it('a device without an ideal cycle time has availability and quality, but no performance and no OEE', () => {
    const r = computeOee({ scheduledS: 8 * H, plannedStopS: 0, downS: 3600, setupS: 0, idleS: 0, offlineS: 0, idealCycleS: null, total: 100, bad: 1 });
    expect(r.availability).toBeCloseTo(7 / 8, 9);
    expect(r.quality).toBeCloseTo(0.99, 9);
    expect(r.performance).toBeNull();
    expect(r.oee).toBeNull();
  });

  it('a perfect shift is 100 %', () => {
    const r = computeOee({ scheduledS: 8 * H, plannedStopS: 1800, downS: 0, setupS: 0, idleS: 0, offlineS: 0, idealCycleS: 90, total: 300, bad: 0 });
    expect(r.oee).toBe(1);
  });

  it('combines devices by summing times and counts (not by averaging percentages)', () => {
    const a = { scheduledS: 8 * H, plannedStopS: 0, downS: 8 * H, setupS: 0, idleS: 0, offlineS: 0, idealCycleS: 60, total: 0, bad: 0 };
    const b = { scheduledS: 8 * H, plannedStopS: 0, downS: 0, setupS: 0, idleS: 0, offlineS: 0, idealCycleS: 60, total: 480, bad: 0 };
    const r = combineOee([a, b]);
    // 16 h planned, 8 h run, ideal 480 × 60 s = 8 h: A = 0.5, P = 1, Q = 1.
    expect([r.availability, r.performance, r.quality, r.oee]).toEqual([0.5, 1, 1, 0.5]);
  });

  it('MTBF and MTTR in minutes; none without failures', () => {
    expect(reliability(6 * H, 3600, 3)).toEqual({ mtbfMin: 120, mttrMin: 20 });
    expect(reliability(8 * H, 0, 0)).toEqual({ mtbfMin: null, mttrMin: null });
  });
});

describe('stateSeconds', () => {
  const window = { start: iso('2026-11-28T06:00:00+08:00'), end: iso('2026-11-28T14:00:00+08:00') };
  const breaks = [{ start: iso('2026-11-28T10:00:00+08:00'), end: iso('2026-11-28T10:30:00+08:00') }];
  const after = iso('2026-11-28T15:00:00+08:00');

  it('counts each state inside the shift, leaving the break out whatever the machine said in it', () => {
    const r = stateSeconds(
      [
        { state: 'running', start: iso('2026-11-28T05:00:00+08:00'), end: iso('2026-11-28T09:00:00+08:00') },
        { state: 'down', start: iso('2026-11-28T09:00:00+08:00'), end: iso('2026-11-28T10:15:00+08:00') },
        { state: 'running', start: iso('2026-11-28T10:15:00+08:00'), end: iso('2026-11-28T13:00:00+08:00') },
        { state: 'idle', start: iso('2026-11-28T13:00:00+08:00'), end: null },
      ],
      window,
      breaks,
      after,
    );
    // running 06:00–09:00 (3 h) + 10:30–13:00 (2.5 h); down 09:00–10:00 (1 h); idle 13:00–14:00 (1 h).
    expect(r.totals).toEqual({ running: 5.5 * H, down: H, idle: H, setup: 0, planned_stop: 0, offline: 0 });
    expect(r.breakS).toBe(1800);
  });

  it('counts time with no state as offline, and stops at now for a shift in progress', () => {
    const now = iso('2026-11-28T08:00:00+08:00');
    const r = stateSeconds([{ state: 'running', start: iso('2026-11-28T06:30:00+08:00'), end: null }], window, breaks, now);
    expect(r.totals.running).toBe(1.5 * H);
    expect(r.totals.offline).toBe(1800);
    expect(r.elapsedS).toBe(2 * H);
  });

  it('schedules nothing before the device first reported, and nothing at all for one that never did', () => {
    const now = iso('2026-11-28T15:00:00+08:00');
    // First state at 10:15, inside the 10:00–10:30 break, running to 11:15, then silence to 14:00: scheduled
    // 10:15–14:00 = 3.75 h of which 15 min break; 1 h running (15 min of it in the break), offline 2.75 h.
    const ivs = [{ state: 'running' as const, start: iso('2026-11-28T10:15:00+08:00'), end: iso('2026-11-28T11:15:00+08:00') }];
    const r = stateSeconds(ivs, window, breaks, now, iso('2026-11-28T10:15:00+08:00'));
    expect(r.elapsedS).toBe(3.75 * H);
    expect(r.breakS).toBe(900);
    expect(r.totals).toMatchObject({ running: 0.75 * H, offline: 2.75 * H });
    const never = stateSeconds([], window, breaks, now, null);
    expect(never).toEqual({ totals: { running: 0, idle: 0, down: 0, setup: 0, planned_stop: 0, offline: 0 }, breakS: 0, elapsedS: 0 });
    // Connected after the shift: the shift had nothing scheduled.
    expect(stateSeconds([], window, breaks, now, iso('2026-11-28T14:30:00+08:00')).elapsedS).toBe(0);
  });

  it('counts failures that start in the window', () => {
    const ivs = [
      { state: 'down' as const, start: iso('2026-11-28T05:50:00+08:00'), end: iso('2026-11-28T06:10:00+08:00') },
      { state: 'down' as const, start: iso('2026-11-28T07:00:00+08:00'), end: iso('2026-11-28T07:20:00+08:00') },
      { state: 'down' as const, start: iso('2026-11-28T13:59:00+08:00'), end: null },
    ];
    expect(failuresIn(ivs, window)).toBe(2);
  });
});

describe('counterIncrease', () => {
  it('sums increases and reads a drop as a counter restart', () => {
    // 7 → 10 → 15 → 15 → 3 (restart: 3 made) → 8: 3 + 5 + 0 + 3 + 5 = 16.
    expect(
      counterIncrease(
        [10, 15, 15, 3, 8].map((value, i) => ({ ts: i, value })),
        7,
      ),
    ).toBe(16);
    // Without a baseline the first sample only sets it.
    expect(
      counterIncrease(
        [10, 15].map((value, i) => ({ ts: i, value })),
        null,
      ),
    ).toBe(5);
    expect(counterIncrease([], 5)).toBe(0);
  });
});

describe('shift calendar', () => {
  it('puts a night shift on the day it starts, crossing midnight, with its break after midnight', () => {
    const c = shiftWindow({ code: 'C', name: '夜班', start: '22:00', end: '06:00', breaks: [{ start: '02:00', end: '02:30' }] }, '2026-11-28');
    expect(new Date(c.start).toISOString()).toBe('2026-11-28T14:00:00.000Z'); // 22:00 Beijing time
    expect(new Date(c.end).toISOString()).toBe('2026-11-28T22:00:00.000Z'); // 06:00 next day
    expect(c.breaks.map((b) => new Date(b.start).toISOString())).toEqual(['2026-11-28T18:00:00.000Z']); // 02:00
  });

  it('places the default shifts on Beijing time: B ends at midnight, C starts at it', () => {
    const [a, b, c] = DEFAULT_SHIFTS.map((s) => shiftWindow(s, '2026-11-28'));
    expect([a.start, a.end, b.end, c.start, c.end].map((t) => new Date(t).toISOString())).toEqual([
      '2026-11-28T00:00:00.000Z',
      '2026-11-28T08:00:00.000Z',
      '2026-11-28T16:00:00.000Z',
      '2026-11-27T16:00:00.000Z',
      '2026-11-28T00:00:00.000Z',
    ]);
  });

  it('accepts the default 3 × 8 h calendar and refuses overlaps, breaks outside the shift and bad times', () => {
    expect(validateCalendar(DEFAULT_SHIFTS)).toBeNull();
    // Each problem is a message key with its parameters, beside the English text.
    expect(validateCalendar([DEFAULT_SHIFTS[0], { ...DEFAULT_SHIFTS[1], start: '13:00' }])?.text).toMatch(/overlap/);
    expect(validateCalendar([DEFAULT_SHIFTS[0], { ...DEFAULT_SHIFTS[1], start: '13:00' }])).toMatchObject({ key: 'factory.calendar.overlap', params: { first: 'A', second: 'B' } });
    expect(validateCalendar([{ code: 'A', name: 'x', start: '08:00', end: '16:00', breaks: [{ start: '17:00', end: '17:30' }] }])?.text).toMatch(/outside shift A/);
    expect(validateCalendar([{ code: 'A', name: 'x', start: '08:00', end: '16:00', breaks: [{ start: '17:00', end: '17:30' }] }])).toEqual({
      key: 'factory.calendar.break_outside',
      params: { start: '17:00', end: '17:30', shift: 'A', shift_start: '08:00', shift_end: '16:00' },
      text: 'break 17:00–17:30 lies outside shift A 08:00–16:00',
    });
    expect(validateCalendar([{ code: 'A', name: 'x', start: '25:00', end: '16:00', breaks: [] }])?.text).toMatch(/not a time of day/);
    expect(validateCalendar([{ code: 'A', name: 'x', start: '25:00', end: '16:00', breaks: [] }])).toMatchObject({
      key: 'factory.calendar.not_time_of_day',
      params: { value: '25:00' },
    });
    expect(validateCalendar([DEFAULT_SHIFTS[0], { ...DEFAULT_SHIFTS[1], code: 'A' }])?.text).toMatch(/unique/);
  });
});

describe('speed not yet measured, and a line in its own time', () => {
  it('leaves performance (and OEE) undefined until a part is finished, with no speed loss invented', () => {
    // Four minutes into a shift, a machining centre with a 6-minute cycle has run 4 minutes and finished nothing.
    const r = computeOee({ scheduledS: 240, plannedStopS: 0, downS: 0, setupS: 0, idleS: 0, offlineS: 0, idealCycleS: 360, total: 0, bad: 0 });
    expect(r.availability).toBe(1);
    expect([r.performance, r.quality, r.oee]).toEqual([null, null, null]);
    expect(r.losses.reducedSpeed).toBe(0);
    expect(r.devices).toBe(1);
  });
  it("counts the devices with planned time, so that summed device-seconds divide into the line's own time", () => {
    const shift = { scheduledS: 8 * H, plannedStopS: 1800, downS: 600, setupS: 0, idleS: 300, offlineS: 0, idealCycleS: 60, total: 400, bad: 0 };
    const notConnected = { scheduledS: 0, plannedStopS: 0, downS: 0, setupS: 0, idleS: 0, offlineS: 0, idealCycleS: 60, total: 0, bad: 0 };
    const r = combineOee([shift, shift, shift, notConnected]);
    expect(r.devices).toBe(3);
    // 3 × 27,000 device-seconds planned is the line's 27,000 s (450 min) in its own time.
    expect(r.plannedS / r.devices).toBe(27_000);
    expect(r.losses.breakdowns / r.devices).toBe(600);
  });
  it('a measured performance above 100 % is reported as measured (the ideal cycle time is set too slow)', () => {
    const r = computeOee({ scheduledS: 3600, plannedStopS: 0, downS: 0, setupS: 0, idleS: 0, offlineS: 0, idealCycleS: 60, total: 72, bad: 0 });
    expect(r.performance).toBeCloseTo(1.2, 9);
  });
});

describe('stopReasons: why the time was lost', () => {
  const window = { start: iso('2026-11-28T08:00:00+08:00'), end: iso('2026-11-28T16:00:00+08:00') };
  const breaks = [{ start: iso('2026-11-28T12:00:00+08:00'), end: iso('2026-11-28T12:30:00+08:00') }];
  const now = iso('2026-11-28T17:00:00+08:00');
  it('gives down time per alarm code, setup, small stops and offline inside planned time, with the stops begun in the window', () => {
    const ivs = [
      { state: 'down' as const, reason: 2001, start: iso('2026-11-28T07:50:00+08:00'), end: iso('2026-11-28T08:10:00+08:00') },
      { state: 'running' as const, start: iso('2026-11-28T08:10:00+08:00'), end: iso('2026-11-28T11:50:00+08:00') },
      // 11:50–12:40 down for a broken tool: 20 of its 50 minutes are in the meal break.
      { state: 'down' as const, reason: 2001, start: iso('2026-11-28T11:50:00+08:00'), end: iso('2026-11-28T12:40:00+08:00') },
      { state: 'setup' as const, start: iso('2026-11-28T12:40:00+08:00'), end: iso('2026-11-28T13:10:00+08:00') },
      { state: 'idle' as const, start: iso('2026-11-28T13:10:00+08:00'), end: iso('2026-11-28T13:15:00+08:00') },
      { state: 'down' as const, reason: 1004, start: iso('2026-11-28T13:15:00+08:00'), end: iso('2026-11-28T13:27:00+08:00') },
      { state: 'running' as const, start: iso('2026-11-28T13:27:00+08:00'), end: iso('2026-11-28T15:00:00+08:00') },
      // 15:00–16:00 nothing: offline.
    ];
    const r = sumStops([stopReasons(ivs, window, breaks, now, iso('2026-11-28T06:00:00+08:00'))]);
    expect(r).toEqual([
      { state: 'offline', code: null, seconds: 3600, count: 0 },
      // 10 min (08:00–08:10, begun before the shift: not counted as a stop of it) + 20 min outside the break.
      { state: 'down', code: 2001, seconds: 1800, count: 1 },
      { state: 'setup', code: null, seconds: 1800, count: 1 },
      { state: 'down', code: 1004, seconds: 720, count: 1 },
      { state: 'idle', code: null, seconds: 300, count: 1 },
    ]);
    // The causes add up to the planned time the device did not run.
    const s = stateSeconds(ivs, window, breaks, now, iso('2026-11-28T06:00:00+08:00'));
    expect(r.reduce((a, x) => a + x.seconds, 0)).toBe(s.elapsedS - s.breakS - s.totals.running);
  });
  it('sums the causes of several devices, longest first', () => {
    const a = [{ state: 'down' as const, code: 2001, seconds: 600, count: 1 }];
    const b = [
      { state: 'down' as const, code: 2001, seconds: 300, count: 2 },
      { state: 'idle' as const, code: null, seconds: 1200, count: 4 },
    ];
    expect(sumStops([a, b])).toEqual([
      { state: 'idle', code: null, seconds: 1200, count: 4 },
      { state: 'down', code: 2001, seconds: 900, count: 3 },
    ]);
  });
});

describe('a device without an ideal cycle time on a line', () => {
  // The worked example's shift (docs/oee.md) on a machine with ideal cycle 60 s, beside a newly discovered device
  // placed on the line with no ideal cycle time: 8 h, no break, 1 h down, 200 made, 10 bad.
  const timed = { scheduledS: 8 * H, plannedStopS: 1800, downS: 2700, setupS: 900, idleS: 300, offlineS: 0, idealCycleS: 60, total: 350, bad: 2 };
  const untimed = { scheduledS: 8 * H, plannedStopS: 0, downS: 3600, setupS: 0, idleS: 0, offlineS: 0, idealCycleS: null, total: 200, bad: 10 };

  it('is left out of Performance and OEE, which are those of the timed devices; Availability and Quality count it', () => {
    const r = combineOee([timed, untimed]);
    // Performance and OEE of the timed machine alone: 21,000 / 23,100 and 20,880 / 27,000.
    expect(r.performance).toBeCloseTo(0.909091, 6);
    expect(r.oee).toBeCloseTo(0.773333, 6);
    // Availability over both: run (23,100 + 25,200) / planned (27,000 + 28,800) = 48,300 / 55,800.
    expect(r.availability).toBeCloseTo(48_300 / 55_800, 9);
    // Quality over both: (348 + 190) / 550.
    expect(r.quality).toBeCloseTo(538 / 550, 9);
    expect([r.plannedS, r.runS, r.total, r.good, r.devices]).toEqual([55_800, 48_300, 550, 538, 2]);
    // Stop losses are everyone's; speed and defect losses only the timed machine's (the other's are unknown).
    expect(r.losses).toEqual({ breakdowns: 2700 + 3600, setup: 900, smallStops: 300, reducedSpeed: 2100, defects: 120 });
  });

  it('alone on a line, Performance and OEE stay unknown (null), as for one device', () => {
    const r = combineOee([untimed, untimed]);
    expect([r.performance, r.oee]).toEqual([null, null]);
    expect(r.availability).toBeCloseTo(7 / 8, 9);
  });

  it("Availability and Quality never depend on ideal cycle times; Performance and OEE are the timed devices' own (property)", () => {
    const part = fc.record({
      scheduledS: fc.integer({ min: 0, max: 28_800 }),
      plannedStopS: fc.integer({ min: 0, max: 3_600 }),
      downS: fc.integer({ min: 0, max: 3_600 }),
      setupS: fc.integer({ min: 0, max: 3_600 }),
      idleS: fc.integer({ min: 0, max: 3_600 }),
      offlineS: fc.integer({ min: 0, max: 3_600 }),
      idealCycleS: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
      total: fc.integer({ min: 0, max: 1_000 }),
      bad: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), (parts) => {
        const r = combineOee(parts);
        const known = parts.filter((p) => p.idealCycleS !== null);
        const all = combineOee(parts.map((p) => ({ ...p, idealCycleS: 60 })));
        // Availability and Quality never depend on ideal cycle times.
        expect([r.availability, r.quality, r.plannedS, r.runS]).toEqual([all.availability, all.quality, all.plannedS, all.runS]);
        // Performance and OEE are the timed devices' own; unknown when none has an ideal cycle time.
        const own = known.length ? combineOee(known) : { performance: null, oee: null };
        expect([r.performance, r.oee]).toEqual([own.performance, own.oee]);
      }),
    );
  });
});
