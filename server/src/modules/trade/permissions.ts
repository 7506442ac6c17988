import { TRADE_PERMISSIONS } from '@gearbridge/contracts/trade';
import type { PermissionDef, RoleTemplate } from '../../platform/module';

/** The trade module's permission codes (contracts, where each is described), labelled here. */
export const TP = TRADE_PERMISSIONS;

export const tradePermissions: PermissionDef[] = [
  { code: TP.read, zh: '查看产业交易商品与询价', en: 'View the trade catalogue and RFQs' },
  { code: TP.sell, zh: '管理本单位商品', en: "Manage the own organisation's products" },
  { code: TP.buy, zh: '发布询价并比较报价', en: 'Post RFQs and compare quotes' },
  { code: TP.quote, zh: '对询价报价', en: 'Quote on RFQs' },
  { code: TP.operate, zh: '运营交易平台', en: 'Operate the trade platform' },
];

/**
 * Trade permissions on the core's buyer and supplier roles (merged by code at start) and the platform operator's
 * role. Buyers and suppliers act for their own organisation only; the operator's grant with a region reaches the
 * RFQs of every organisation in that subtree — never a quote before its RFQ's deadline.
 */
export const tradeRoles: RoleTemplate[] = [
  // youshen.buyer (上海友升铝业), jingjiang.buyer (荆江半轴): post RFQs, read their quotes after the deadline.
  { code: 'buyer', zh: '采购商', en: 'Buyer', permissions: [TP.read, TP.buy] },
  // qineng.supplier (旗能电铝), xingxu.supplier (星旭铝业), gear.sales (綦江齿轮传动): list products, quote.
  { code: 'supplier', zh: '供应商', en: 'Supplier', permissions: [TP.read, TP.sell, TP.quote] },
  // park.trade: the park administration runs the trade platforms.
  { code: 'trade_operator', zh: '交易平台运营', en: 'Trade platform operator', permissions: [TP.read, TP.operate] },
];
