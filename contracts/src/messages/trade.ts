import { defineMessages } from './core';

/**
 * Messages of the trade module (server/src/modules/trade): the catalogue, RFQs and sealed quotes, exact money.
 * `field_…` and `trade.field.*` keys are the shorter texts shown beside one field of a form.
 */
export const tradeMessages = defineMessages('trade', {
  'trade.field.integer': 'must be a whole number',
  'trade.field.too_many_decimals': 'has too many decimals',
  'trade.field.yuan': 'must be an amount in yuan with at most two decimals',
  'trade.field.yuan_positive': 'must be an amount in yuan above zero with at most two decimals',
  'trade.field.quantity': 'must be a quantity above zero with at most three decimals',
  'trade.field.attr_filter': 'must be attribute:value',
  'trade.field.unknown_attribute': 'unknown attribute {{key}}',
  'trade.field.spur_helix_zero': 'a spur gear has a helix angle of 0°',
  'trade.field.helix_required': 'a helical, spiral bevel or hypoid gear has a helix angle above 0°',
  'trade.field.molten_no_temper': 'molten aluminium has no temper',
  'trade.field.molten_no_dimensions': 'molten aluminium has no dimensions',
  'trade.field.temper_required': 'required for solid aluminium',
  'trade.field.deadline_past': 'must be in the future',
  'trade.field.delivery_before_deadline': 'must not be before the quote deadline',
  'trade.field.not_a_supplier': 'not a supplier organisation',
  'trade.field.own_org': 'cannot invite the own organisation',
  'trade.field.invite_required': 'invite at least one supplier',
  'trade.field.tiers_ascending': 'minimum quantities must rise from tier to tier',
  'trade.field.first_tier_above_quantity': 'the first tier must start at or below the requested quantity',
  'trade.field.valid_until_past': 'must not be before the quote deadline',

  'trade.product.not_found': 'Product not found',
  'trade.product.invalid_attributes': 'The product has invalid attributes: {{fields}}',
  'trade.product.not_own': 'Only the supplier that lists a product may change it',
  'trade.supplier.not_found': 'Supplier not found',

  'trade.rfq.not_found': 'RFQ not found',
  'trade.rfq.invalid_fields': 'The RFQ has invalid fields: {{fields}}',
  'trade.rfq.closed': 'The RFQ is closed: its deadline has passed',
  'trade.rfq.cancelled': 'The RFQ has been cancelled',
  'trade.rfq.not_invited': 'Your organisation is not invited to quote on this RFQ',
  'trade.rfq.own': 'An organisation cannot quote on its own RFQ',

  'trade.award.not_closed': 'Quotes can be awarded only after the RFQ deadline',
  'trade.award.already': 'This RFQ has already been awarded',
  'trade.award.invalid_fields': 'The award has invalid fields: {{fields}}',
  'trade.award.field_unknown_quote': 'not a quote on this RFQ',
  'trade.award.field_duplicate_quote': 'the same quote is awarded twice',
  'trade.award.field_expired': 'the quote was valid until {{date}}',
  'trade.award.field_below_tier': "below the quote's smallest quantity ({{quantity}})",
  'trade.award.field_over_quantity': 'the awards add up to {{total}}, more than the requested {{quantity}}',

  'trade.quote.invalid_fields': 'The quote has invalid fields: {{fields}}',
  'trade.quote.sealed': 'Quotes are sealed until the RFQ deadline ({{deadline}})',
  'trade.quote.none': 'Your organisation has not quoted on this RFQ',
});
