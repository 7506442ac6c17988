import type { MachineStateName, OeeFigures } from '../../api/types';
import { STATE_ORDER } from './model';

/**
 * OEE of several parts (a device's shifts into its day, the lines into the plant) with the server's rule (docs/oee.md):
 * times and counts are summed, then the same formulas apply — never an average of percentages. The ideal run
 * time of each part is Performance × run time; a part that made units with an unknown Performance leaves the
 * whole Performance (and OEE) unknown, as one device without an ideal cycle time does on the server.
 */
export function combineFigures(parts: OeeFigures[]): OeeFigures {
  const sum = (f: (p: OeeFigures) => number) => parts.reduce((s, p) => s + f(p), 0);
  const plannedS = sum((p) => p.plannedS);
  const runS = sum((p) => p.runS);
  const total = sum((p) => p.total);
  const good = sum((p) => p.good);
  const failures = sum((p) => p.failures);
  const states = Object.fromEntries(STATE_ORDER.map((k) => [k, sum((p) => p.states[k])])) as Record<MachineStateName, number>;
  let idealRun: number | null = 0;
  for (const p of parts) {
    if (p.total <= 0) continue;
    if (p.performance === null || idealRun === null) idealRun = null;
    else idealRun += p.performance * p.runS;
  }
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const availability = ratio(runS, plannedS);
  const performance = idealRun !== null && total > 0 ? ratio(idealRun, runS) : null;
  const quality = ratio(good, total);
  return {
    plannedS,
    runS,
    availability,
    performance,
    quality,
    oee: availability !== null && performance !== null && quality !== null ? availability * performance * quality : null,
    good,
    total,
    losses: {
      breakdowns: sum((p) => p.losses.breakdowns),
      setup: sum((p) => p.losses.setup),
      smallStops: sum((p) => p.losses.smallStops),
      reducedSpeed: sum((p) => p.losses.reducedSpeed),
      defects: sum((p) => p.losses.defects),
    },
    mtbfMin: failures > 0 ? runS / failures / 60 : null,
    mttrMin: failures > 0 ? states.down / failures / 60 : null,
    failures,
    states,
  };
}
