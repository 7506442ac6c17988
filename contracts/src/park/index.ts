/** The industrial park module's messages (`@gearbridge/contracts/park`) and its permission codes. */
export * from './money';
export * from './projects';
export * from './enterprises';
export * from './permissions';
export * from './retrofits';
export * from './space';
export * from './chains';
export * from './dashboard';
