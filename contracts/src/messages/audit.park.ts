import type { Labels } from './audit';

/**
 * The park module's audit actions (`park.<record>.<verb>`) and records in words, zh and en: the web's audit pages
 * and the server's Excel export of the audit log read the same labels.
 */
const zhActions = {
  demo_seed: '写入园区演示数据',
  project: { create: '登记招商项目', update: '修改招商项目', stage: '推进项目阶段', stage_back: '项目阶段回退' },
  batch: { create: '举行集中仪式批次' },
  enterprise: { create: '登记园区企业', update: '修改园区企业', year: '填报年度经营数据', contact_add: '添加企业联系人' },
  retrofit: { create: '登记智能化改造项目', update: '修改智能化改造项目' },
  certification: { apply: '提交认定申请', review: '认定评审打分', decide: '作出认定决定', attach: '上传认定材料', detach: '删除认定材料' },
  site: { create: '登记厂房或地块', update: '修改厂房或地块' },
  lease: { create: '出租厂房或地块', end: '结束租约' },
  chain: {
    link_enterprise_add: '把企业放上产业链环节',
    link_enterprise_remove: '把企业移出产业链环节',
    create: '新建产业链',
    update: '修改产业链',
    link_create: '新建产业链环节',
    link_update: '修改产业链环节',
    edge_add: '连接产业链环节',
    edge_remove: '移除产业链环节连接',
    delete: '删除产业链',
    link_delete: '删除产业链环节',
    link_reorder: '调整产业链环节顺序',
  },
};
const zhEntities = {
  park_project: '招商项目',
  park_batch: '集中仪式批次',
  park_enterprise: '园区企业',
  park_contact: '企业联系人',
  park_retrofit: '智能化改造项目',
  park_certification: '智能工厂/数字化车间认定',
  park_site: '厂房或地块',
  park_lease: '厂房租约',
  park_chain_link: '产业链环节',
  park_chain: '产业链',
};
const enActions: Labels<typeof zhActions> = {
  demo_seed: 'Write the park demo data',
  project: { create: 'Record investment project', update: 'Edit investment project', stage: 'Advance project stage', stage_back: 'Move project stage back' },
  batch: { create: 'Hold ceremony batch' },
  enterprise: { create: 'Register park enterprise', update: 'Edit park enterprise', year: 'Record yearly figures', contact_add: 'Add enterprise contact' },
  retrofit: { create: 'Record smart-retrofit project', update: 'Edit smart-retrofit project' },
  certification: {
    apply: 'File certification application',
    review: 'Score certification review',
    decide: 'Decide certification',
    attach: 'Attach certification document',
    detach: 'Delete certification document',
  },
  site: { create: 'Record building or plot', update: 'Edit building or plot' },
  lease: { create: 'Lease building or plot', end: 'End lease' },
  chain: {
    link_enterprise_add: 'Put enterprise on chain link',
    link_enterprise_remove: 'Take enterprise off chain link',
    create: 'Create industrial chain',
    update: 'Edit industrial chain',
    link_create: 'Create chain link',
    link_update: 'Edit chain link',
    edge_add: 'Connect chain links',
    edge_remove: 'Remove chain link connection',
    delete: 'Delete industrial chain',
    link_delete: 'Delete chain link',
    link_reorder: 'Reorder chain links',
  },
};
const enEntities: Labels<typeof zhEntities> = {
  park_project: 'Investment project',
  park_batch: 'Ceremony batch',
  park_enterprise: 'Park enterprise',
  park_contact: 'Enterprise contact',
  park_retrofit: 'Smart-retrofit project',
  park_certification: 'Smart factory / digital workshop certification',
  park_site: 'Building or plot',
  park_lease: 'Lease',
  park_chain_link: 'Chain link',
  park_chain: 'Industrial chain',
};

export const parkAudit = { zh: { actions: zhActions, entities: zhEntities }, en: { actions: enActions, entities: enEntities } };
