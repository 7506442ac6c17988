import type { parkMessages } from '@gearbridge/contracts/messages';

/** zh-CN of contracts/src/messages/park.ts (same keys, only the parameters sent; web/src/i18n/messages/messages.unit.test.ts checks). */
export const zhPark: Record<keyof typeof parkMessages, string> = {
  'park.validation.amount_yi': '请填写以亿元计的金额，最多 8 位小数',
  'park.validation.amount_positive': '金额必须大于零',
  'park.validation.industry_code': '请填写国民经济行业分类（GB/T 4754-2017）小类代码，如 C3453',
  'park.validation.whole_yuan': '请填写整数元',

  'park.org.unknown': '未知的组织',
  'park.org.field_unknown': '未知的组织',
  'park.field.in_future': '不能晚于今天',

  'park.project.not_found': '招商项目不存在',
  'park.project.invalid_fields': '项目信息有误：{{fields}}',
  'park.project.field_unknown_org': '未知的组织',

  'park.stage.unchanged': '项目已处于该阶段',
  'park.stage.back_needs_reason': '项目回退到较早阶段必须填写原因',
  'park.stage.field_reason_required': '回退必须填写原因',
  'park.stage.before_previous': '新阶段的日期不能早于当前阶段的开始日期（{{date}}）',
  'park.stage.field_on_or_after': '不能早于 {{date}}',
  'park.stage.in_future': '阶段日期不能晚于今天',

  'park.batch.not_found': '集中仪式批次不存在',
  'park.batch.invalid_fields': '集中仪式信息有误：{{fields}}',
  'park.batch.field_unknown_projects': '有 {{count}} 个项目不存在或不在您的管辖范围内',
  'park.batch.field_past_stage': '有 {{count}} 个项目已超过该阶段，不能加入',
  'park.batch.field_after_day': '有 {{count}} 个项目进入当前阶段的日期晚于仪式日期',

  'park.enterprise.not_found': '企业名录中没有该企业',
  'park.enterprise.invalid_fields': '企业信息有误：{{fields}}',
  'park.enterprise.duplicate': '该组织已在园区企业名录中',
  'park.enterprise.field_not_enterprise': '必须是企业类型的组织',
  'park.enterprise.field_unknown_industry': '不是已收录的国民经济行业分类小类代码：{{code}}',
  'park.enterprise.field_already_registered': '已登记',

  'park.contact.not_found': '联系人不存在',
};
