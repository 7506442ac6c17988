import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ModuleName, ModuleStatus } from '../../api/types';

export const PRODUCT_MODULES = ['factory', 'labor', 'talent', 'park', 'trade'] as const satisfies readonly ModuleName[];
export type ProductModule = (typeof PRODUCT_MODULES)[number];

/** Which product modules are live. Until the answer arrives every module counts as coming. */
export function useModules() {
  return useQuery({ queryKey: ['modules'], queryFn: () => api.get<ModuleStatus[]>('/modules'), staleTime: 10 * 60_000 });
}

export function isAvailable(list: ModuleStatus[] | undefined, name: ModuleName): boolean {
  return !!list?.find((m) => m.name === name)?.available;
}
