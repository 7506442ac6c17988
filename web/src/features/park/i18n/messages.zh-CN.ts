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
  'park.import.out_of_scope': '不是本园区的组织，无权登记',
  'park.import.same_enterprise_as_row': '与第 {{row}} 行是同一家企业',
  'park.enterprise.field_not_enterprise': '必须是企业类型的组织',
  'park.enterprise.field_unknown_industry': '不是已收录的国民经济行业分类小类代码：{{code}}',
  'park.enterprise.field_already_registered': '已登记',

  'park.contact.not_found': '联系人不存在',
  'park.enterprise.field_unknown': '企业名录中没有该企业',

  'park.validation.percent': '请填写 0 到 100 之间的百分数，最多 4 位小数',
  'park.retrofit.not_found': '智能化改造项目不存在',
  'park.retrofit.invalid_fields': '改造项目信息有误：{{fields}}',
  'park.retrofit.field_subsidy_over_budget': '补助不能超过总投资',
  'park.retrofit.field_completed_before_start': '不能早于开工日期',

  'park.certification.not_found': '认定申请不存在',
  'park.certification.invalid_fields': '认定信息有误：{{fields}}',
  'park.certification.wrong_status': '认定申请当前所处环节不能进行此操作',
  'park.certification.field_retrofit_other': '不是该企业的改造项目',
  'park.certification.field_unknown_items': '不是该评审表的条目：{{codes}}',
  'park.certification.field_over_max': '条目 {{code}} 最高 {{max}} 分',
  'park.certification.field_items_missing': '评审表每一项都需要且只能评一次分；缺少：{{codes}}',
  'park.certification.field_below_pass': '评审得分 {{score}} 分，认定需达到 {{pass}} 分',
  'park.certification.field_number_required': '请填写证书编号',
  'park.certification.field_valid_after': '必须晚于认定日期',
  'park.certification.number_taken': '证书编号已被其他证书使用',
  'park.certification.field_number_taken': '已被使用',

  'park.validation.site_code': '请填写 1 到 20 位字母、数字或连字符',
  'park.site.not_found': '厂房或地块不存在',
  'park.site.invalid_fields': '厂房或租赁信息有误：{{fields}}',
  'park.site.code_taken': '园区已有相同编号的厂房或地块',
  'park.site.field_code_taken': '已被使用',
  'park.site.field_leased': '已出租的厂房须在租约结束后才能改变状态',
  'park.site.field_area_below_lease': '现有租约占用 {{area}} 平方米',
  'park.site.field_area_over': '该厂房或地块只有 {{area}} 平方米',
  'park.site.field_ends_after_start': '必须晚于起租日期',
  'park.site.already_leased': '该厂房或地块已出租',
  'park.site.not_leased': '该厂房或地块没有在租的租约',

  'park.chain.link_not_found': '产业链环节不存在',
  'park.chain.field_unknown_link': '不是本园区产业链的环节',
};
