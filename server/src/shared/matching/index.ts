/**
 * The matching engine: pure functions over plain data, no I/O (docs/matching.md). The labour module wires it to its
 * workers and postings; the talent module reuses it for experts against demand lists.
 */
export type {
  AllocatedPair,
  Allocation,
  Candidate,
  DetailCode,
  DetailParams,
  Exclusion,
  ExclusionCode,
  Factor,
  Opening,
  RecommendedCandidate,
  RecommendedOpening,
  RecommendOptions,
  ScoreItem,
  ScoreOptions,
  ScoreResult,
} from './types';
export { FACTORS, score } from './score';
export { MAX as FACTOR_MAX } from './fit';
export { createIndex, type OpeningIndex } from './opening-index';
export { createCandidateIndex, type CandidateIndex } from './candidate-index';
export { recommend, recommendCandidates } from './recommend';
export { allocateStable, deferredAcceptance, type PreferenceList, type StableOptions } from './allocate';
export { allocateOptimal, type OptimalOptions, type SlotMatrix, slotMatrix } from './assign';
export { InfeasibleAssignmentError, solveAssignment, type AssignmentResult } from './lap';
export {
  QUALIFICATION_MAX,
  rankQualified,
  scoreQualification,
  type QualificationDetail,
  type QualificationExclusion,
  type QualificationFactor,
  type QualificationItem,
  type QualificationScore,
  type QualifiedCandidate,
  type QualifiedNeed,
  type RankedCandidate,
} from './qualification';
