import type { PlacementMessages } from './zh-CN';
import matching from './en.matching';
import allocation from './en.allocation';
import followups from './en.followups';
import retention from './en.retention';
import training from './en.training';

// The labour placement pages in English; same keys as zh-CN.ts (the type enforces it).
const laborPlacement: PlacementMessages = {
  ...matching,
  ...allocation,
  ...followups,
  ...retention,
  ...training,
  nav: {
    allocations: 'Job-fair allocation',
    followups: 'Follow-ups',
    alerts: 'Relapse alerts',
    retention: 'Retention',
    training: 'Training & support',
  },
  all: 'All',
  months_one: '{{count}} month',
  months_other: '{{count}} months',
  pickWorker: 'Search own workers by name or number',
};

export default laborPlacement;
