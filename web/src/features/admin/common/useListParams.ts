import { useCallback, useMemo, useRef } from 'react';
import { useLocation, useSearchParams, type SetURLSearchParams } from 'react-router-dom';

/**
 * List filters and paging kept in the address bar, so a reload or a shared link shows the same page.
 * Changing a filter returns to page 1.
 */
export function useListParams<K extends string>(keys: readonly K[], defaultPageSize = 20) {
  const [params, setRouterParams] = useSearchParams();
  // A late update (a search box's pause ending) after the user already went to another page must not bring them
  // back: while a lazy page loads, the old one stays mounted, and its timers still fire.
  const location = useLocation();
  const pathname = useRef(location.pathname);
  pathname.current = location.pathname;
  const current = useRef(params);
  current.current = params;
  const setParams = useCallback<SetURLSearchParams>(
    (next, opts) => {
      if (window.location.pathname !== pathname.current) return;
      // An update that changes nothing is not a navigation (it would re-render every list on the page).
      const value = typeof next === 'function' ? next(new URLSearchParams(current.current)) : next;
      if (new URLSearchParams(value as URLSearchParams).toString() === current.current.toString()) return;
      setRouterParams(value, opts);
    },
    [setRouterParams],
  );
  const filters = useMemo(() => {
    const f = {} as Record<K, string | undefined>;
    for (const k of keys) f[k] = params.get(k) || undefined;
    return f;
  }, [params, keys]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize')) || defaultPageSize));

  const setFilters = useCallback(
    (values: Partial<Record<K, string | null | undefined>>) =>
      setParams(
        (p) => {
          const n = new URLSearchParams(p);
          for (const [k, v] of Object.entries(values) as [K, string | null | undefined][]) {
            if (v) n.set(k, v);
            else n.delete(k);
          }
          n.delete('page');
          return n;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setFilter = useCallback((k: K, v: string | null | undefined) => setFilters({ [k]: v } as Partial<Record<K, string | null | undefined>>), [setFilters]);
  const setPage = useCallback(
    (pg: number, size: number) =>
      setParams(
        (p) => {
          const n = new URLSearchParams(p);
          if (pg > 1) n.set('page', String(pg));
          else n.delete('page');
          if (size !== defaultPageSize) n.set('pageSize', String(size));
          else n.delete('pageSize');
          return n;
        },
        { replace: true },
      ),
    [setParams, defaultPageSize],
  );
  const resetAll = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  const active = keys.some((k) => !!filters[k]);
  return { filters, page, pageSize, setFilter, setFilters, setPage, resetAll, active };
}
