import type { FactoryInterface } from '@gearbridge/contracts/factory/interface';
import type { ModuleContext } from '../db';
import { kpisInterface } from './kpis';
import { ordersInterface } from './orders';
import { certificatesInterface } from './certificates';

/**
 * The factory's public interface (contracts/src/factory/interface.ts), one part per consumer's need, each in its
 * own file here: what other modules may ask of the factory, never its tables.
 */
export function factoryInterface(ctx: ModuleContext): FactoryInterface {
  return { ...kpisInterface(ctx.db), ...ordersInterface(ctx.db), ...certificatesInterface(ctx.db) };
}
