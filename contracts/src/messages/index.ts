export * from './core';
export * from './platform';
