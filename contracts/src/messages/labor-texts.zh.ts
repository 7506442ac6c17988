import type { laborMessages } from './labor';

type TextKey = Extract<keyof typeof laborMessages, `labor.text.${string}` | `labor.worker_status.${string}`>;

/**
 * zh-CN of the texts the server writes into rows (`labor.text.*`, and the status names they carry). Unlike other
 * messages, whose Chinese is written beside the web feature, these are here: the web renders them on the page
 * (spread into the labour feature's zh-CN messages) and the server in the Excel exports in Chinese.
 */
export const laborTextsZh: Record<TextKey, string> = {
  'labor.text.referral_allocation': '招聘会批量匹配「{{allocation}}」，匹配分 {{score}}',
  'labor.text.started_at': '入职 {{employer}}：{{title}}',
  'labor.text.followup_unemployed': '{{milestone}}个月回访：未就业',
  'labor.text.followup_unemployed_with': '{{milestone}}个月回访：未就业（{{problems}}）',
  'labor.text.workshop_joined': '就业帮扶车间：{{name}}',
  'labor.text.workshop_left': '离开就业帮扶车间 {{name}}：{{reason}}',
  'labor.text.welfare_post': '公益性岗位：{{post}}（{{funding}}）',
  'labor.text.training_joined': '参加培训：{{title}}',
  'labor.text.training_ended': '培训结束：{{title}}',
  'labor.text.status_change': '由{{from}}变为{{to}}：{{reason}}',
  'labor.text.registered': '登记',
  'labor.text.imported': '随花名册导入',
  'labor.worker_status.unemployed': '未就业',
  'labor.worker_status.employed_local': '本地就业',
  'labor.worker_status.employed_out_of_province': '省外就业',
  'labor.worker_status.self_employed': '自主创业',
  'labor.worker_status.public_welfare_post': '公益性岗位',
  'labor.worker_status.in_training': '参加培训',
  'labor.worker_status.unable_to_work': '无法就业',
};
