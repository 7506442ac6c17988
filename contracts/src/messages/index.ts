export * from './core';
export * from './platform';
export * from './identity';
export * from './factory';
export * from './labor';
export * from './labor-texts.zh';
export * from './park';
export * from './audit';
