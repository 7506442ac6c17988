import { describe, expect, it } from 'vitest';
import { paramNames } from '@gearbridge/contracts/messages';
import { FEATURES } from '../../features';
import { platformCatalogue } from './catalogues';

// The platform's catalogue, and each feature's (its manifest's `messages`).
const CATALOGUES = [platformCatalogue, ...FEATURES.flatMap((f) => (f.messages ? [f.messages] : []))];

// Every catalogue contracts define (contracts/src/messages/*.ts, each exporting `…Messages` objects): whatever
// the server can put in an error, the web must be able to say in both languages.
const contractModules = import.meta.glob<Record<string, unknown>>('../../../../contracts/src/messages/*.ts', { eager: true });
const contractCatalogues = Object.entries(contractModules).flatMap(([file, mod]) =>
  Object.entries(mod)
    .filter(([name, v]) => name.endsWith('Messages') && v && typeof v === 'object')
    .map(([name, v]) => ({ name: `${file.split('/').pop()}:${name}`, catalogue: v as Record<string, string> })),
);

describe('server messages', () => {
  it('finds the contracts catalogues', () => {
    expect(contractCatalogues.length).toBeGreaterThanOrEqual(2);
  });

  it.each(contractCatalogues.map((c) => [c.name, c.catalogue] as const))('%s is registered on the web with both languages', (_name, catalogue) => {
    const keys = Object.keys(catalogue);
    const registered = CATALOGUES.find((c) => keys.every((k) => k in c.en));
    expect(registered, `no feature manifest carries the messages ${keys[0]}…`).toBeDefined();
    for (const k of keys) expect(registered!.en[k]).toBe(catalogue[k]);
  });

  // zh-CN may leave a parameter out (the sentence may not need it) but never use one the server does not send.
  it.each(CATALOGUES.map((c, i) => [i, c] as const))('catalogue %i has zh-CN for every key, using only the parameters sent', (_i, c) => {
    const missing = Object.keys(c.en).filter((k) => !(k in c.zh));
    const extra = Object.keys(c.zh).filter((k) => !(k in c.en));
    expect(missing, 'keys without zh-CN').toEqual([]);
    expect(extra, 'zh-CN keys the server does not have').toEqual([]);
    const mismatched = Object.keys(c.en).filter((k) => c.zh[k] !== undefined && paramNames(c.zh[k]).some((p) => !paramNames(c.en[k]).includes(p)));
    expect(
      mismatched.map((k) => `${k}: en {${paramNames(c.en[k])}} zh {${paramNames(c.zh[k])}}`),
      'parameters differ',
    ).toEqual([]);
  });

  it('zh-CN texts are Chinese (no untranslated English sentence)', () => {
    const english = CATALOGUES.flatMap((c) => Object.entries(c.zh)).filter(([, v]) => !/[\u4e00-\u9fff]/.test(v));
    expect(english.map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });
});
