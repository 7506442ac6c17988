import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ModuleName, ModuleStatus } from '../../api/types';

/** Which product modules are live. Until the answer arrives every module counts as coming. */
export function useModules() {
  return useQuery({ queryKey: ['modules'], queryFn: () => api.get<ModuleStatus[]>('/modules'), staleTime: 10 * 60_000 });
}

export function isAvailable(list: ModuleStatus[] | undefined, name: ModuleName): boolean {
  return !!list?.find((m) => m.name === name)?.available;
}
