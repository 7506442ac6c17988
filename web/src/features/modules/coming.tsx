import { lazy, type ReactNode } from 'react';
import type { ModuleName, OrgKind } from '../../api/types';
import type { TranslationBundle } from '../../i18n';
import type { FeatureManifest } from '../shell/manifest';

/** The page of a module that is not built yet (or not open to this user while it is coming), loaded on first visit. */
export const ComingModulePage = lazy(() => import('./ModulePage'));

/**
 * The manifest of a product module that is not built yet: a menu entry marked "coming" and, at `/<name>`, the page
 * describing what it will do. Its translations give its name (`nav.<name>`) and description (`modules.<name>`).
 */
export function comingModule(name: ModuleName, icon: ReactNode, i18n: TranslationBundle, orgKinds?: readonly OrgKind[]): FeatureManifest {
  return {
    name,
    module: { name, icon, labelKey: `nav.${name}`, comingSoon: true, ...(orgKinds ? { orgKinds } : {}) },
    routes: [{ path: name, element: <ComingModulePage name={name} /> }],
    menu: [],
    i18n,
  };
}
