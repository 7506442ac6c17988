/** The talent module's messages (`@gearbridge/contracts/talent`), its title catalogue and its permission codes. */
export * from './permissions';
export * from './titles';
export * from './people';
export * from './secondments';
export * from './partnership';
export * from './pairings';
export * from './stats';
export * from './dispatch';
export * from './activities';
export * from './mentoring';
export * from './plans';
