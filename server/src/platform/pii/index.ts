export * from './idcard';
export * from './mask';
export * from './crypto';
