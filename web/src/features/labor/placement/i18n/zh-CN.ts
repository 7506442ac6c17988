import type { Shape } from '../../../../i18n/shape';
import matching from './zh-CN.matching';
import allocation from './zh-CN.allocation';
import followups from './zh-CN.followups';
import retention from './zh-CN.retention';
import training from './zh-CN.training';

// The labour placement pages (`laborPlacement`): matching, job-fair allocation, follow-ups and anti-relapse alerts,
// retention, training — one file each; here the menu entries and what they share. Part of the labour feature's
// translations.
const laborPlacement = {
  ...matching,
  ...allocation,
  ...followups,
  ...retention,
  ...training,
  nav: {
    allocations: '批量匹配',
    followups: '稳岗回访',
    alerts: '防返贫预警',
    retention: '稳岗率',
    training: '培训与帮扶',
  },
  all: '全部',
  months_one: '{{count}} 个月',
  months_other: '{{count}} 个月',
  pickWorker: '输入姓名或证件号搜索本单位劳动力',
};

export default laborPlacement;

export type PlacementMessages = Shape<typeof laborPlacement>;
