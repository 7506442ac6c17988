/**
 * Plain data the matching engine works on. They are deliberately not the labour module's database rows: the talent
 * module reuses the engine for experts (candidates) against a host's demand list (openings), so each caller maps
 * its own records onto these two shapes.
 */

/** Someone looking for a post: a worker (劳动力), or an expert in the talent module. */
export interface Candidate {
  id: string;
  /**
   * Wanted occupations: codes of the 2022 职业分类大典 ('6-18-01-01'). A group code ('6-18-01') stands for its group
   * and can match at most at that group's level. Empty: any occupation.
   */
  occupations: readonly string[];
  /** Occupations the candidate is skilled in (trades learnt, certified skills), in the same codes. */
  skills?: readonly string[];
  /** Wanted work regions, GB/T 2260 division codes (6, 9 or 12 digits); a code stands for everything in it. Empty: anywhere. */
  regions?: readonly string[];
  /** Minimum acceptable monthly wage in yuan. */
  minWage?: number | null;
  /** The candidate said the minimum is firm: an opening that cannot pay it is excluded, not just ranked lower. */
  minWageFirm?: boolean;
  needsHousing?: boolean;
  /** First day the candidate can start, 'YYYY-MM-DD'; absent: now. */
  availableFrom?: string | null;
  /** Certificates held, as codes shared with the openings' requirements. */
  certificates?: readonly string[];
  /** Age in whole years on the day of the match; absent: an opening's age range is not checked. */
  age?: number | null;
  /** false: the candidate cannot work at all (劳动能力: 无) and is never matched. Absent: able. */
  canWork?: boolean;
  /**
   * Demands the candidate cannot meet (partial ability to work, a disability): codes shared with Opening.demands,
   * e.g. 'heavy_physical', 'hearing'. An opening that makes one of them is excluded.
   */
  limits?: readonly string[];
}

/** A post to fill: an enterprise's labour demand (用工需求), or a host's demand-list item in the talent module. */
export interface Opening {
  id: string;
  /** Occupation code of the post, as for Candidate.occupations. */
  occupation: string;
  /** Work place, a GB/T 2260 division code. */
  region: string;
  /** Monthly wage range in yuan; either end may be missing. */
  wageMin?: number | null;
  wageMax?: number | null;
  housing?: boolean;
  /** Validity of the posting, 'YYYY-MM-DD' inclusive; the post starts at validFrom. */
  validFrom?: string | null;
  validTo?: string | null;
  /** Certificates a candidate must hold. */
  requiredCertificates?: readonly string[];
  /** Certificates that count in a candidate's favour. */
  preferredCertificates?: readonly string[];
  /** Headcount still open (headcount minus placements). The capacity in batch allocation. */
  openHeadcount: number;
  /** Age range in whole years, inclusive; either end may be missing. A candidate of known age outside it is excluded. */
  ageMin?: number | null;
  ageMax?: number | null;
  /** What the work demands of a person (codes shared with Candidate.limits), e.g. 'heavy_physical', 'hearing', 'sight'. */
  demands?: readonly string[];
}

export type Factor = 'occupation' | 'skill' | 'region' | 'wage' | 'housing' | 'start' | 'certificates';

/** Stable codes for the web to translate; never shown as they are. */
export type DetailCode =
  | 'occupation.same'
  | 'occupation.same_minor_group'
  | 'occupation.same_middle_group'
  | 'occupation.same_major_group'
  | 'occupation.different'
  | 'occupation.any'
  | 'skill.same'
  | 'skill.same_minor_group'
  | 'skill.same_middle_group'
  | 'skill.same_major_group'
  | 'skill.none'
  | 'region.inside'
  | 'region.contains'
  | 'region.same_city'
  | 'region.same_province'
  | 'region.elsewhere'
  | 'region.any'
  | 'wage.meets'
  | 'wage.range_reaches'
  | 'wage.below_minimum'
  | 'wage.unknown'
  | 'wage.no_minimum'
  | 'housing.provided'
  | 'housing.missing'
  | 'housing.not_needed'
  | 'start.ready'
  | 'start.soon'
  | 'start.later'
  | 'start.after_close'
  | 'certificates.preferred_held'
  | 'certificates.required_held'
  | 'certificates.none_asked'
  | 'certificates.missing';

export type ExclusionCode =
  | 'opening.no_headcount'
  | 'opening.closed'
  | 'certificates.missing'
  | 'wage.below_minimum'
  | 'candidate.cannot_work'
  | 'age.outside_range'
  | 'ability.demands'
  | 'occupation.not_wanted'
  | 'region.not_wanted';

export type DetailParams = Record<string, string | number | readonly string[]>;

export interface ScoreItem {
  factor: Factor;
  /**
   * Points this factor gave; negative only for a wage below a (soft) minimum — at most −20, and never more than the
   * other factors gave, so the items always add up to the total.
   */
  points: number;
  max: number;
  detail: DetailCode;
  params: DetailParams;
}

export interface Exclusion {
  code: ExclusionCode;
  params: DetailParams;
}

export interface ScoreResult {
  /** 0–100, an integer, exactly the sum of the items' points; computed for excluded pairs too, so the explanation stays complete. */
  total: number;
  /** A hard constraint failed: the pair is never recommended nor allocated. */
  excluded: boolean;
  exclusions: Exclusion[];
  /** One item per factor, always in the order of FACTORS. */
  items: ScoreItem[];
}

export interface ScoreOptions {
  /** 'YYYY-MM-DD'. Closes expired openings and measures waits from today rather than from the posting's start. */
  today?: string;
}

export interface RecommendOptions extends ScoreOptions {
  /** Leave out pairs scoring below this (default 0: every pair that is not excluded). */
  minScore?: number;
}

export interface RecommendedOpening {
  opening: Opening;
  score: number;
  explanation: ScoreResult;
}

export interface RecommendedCandidate {
  candidate: Candidate;
  score: number;
  explanation: ScoreResult;
}

export interface AllocatedPair {
  candidateId: string;
  openingId: string;
  score: number;
}

export interface Allocation {
  /** Sorted by candidate id. */
  pairs: AllocatedPair[];
  /** Candidates left without a post, sorted by id. */
  unmatched: string[];
  totalScore: number;
  stats: {
    /** Deferred acceptance: proposals made. Optimal assignment: rows × columns of the cost matrix solved. */
    work: number;
    /** Deferred acceptance: unmatched candidates who ran out of a truncated list (stable only w.r.t. those lists). */
    truncated: number;
  };
}
