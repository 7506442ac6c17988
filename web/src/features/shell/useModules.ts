import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Me, ModuleName, ModuleStatus } from '../../api/types';
import { can } from '../auth/session';

export const PRODUCT_MODULES = ['factory', 'labor', 'talent', 'park', 'trade'] as const satisfies readonly ModuleName[];
export type ProductModule = (typeof PRODUCT_MODULES)[number];

/** Which product modules are live. Until the answer arrives every module counts as coming. */
export function useModules() {
  return useQuery({ queryKey: ['modules'], queryFn: () => api.get<ModuleStatus[]>('/modules'), staleTime: 10 * 60_000 });
}

export function isAvailable(list: ModuleStatus[] | undefined, name: ModuleName): boolean {
  return !!list?.find((m) => m.name === name)?.available;
}

/**
 * Whether this user gets a module's real pages. The factory's and labour's pages work as soon as their API does, which
 * a user with factory.read / labor.read can reach even while /api/modules still lists the module as coming; the
 * other modules follow the list.
 */
export function isLive(list: ModuleStatus[] | undefined, name: ProductModule, me: Me): boolean {
  if (name === 'factory' && can(me, 'factory.read')) return true;
  if (name === 'labor' && can(me, 'labor.read')) return true;
  return isAvailable(list, name);
}
