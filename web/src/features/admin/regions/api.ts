import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Region } from '../../../api/types';

export const regionKeys = {
  all: ['regions'] as const,
  children: (parent: string | null) => ['regions', 'children', parent ?? ''] as const,
  search: (q: string) => ['regions', 'search', q] as const,
};

export const getChildren = (parent: string | null) => api.get<Region[]>('/regions', parent ? { parent } : undefined);
export const getSearch = (q: string) => api.get<Region[]>('/regions', { q });

/** Children of a region (provinces for null), through the query cache: the tree changes rarely. */
export function fetchChildren(qc: QueryClient, parent: string | null): Promise<Region[]> {
  return qc.fetchQuery({ queryKey: regionKeys.children(parent), queryFn: () => getChildren(parent), staleTime: Infinity });
}

/**
 * The codes from the province down to `code` (inclusive). GB/T 2260 codes nest by prefix: 12-digit village →
 * 9-digit town → county → city (xxxx00) → province (xx0000); municipalities have a city level too (500100).
 */
export function ancestorsOf(code: string): string[] {
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  const chain: string[] = [province];
  if (code.length === 6) {
    if (code === province) return [code];
    if (code === city) return [province, code];
    return [province, city, code];
  }
  chain.push(city, code.slice(0, 6));
  if (code.length === 12) chain.push(code.slice(0, 9));
  chain.push(code);
  return chain;
}

export function useCreateRegion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string; name: string }) => api.post<Region>('/regions', input),
    // Cached lists are stale now (fetchChildren refetches invalidated entries); mounted lists refetch at once.
    onSuccess: () => qc.invalidateQueries({ queryKey: regionKeys.all }),
  });
}
