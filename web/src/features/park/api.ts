import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { excelLang } from '../../i18n';
import type {
  CertFile,
  Certification,
  CertificationInput,
  CertificationQuery,
  DecisionInput,
  Enterprise,
  EnterpriseQuery,
  Industry,
  PlantLive,
  Project,
  ProjectInput,
  ProjectPatch,
  ProjectQuery,
  Retrofit,
  RetrofitInput,
  RetrofitPatch,
  RetrofitQuery,
  ReviewInput,
  ChainMap,
  ChainTier,
  LeaseInput,
  ParkDashboard,
  ParkPlan,
  Site,
  SiteDetail,
  SiteQuery,
  SpaceSummary,
  StageChangeInput,
  StageCounts,
  YearSummary,
} from './types';

/** Every park query starts with 'park', so one invalidation after a change refreshes lists, the kanban and the summary. */
export const parkKeys = {
  all: ['park'] as const,
  projects: (q: ProjectQuery) => ['park', 'projects', q] as const,
  stages: ['park', 'stages'] as const,
  summary: (year: number | undefined) => ['park', 'summary', year ?? 'latest'] as const,
  enterprises: (q: EnterpriseQuery) => ['park', 'enterprises', q] as const,
  industries: ['park', 'industries'] as const,
  retrofits: (q: RetrofitQuery) => ['park', 'retrofits', q] as const,
  certifications: (q: CertificationQuery) => ['park', 'certifications', q] as const,
  certification: (id: string) => ['park', 'certification', id] as const,
  live: (id: string) => ['park', 'live', id] as const,
  certFiles: (id: string) => ['park', 'certification', id, 'files'] as const,
  sites: (q: SiteQuery) => ['park', 'sites', q] as const,
  space: ['park', 'space'] as const,
  plan: ['park-plan'] as const,
  chains: ['park', 'chains'] as const,
  dashboard: ['park', 'dashboard'] as const,
};

