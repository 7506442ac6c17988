import type { Shape } from '../../../i18n/shape';

// The labour module's cards on the home page (工作台).
const zhCN = {
  laborWorkbench: {
    todo: '今日待办',
    dueToday: '今日到期回访',
    overdue: '逾期回访',
    openAlerts: '防返贫预警',
    waiting: '待推进的推荐',
    overdueList: '最该先打的回访',
    noneOverdue: '没有逾期或今日到期的回访。',
    recordVisit: '记录回访',
    milestone: '第 {{m}} 个月',
    dueOn: '{{date}} 到期',
    daysOverdue: '逾期 {{count}} 天',
    alerts: '待处理的防返贫预警',
    noAlerts: '没有待处理的预警。',
    referrals: '推荐进度',
    referralsHint: '尚未上岗或未被拒绝的推荐，按所处环节',
    status: {
      recommended: '已推荐',
      contacted: '已联系',
      interviewed: '已面试',
      hired: '已录用',
    },
    sharedIn: '新共享给我方',
    sharedInHint: '近 7 天协作地区共享来的劳动力与岗位',
    noSharedIn: '近 7 天没有新的共享。',
    kind: {
      worker: '劳动力',
      posting: '岗位',
    },
    from: '来自 {{org}}',
    postings: '在招岗位',
    postingsHint: '在招岗位及尚缺人数',
    openHeadcount: '尚缺 {{count}} 人',
    openHeadcountTotal: '共缺 {{count}} 人',
    noPostings: '没有在招的岗位。',
    newPosting: '发布用工需求',
  },
};
export const laborWorkbenchZh = zhCN;
export type LaborWorkbenchMessages = Shape<typeof zhCN>;

export const laborWorkbenchEn: LaborWorkbenchMessages = {
  laborWorkbench: {
    todo: 'To do today',
    dueToday: 'Follow-ups due today',
    overdue: 'Overdue follow-ups',
    openAlerts: 'Anti-relapse alerts',
    waiting: 'Referrals in progress',
    overdueList: 'Follow-ups to call first',
    noneOverdue: 'No follow-up is overdue or due today.',
    recordVisit: 'Record follow-up',
    milestone: 'Month {{m}}',
    dueOn: 'due {{date}}',
    daysOverdue: '{{count}} days overdue',
    alerts: 'Anti-relapse alerts to handle',
    noAlerts: 'No alert to handle.',
    referrals: 'Referral progress',
    referralsHint: 'Referrals not yet started or declined, by step',
    status: {
      recommended: 'Recommended',
      contacted: 'Contacted',
      interviewed: 'Interviewed',
      hired: 'Hired',
    },
    sharedIn: 'Newly shared with us',
    sharedInHint: 'Workers and postings the partner region shared in the last 7 days',
    noSharedIn: 'Nothing new shared in the last 7 days.',
    kind: {
      worker: 'Worker',
      posting: 'Posting',
    },
    from: 'from {{org}}',
    postings: 'Open postings',
    postingsHint: 'Postings still hiring and the people they still need',
    openHeadcount: '{{count}} still needed',
    openHeadcountTotal: '{{count}} still needed in all',
    noPostings: 'No posting is hiring.',
    newPosting: 'Post labour demand',
  },
};
