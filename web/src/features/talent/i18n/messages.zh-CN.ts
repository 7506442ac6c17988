import type { talentMessages } from '@gearbridge/contracts/messages';

/** zh-CN of contracts/src/messages/talent.ts (same keys, only the parameters sent; web/src/i18n/messages/messages.unit.test.ts checks). */
export const zhTalent: Record<keyof typeof talentMessages, string> = {
  'talent.org.unknown': '未知的单位',
  'talent.org.field_unknown': '未知的单位',
  'talent.org.not_in_partnership': '该单位所在地区不在任何协作结对中',
  'talent.org.field_not_in_partnership': '不在协作结对地区',
  'talent.field.invalid': '以下信息有误：{{fields}}',
  'talent.field.on_or_after': '不能早于 {{date}}',

  'talent.person.not_found': '人员不存在，可能已被删除',
  'talent.person.out_of_scope': '该人员属于您管辖范围之外的单位',
  'talent.person.partner_read_only': '协作方的记录对您只读',
  'talent.person.duplicate': '该身份证号已登记，不能重复登记',
  'talent.person.field_already_registered': '已登记',
  'talent.person.id_format': '身份证号应为 17 位数字加 1 位数字或 X',
  'talent.person.id_region': '身份证号的地区码 {{code}} 不是有效的行政区划',
  'talent.person.id_birth_date': '身份证号中的出生日期 {{date}} 不正确',
  'talent.person.id_check_digit': '身份证号校验位不正确',
  'talent.person.title_not_for_sector': '该职称与所选领域不符',
  'talent.person.field_unknown': '未知的人员',

  'talent.secondment.not_found': '挂职记录不存在，可能已被删除',
  'talent.secondment.out_of_scope': '该挂职记录属于您管辖范围之外的单位',
  'talent.secondment.overlap': '此人已有 {{startsOn}} 至 {{endsOn}} 的挂职，期限不能重叠',
  'talent.secondment.field_overlap': '与 {{startsOn}} 至 {{endsOn}} 的挂职重叠',
  'talent.secondment.host_not_partner': '须为协作方地区的单位',
  'talent.secondment.unknown_programme': '未知的项目',

  'talent.pairing.not_found': '结对记录不存在，可能已被删除',
  'talent.pairing.out_of_scope': '结对双方都不在您的管辖范围内',
  'talent.pairing.not_west': '须为城口方的单位',
  'talent.pairing.not_east': '须为临沂方的单位',
  'talent.pairing.kind_mismatch': '单位类型与结对类型不符',
  'talent.pairing.duplicate': '这两个单位已经结对',
  'talent.pairing.field_duplicate': '已与该单位结对',
};
