import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { composeMessages, loadModuleConfigs, mergeRoleTemplates, moduleContexts } from './bootstrap';
import { ConfigError, type Config } from './config';
import type { GearbridgeModule, ModuleContext } from './module';
import type { FactoryInterface } from '@gearbridge/contracts/factory/interface';

const mod = (name: string, extra: Partial<GearbridgeModule> = {}): GearbridgeModule => ({ name, permissions: [], roles: [], ...extra });
const withVars = (vars: Record<string, string>) => ({ vars }) as Config;

describe('composing modules', () => {
  const base = {} as Omit<ModuleContext, 'moduleConfig' | 'interfaces'>;
  const kpis: FactoryInterface = {
    plantKpis: async () => null,
    partsOf: async () => [],
    workOrderForOrder: async () => {
      throw new Error('not called here');
    },
    releaseForOrder: async () => {
      throw new Error('not called here');
    },
    progressByReference: async () => [],
    deliveriesOf: async () => [],
    deliveryQuality: async () => null,
  };

  it('hands every module what the others provide, and each its own configuration', () => {
    const seen: unknown[] = [];
    const factory = mod('factory', { provides: () => ({ factory: kpis }) });
    const park = mod('park', {
      provides: (ctx) => {
        seen.push(ctx.moduleConfig);
        return {};
      },
    });
    const { contextOf } = moduleContexts(base, [park, factory], new Map([['park', { p: 1 }]]));
    // Provided in list order, but read later: the park (listed first) sees the factory's interface too.
    expect(contextOf('park').interfaces.factory).toBe(kpis);
    expect(contextOf('factory').interfaces.factory).toBe(kpis);
    expect(contextOf('park').moduleConfig).toEqual({ p: 1 });
    expect(seen).toEqual([{ p: 1 }]);
    expect(() => contextOf('labor')).toThrow(/no module named labor/);
  });

  it('refuses a module providing an interface under another name', () => {
    const impostor = mod('trade', { provides: () => ({ factory: kpis }) });
    expect(() => moduleContexts(base, [impostor], new Map())).toThrow(/module trade provides interfaces under other names: factory/);
  });

  it("parses each module's configuration from the environment, by module name", () => {
    const a = mod('alpha', { config: z.object({ ALPHA_LIMIT: z.coerce.number().int().default(5) }) });
    const b = mod('beta', { config: z.object({ BETA_URL: z.string().optional() }).transform((e) => ({ url: e.BETA_URL ?? null })) });
    const configs = loadModuleConfigs([a, b, mod('gamma')], withVars({ ALPHA_LIMIT: '9' }));
    expect([...configs]).toEqual([
      ['alpha', { ALPHA_LIMIT: 9 }],
      ['beta', { url: null }],
      ['gamma', undefined],
    ]);
  });

  it("stops on a module's bad variable with a ConfigError naming it", () => {
    const a = mod('alpha', { config: z.object({ ALPHA_LIMIT: z.coerce.number().int().min(1) }) });
    expect(() => loadModuleConfigs([a], withVars({ ALPHA_LIMIT: '0' }))).toThrow(ConfigError);
    expect(() => loadModuleConfigs([a], withVars({ ALPHA_LIMIT: '0' }))).toThrow(/^ALPHA_LIMIT: /);
  });

  it("joins the modules' message catalogues and refuses a key defined twice", () => {
    const a = mod('alpha', { messages: { 'alpha.thing.not_found': 'Thing not found' } });
    const b = mod('beta', { messages: { 'beta.part.in_use': 'The part {name} is in use' } });
    expect(composeMessages([a, b, mod('gamma')])).toEqual({ 'alpha.thing.not_found': 'Thing not found', 'beta.part.in_use': 'The part {name} is in use' });
    const clash = mod('gamma', { messages: { 'alpha.thing.not_found': 'Other text' } });
    expect(() => composeMessages([a, clash])).toThrow('message key alpha.thing.not_found is defined twice (module gamma)');
  });

  it('merges role templates of the same code across modules', () => {
    const merged = mergeRoleTemplates([
      { code: 'plant_manager', zh: '厂长', en: 'Plant manager', permissions: ['org.read'] },
      { code: 'plant_manager', zh: '厂长', en: 'Plant manager', permissions: ['factory.read', 'org.read'] },
      { code: 'auditor', zh: '审计员', en: 'Auditor', permissions: ['audit.read'] },
    ]);
    expect(merged).toEqual([
      { code: 'plant_manager', zh: '厂长', en: 'Plant manager', permissions: ['org.read', 'factory.read'] },
      { code: 'auditor', zh: '审计员', en: 'Auditor', permissions: ['audit.read'] },
    ]);
  });
});
