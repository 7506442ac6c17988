import { useQuery } from '@tanstack/react-query';
import { getSearch } from './api';

/** The name of a region code (e.g. 371300 → 临沂市), with the full path as a tooltip; the code until it loads. */
export function RegionName({ code, full = false }: { code: string; full?: boolean }) {
  const { data } = useQuery({
    queryKey: ['regions', 'one', code],
    queryFn: async () => (await getSearch(code)).find((r) => r.code === code) ?? null,
    staleTime: Infinity,
  });
  if (!data) return <span className="gb-mono">{code}</span>;
  return <span title={`${data.fullName} (${data.code})`}>{full ? data.fullName : data.name}</span>;
}
