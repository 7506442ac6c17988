import type { Config } from './platform/config';
import { createPlatform as createPlatformOf, loadModuleConfigs, type Platform as PlatformOf, type PlatformOptions } from './platform/bootstrap';
import type { PlatformDatabase } from './platform/db/tables';
import type { GearbridgeModule } from './platform/module';
import { modules } from './modules';

export { modules };

/*
 * The composition root: the list of modules (modules/index.ts) turned into the whole database type and the running
 * platform. The platform itself knows no module; everything that needs all of them starts here.
 */

/** A module's table slice; {} for a module without tables. */
type TablesOf<M> = M extends GearbridgeModule<infer T> ? T : Record<never, never>;
type IntersectAll<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R] ? H & IntersectAll<R> : unknown;
/** Every table name declared by more than one slice (platform or module); must stay empty. */
type Repeated<Slices extends readonly object[]> = {
  [I in keyof Slices]: { [J in keyof Slices]: J extends I ? never : keyof Slices[I] & keyof Slices[J] }[number];
}[number];

type SlicesOf<M extends readonly unknown[]> = { [K in keyof M]: TablesOf<M[K]> };
type Slices = [PlatformDatabase, ...SlicesOf<typeof modules>];
/** The whole database: the platform's tables and every listed module's, composed from the list above. */
export type Database = IntersectAll<Slices>;

// A table declared by two slices would merge their column types silently: name it here at compile time instead.
const noTableDeclaredTwice: [Repeated<Slices>] extends [never] ? true : { repeated: Repeated<Slices> } = true;
void noTableDeclaredTwice;

export type Platform = PlatformOf<Database>;

/** The platform with every module of the list: what `gearbridge` and the integration tests run. */
export function createPlatform(config: Config, opts: PlatformOptions = {}): Promise<Platform> {
  return createPlatformOf<Database>(config, modules, opts);
}

/** Every module's configuration checked against the environment (a ConfigError names the first bad variable). */
export function checkModuleConfigs(config: Config): void {
  loadModuleConfigs(modules, config);
}
