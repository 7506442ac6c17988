/** The factory module's messages (`@gearbridge/contracts/factory`), its permission codes and the SPC shapes. */
export * from './schemas';
export * from './permissions';
export * from './spc';
