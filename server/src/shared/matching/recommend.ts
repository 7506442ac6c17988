/**
 * Ranked recommendations both ways, each with the explanation its score adds up to. Build an index once per data
 * set (createIndex over openings, createCandidateIndex over candidates) and query it many times; an index is
 * immutable data plus scratch space, so one index serves one query at a time (synchronous calls never overlap).
 */
import { type CandidateIndex, openingQuery, topCandidates } from './candidate-index';
import { candidateQuery, type OpeningIndex, topOpenings } from './opening-index';
import { score } from './score';
import type { Candidate, Opening, RecommendedCandidate, RecommendedOpening, RecommendOptions } from './types';

/** The k best openings for a candidate, best first; ties go to the smaller opening id. Excluded pairs never appear. */
export function recommend(index: OpeningIndex, candidate: Candidate, k: number, options: RecommendOptions = {}): RecommendedOpening[] {
  checkK(k);
  const top = topOpenings(index, candidateQuery(index, candidate, options.today), k, options.minScore ?? 0);
  return Array.from(top.index, (i, r) => {
    const opening = index.openings[i];
    return { opening, score: top.score[r], explanation: score(candidate, opening, options) };
  });
}

/** The k best candidates for an opening, best first; ties go to the smaller candidate id. */
export function recommendCandidates(index: CandidateIndex, opening: Opening, k: number, options: RecommendOptions = {}): RecommendedCandidate[] {
  checkK(k);
  const top = topCandidates(index, openingQuery(index, opening, options.today), k, options.minScore ?? 0);
  return Array.from(top.index, (i, r) => {
    const candidate = index.candidates[i];
    return { candidate, score: top.score[r], explanation: score(candidate, opening, options) };
  });
}

function checkK(k: number) {
  if (!(k >= 0)) throw new RangeError(`k must be a number ≥ 0, is ${k}`);
}
