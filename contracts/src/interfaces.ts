import type { FactoryInterface } from './factory/interface';

/**
 * What modules offer one another, by module name (`GearbridgeModule.provides`, read as `ctx.interfaces.<name>`).
 * A module reads another only through this, never its tables or its code; each entry may be missing when that
 * module is not in the deployment's list, so a caller says what it cannot show instead of failing.
 */
export interface ModuleInterfaces {
  factory: FactoryInterface;
}
