/**
 * OEE with the standard definitions (SPEC §1, Nakajima's six big losses), as pure functions of durations in
 * seconds and unit counts. Written up with its formulas in docs/oee.md.
 *
 *   planned production time (PPT) = shift time − planned stops (breaks, planned maintenance)
 *   run time                      = PPT − unplanned stop time (breakdowns, setups, idle/small stops, offline)
 *   Availability = run time / PPT
 *   Performance  = (ideal cycle time × total count) / run time
 *   Quality      = good count / total count            (first-pass good)
 *   OEE          = Availability × Performance × Quality  = fully productive time / PPT
 */

export type MachineState = 'running' | 'idle' | 'down' | 'setup' | 'planned_stop' | 'offline';

export interface OeeInput {
  /** Shift time inside the window, seconds (before planned stops). */
  scheduledS: number;
  /** Planned stop time inside the shift: breaks from the calendar plus planned_stop states outside them. */
  plannedStopS: number;
  /** Unplanned stop time by cause, inside planned production time. */
  downS: number;
  setupS: number;
  idleS: number;
  offlineS: number;
  idealCycleS: number | null;
  total: number;
  bad: number;
}

export interface Losses {
  /** Seconds lost to each of the six big losses (small stops = idle; offline counted with breakdowns). */
  breakdowns: number;
  setup: number;
  smallStops: number;
  reducedSpeed: number;
  defects: number;
}

/** Unplanned stop time of one cause: a down state's reason (alarm) code, or a stop state without a code. */
export interface StopReason {
  /** `down` with its alarm code (null when the device sent none), or setup, idle (small stops), offline. */
  state: 'down' | 'setup' | 'idle' | 'offline';
  code: number | null;
  /** Seconds inside planned production time (breaks left out), summed over the devices. */
  seconds: number;
  /** Stops of this cause that began in the window. */
  count: number;
}

