/** The trade module's messages (`@gearbridge/contracts/trade`), exact money and its permission codes. */
export * from './catalogue';
export * from './rfqs';
export * from './money';
export * from './permissions';
