/** The factory module's messages (`@gearbridge/contracts/factory`), its permission codes, production (products, routings, units), the SPC shapes and logistics. */
export * from './schemas';
export * from './permissions';
export * from './production';
export * from './spc';
export * from './logistics';
export * from './ncr';