export interface OeeResult {
  plannedS: number;
  runS: number;
  /** Null when there was no planned production time (a shift with no plan): 0/0 is not 0 %. */
  availability: number | null;
  performance: number | null;
  quality: number | null;
  oee: number | null;
  good: number;
  total: number;
  losses: Losses;
  /**
   * Devices with planned production time in the figures (1 or 0 for one device). A line's times are its devices'
   * summed (device-seconds); divided by this they are the line's own time, in which the six big losses are shown.
   */
  devices: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function computeOee(i: OeeInput): OeeResult {
  const plannedS = Math.max(0, i.scheduledS - i.plannedStopS);
  const stops = i.downS + i.setupS + i.idleS + i.offlineS;
  const runS = Math.max(0, plannedS - stops);
  const good = Math.max(0, i.total - i.bad);
  const availability = ratio(runS, plannedS);
  // Without an ideal cycle time the speed loss cannot be known: performance stays unknown, not 100 %.
  const idealRunS = i.idealCycleS !== null ? i.idealCycleS * i.total : null;
  // Above 100 % means the ideal cycle time is set too slow; it is reported as measured, not capped, so it shows.
  // No part finished yet: the speed is not measured (a machine a few minutes into a six-minute cycle is not at 0 %).
  const performance = idealRunS !== null && i.total > 0 ? ratio(idealRunS, runS) : null;
  const quality = ratio(good, i.total);
  const oee = availability !== null && performance !== null && quality !== null ? availability * performance * quality : null;
  const ideal = i.idealCycleS ?? 0;
  return {
    plannedS,
    runS,
    availability,
    performance,
    quality,
    oee,
    good,
    total: i.total,
    devices: plannedS > 0 ? 1 : 0,
    losses: {
      breakdowns: i.downS + i.offlineS,
      setup: i.setupS,
      smallStops: i.idleS,
      reducedSpeed: idealRunS !== null && performance !== null ? Math.max(0, runS - idealRunS) : 0,
      defects: ideal * i.bad,
    },
  };
}

/**
 * Line (or plant) OEE from its devices': sums of times and counts, then the same definitions. A device without an
 * ideal cycle time (one just discovered and placed) has no known speed: it is left out of Performance and OEE —
 * they are those of the devices that have one — while Availability, Quality, times and stop losses count every
 * device. Only when no device has one are Performance and OEE unknown (null). With every device's ideal cycle
 * time known, the figures are exactly those of all the devices together.
 */
export function combineOee(parts: OeeInput[]): OeeResult {
  return finishOee(sumOee(parts));
}

type Times = Omit<OeeInput, 'idealCycleS'>;
/**
 * What `combineOee` needs of some parts, summed: every part's times and counts, those of the parts with an ideal
 * cycle time, their ideal run time, and how many parts, with an ideal cycle time, and with planned time. Sums of
 * several groups of parts (`addOeeSums`) give the same figures (`finishOee`) as their parts summed at once, up to
 * the order of the additions: a range of days is its days' sums added.
 */
export interface OeeSums {
  all: Times;
  timed: Times;
  idealRun: number;
  parts: number;
  withIdeal: number;
  devices: number;
}

export function sumOee(parts: OeeInput[]): OeeSums {
  const withIdeal = parts.filter((p) => p.idealCycleS !== null);
  return {
    all: summed(parts),
    timed: summed(withIdeal),
    // The combined ideal cycle is the count-weighted mean, so ideal run time stays Σ ideal_i × count_i.
    idealRun: withIdeal.reduce((s, p) => s + p.idealCycleS! * p.total, 0),
    parts: parts.length,
    withIdeal: withIdeal.length,
    devices: parts.filter((p) => p.scheduledS - p.plannedStopS > 0).length,
  };
}

const addTimes = (a: Times, b: Times): Times => ({
  scheduledS: a.scheduledS + b.scheduledS,
  plannedStopS: a.plannedStopS + b.plannedStopS,
  downS: a.downS + b.downS,
  setupS: a.setupS + b.setupS,
  idleS: a.idleS + b.idleS,
  offlineS: a.offlineS + b.offlineS,
  total: a.total + b.total,
  bad: a.bad + b.bad,
});

/** Groups of parts' sums added, in the order given (from zero). */
export function addOeeSums(list: OeeSums[]): OeeSums {
  let r = sumOee([]);
  for (const x of list)
    r = {
      all: addTimes(r.all, x.all),
      timed: addTimes(r.timed, x.timed),
      idealRun: r.idealRun + x.idealRun,
      parts: r.parts + x.parts,
      withIdeal: r.withIdeal + x.withIdeal,
      devices: r.devices + x.devices,
    };
  return r;
}

/** The figures of summed parts (see combineOee). */
export function finishOee(s: OeeSums): OeeResult {
  const devices = s.devices;
  const all = computeOee({ ...s.all, idealCycleS: null });
  if (!s.withIdeal) return { ...all, devices };
  const speed = computeOee({ ...s.timed, idealCycleS: s.timed.total > 0 ? s.idealRun / s.timed.total : null });
  if (s.withIdeal === s.parts) return { ...speed, devices };
  return {
    ...all,
    performance: speed.performance,
    oee: speed.oee,
    losses: { ...all.losses, reducedSpeed: speed.losses.reducedSpeed, defects: speed.losses.defects },
    devices,
  };
}

/** Several devices' times and counts added up (their ideal cycle times are the caller's to combine). */
function summed(parts: OeeInput[]): Times {
  const sum = (f: (p: OeeInput) => number) => parts.reduce((s, p) => s + f(p), 0);
  return {
    scheduledS: sum((p) => p.scheduledS),
    plannedStopS: sum((p) => p.plannedStopS),
    downS: sum((p) => p.downS),
    setupS: sum((p) => p.setupS),
    idleS: sum((p) => p.idleS),
    offlineS: sum((p) => p.offlineS),
    total: sum((p) => p.total),
    bad: sum((p) => p.bad),
  };
}

/** Reliability over a window: run time per failure, and repair time per failure (minutes). */
export function reliability(runS: number, downS: number, failures: number): { mtbfMin: number | null; mttrMin: number | null } {
  return {
    mtbfMin: failures > 0 ? runS / failures / 60 : null,
    mttrMin: failures > 0 ? downS / failures / 60 : null,
  };
}

/** Stop causes summed (several devices' or shifts'), the longest first: the line's "why did we lose time". */
export function sumStops(lists: StopReason[][]): StopReason[] {
  const by = new Map<string, StopReason>();
  for (const list of lists)
    for (const r of list) {
      const key = `${r.state}:${r.code ?? ''}`;
      const had = by.get(key);
      if (had) {
        had.seconds += r.seconds;
        had.count += r.count;
      } else by.set(key, { ...r });
    }
  return [...by.values()].filter((r) => r.seconds > 0).sort((a, b) => b.seconds - a.seconds || a.state.localeCompare(b.state) || (a.code ?? 0) - (b.code ?? 0));
}
