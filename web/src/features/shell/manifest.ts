import { createContext, useContext, type ReactNode } from 'react';
import type { Me, ModuleName, ModuleStatus, OrgKind } from '../../api/types';
import type { TranslationBundle } from '../../i18n';
import type { MessageCatalogue } from '../../i18n/messages/catalogues';
import type { Permission } from '../auth/permissions';
import { can } from '../auth/session';
import { isAvailable } from './useModules';

/**
 * A route of a feature, as react-router nests them: a path relative to its parent (no leading slash) or the parent's
 * index page, the element it shows (a page loaded lazily, or a gate around the nested routes' <Outlet />).
 */
export interface FeatureRoute {
  path?: string;
  index?: true;
  element: ReactNode;
  children?: FeatureRoute[];
}

/** Who sees a menu entry: holders of any of these permissions. Without a gate, everyone signed in. */
export type Gate = Permission | readonly Permission[];

/**
 * An entry of the side menu: a page (its key is its route path), a sub-menu, or a group — a titled run of entries
 * shown in place inside a sub-menu, for a module with many pages (the key of a sub-menu or group names it, not a
 * route). A group none of whose entries the user may see is left out, like a sub-menu.
 */
export interface MenuEntry {
  key: string;
  /** A page's or sub-menu's icon; a group has none (its title is text). */
  icon?: ReactNode;
  /** Translation key of the label. */
  labelKey: string;
  /** For a label that shows more than its text (a count badge): gets the translated text. */
  renderLabel?: (text: string) => ReactNode;
  gate?: Gate;
  /** A sub-menu's entries; a sub-menu none of whose entries the user may see is left out. */
  children?: MenuEntry[];
  /** A sub-menu that starts open. */
  open?: boolean;
  /** `children` are a titled group shown in place (antd's item group), not a sub-menu to open. */
  group?: true;
}

/** One of the five product modules the platform lists (GET /api/modules). */
export interface ProductModuleInfo {
  name: ModuleName;
  icon: ReactNode;
  /** Translation key of its name (menu, dashboard tile, "coming" page). */
  labelKey: string;
  /**
   * The permission that opens its real pages. Its holders get them (and the module's menu) even while the server still
   * lists the module as coming; everyone else gets the "coming" entry and page until it is released, then nothing in
   * the menu and a no-permission page.
   */
  gate?: Permission;
  /** Not built yet: a menu entry marked "coming" (until the server releases it) and a page describing the module. */
  comingSoon?: true;
  /**
   * The kinds of organisation whose people use it: only their users (and platform administrators) see it in the
   * menu and on the home page — a hospital's administrator gets no factory menu even though the built-in
   * organisation-administrator role carries factory.read. Unset: every kind.
   */
  orgKinds?: readonly OrgKind[];
}

/** Whether the user's organisation is of a kind that uses the module (platform administrators: every module). */
export function usedBy(module: ProductModuleInfo, me: Me): boolean {
  return !module.orgKinds || me.platformAdmin || module.orgKinds.includes(me.user.orgKind);
}

/**
 * A card of the home page (工作台): each feature contributes the cards of the work it owns, and a user gets the ones
 * whose `show` holds for them (by permission — a plant manager, an operator, a caseworker and a partner officer each
 * see their own work first) in a product module their organisation uses and that is live for them.
 */
export interface WorkbenchCard {
  key: string;
  /** Lower first across all features. */
  order: number;
  /** Its width on a wide screen (a phone always gets the full width). */
  width: 'full' | 'half' | 'third';
  show: (me: Me) => boolean;
  element: ReactNode;
}

/**
 * Everything a web feature brings to the shell. The shell builds the router (App.tsx), the side menu (menu.tsx) and
 * the translations from the one list in features/index.ts.
 */
export interface FeatureManifest {
  name: string;
  /** Set for a product module (dashboard tile, "coming" handling). */
  module?: ProductModuleInfo;
  /** Routes inside the shell (menu and header), relative to `/`. */
  routes: FeatureRoute[];
  /** Full-screen routes outside the shell (a 大屏 for a wall), signed in; paths relative to `/`. */
  screens?: FeatureRoute[];
  /**
   * Pages anyone opens without signing in (a QR code's sign-in page on a visitor's phone); paths relative to `/`.
   * Whatever they call must be a public API route.
   */
  publicPages?: FeatureRoute[];
  /** Its side-menu entries, in order, for a user who may see them (see ProductModuleInfo.gate). */
  menu: MenuEntry[];
  /** Its translations: its own sections and its entries in shared ones, zh-CN and en with the same keys. */
  i18n?: TranslationBundle;
  /** Its module's server messages (error keys): contracts' English catalogue and the Chinese beside the feature. */
  messages?: MessageCatalogue;
  /** Its cards on the home page, for the users they concern. */
  workbench?: WorkbenchCard[];
}

export function allowed(me: Me, gate: Gate | undefined): boolean {
  if (!gate) return true;
  return (typeof gate === 'string' ? [gate] : gate).some((p) => can(me, p));
}

/**
 * Whether this user gets a module's real pages: holders of its gate as soon as its API works (even while
 * /api/modules still lists it as coming); everyone else when the list says it is available.
 */
export function isLive(list: ModuleStatus[] | undefined, module: ProductModuleInfo, me: Me): boolean {
  if (module.gate && can(me, module.gate)) return true;
  return isAvailable(list, module.name);
}

const FeaturesContext = createContext<readonly FeatureManifest[]>([]);

/** Provided by App.tsx with the list of features. */
export const FeaturesProvider = FeaturesContext.Provider;

export function useFeatures(): readonly FeatureManifest[] {
  return useContext(FeaturesContext);
}

/**
 * The home page's cards for this user, in order: those of features without a product module (administration) and
 * of the product modules the user's organisation uses and that are live for them. A platform administrator holds
 * every permission but works in none of the modules: their home is the administrator's.
 */
export function workbenchCards(features: readonly FeatureManifest[], me: Me, modules: ModuleStatus[] | undefined): WorkbenchCard[] {
  return features
    .filter((f) => !f.module || (!me.platformAdmin && usedBy(f.module, me) && isLive(modules, f.module, me)))
    .flatMap((f) => f.workbench ?? [])
    .filter((c) => c.show(me))
    .sort((a, b) => a.order - b.order);
}

/** The product modules, in menu order. */
export function useProductModules(): ProductModuleInfo[] {
  return useFeatures().flatMap((f) => (f.module ? [f.module] : []));
}
