import type { Labels } from './audit';

/** The talent module's audit actions (`talent.<record>.<verb>`) and records in words, zh and en. */
const zhActions = {
  demo_seed: '写入人才协作演示数据',
  person: { create: '登记人才', update: '修改人才信息' },
  secondment: { create: '登记挂职', update: '修改挂职', report: '提交挂职报告' },
  pairing: { create: '登记结对共建', agreement: '登记结对协议' },
  demand: { create: '发布需求清单' },
  dispatch: { issue: '下达选派单', approve: '批准选派', decline: '不批准选派' },
  activity: { create: '登记活动' },
  outcome: { create: '登记成果' },
  mentorship: { create: '登记师徒结对', log: '记录带教日志' },
  plan: { create: '建立年度工作计划', close: '关闭年度工作计划', reopen: '重新打开年度工作计划' },
  plan_item: { create: '添加计划事项', update: '修改计划事项', note: '记录计划事项进展', carry_over: '结转计划事项至下年度计划' },
  visit: { create: '登记高层互访或联席会议', update: '修改高层互访或联席会议', follow_up: '添加会议跟进事项' },
};
const zhEntities = {
  talent_person: '人才',
  talent_secondment: '挂职',
  talent_pairing: '结对共建',
  talent_demand: '需求清单',
  talent_dispatch: '选派单',
  talent_activity: '活动',
  talent_outcome: '成果',
  talent_mentorship: '师徒结对',
  talent_plan: '年度工作计划',
  talent_plan_item: '计划事项',
  talent_visit: '互访与会议',
};
export const talentAudit = {
  zh: { actions: zhActions, entities: zhEntities },
  en: {
    actions: {
      demo_seed: 'Talent demo data written',
      person: { create: 'Person registered', update: 'Person changed' },
      secondment: { create: 'Secondment recorded', update: 'Secondment changed', report: 'Secondment report filed' },
      pairing: { create: 'Institution pairing recorded', agreement: 'Pairing agreement recorded' },
      demand: { create: 'Demand posted' },
      dispatch: { issue: 'Dispatch order issued', approve: 'Dispatch approved', decline: 'Dispatch declined' },
      activity: { create: 'Activity recorded' },
      outcome: { create: 'Outcome recorded' },
      mentorship: { create: 'Mentorship recorded', log: 'Mentoring log added' },
      plan: { create: 'Annual plan drawn up', close: 'Annual plan closed', reopen: 'Annual plan reopened' },
      plan_item: { create: 'Plan item added', update: 'Plan item changed', note: 'Plan item progress noted', carry_over: "Plan item carried into the next year's plan" },
      visit: { create: 'Visit or joint meeting recorded', update: 'Visit or joint meeting changed', follow_up: 'Follow-up added' },
    } satisfies Labels<typeof zhActions>,
    entities: {
      talent_person: 'Person',
      talent_secondment: 'Secondment',
      talent_pairing: 'Institution pairing',
      talent_demand: 'Demand',
      talent_dispatch: 'Dispatch order',
      talent_activity: 'Activity',
      talent_outcome: 'Outcome',
      talent_mentorship: 'Mentorship',
      talent_plan: 'Annual plan',
      talent_plan_item: 'Plan item',
      talent_visit: 'Visit or meeting',
    } satisfies Labels<typeof zhEntities>,
  },
};
