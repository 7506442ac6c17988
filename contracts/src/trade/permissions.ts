/** The trade module's permission codes; the server labels them (zh/en) and grants them through its roles. */
export const TRADE_PERMISSIONS = {
  /** The catalogue, supplier storefronts, and the RFQs the own organisation may see (its own, invited, open). */
  read: 'trade.read',
  /** List and edit the own organisation's products. */
  sell: 'trade.sell',
  /** Post RFQs for the own organisation, and read their quotes once the deadline has passed. */
  buy: 'trade.buy',
  /** Quote on RFQs the own organisation is invited to or that are open; read only the own quotes. */
  quote: 'trade.quote',
  /** The platform operator: every RFQ in the region scope (never a quote before its RFQ's deadline). */
  operate: 'trade.operate',
} as const;

export type TradePermission = (typeof TRADE_PERMISSIONS)[keyof typeof TRADE_PERMISSIONS];
