import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, RevealResult } from '../../api/types';
import { excelLang } from '../../i18n';
import type {
  LaborPartner,
  Occupation,
  Posting,
  PostingInput,
  PostingPatch,
  PostingQuery,
  Referral,
  ReferralAdvance,
  ReferralBulkAdvance,
  ReferralBulkResult,
  ReferralInput,
  ReferralQuery,
  RevealField,
  Share,
  ShareInput,
  ShareQuery,
  SharesCreated,
  StatusChangeInput,
  StatusHistoryEntry,
  Worker,
  WorkerInput,
  WorkerPatch,
  WorkerQuery,
} from './types';

/** Every labour query starts with 'labor', so one invalidation after a change refreshes lists, pages and counts. */
export const laborKeys = {
  all: ['labor'] as const,
  occupations: ['labor', 'occupations'] as const,
  workers: (q: WorkerQuery) => ['labor', 'workers', q] as const,
  worker: (id: string) => ['labor', 'worker', id] as const,
  history: (id: string) => ['labor', 'worker', id, 'history'] as const,
  postings: (q: PostingQuery) => ['labor', 'postings', q] as const,
  posting: (id: string) => ['labor', 'posting', id] as const,
  shares: (q: ShareQuery) => ['labor', 'shares', q] as const,
  referrals: (q: ReferralQuery) => ['labor', 'referrals', q] as const,
  partners: ['labor', 'partners'] as const,
};

// ---- occupations ---------------------------------------------------------------------------------------
/** The shipped subset of the 2022 classification (91 entries): loaded once, kept for the session. */
export function useOccupations() {
  return useQuery({ queryKey: laborKeys.occupations, queryFn: () => api.get<Occupation[]>('/labor/occupations'), staleTime: Infinity });
}

// ---- workers ---------------------------------------------------------------------------------------------
export const workersQuery = (q: WorkerQuery, enabled = true) => ({
  queryKey: laborKeys.workers(q),
  queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Page<Worker>>('/labor/workers', q, signal),
  enabled,
});

export function useWorkers(q: WorkerQuery, enabled = true) {
  return useQuery({ ...workersQuery(q, enabled), placeholderData: keepPreviousData });
}

export function useWorker(id: string | undefined) {
  return useQuery({ queryKey: laborKeys.worker(id ?? ''), queryFn: () => api.get<Worker>(`/labor/workers/${id}`), enabled: !!id });
}

/** The status history is the owning bureau's: a partner gets 403, so the page asks only for its own records. */
export function useWorkerHistory(id: string | undefined, enabled: boolean) {
  return useQuery({ queryKey: laborKeys.history(id ?? ''), queryFn: () => api.get<StatusHistoryEntry[]>(`/labor/workers/${id}/history`), enabled: !!id && enabled });
}

function useLaborMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: laborKeys.all }) });
}

export const useCreateWorker = () => useLaborMutation((input: WorkerInput) => api.post<Worker>('/labor/workers', input));
export const useUpdateWorker = () => useLaborMutation(({ id, patch }: { id: string; patch: WorkerPatch }) => api.patch<Worker>(`/labor/workers/${id}`, patch));
export const useChangeStatus = () => useLaborMutation(({ id, change }: { id: string; change: StatusChangeInput }) => api.post<Worker>(`/labor/workers/${id}/status`, change));
export const useSetConsent = () => useLaborMutation(({ id, consent }: { id: string; consent: boolean }) => api.put<Worker>(`/labor/workers/${id}/consent`, { consent }));

/** The clear value of one field. The server writes an audit row for every call, so callers never cache it. */
export const revealWorker = (id: string, field: RevealField) => api.post<RevealResult>(`/labor/workers/${id}/reveal`, { field });

const workerFilters = (q: WorkerQuery) => ({
  q: q.q,
  status: q.status,
  region: q.region,
  registeredPoor: q.registeredPoor,
  monitored: q.monitored,
  followUpDue: q.followUpDue,
  occupation: q.occupation,
  consent: q.consent,
  source: q.source,
});
export const exportWorkers = (q: WorkerQuery) => api.download('/labor/workers/export', { ...workerFilters(q), lang: excelLang() }, 'workers.xlsx');

// ---- postings --------------------------------------------------------------------------------------------
export const postingsQuery = (q: PostingQuery, enabled = true) => ({
  queryKey: laborKeys.postings(q),
  queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Page<Posting>>('/labor/postings', q, signal),
  enabled,
});
export function usePostings(q: PostingQuery, enabled = true) {
  return useQuery({ ...postingsQuery(q, enabled), placeholderData: keepPreviousData });
}
export function usePosting(id: string | undefined) {
  return useQuery({ queryKey: laborKeys.posting(id ?? ''), queryFn: () => api.get<Posting>(`/labor/postings/${id}`), enabled: !!id });
}
export const useSavePosting = () =>
  useLaborMutation(({ id, input }: { id: string | null; input: PostingInput | PostingPatch }) =>
    id ? api.patch<Posting>(`/labor/postings/${id}`, input) : api.post<Posting>('/labor/postings', input),
  );
export const exportPostings = (q: PostingQuery) =>
  api.download(
    '/labor/postings/export',
    { q: q.q, status: q.status, occupation: q.occupation, region: q.region, active: q.active, source: q.source, lang: excelLang() },
    'postings.xlsx',
  );

// ---- shares ----------------------------------------------------------------------------------------------
export function useShares(q: ShareQuery, enabled = true) {
  return useQuery({ queryKey: laborKeys.shares(q), queryFn: ({ signal }) => api.get<Page<Share>>('/labor/shares', q, signal), placeholderData: keepPreviousData, enabled });
}
export const exportShares = (q: ShareQuery) =>
  api.download('/labor/shares/export', { q: q.q, direction: q.direction, kind: q.kind, active: q.active, lang: excelLang() }, 'shares.xlsx');

/** The organisations the user may share with: those in the regions paired with the user's (GET /labor/partners). */
export function usePartners(enabled = true) {
  return useQuery({ queryKey: laborKeys.partners, queryFn: ({ signal }) => api.get<LaborPartner[]>('/labor/partners', undefined, signal), staleTime: 5 * 60_000, enabled });
}
export const useCreateShares = () => useLaborMutation((input: ShareInput) => api.post<SharesCreated>('/labor/shares', input));
export const useRevokeShare = () => useLaborMutation((id: string) => api.delete<Share>(`/labor/shares/${id}`));

// ---- referrals -------------------------------------------------------------------------------------------
export const referralsQuery = (q: ReferralQuery, enabled = true) => ({
  queryKey: laborKeys.referrals(q),
  queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Page<Referral>>('/labor/referrals', q, signal),
  enabled,
});
export function useReferrals(q: ReferralQuery, enabled = true) {
  return useQuery({ ...referralsQuery(q, enabled), placeholderData: keepPreviousData });
}
export const exportReferrals = (q: ReferralQuery) =>
  api.download('/labor/referrals/export', { workerId: q.workerId, postingId: q.postingId, status: q.status, lang: excelLang() }, 'referrals.xlsx');
export const useCreateReferral = () => useLaborMutation((input: ReferralInput) => api.post<Referral>('/labor/referrals', input));
export const useBulkAdvanceReferrals = () => useLaborMutation((body: ReferralBulkAdvance) => api.post<ReferralBulkResult>('/labor/referrals/bulk-advance', body));
export const useAdvanceReferral = () => useLaborMutation(({ id, step }: { id: string; step: ReferralAdvance }) => api.post<Referral>(`/labor/referrals/${id}/advance`, step));
