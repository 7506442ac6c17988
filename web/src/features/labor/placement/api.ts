import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Page } from '../../../api/types';
import { laborKeys } from '../api';
import type {
  AlertQuery,
  Allocation,
  AllocationDetail,
  AllocationInput,
  AllocationQuery,
  CompletionInput,
  EnrolInput,
  FollowUp,
  FollowUpOutcomeInput,
  FollowUpQuery,
  Participant,
  PostingRecommendation,
  RelapseAlert,
  RetentionQuery,
  RetentionReport,
  TrainingCertificateInput,
  TrainingClass,
  TrainingClassInput,
  TrainingClassQuery,
  TrainingProvider,
  WelfarePost,
  WelfarePostInput,
  WelfarePostQuery,
  WorkerRecommendation,
  Workshop,
  WorkshopDetail,
  WorkshopInput,
  WorkshopJoinInput,
  WorkshopLeaveInput,
  WorkshopQuery,
} from './types';

// Every key starts with 'labor' (laborKeys.all), so the other labour pages' invalidation refreshes these too and the
// other way round: confirming an allocation refreshes the referral board, a follow-up the worker page.
export const placementKeys = {
  workerRecs: (id: string) => ['labor', 'recommendations', 'worker', id] as const,
  postingRecs: (id: string) => ['labor', 'recommendations', 'posting', id] as const,
  allocations: (q: AllocationQuery) => ['labor', 'allocations', q] as const,
  allocation: (id: string) => ['labor', 'allocation', id] as const,
  followups: (q: FollowUpQuery) => ['labor', 'followups', q] as const,
  alerts: (q: AlertQuery) => ['labor', 'alerts', q] as const,
  retention: (q: RetentionQuery) => ['labor', 'retention', q] as const,
  providers: ['labor', 'training', 'providers'] as const,
  classes: (q: TrainingClassQuery) => ['labor', 'training', 'classes', q] as const,
  participants: (id: string) => ['labor', 'training', 'participants', id] as const,
  workshops: (q: WorkshopQuery) => ['labor', 'workshops', q] as const,
  workshop: (id: string) => ['labor', 'workshop', id] as const,
  welfarePosts: (q: WelfarePostQuery) => ['labor', 'welfare-posts', q] as const,
};

function useLaborMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: laborKeys.all }) });
}

/** Creates (POST to the collection) or, given an id, edits (PATCH the record) with the same fields. */
export type Save<I> = { id?: string; input: I };
const useSave = <I, R>(path: string) => useLaborMutation(({ id, input }: Save<I>) => (id ? api.patch<R>(`${path}/${id}`, input) : api.post<R>(path, input)));

// ---- recommendations -------------------------------------------------------------------------------------
export const useWorkerRecommendations = (id: string, limit = 10, enabled = true) =>
  useQuery({ queryKey: [...placementKeys.workerRecs(id), limit], queryFn: () => api.get<PostingRecommendation[]>(`/labor/workers/${id}/recommendations`, { limit }), enabled });
export const usePostingRecommendations = (id: string, limit = 10, enabled = true) =>
  useQuery({ queryKey: [...placementKeys.postingRecs(id), limit], queryFn: () => api.get<WorkerRecommendation[]>(`/labor/postings/${id}/recommendations`, { limit }), enabled });

// ---- allocations -----------------------------------------------------------------------------------------
export const useAllocations = (q: AllocationQuery) =>
  useQuery({ queryKey: placementKeys.allocations(q), queryFn: ({ signal }) => api.get<Page<Allocation>>('/labor/allocations', q, signal), placeholderData: keepPreviousData });
export const useAllocation = (id: string | undefined) =>
  useQuery({ queryKey: placementKeys.allocation(id ?? ''), queryFn: () => api.get<AllocationDetail>(`/labor/allocations/${id}`), enabled: !!id });
export const useCreateAllocation = () => useLaborMutation((input: AllocationInput) => api.post<AllocationDetail>('/labor/allocations', input));

/** Adjusting answers with the whole draft: put it in the cache at once so the table does not wait for a refetch. */
export function useAdjustEntry(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ workerId, postingId }: { workerId: string; postingId: string | null }) =>
      api.put<AllocationDetail>(`/labor/allocations/${id}/workers/${workerId}`, { postingId }),
    onSuccess: (d) => qc.setQueryData(placementKeys.allocation(id), d),
  });
}
export const useConfirmAllocation = () => useLaborMutation((id: string) => api.post<AllocationDetail>(`/labor/allocations/${id}/confirm`));
export const useDiscardAllocation = () => useLaborMutation((id: string) => api.delete<AllocationDetail>(`/labor/allocations/${id}`));