export function useProjects(q: ProjectQuery, enabled = true) {
  return useQuery({
    queryKey: parkKeys.projects(q),
    queryFn: ({ signal }) => api.get<Page<Project>>('/park/projects', q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
export function useStageCounts(enabled = true) {
  return useQuery({ queryKey: parkKeys.stages, queryFn: ({ signal }) => api.get<StageCounts>('/park/projects/stages', undefined, signal), enabled });
}
/** The yearly summary; without a year the server answers the latest year with signed projects. */
export function useYearSummary(year: number | undefined, enabled = true) {
  return useQuery({
    queryKey: parkKeys.summary(year),
    queryFn: ({ signal }) => api.get<YearSummary>('/park/summary', { year }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
export function useEnterprises(q: EnterpriseQuery, enabled = true) {
  return useQuery({
    queryKey: parkKeys.enterprises(q),
    queryFn: ({ signal }) => api.get<Page<Enterprise>>('/park/enterprises', q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
export function useIndustries(enabled = true) {
  return useQuery({ queryKey: parkKeys.industries, queryFn: () => api.get<Industry[]>('/park/industries'), staleTime: Infinity, enabled });
}

export function useParkMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: parkKeys.all }) });
}
export const useSaveProject = () =>
  useParkMutation(({ id, input }: { id: string | null; input: ProjectInput | ProjectPatch }) =>
    id ? api.patch<Project>(`/park/projects/${id}`, input) : api.post<Project>('/park/projects', input),
  );
export const useChangeStage = () => useParkMutation(({ id, change }: { id: string; change: StageChangeInput }) => api.post<Project>(`/park/projects/${id}/stage`, change));

/** Excel of the filtered list in the reader's language; the lists hold no personal data (contacts are not exported). */
export const exportProjects = (q: ProjectQuery) =>
  api.download('/park/projects/export', { q: q.q, category: q.category, reserve: q.reserve, stage: q.stage, lang: excelLang() }, 'projects.xlsx');
export const exportEnterprises = (q: EnterpriseQuery) => api.download('/park/enterprises/export', { q: q.q, scale: q.scale, lang: excelLang() }, 'enterprises.xlsx');

export function useRetrofits(q: RetrofitQuery) {
  return useQuery({ queryKey: parkKeys.retrofits(q), queryFn: ({ signal }) => api.get<Page<Retrofit>>('/park/retrofits', q, signal), placeholderData: keepPreviousData });
}
export function useCertifications(q: CertificationQuery) {
  return useQuery({
    queryKey: parkKeys.certifications(q),
    queryFn: ({ signal }) => api.get<Page<Certification>>('/park/certifications', q, signal),
    placeholderData: keepPreviousData,
  });
}
export function useCertification(id: string | null) {
  return useQuery({ queryKey: parkKeys.certification(id ?? ''), queryFn: ({ signal }) => api.get<Certification>(`/park/certifications/${id}`, undefined, signal), enabled: !!id });
}
/** A certified plant's live figures (the factory module's, through the server); refreshed every minute while shown. */
export function usePlantLive(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: parkKeys.live(id ?? ''),
    queryFn: ({ signal }) => api.get<PlantLive>(`/park/certifications/${id}/live`, undefined, signal),
    enabled: !!id && enabled,
    refetchInterval: 60_000,
  });
}
/** Records a retrofit, or edits one (its milestones replaced by the form's). */
export const useSaveRetrofit = () =>
  useParkMutation(({ id, input }: { id: string | null; input: RetrofitInput | RetrofitPatch }) =>
    id ? api.patch<Retrofit>(`/park/retrofits/${id}`, input) : api.post<Retrofit>('/park/retrofits', input),
  );
export const useApplyCertification = () => useParkMutation((input: CertificationInput) => api.post<Certification>('/park/certifications', input));
export const useReviewCertification = () =>
  useParkMutation(({ id, input }: { id: string; input: ReviewInput }) => api.post<Certification>(`/park/certifications/${id}/review`, input));
export const useDecideCertification = () =>
  useParkMutation(({ id, input }: { id: string; input: DecisionInput }) => api.post<Certification>(`/park/certifications/${id}/decision`, input));

export function useSites(q: SiteQuery) {
  return useQuery({ queryKey: parkKeys.sites(q), queryFn: ({ signal }) => api.get<Page<Site>>('/park/sites', q, signal), placeholderData: keepPreviousData });
}
export function useSpaceSummary() {
  return useQuery({ queryKey: parkKeys.space, queryFn: ({ signal }) => api.get<SpaceSummary>('/park/space/summary', undefined, signal) });
}
/** The park's plan (shipped data: it does not change while the page is open). */
export function usePlan() {
  return useQuery({ queryKey: parkKeys.plan, queryFn: ({ signal }) => api.get<ParkPlan>('/park/plan', undefined, signal), staleTime: Infinity });
}
export const useLeaseSite = () => useParkMutation(({ id, input }: { id: string; input: LeaseInput }) => api.post<SiteDetail>(`/park/sites/${id}/leases`, input));
export const useEndLease = () =>
  useParkMutation(({ id, endedOn }: { id: string; endedOn: string }) => api.post<SiteDetail>(`/park/sites/${id}/lease-end`, { endedOn, status: 'idle' }));
export function useChains(enabled = true) {
  return useQuery({ queryKey: parkKeys.chains, queryFn: ({ signal }) => api.get<ChainMap>('/park/chains', undefined, signal), enabled });
}
/** The yearly summary as Excel or as one A4 PDF page, in the reader's language. */
export const exportSummary = (year: number, kind: 'export' | 'pdf') =>
  api.download(`/park/summary/${kind}`, { year, lang: excelLang() }, kind === 'pdf' ? `summary-${year}.pdf` : `summary-${year}.xlsx`);

/** The dashboard's and 大屏's figures, counted by the server from the records; the wall refreshes them every minute. */
export function useParkDashboard(refetchInterval?: number) {
  return useQuery({ queryKey: parkKeys.dashboard, queryFn: ({ signal }) => api.get<ParkDashboard>('/park/dashboard', undefined, signal), refetchInterval });
}

/** Chain editing (park.manage): every answer is the refreshed map. */
export const useSaveChain = () =>
  useParkMutation(({ id, input }: { id: string | null; input: { code?: string; name: string } }) =>
    id ? api.patch<ChainMap>(`/park/chains/${id}`, { name: input.name }) : api.post<ChainMap>('/park/chains', input),
  );
export const useSaveLink = () =>
  useParkMutation(({ chainId, linkId, input }: { chainId: string; linkId: string | null; input: { name: string; tier: ChainTier } }) =>
    linkId ? api.patch<ChainMap>(`/park/chains/links/${linkId}`, input) : api.post<ChainMap>(`/park/chains/${chainId}/links`, input),
  );
export const useAddEdge = () => useParkMutation((input: { from: string; to: string; note: string | null }) => api.post<ChainMap>('/park/chains/edges', input));
export const useRemoveEdge = () => useParkMutation(({ from, to }: { from: string; to: string }) => api.delete<ChainMap>(`/park/chains/edges/${from}/${to}`));
/** Deleting a link or a chain (409 with what still hangs on it) and ordering a chain's links: the refreshed map. */
export const useDeleteLink = () => useParkMutation((linkId: string) => api.delete<ChainMap>(`/park/chains/links/${linkId}`));
export const useDeleteChain = () => useParkMutation((chainId: string) => api.delete<ChainMap>(`/park/chains/${chainId}`));
export const useOrderLinks = () =>
  useParkMutation(({ chainId, linkIds }: { chainId: string; linkIds: string[] }) => api.put<ChainMap>(`/park/chains/${chainId}/order`, { linkIds }));

/** A certification's documents (server: certification-files.routes.ts): the enterprise itself and the park officer. */
export const useCertFiles = (certId: string, enabled: boolean) =>
  useQuery({
    queryKey: parkKeys.certFiles(certId),
    queryFn: ({ signal }) => api.get<CertFile[]>(`/park/certifications/${certId}/files`, undefined, signal),
    enabled,
    retry: false,
  });
/** The raw file as the body; the server finds its type by its content. */
export const uploadCertFile = (certId: string, file: File) =>
  api.upload<CertFile>(`/park/certifications/${certId}/files`, file, 'application/octet-stream', { fileName: file.name });
export const downloadCertFile = (f: CertFile) => api.download(`/park/certifications/${f.certificationId}/files/${f.id}`, undefined, f.fileName);
export const useDeleteCertFile = () => useParkMutation(({ certId, id }: { certId: string; id: string }) => api.delete<{ ok: true }>(`/park/certifications/${certId}/files/${id}`));
