import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Alarm } from '../../api/types';
import { ME_KEY } from '../../api/queryClient';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

const URL = '/api/factory/andon/stream';
const MAX_BACKOFF_MS = 30_000;

export interface AndonStream {
  /** Open alarms by id, as the feed last told them. */
  open: Map<number, Alarm>;
  status: StreamStatus;
  /** When the feed last sent something (ms), 0 before the first snapshot. */
  updatedAt: number;
  /** Applies an alarm a request returned (acknowledge, resolve) before the feed repeats it. */
  apply: (a: Alarm) => void;
}

/**
 * The open alarms, live from the server's event stream: a `snapshot` on every (re)connection, then one `alarm`
 * event per change. The browser's EventSource retries a dropped connection by itself; when it gives up (the
 * server answered with an error, e.g. after a restart or an expired session) this reconnects with a growing
 * delay, and asks who is signed in so an expired session goes to the login page. `onRaised` is called for each
 * alarm raised while connected (not for those in a snapshot).
 */
export function useAndonStream(onRaised?: (a: Alarm) => void): AndonStream {
  const qc = useQueryClient();
  const [open, setOpen] = useState<Map<number, Alarm>>(() => new Map());
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [updatedAt, setUpdatedAt] = useState(0);
  const raised = useRef(onRaised);
  useEffect(() => {
    raised.current = onRaised;
  }, [onRaised]);

  const apply = useCallback((a: Alarm) => {
    setOpen((prev) => {
      const next = new Map(prev);
      if (a.resolvedAt) next.delete(a.id);
      else next.set(a.id, a);
      return next;
    });
  }, []);

  useEffect(() => {
    let es: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;
    // Ids seen on this connection, so a change to a known alarm (acknowledged) is not taken for a new one.
    let known = new Set<number>();

    const connect = () => {
      if (stopped) return;
      es = new EventSource(URL, { withCredentials: true });
      es.addEventListener('snapshot', (e) => {
        const list = JSON.parse((e as MessageEvent<string>).data) as Alarm[];
        known = new Set(list.map((a) => a.id));
        setOpen(new Map(list.map((a) => [a.id, a])));
        setStatus('live');
        setUpdatedAt(Date.now());
        attempt = 0;
      });
      es.addEventListener('alarm', (e) => {
        const a = JSON.parse((e as MessageEvent<string>).data) as Alarm;
        const isNew = !known.has(a.id) && !a.resolvedAt && !a.acknowledgedAt;
        known.add(a.id);
        apply(a);
        setUpdatedAt(Date.now());
        if (isNew) raised.current?.(a);
      });
      es.onerror = () => {
        if (!es || es.readyState !== EventSource.CLOSED) {
          // Dropped: the browser is already reconnecting and the next snapshot brings everything up to date.
          setStatus('reconnecting');
          return;
        }
        es.close();
        setStatus('reconnecting');
        void qc.invalidateQueries({ queryKey: ME_KEY });
        retry = setTimeout(connect, Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** attempt++));
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      es?.close();
    };
  }, [apply, qc]);

  return { open, status, updatedAt, apply };
}
