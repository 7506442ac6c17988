/**
 * Test data only (imported by the *.unit.test.ts files next to it): small random markets drawn from a tiny
 * vocabulary, so that codes share groups, places nest, wages straddle minimums and dates straddle windows — every
 * case of every factor comes up, and ties are frequent.
 */
import fc from 'fast-check';
import type { Candidate, Opening } from '../types';

export const TODAY = '2026-03-01';
const CODES = ['6-18-01-01', '6-18-01-02', '6-18-02-01', '6-19-01-01', '4-01-01-01', '6-18-01', '6'];
const PLACES = ['370000', '371300', '371302', '371302001', '371302001001', '371311', '500229', '500229106', '500110', '500000'];
const CERTIFICATES = ['weld', 'forklift', 'electric'];
/** What a post may demand of a person, and what a person may not be able to give. */
export const DEMANDS = ['heavy_physical', 'hearing', 'sight'];
const DAYS = ['2026-01-15', '2026-02-20', '2026-03-01', '2026-03-10', '2026-04-15', '2026-06-01'];

const some = <T>(xs: readonly T[], max: number) => fc.uniqueArray(fc.constantFrom(...xs), { maxLength: max });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const wage = maybe(fc.integer({ min: 4, max: 16 }).map((x) => x * 500));
const day = maybe(fc.constantFrom(...DAYS));

/** Ids in an order unrelated to generation order, so tie-breaking by id is really tested. */
const withIds = <T>(prefix: string, items: T[]) => items.map((item, i) => ({ ...item, id: `${prefix}${String((i * 7919) % 1000).padStart(3, '0')}` }));

export const candidateArb: fc.Arbitrary<Omit<Candidate, 'id'>> = fc.record({
  occupations: some(CODES, 2),
  skills: some(CODES, 2),
  regions: some(PLACES, 2),
  minWage: wage,
  minWageFirm: fc.boolean(),
  needsHousing: fc.boolean(),
  availableFrom: day,
  certificates: some(CERTIFICATES, 3),
  age: maybe(fc.integer({ min: 16, max: 70 })),
  canWork: fc.option(fc.boolean(), { freq: 3, nil: undefined }),
  limits: some(DEMANDS, 2),
});

export const openingArb: fc.Arbitrary<Omit<Opening, 'id'>> = fc.record({
  occupation: fc.constantFrom(...CODES),
  region: fc.constantFrom(...PLACES),
  wageMin: wage,
  wageMax: wage,
  housing: fc.boolean(),
  validFrom: day,
  validTo: day,
  requiredCertificates: some(CERTIFICATES, 1),
  preferredCertificates: some(CERTIFICATES, 2),
  openHeadcount: fc.integer({ min: 0, max: 3 }),
  ageMin: maybe(fc.integer({ min: 16, max: 45 })),
  ageMax: maybe(fc.integer({ min: 35, max: 65 })),
  demands: some(DEMANDS, 2),
});

export const candidatesArb = (max: number) => fc.array(candidateArb, { minLength: 1, maxLength: max }).map((cs) => withIds('w', cs) as Candidate[]);
export const openingsArb = (max: number) => fc.array(openingArb, { minLength: 1, maxLength: max }).map((os) => withIds('p', os) as Opening[]);

export const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
