import type { SpcPoint, SpcRuleId, SpcViolation } from '@gearbridge/contracts/factory';
import { SPC_RULE_IDS } from '@gearbridge/contracts/factory';

/**
 * Tests for special causes on a control chart's points, as pure functions. The zones are measured in σ of the
 * plotted statistic at each point: σᵢ = (UCLᵢ − CL)/3, so p and u charts with varying sizes are zoned per point
 * (and a LCL clamped at 0 does not shrink the zones). Boundaries are strict: "beyond 2σ" is z > 2.
 *
 * Western Electric (Western Electric Statistical Quality Control Handbook, 1956; as listed in Montgomery,
 * Introduction to SQC §5.3.6 and NIST/SEMATECH e-Handbook §6.3.2):
 *   we1 one point beyond 3σ (outside the control limits)
 *   we2 two of three consecutive points beyond 2σ on the same side
 *   we3 four of five consecutive points beyond 1σ on the same side
 *   we4 eight consecutive points on the same side of the centre line
 * Nelson (L. S. Nelson, "The Shewhart control chart — tests for special causes", J. Quality Technology 16(4), 1984):
 *   nelson1 one point beyond 3σ
 *   nelson2 nine points in a row on the same side of the centre line
 *   nelson3 six points in a row steadily increasing or decreasing
 *   nelson4 fourteen points in a row alternating up and down
 *   nelson5 two of three points in a row beyond 2σ on the same side
 *   nelson6 four of five points in a row beyond 1σ on the same side
 *   nelson7 fifteen points in a row within 1σ of the centre line (either side)
 *   nelson8 eight points in a row beyond 1σ, on both sides of the centre line
 * A point on the centre line breaks a run of one side; equal neighbours break a trend or an alternation. In the
 * "k of m" tests the point that completes the pattern is itself one of the k. A pattern that keeps holding is
 * reported at every point that extends it (each is a trigger). On the spread chart (R, S, MR) only the
 * beyond-limits test (we1/nelson1) runs: its limits are not symmetric and its zones have no standard meaning.
 */

/** Position of a point relative to the centre line, in σ of the plotted statistic. */
export function zScore(p: SpcPoint): number {
  const sigma = (p.ucl - p.centre) / 3;
  const d = p.value - p.centre;
  if (sigma > 0) return d / sigma;
  return d === 0 ? 0 : d > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

const beyondLimits = (p: SpcPoint) => p.value > p.ucl || p.value < p.lcl;
const sign = (z: number) => (z > 0 ? 1 : z < 0 ? -1 : 0);

type Detector = (points: readonly SpcPoint[], z: readonly number[], i: number) => number[] | null;

const idx = (points: readonly SpcPoint[], from: number, to: number) => points.slice(from, to + 1).map((p) => p.index);

/** `len` points in a row ending at i all on one side (strictly). */
const sameSide =
  (len: number): Detector =>
  (points, z, i) => {
    if (i < len - 1) return null;
    const s = sign(z[i]!);
    if (s === 0) return null;
    for (let j = i - len + 1; j < i; j++) if (sign(z[j]!) !== s) return null;
    return idx(points, i - len + 1, i);
  };

/** `k` of the `m` points ending at i beyond `zone` σ on one side, point i among them. */
const kOfM =
  (k: number, m: number, zone: number): Detector =>
  (points, z, i) => {
    if (i < m - 1) return null;
    const s = z[i]! > zone ? 1 : z[i]! < -zone ? -1 : 0;
    if (s === 0) return null;
    const hits: number[] = [];
    for (let j = i - m + 1; j <= i; j++) if (s * z[j]! > zone) hits.push(points[j]!.index);
    return hits.length >= k ? hits : null;
  };

/** six points in a row steadily rising or falling: five differences of one sign. */
const trend: Detector = (points, _z, i) => {
  if (i < 5) return null;
  const s = sign(points[i]!.value - points[i - 1]!.value);
  if (s === 0) return null;
  for (let j = i - 4; j < i; j++) if (sign(points[j]!.value - points[j - 1]!.value) !== s) return null;
  return idx(points, i - 5, i);
};

/** fourteen points alternating: thirteen non-zero differences, each of the other sign than the one before. */
const alternating: Detector = (points, _z, i) => {
  if (i < 13) return null;
  let prev = 0;
  for (let j = i - 12; j <= i; j++) {
    const s = sign(points[j]!.value - points[j - 1]!.value);
    if (s === 0 || s === prev) return null;
    prev = s;
  }
  return idx(points, i - 13, i);
};

const within1: Detector = (points, z, i) => {
  if (i < 14) return null;
  for (let j = i - 14; j <= i; j++) if (!(Math.abs(z[j]!) < 1)) return null;
  return idx(points, i - 14, i);
};

const outside1BothSides: Detector = (points, z, i) => {
  if (i < 7) return null;
  let up = false;
  let down = false;
  for (let j = i - 7; j <= i; j++) {
    if (z[j]! > 1) up = true;
    else if (z[j]! < -1) down = true;
    else return null;
  }
  return up && down ? idx(points, i - 7, i) : null;
};

const beyond: Detector = (points, _z, i) => (beyondLimits(points[i]!) ? [points[i]!.index] : null);

const DETECTORS: Record<SpcRuleId, Detector> = {
  we1: beyond,
  we2: kOfM(2, 3, 2),
  we3: kOfM(4, 5, 1),
  we4: sameSide(8),
  nelson1: beyond,
  nelson2: sameSide(9),
  nelson3: trend,
  nelson4: alternating,
  nelson5: kOfM(2, 3, 2),
  nelson6: kOfM(4, 5, 1),
  nelson7: within1,
  nelson8: outside1BothSides,
};

/**
 * The violations of the selected rules: on the location chart every selected rule, on the spread chart the
 * beyond-limits rules. Ordered by the triggering point, then chart, then rule in catalogue order.
 */
export function checkRules(location: readonly SpcPoint[], spread: readonly SpcPoint[], rules: readonly SpcRuleId[]): SpcViolation[] {
  const selected = SPC_RULE_IDS.filter((r) => rules.includes(r));
  const out: SpcViolation[] = [];
  const run = (chart: 'location' | 'spread', points: readonly SpcPoint[], ids: readonly SpcRuleId[]) => {
    if (ids.length === 0) return;
    const z = points.map(zScore);
    for (let i = 0; i < points.length; i++) {
      for (const rule of ids) {
        const hit = DETECTORS[rule](points, z, i);
        if (hit) out.push({ rule, chart, points: hit, trigger: points[i]!.index });
      }
    }
  };
  run('location', location, selected);
  run(
    'spread',
    spread,
    selected.filter((r) => r === 'we1' || r === 'nelson1'),
  );
  const order = (r: SpcRuleId) => SPC_RULE_IDS.indexOf(r);
  return out.sort((a, b) => a.trigger - b.trigger || (a.chart === b.chart ? 0 : a.chart === 'location' ? -1 : 1) || order(a.rule) - order(b.rule));
}
