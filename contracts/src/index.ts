export * from './common';
export * from './regions';
export * from './identity';
export * from './audit';
export * from './imports';
export * from './factory';
