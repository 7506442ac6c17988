/** The factory module's messages (`@gearbridge/contracts/factory`), its permission codes, production (products, routings, units) and the SPC shapes. */
export * from './schemas';
export * from './permissions';
export * from './production';
export * from './spc';
