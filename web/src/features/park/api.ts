import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { excelLang } from '../../i18n';
import type { Enterprise, EnterpriseQuery, Industry, Project, ProjectInput, ProjectPatch, ProjectQuery, StageChangeInput, StageCounts, YearSummary } from './types';

/** Every park query starts with 'park', so one invalidation after a change refreshes lists, the kanban and the summary. */
export const parkKeys = {
  all: ['park'] as const,
  projects: (q: ProjectQuery) => ['park', 'projects', q] as const,
  stages: ['park', 'stages'] as const,
  summary: (year: number | undefined) => ['park', 'summary', year ?? 'latest'] as const,
  enterprises: (q: EnterpriseQuery) => ['park', 'enterprises', q] as const,
  industries: ['park', 'industries'] as const,
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

function useParkMutation<V, R>(fn: (v: V) => Promise<R>) {
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
