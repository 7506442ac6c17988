import type { GearbridgeModule } from '../platform/module';
import { identityModule } from './identity';
import { factoryModule } from './factory';
import { laborModule } from './labor';

/**
 * Every module of the platform, in one list. Adding a module: create modules/<name>/ with an index.ts that
 * exports a GearbridgeModule, add its migrations (NNNN_<name>_*.sql), and add it here.
 */
export const modules: GearbridgeModule[] = [
  identityModule,
  factoryModule,
  laborModule,
  // The product modules of SPEC §2–5, not built yet: listed so the web can show them as coming.
  { name: 'talent', comingSoon: true, permissions: [], roles: [] },
  { name: 'park', comingSoon: true, permissions: [], roles: [] },
  { name: 'trade', comingSoon: true, permissions: [], roles: [] },
];
