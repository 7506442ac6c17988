import { useMemo } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import type { Page, Region } from '../../api/types';
import { getChildren, regionKeys } from '../admin/regions/api';
import { postingsQuery, referralsQuery, workersQuery } from './api';
import { EMPLOYED, WORKER_STATUSES } from './labels';
import type { Posting, Referral, Worker, WorkerQuery, WorkerStatus } from './types';

// There is no statistics endpoint yet: every figure here is a total the list endpoints return for a filter
// (pageSize 1), or is summed from one page of at most MAX rows. When a list is longer than that, `partial` says so.
const MAX = 500;
const LIVE = { staleTime: 60_000, refetchInterval: 120_000 };

const total = (q: WorkerQuery) => ({ ...workersQuery({ ...q, page: 1, pageSize: 1 }), ...LIVE, select: (p: Page<Worker>) => p.total });

export interface Count {
  key: string;
  label: string;
  value: number;
}

export interface LaborStats {
  loading: boolean;
  error: unknown;
  workers: number | null;
  own: number | null;
  shared: number | null;
  registeredPoor: number | null;
  monitored: number | null;
  byStatus: { status: WorkerStatus; value: number }[] | null;
  employed: number | null;
  openPostings: number | null;
  openHeadcount: number | null;
  postingsPartial: boolean;
  placementsThisYear: number | null;
  /** Starts per month, the last 12 months, oldest first. */
  placementsByMonth: { month: string; value: number }[] | null;
  placementsPartial: boolean;
  /** The county whose towns the breakdown covers (the own workers' home county). */
  county: Region | null;
  byTown: Count[] | null;
}

/** The labour figures of the dashboard and the 大屏, from the list endpoints. */
export function useLaborStats(enabled = true): LaborStats {
  const base = useQueries({
    queries: [total({}), total({ source: 'own' }), total({ source: 'shared' }), total({ registeredPoor: 'true' }), total({ monitored: 'true' })].map((q) => ({ ...q, enabled })),
  });
  const statuses = useQueries({ queries: WORKER_STATUSES.map((status) => ({ ...total({ status }), enabled })) });
  const postings = useQuery({ ...postingsQuery({ active: 'true', page: 1, pageSize: MAX }, enabled), ...LIVE });
  const started = useQuery({ ...referralsQuery({ status: 'started', page: 1, pageSize: MAX }, enabled), ...LIVE });

  // The home county of the bureau's own workers, then one count per town in it.
  const sample = useQuery({ ...workersQuery({ source: 'own', page: 1, pageSize: 1 }, enabled), ...LIVE });
  const countyCode = sample.data?.items[0]?.homeRegionCode.slice(0, 6) ?? null;
  const towns = useQuery({ queryKey: regionKeys.children(countyCode), queryFn: () => getChildren(countyCode), enabled: !!countyCode, staleTime: Infinity });
  const county = useQuery({
    queryKey: ['regions', 'one', countyCode ?? ''],
    queryFn: async () => (await api.get<Region[]>('/regions', { q: countyCode ?? '' })).find((r) => r.code === countyCode) ?? null,
    enabled: !!countyCode,
    staleTime: Infinity,
  });
  const townCounts = useQueries({ queries: (towns.data ?? []).map((r) => ({ ...total({ source: 'own', region: r.code }), enabled })) });

  const [all, own, shared, poor, monitored] = base.map((q) => (q.data as number | undefined) ?? null);
  const statusValues = statuses.map((q) => q.data as number | undefined);
  const townValues = townCounts.map((q) => q.data as number | undefined);

  const data = useMemo(() => {
    const byStatus = statusValues.every((v) => v !== undefined) ? WORKER_STATUSES.map((status, i) => ({ status, value: statusValues[i]! })) : null;
    const items: Posting[] = postings.data?.items ?? [];
    const starts: Referral[] = started.data?.items ?? [];
    const year = dayjs().format('YYYY');
    const months = Array.from({ length: 12 }, (_v, i) => dayjs().subtract(11 - i, 'month').format('YYYY-MM'));
    const byTown =
      towns.data && townValues.every((v) => v !== undefined)
        ? towns.data.map((r, i) => ({ key: r.code, label: r.name, value: townValues[i]! })).sort((a, b) => b.value - a.value)
        : null;
    return {
      workers: all,
      own,
      shared,
      registeredPoor: poor,
      monitored,
      byStatus,
      employed: byStatus ? byStatus.filter((s) => EMPLOYED.includes(s.status)).reduce((n, s) => n + s.value, 0) : null,
      openPostings: postings.data ? postings.data.total : null,
      openHeadcount: postings.data ? items.reduce((n, p) => n + p.openHeadcount, 0) : null,
      postingsPartial: !!postings.data && postings.data.total > items.length,
      placementsThisYear: started.data ? starts.filter((r) => (r.startedOn ?? '').startsWith(year)).length : null,
      placementsByMonth: started.data ? months.map((m) => ({ month: m, value: starts.filter((r) => (r.startedOn ?? '').startsWith(m)).length })) : null,
      placementsPartial: !!started.data && started.data.total > starts.length,
      county: county.data ?? null,
      byTown: countyCode ? byTown : sample.data ? [] : null,
    };
    // The arrays from useQueries are new on every render: the values they hold are the dependencies, so charts
    // built from this keep their identity (and do not replay their animation) while nothing changed.
  }, [all, own, shared, poor, monitored, statusValues.join(','), postings.data, started.data, towns.data, townValues.join(','), county.data, countyCode, sample.data]);
  return { ...data, loading: base.some((q) => q.isPending) || statuses.some((q) => q.isPending), error: base.find((q) => q.error)?.error ?? null };
}
