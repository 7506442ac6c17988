import type { PlacementMessages } from './zh-CN';

// Retention rates, in English; same keys as zh-CN.retention.ts.
const retention: Pick<PlacementMessages, 'ret'> = {
  ret: {
    title: 'Retention rate',
    subtitle: 'By start month, region and employer',
    asOf: 'As of {{d}}',
    formula: 'Retention = still employed ÷ (still employed + not employed)',
    formulaDetail:
      'Only placements whose milestone has passed and whose follow-up is recorded count; work at another employer counts as employed. Placements not yet due are left out; those due but not recorded are shown as "unknown" beside the rate and are not in it. Each milestone stands alone.',
    rate: 'Retention',
    placements: 'Placements',
    notDue: 'Not due',
    unknown: 'Unknown',
    unknownHint: 'Milestone passed, follow-up not recorded: outside the rate',
    unknownFoot: 'Due but not recorded, outside the rate',
    notDueFoot: '{{n}} not yet at the milestone',
    retained: 'Employed',
    retainedOfRecorded: 'Employed / recorded',
    sameEmployer: '{{n}} with the same employer',
    sameShort: 'same {{n}}',
    lost: 'Not employed',
    byCohort: 'By start month (month {{m}})',
    byRegion: 'By home region',
    byEnterprise: 'By employer',
    cohort: 'Start month',
    region: 'Region',
    enterprise: 'Employer',
    town: 'Town',
    county: 'County',
    none: 'No placements yet',
  },
};

export default retention;
