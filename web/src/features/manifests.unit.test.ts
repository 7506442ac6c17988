import { describe, expect, it } from 'vitest';
import zhCN from '../i18n/zh-CN';
import en from '../i18n/en';
import type { Translations } from '../i18n/shape';
import { PERMISSIONS } from './auth/permissions';
import { ModuleName } from '@gearbridge/contracts/common';
import { FEATURES } from '.';
import type { FeatureRoute, Gate, MenuEntry } from './shell/manifest';
import { menuPaths, selectedKey } from './shell/menu';

type Tree = Translations | string | readonly string[];

/** Every leaf of a translation tree as 'a.b.c' (a list of strings is one leaf). */
function leaves(tree: Tree, prefix = ''): string[] {
  if (typeof tree === 'string' || Array.isArray(tree)) return [prefix];
  return Object.entries(tree as Translations).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

function lookup(tree: Tree, key: string): Tree | undefined {
  let node: Tree | undefined = tree;
  for (const part of key.split('.')) node = node && typeof node === 'object' && !Array.isArray(node) ? (node as Translations)[part] : undefined;
  return node;
}

function merge(target: Translations, source: Translations): Translations {
  const out: Translations = { ...target };
  for (const [k, v] of Object.entries(source)) {
    const t = out[k];
    out[k] = t && typeof t === 'object' && !Array.isArray(t) && typeof v === 'object' && !Array.isArray(v) ? merge(t as Translations, v as Translations) : v;
  }
  return out;
}

const resources = {
  'zh-CN': FEATURES.reduce((all, f) => (f.i18n ? merge(all, f.i18n['zh-CN']) : all), zhCN as Translations),
  en: FEATURES.reduce((all, f) => (f.i18n ? merge(all, f.i18n.en) : all), en as Translations),
};

/** Every full path a feature's routes show a page at: '/factory' (its index), '/factory/devices/:id', … */
function routePaths(routes: readonly FeatureRoute[] | undefined, parent = ''): string[] {
  return (routes ?? []).flatMap((r) => {
    if (r.index) return [parent || '/'];
    const here = `${parent}/${r.path}`;
    return r.children ? routePaths(r.children, here) : [here];
  });
}

const entries = (list: readonly MenuEntry[]): MenuEntry[] => list.flatMap((e) => [e, ...entries(e.children ?? [])]);
const gates = (g: Gate | undefined): string[] => (g === undefined ? [] : typeof g === 'string' ? [g] : [...g]);

describe('the features list', () => {
  const shellRoutes = FEATURES.flatMap((f) => routePaths(f.routes));
  const allRoutes = [...shellRoutes, ...FEATURES.flatMap((f) => routePaths(f.screens))];

  it('names each feature once, and each product module once', () => {
    const names = FEATURES.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    const modules = FEATURES.flatMap((f) => (f.module ? [f.module.name] : []));
    expect(new Set(modules).size).toBe(modules.length);
  });

  it('has a feature for every product module contracts name (identity is the shell and the admin pages)', () => {
    const modules = FEATURES.flatMap((f) => (f.module ? [f.module.name] : []));
    expect(modules.sort()).toEqual(ModuleName.options.filter((n) => n !== 'identity').sort());
  });

  it('brings the server messages of every built module (a coming module has none yet)', () => {
    for (const f of FEATURES) if (f.module && !f.module.comingSoon) expect(f.messages, `${f.name} has no messages`).toBeDefined();
  });

  it('gives every menu page a route inside the shell, and no two features the same route', () => {
    for (const path of menuPaths(FEATURES)) expect(shellRoutes, `menu entry ${path}`).toContain(path);
    expect(allRoutes.filter((p, i) => allRoutes.indexOf(p) !== i)).toEqual([]);
  });

  it('gates menu entries and modules only with permission codes the server defines', () => {
    for (const f of FEATURES) {
      const used = [...gates(f.module?.gate), ...entries(f.menu).flatMap((e) => gates(e.gate))];
      for (const code of used) expect(PERMISSIONS, `${f.name}: ${code}`).toContain(code);
    }
  });

  it('has every menu label, module name and module description in zh-CN and in English', () => {
    const keys = FEATURES.flatMap((f) => [
      ...entries(f.menu).map((e) => e.labelKey),
      ...(f.module ? [f.module.labelKey, ...['title', 'summary', 'users'].map((k) => `modules.${f.module!.name}.${k}`)] : []),
    ]);
    for (const key of keys) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const text = lookup(resources[locale], key);
        expect(typeof text === 'string' && text.length > 0, `${locale}: ${key}`).toBe(true);
      }
    }
    for (const f of FEATURES.filter((x) => x.module)) {
      for (const locale of ['zh-CN', 'en'] as const)
        expect(Array.isArray(lookup(resources[locale], `modules.${f.module!.name}.features`)), `${locale}: modules.${f.module!.name}.features`).toBe(true);
    }
  });

  it("gives each feature's translations the same keys in both languages", () => {
    expect(leaves(en as Translations).sort()).toEqual(leaves(zhCN as Translations).sort());
    for (const f of FEATURES) {
      if (!f.i18n) continue;
      expect(leaves(f.i18n.en).sort(), f.name).toEqual(leaves(f.i18n['zh-CN']).sort());
    }
  });

  it("lets no feature overwrite the shell's or another feature's texts", () => {
    const owner = new Map(leaves(zhCN as Translations).map((k) => [k, 'shell']));
    const clashes: string[] = [];
    for (const f of FEATURES) {
      for (const key of f.i18n ? leaves(f.i18n['zh-CN']) : []) {
        // The same key, or a text where another has a sub-tree (or the other way round).
        for (const [other, by] of owner) if (other === key || other.startsWith(`${key}.`) || key.startsWith(`${other}.`)) clashes.push(`${f.name}: ${key} / ${by}: ${other}`);
      }
      for (const key of f.i18n ? leaves(f.i18n['zh-CN']) : []) owner.set(key, f.name);
    }
    expect(clashes).toEqual([]);
  });
});

describe('the selected menu entry', () => {
  it('is the longest menu page a location is at or under', () => {
    const cases: [string, string][] = [
      ['/', '/'],
      ['', '/'],
      ['/factory', '/factory'],
      ['/factory/lines/3', '/factory'],
      ['/factory/devices', '/factory/devices'],
      ['/factory/devices/42', '/factory/devices'],
      ['/factory/model', '/factory/model'],
      ['/labor', '/labor'],
      ['/labor/workers/7', '/labor/workers'],
      ['/labor/postings/7', '/labor/postings'],
      ['/labor/allocations/9', '/labor/allocations'],
      ['/labor/training', '/labor/training'],
      ['/labor/unknown', '/labor'],
      ['/talent', '/talent'],
      ['/admin/orgs', '/admin/orgs'],
      ['/admin/audit', '/admin/audit'],
      ['/admin/unknown', '/admin/unknown'],
      ['/nowhere/deep', '/nowhere'],
    ];
    for (const [path, key] of cases) expect(selectedKey(FEATURES, path), path).toBe(key);
  });
});
