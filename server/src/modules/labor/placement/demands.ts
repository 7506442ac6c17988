/**
 * What a kind of work demands of a person, and what a worker cannot give: the matching engine's hard limits
 * (Opening.demands against Candidate.limits, docs/matching.md). Deliberately few and coarse, and written down here:
 * - heavy_physical — heavy manual work (体力劳动强度 III–IV, GB 3869): building construction, civil works,
 *   installation, loading, foundry work. Ruled out by partial ability to work (劳动能力: 部分) and by a limb
 *   disability (肢体残疾).
 * - hearing — work where safety hangs on hearing signals, horns or a radio: construction sites, driving and
 *   operating cranes, forklifts or farm machines, guarding. Ruled out by a hearing disability (听力残疾).
 * - sight — driving and operating machines, welding, electrical work, work at height. Ruled out by a visual
 *   disability (视力残疾).
 * Work whose occupation the table does not name demands none of them. A caseworker can still refer anyone by hand;
 * the engine only never proposes these pairs.
 */

export const DEMANDS = ['heavy_physical', 'hearing', 'sight'] as const;
export type Demand = (typeof DEMANDS)[number];

/** By occupation code prefix (a group stands for everything in it); the demands of all prefixes that apply add up. */
const BY_OCCUPATION: [string, Demand[]][] = [
  ['6-29-01', ['heavy_physical', 'hearing']], // building construction: bricklayer, concrete, steel fixer, scaffolder …
  ['6-29-01-05', ['sight']], // scaffolder: at height
  ['6-29-02', ['heavy_physical', 'hearing']], // civil engineering
  ['6-29-03', ['heavy_physical']], // installation: machinery, electrical equipment, pipes
  ['6-29-04-02', ['heavy_physical', 'sight']], // curtain walls: at height
  ['4-02-05-01', ['heavy_physical']], // loading and handling
  ['6-18-02-01', ['heavy_physical']], // foundry
  ['6-18-02-04', ['sight']], // welding
  ['6-31-01-03', ['sight']], // electrician
  ['4-02-02', ['hearing', 'sight']], // road transport drivers
  ['4-02-07-10', ['hearing', 'sight']], // delivery riders
  ['6-30-05', ['hearing', 'sight']], // cranes, forklifts, excavators
  ['5-05-05-01', ['hearing', 'sight']], // farm machinery
  ['4-07-05-01', ['hearing']], // security guard
];

export function occupationDemands(code: string): Demand[] {
  const out = new Set<Demand>();
  for (const [prefix, demands] of BY_OCCUPATION) if (code === prefix || code.startsWith(`${prefix}-`)) for (const d of demands) out.add(d);
  return DEMANDS.filter((d) => out.has(d));
}

/** A disability as recorded (free text, e.g. 听力残疾四级, or in English) to the demands it rules out. */
const BY_DISABILITY: [RegExp, Demand[]][] = [
  [/听力|聋|hearing|deaf/i, ['hearing']],
  [/视力|盲|视觉|visual|vision|sight|blind/i, ['sight']],
  [/肢体|limb|physical|mobility/i, ['heavy_physical']],
];

/** The demands a worker cannot meet, from the ability to work and the disability recorded. */
export function workerLimits(workAbility: string, disability: string | null): Demand[] {
  const out = new Set<Demand>();
  if (workAbility === 'partial') out.add('heavy_physical');
  if (disability) for (const [re, demands] of BY_DISABILITY) if (re.test(disability)) for (const d of demands) out.add(d);
  return DEMANDS.filter((d) => out.has(d));
}
