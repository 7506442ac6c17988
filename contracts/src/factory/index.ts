/** The factory module's messages (`@gearbridge/contracts/factory`) and its permission codes. */
export * from './schemas';
export * from './permissions';
export * from './production';
