export * from './mask';
export * from './crypto';
