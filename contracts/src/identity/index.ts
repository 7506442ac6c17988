/** The core's messages (`@gearbridge/contracts/identity`: sessions, organisations, users, roles) and its permission codes. */
export * from './schemas';
export * from './permissions';
