export * from './core';
export * from './platform';
export * from './identity';