// ---- follow-ups and alerts -------------------------------------------------------------------------------
export const useFollowUps = (q: FollowUpQuery) =>
  useQuery({ queryKey: placementKeys.followups(q), queryFn: ({ signal }) => api.get<Page<FollowUp>>('/labor/followups', q, signal), placeholderData: keepPreviousData });
export const useRecordOutcome = () => useLaborMutation(({ id, input }: { id: string; input: FollowUpOutcomeInput }) => api.post<FollowUp>(`/labor/followups/${id}/outcome`, input));

export const useAlerts = (q: AlertQuery, enabled = true) =>
  useQuery({ queryKey: placementKeys.alerts(q), queryFn: ({ signal }) => api.get<Page<RelapseAlert>>('/labor/alerts', q, signal), placeholderData: keepPreviousData, enabled });
export const useAcknowledgeAlert = () => useLaborMutation((id: string) => api.post<RelapseAlert>(`/labor/alerts/${id}/acknowledge`));
export const useCloseAlert = () => useLaborMutation(({ id, note }: { id: string; note: string }) => api.post<RelapseAlert>(`/labor/alerts/${id}/close`, { note }));

// ---- retention -------------------------------------------------------------------------------------------
export const useRetention = (q: RetentionQuery) =>
  useQuery({ queryKey: placementKeys.retention(q), queryFn: ({ signal }) => api.get<RetentionReport>('/labor/retention', q, signal), placeholderData: keepPreviousData });

// ---- training, workshops, public-welfare posts -----------------------------------------------------------
export const useProviders = () => useQuery({ queryKey: placementKeys.providers, queryFn: () => api.get<TrainingProvider[]>('/labor/training/providers'), staleTime: 60_000 });
export const useClasses = (q: TrainingClassQuery) =>
  useQuery({ queryKey: placementKeys.classes(q), queryFn: ({ signal }) => api.get<Page<TrainingClass>>('/labor/training/classes', q, signal), placeholderData: keepPreviousData });
export const useParticipants = (classId: string | null) =>
  useQuery({ queryKey: placementKeys.participants(classId ?? ''), queryFn: () => api.get<Participant[]>(`/labor/training/classes/${classId}/participants`), enabled: !!classId });
export const useSaveClass = () => useSave<TrainingClassInput, TrainingClass>('/labor/training/classes');
export const useEnrol = () =>
  useLaborMutation(({ classId, input }: { classId: string; input: EnrolInput }) => api.post<Participant>(`/labor/training/classes/${classId}/participants`, input));
export const useComplete = () =>
  useLaborMutation(({ id, input }: { id: string; input: CompletionInput }) => api.post<Participant>(`/labor/training/participants/${id}/complete`, input));
export const useCertify = () =>
  useLaborMutation(({ id, input }: { id: string; input: TrainingCertificateInput }) => api.post<Participant>(`/labor/training/participants/${id}/certificate`, input));

export const useWorkshops = (q: WorkshopQuery) =>
  useQuery({ queryKey: placementKeys.workshops(q), queryFn: ({ signal }) => api.get<Page<Workshop>>('/labor/workshops', q, signal), placeholderData: keepPreviousData });
export const useWorkshop = (id: string | null) =>
  useQuery({ queryKey: placementKeys.workshop(id ?? ''), queryFn: () => api.get<WorkshopDetail>(`/labor/workshops/${id}`), enabled: !!id });
export const useSaveWorkshop = () => useSave<WorkshopInput, WorkshopDetail>('/labor/workshops');
export const useJoinWorkshop = () =>
  useLaborMutation(({ id, input }: { id: string; input: WorkshopJoinInput }) => api.post<WorkshopDetail>(`/labor/workshops/${id}/workers`, input));
export const useLeaveWorkshop = () =>
  useLaborMutation(({ id, workerId, input }: { id: string; workerId: string; input: WorkshopLeaveInput }) =>
    api.post<WorkshopDetail>(`/labor/workshops/${id}/workers/${workerId}/leave`, input),
  );

export const useWelfarePosts = (q: WelfarePostQuery) =>
  useQuery({ queryKey: placementKeys.welfarePosts(q), queryFn: ({ signal }) => api.get<Page<WelfarePost>>('/labor/welfare-posts', q, signal), placeholderData: keepPreviousData });
export const useSaveWelfarePost = () => useSave<WelfarePostInput, WelfarePost>('/labor/welfare-posts');
