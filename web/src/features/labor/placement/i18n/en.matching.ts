import type { PlacementMessages } from './zh-CN';

// Recommendations both ways and the explanation of a match score, in English; same keys as zh-CN.matching.ts.
const matching: Pick<PlacementMessages, 'factor' | 'detail' | 'exclusion' | 'listSeparator' | 'demand' | 'ageRange' | 'warning' | 'warningHint' | 'explain' | 'mode' | 'rec'> = {
  factor: { occupation: 'Trade', skill: 'Skill', region: 'Region', wage: 'Pay', housing: 'Housing', start: 'Start', certificates: 'Certificates' },
  detail: {
    occupation: {
      same: 'Same trade as wanted',
      same_minor_group: 'Same minor group as the wanted trade',
      same_middle_group: 'Same middle group as the wanted trade',
      same_major_group: 'Same major group as the wanted trade',
      different: 'Not the wanted trade',
      any: 'No trade wanted',
    },
    skill: {
      same: 'Holds this trade as a skill',
      same_minor_group: 'Holds a skill of the same minor group',
      same_middle_group: 'Holds a skill of the same middle group',
      same_major_group: 'Holds a skill of the same major group',
      none: 'No related skill',
    },
    region: {
      inside: 'Inside a wanted region',
      contains: "The post's region contains a wanted one",
      same_city: 'Same city as a wanted region',
      same_province: 'Same province as a wanted region',
      elsewhere: 'Outside the wanted regions',
      any: 'No region wanted',
    },
    wage: {
      meets: 'Pay {{range}} yuan, all at or above the wanted {{min}}',
      range_reaches: 'Pay {{range}} yuan, the top reaches the wanted {{min}}',
      unknown: 'No pay given',
      no_minimum: 'No minimum pay given',
      below_minimum: 'Pay {{range}} yuan, below the wanted {{min}}',
    },
    housing: { not_needed: 'No housing needed', provided: 'Housing needed and provided', missing: 'Housing needed, not provided' },
    start: {
      now: 'Can start now',
      ready: 'Can start within {{days}} days',
      soon: 'Can start in about {{days}} days',
      later: 'Can start only in {{days}} days',
      after_close: 'Available only after the posting closes',
    },
    certificates: {
      none_asked: 'No certificate asked',
      required_held: 'Holds the required certificates',
      preferred_held: 'Holds {{held}} of {{of}} preferred certificates',
      missing: 'Missing required certificates: {{missing}}',
    },
  },
  exclusion: {
    opening: { no_headcount: 'No open places', closed: 'Posting closed' },
    certificates: { missing: 'Missing required certificates: {{missing}}' },
    wage: { below_minimum: 'Pay below the firm minimum' },
    candidate: { cannot_work: 'Unable to work' },
    age: { outside_range: 'Aged {{age}}, outside the posting’s {{range}}' },
    ability: { demands: 'The work demands {{demands}}, which the worker’s ability to work or disability rules out' },
    occupation: { not_wanted: 'Unrelated to every occupation the worker wants' },
    region: { not_wanted: 'Outside the provinces of the regions the worker wants' },
  },
  listSeparator: ', ',
  demand: { heavy_physical: 'heavy physical work', hearing: 'hearing (site signals, driving)', sight: 'sight (driving, welding, heights)' },
  ageRange: { both: 'ages {{min}}–{{max}}', min: 'ages {{min}} and over', max: 'ages up to {{max}}' },
  warning: { age_outside_range: 'Age outside range', already_referred: 'Already referred' },
  warningHint: {
    age_outside_range: "The worker's age is now outside the posting's range (it changed since the draft); check by hand",
    already_referred: 'The worker is already referred to this posting; confirming will be refused',
  },
  explain: { title: 'Why this score', total: 'Total', excluded: 'Excluded' },
  mode: { stable: 'Stable', optimal: 'Best total' },
  rec: {
    postingsTitle: 'Recommended postings',
    workersTitle: 'Recommended workers',
    hint: 'Ranked by score; hover a score for why',
    none: 'No suitable match',
    refer: 'Refer',
    referConfirm: 'Create a referral?',
    referred: 'Referred',
    note: 'Recommended by matching (score {{score}})',
    more: 'Show all {{count}}',
    less: 'Show less',
  },
};

export default matching;
