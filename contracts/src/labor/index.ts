/** The labour module's messages (`@gearbridge/contracts/labor`) and its permission codes. */
export * from './workers';
export * from './postings';
export * from './sharing';
export * from './referrals';
export * from './referral-view';
export * from './matching';
export * from './followups';
export * from './training';
export * from './stats';
export * from './permissions';
