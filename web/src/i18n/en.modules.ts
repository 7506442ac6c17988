import type { Messages } from './zh-CN';

// The page of a module that is not built yet, in English; same keys as zh-CN.modules.ts.
const modules: Messages['modules'] = {
  comingTitle: 'This module is being built',
  comingDesc: 'This is what the module will do once it is available. There is no demo data yet; it will be used right here when it ships.',
  plannedFeatures: 'Planned features',
  whoUses: 'Used by',
};

export default modules;
