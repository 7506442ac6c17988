import type { tradeMessages } from '@gearbridge/contracts/messages';

/** zh-CN of contracts/src/messages/trade.ts (same keys, only the parameters sent; web/src/i18n/messages/messages.unit.test.ts checks). */
export const zhTrade: Record<keyof typeof tradeMessages, string> = {
  'trade.field.integer': '必须是整数',
  'trade.field.too_many_decimals': '小数位数过多',
  'trade.field.yuan': '必须是以元为单位、最多两位小数的金额',
  'trade.field.yuan_positive': '必须是大于零、最多两位小数的金额（元）',
  'trade.field.quantity': '必须是大于零、最多三位小数的数量',
  'trade.field.attr_filter': '格式应为 属性:取值',
  'trade.field.unknown_attribute': '未知的属性 {{key}}',
  'trade.field.spur_helix_zero': '直齿轮的螺旋角为 0°',
  'trade.field.helix_required': '斜齿轮、螺旋锥齿轮和准双曲面齿轮的螺旋角应大于 0°',
  'trade.field.molten_no_temper': '铝液没有状态',
  'trade.field.molten_no_dimensions': '铝液没有规格尺寸',
  'trade.field.temper_required': '固态铝材必须填写状态',
  'trade.field.deadline_past': '必须晚于当前时间',
  'trade.field.delivery_before_deadline': '不能早于报价截止时间',
  'trade.field.not_a_supplier': '不是供应商企业',
  'trade.field.own_org': '不能邀请本单位',
  'trade.field.invite_required': '至少邀请一家供应商',
  'trade.field.tiers_ascending': '各阶梯的起订数量必须逐级递增',
  'trade.field.first_tier_above_quantity': '第一档的起订数量不能高于询价数量',
  'trade.field.valid_until_past': '不能早于报价截止时间',

  'trade.product.not_found': '商品不存在或已下架',
  'trade.product.invalid_attributes': '商品属性有误：{{fields}}',
  'trade.product.not_own': '只有上架该商品的供应商才能修改它',
  'trade.supplier.not_found': '供应商不存在',

  'trade.rfq.not_found': '询价不存在',
  'trade.rfq.invalid_fields': '询价有误：{{fields}}',
  'trade.rfq.closed': '询价已截止，不能再报价',
  'trade.rfq.cancelled': '询价已取消',
  'trade.rfq.not_invited': '本单位未被邀请对该询价报价',
  'trade.rfq.own': '不能对本单位发布的询价报价',

  'trade.quote.invalid_fields': '报价有误：{{fields}}',
  'trade.quote.sealed': '报价密封至询价截止时间（{{deadline}}）',
  'trade.quote.none': '本单位尚未对该询价报价',
};
