import type { FeatureManifest } from './shell/manifest';
import { dashboard } from './dashboard/manifest';
import { factory } from './factory/manifest';
import { labor } from './labor/manifest';
import { talent } from './talent/manifest';
import { park } from './park/manifest';
import { trade } from './trade/manifest';
import { admin } from './admin/manifest';

/**
 * The web app's features, in menu order. The shell builds the router, the side menu and the translations from this
 * list: adding a module is its folder with a manifest.tsx, and one line here.
 */
export const FEATURES: readonly FeatureManifest[] = [dashboard, factory, labor, talent, park, trade, admin];
