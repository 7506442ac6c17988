import { useEffect, useState } from 'react';

/** The text typed into a search box, trimmed, once typing has paused for `ms` (server-side searches). */
export function useDebounced(value: string, ms = 300) {
  const [v, setV] = useState(value.trim());
  useEffect(() => {
    const h = setTimeout(() => setV(value.trim()), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}
