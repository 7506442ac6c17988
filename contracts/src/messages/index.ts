export * from './core';
export * from './platform';
export * from './identity';
export * from './factory';
export * from './labor';
export * from './trade';
export * from './labor-texts.zh';
export * from './audit';
