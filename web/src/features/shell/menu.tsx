import type { MenuProps } from 'antd';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { Me, ModuleStatus } from '../../api/types';
import { allowed, usedBy, type FeatureManifest, type MenuEntry, type ProductModuleInfo } from './manifest';
import { isAvailable } from './useModules';

type Item = Required<MenuProps>['items'][number];

/** The entry of a module that is not built (or not open to this user) yet: its name, marked while it is coming. */
function comingItem(module: ProductModuleInfo, modules: ModuleStatus[] | undefined, t: TFunction): Item {
  return {
    key: `/${module.name}`,
    icon: module.icon,
    label: (
      <span className="gb-menu-label">
        <span className="gb-menu-label__text">{t(module.labelKey)}</span>
        {!isAvailable(modules, module.name) && (
          <Tag className="gb-soon-tag" variant="filled" color="gold">
            {t('common.soon')}
          </Tag>
        )}
      </span>
    ),
  };
}

function entryItems(entries: readonly MenuEntry[], me: Me, t: TFunction): Item[] {
  return entries.flatMap((e): Item[] => {
    if (!allowed(me, e.gate)) return [];
    const label = e.renderLabel ? e.renderLabel(t(e.labelKey)) : t(e.labelKey);
    if (!e.children) return [{ key: e.key, icon: e.icon, label }];
    const children = entryItems(e.children, me, t);
    if (!children.length) return [];
    return [e.group ? { type: 'group', key: e.key, label, children } : { key: e.key, icon: e.icon, label, children }];
  });
}

/**
 * The side menu, showing only what the user may open, in the order of the features' list. Keys are route paths.
 * A module not built yet always shows its "coming" entry. A built module shows its entries to holders of its gate;
 * everyone else sees its "coming" entry until the server releases it, and nothing once it has (no access to it).
 */
export function buildMenu(features: readonly FeatureManifest[], me: Me, modules: ModuleStatus[] | undefined, t: TFunction): Item[] {
  return features.flatMap((f): Item[] => {
    const m = f.module;
    if (m && !usedBy(m, me)) return [];
    if (m?.comingSoon) return [comingItem(m, modules, t)];
    if (m && !(m.gate && allowed(me, m.gate))) return isAvailable(modules, m.name) ? [] : [comingItem(m, modules, t)];
    return entryItems(f.menu, me, t);
  });
}

/** Every page key of the menu (whoever may see it), with the "coming" entries of the modules. */
export function menuPaths(features: readonly FeatureManifest[]): string[] {
  const leaves = (entries: readonly MenuEntry[]): string[] => entries.flatMap((e) => (e.children ? leaves(e.children) : [e.key]));
  return features.flatMap((f) => [...(f.module ? [`/${f.module.name}`] : []), ...leaves(f.menu)]);
}

/**
 * The sub-menus open when the shell opens: those marked open, and the one of the page opened directly (a link, a
 * reload). With `me`, a module's marked sub-menus open only for the kind of organisation it is first for (its first
 * `orgKinds`): a plant's people get the factory menu open, a park officer who may also read the plant does not.
 */
export function openKeys(features: readonly FeatureManifest[], selected: string, me?: Me): string[] {
  const marked = (entries: readonly MenuEntry[]): string[] => entries.flatMap((e) => (e.children ? [...(e.open && !e.group ? [e.key] : []), ...marked(e.children)] : []));
  const home = (f: FeatureManifest) => !me || me.platformAdmin || !f.module?.orgKinds || f.module.orgKinds[0] === me.user.orgKind;
  return [...new Set([...features.filter(home).flatMap((f) => marked(f.menu)), selected.split('/')[1] ?? ''])].filter(Boolean);
}

/**
 * The menu key of a location: the longest menu path it is at or under (a line page belongs to the plant overview it
 * is opened from, a device page to the device list).
 */
export function selectedKey(features: readonly FeatureManifest[], pathname: string): string {
  if (pathname === '/' || pathname === '') return '/';
  let best = '';
  for (const key of menuPaths(features)) {
    if (key !== '/' && key.length > best.length && (pathname === key || pathname.startsWith(`${key}/`))) best = key;
  }
  if (best) return best;
  // Not a menu page: its first segment, or the first two under a sub-menu that has no page of its own (admin).
  const [first = '', second] = pathname.split('/').filter(Boolean);
  const groups = features.flatMap((f) => f.menu.filter((e) => e.children).map((e) => e.key));
  return second && groups.includes(first) && !menuPaths(features).includes(`/${first}`) ? `/${first}/${second}` : `/${first}`;
}
