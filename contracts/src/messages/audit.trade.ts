import type { Labels } from './audit';

/**
 * The trade module's audit actions (`trade.<record>.<verb>`, nested by the dots) and records in words, zh and en:
 * the web's audit pages and the server's Excel export of the audit log read the same labels.
 */
const zhActions = {
  product: { create: '上架商品', update: '修改商品' },
  rfq: { create: '发布询价', award: '定标', round: '发起新一轮报价', cancel: '取消询价', attach: '上传询价图纸', detach: '删除询价图纸' },
  order: { create: '生成订单', production: '订单转生产工单', milestone: '完成订单节点' },
  quote: { submit: '提交报价', revise: '修改报价' },
  demo: { seed: '生成交易演示数据' },
  supply: { create: '签订长期供货协议', ticket: '录入过磅单', settle: '月度结算' },
  index: { prices: '录入指数价格', import: '导入指数价格' },
  certificate: { issue: '出具质量证明书', withdraw: '撤回质量证明书' },
};
const zhEntities = {
  trade_product: '交易商品',
  trade_rfq: '询价单',
  trade_quote: '报价',
  trade_order: '订单',
  trade_supply_contract: '长期供货协议',
  trade_index: '铝价指数',
  trade_certificate: '质量证明书',
};
export const tradeAudit = {
  zh: { actions: zhActions, entities: zhEntities },
  en: {
    actions: {
      product: { create: 'Product listed', update: 'Product changed' },
      rfq: {
        create: 'RFQ posted',
        award: 'RFQ awarded',
        round: 'Revision round asked',
        cancel: 'RFQ cancelled',
        attach: 'Drawing attached to an RFQ',
        detach: 'Drawing deleted from an RFQ',
      },
      order: { create: 'Order created', production: 'Order sent to production', milestone: 'Order milestone done' },
      quote: { submit: 'Quote submitted', revise: 'Quote revised' },
      demo: { seed: 'Trade demo data created' },
      supply: { create: 'Supply agreement signed', ticket: 'Weighbridge ticket recorded', settle: 'Month settled' },
      index: { prices: 'Index prices entered', import: 'Index prices imported' },
      certificate: { issue: 'Quality certificate issued', withdraw: 'Quality certificate withdrawn' },
    } satisfies Labels<typeof zhActions>,
    entities: {
      trade_product: 'Trade product',
      trade_rfq: 'RFQ',
      trade_quote: 'Quote',
      trade_order: 'Order',
      trade_supply_contract: 'Supply agreement',
      trade_index: 'Aluminium index',
      trade_certificate: 'Quality certificate',
    } satisfies Labels<typeof zhEntities>,
  },
};
