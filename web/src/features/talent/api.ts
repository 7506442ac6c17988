import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, RevealResult } from '../../api/types';
import { excelLang } from '../../i18n';
import type {
  Plan,
  PlanInput,
  PlanItem,
  PlanItemInput,
  PlanItemPatch,
  PlanItemQuery,
  FollowUpInput,
  PlanNoteInput,
  PlanReopenInput,
  Visit,
  VisitInput,
  VisitPatch,
  VisitQuery,
  MentoringLogInput,
  MentorshipInput,
  Mentorship,
  MentorshipQuery,
  Activity,
  ActivityInput,
  ActivityQuery,
  CollabStats,
  Outcome,
  OutcomeQuery,
  SignIn,
  AgreementInput,
  Demand,
  DemandCandidate,
  DemandInput,
  DemandQuery,
  Dispatch,
  DispatchDecision,
  DispatchQuery,
  ExchangeCounts,
  Pairing,
  PairingInput,
  PairingQuery,
  Partnership,
  Person,
  PersonInput,
  PersonPatch,
  PersonQuery,
  Programme,
  RevealField,
  Secondment,
  SecondmentInput,
  SecondmentPatch,
  SecondmentQuery,
  SecondmentReport,
  TalentOrg,
} from './types';

/** Every talent query starts with 'talent', so one invalidation after a change refreshes lists and counts. */
export const talentKeys = {
  all: ['talent'] as const,
  people: (q: PersonQuery) => ['talent', 'people', q] as const,
  secondments: (q: SecondmentQuery) => ['talent', 'secondments', q] as const,
  reports: (id: string) => ['talent', 'secondment', id, 'reports'] as const,
  pairings: (q: PairingQuery) => ['talent', 'pairings', q] as const,
  partnerships: ['talent', 'partnerships'] as const,
  orgs: ['talent', 'orgs'] as const,
  programmes: ['talent', 'programmes'] as const,
  exchanges: (from: number, to: number) => ['talent', 'exchanges', from, to] as const,
  demands: (q: DemandQuery) => ['talent', 'demands', q] as const,
  candidates: (id: string) => ['talent', 'demand', id, 'candidates'] as const,
  dispatches: (q: DispatchQuery) => ['talent', 'dispatches', q] as const,
  activities: (q: ActivityQuery) => ['talent', 'activities', q] as const,
  signIns: (id: string) => ['talent', 'activity', id, 'signins'] as const,
  outcomes: (q: OutcomeQuery) => ['talent', 'outcomes', q] as const,
  collab: (from: number, to: number) => ['talent', 'collab', from, to] as const,
  mentorships: (q: MentorshipQuery) => ['talent', 'mentorships', q] as const,
  plans: ['talent', 'plans'] as const,
  planItems: (q: PlanItemQuery) => ['talent', 'plan-items', q] as const,
  visits: (q: VisitQuery) => ['talent', 'visits', q] as const,
};

export function usePeople(q: PersonQuery, enabled = true) {
  return useQuery({ queryKey: talentKeys.people(q), queryFn: ({ signal }) => api.get<Page<Person>>('/talent/people', q, signal), enabled, placeholderData: keepPreviousData });
}
export function useSecondments(q: SecondmentQuery, enabled = true) {
  return useQuery({
    queryKey: talentKeys.secondments(q),
    queryFn: ({ signal }) => api.get<Page<Secondment>>('/talent/secondments', q, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}
export function useReports(id: string | null) {
  return useQuery({ queryKey: talentKeys.reports(id ?? ''), queryFn: () => api.get<SecondmentReport[]>(`/talent/secondments/${id}/reports`), enabled: !!id });
}
export function usePairings(q: PairingQuery, enabled = true) {
  return useQuery({ queryKey: talentKeys.pairings(q), queryFn: ({ signal }) => api.get<Page<Pairing>>('/talent/pairings', q, signal), enabled, placeholderData: keepPreviousData });
}
export function usePartnerships() {
  return useQuery({ queryKey: talentKeys.partnerships, queryFn: () => api.get<Partnership[]>('/talent/partnerships'), staleTime: Infinity });
}
/** The organisations of both sides the user reads (GET /talent/orgs), for the forms' pickers. */
export function useTalentOrgs() {
  return useQuery({ queryKey: talentKeys.orgs, queryFn: () => api.get<TalentOrg[]>('/talent/orgs'), staleTime: 5 * 60_000 });
}
export function useProgrammes() {
  return useQuery({ queryKey: talentKeys.programmes, queryFn: () => api.get<Programme[]>('/talent/programmes'), staleTime: Infinity });
}
export function useExchanges(fromYear: number, toYear: number) {
  return useQuery({ queryKey: talentKeys.exchanges(fromYear, toYear), queryFn: () => api.get<ExchangeCounts>('/talent/stats/exchanges', { fromYear, toYear }) });
}

export function useDemands(q: DemandQuery) {
  return useQuery({ queryKey: talentKeys.demands(q), queryFn: ({ signal }) => api.get<Page<Demand>>('/talent/demands', q, signal), placeholderData: keepPreviousData });
}
export function useCandidates(id: string | null) {
  return useQuery({ queryKey: talentKeys.candidates(id ?? ''), queryFn: () => api.get<DemandCandidate[]>(`/talent/demands/${id}/candidates`, { limit: 10 }), enabled: !!id });
}
export function useDispatches(q: DispatchQuery, enabled = true) {
  return useQuery({
    queryKey: talentKeys.dispatches(q),
    queryFn: ({ signal }) => api.get<Page<Dispatch>>('/talent/dispatches', q, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useActivities(q: ActivityQuery) {
  return useQuery({ queryKey: talentKeys.activities(q), queryFn: ({ signal }) => api.get<Page<Activity>>('/talent/activities', q, signal), placeholderData: keepPreviousData });
}
export function useSignIns(id: string | null) {
  return useQuery({ queryKey: talentKeys.signIns(id ?? ''), queryFn: () => api.get<SignIn[]>(`/talent/activities/${id}/signins`), enabled: !!id });
}
export function useOutcomes(q: OutcomeQuery) {
  return useQuery({ queryKey: talentKeys.outcomes(q), queryFn: ({ signal }) => api.get<Page<Outcome>>('/talent/outcomes', q, signal), placeholderData: keepPreviousData });
}
export function useCollabStats(fromYear: number, toYear: number, enabled = true) {
  return useQuery({
    queryKey: talentKeys.collab(fromYear, toYear),
    queryFn: () => api.get<CollabStats>('/talent/stats/collab', { fromYear, toYear }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useMentorships(q: MentorshipQuery) {
  return useQuery({ queryKey: talentKeys.mentorships(q), queryFn: ({ signal }) => api.get<Page<Mentorship>>('/talent/mentorships', q, signal), placeholderData: keepPreviousData });
}

export function usePlans() {
  return useQuery({ queryKey: talentKeys.plans, queryFn: ({ signal }) => api.get<Plan[]>('/talent/plans', {}, signal) });
}
export function usePlanItems(q: PlanItemQuery, enabled = true) {
  return useQuery({
    queryKey: talentKeys.planItems(q),
    queryFn: ({ signal }) => api.get<Page<PlanItem>>('/talent/plan-items', q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
export function useVisits(q: VisitQuery) {
  return useQuery({ queryKey: talentKeys.visits(q), queryFn: ({ signal }) => api.get<Page<Visit>>('/talent/visits', q, signal), placeholderData: keepPreviousData });
}

function useTalentMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: talentKeys.all }) });
}
export const useCreatePerson = () => useTalentMutation((input: PersonInput) => api.post<Person>('/talent/people', input));
export const useUpdatePerson = () => useTalentMutation(({ id, patch }: { id: string; patch: PersonPatch }) => api.patch<Person>(`/talent/people/${id}`, patch));
export const useCreatePairing = () => useTalentMutation((input: PairingInput) => api.post<Pairing>('/talent/pairings', input));
export const useAddAgreement = () => useTalentMutation(({ id, input }: { id: string; input: AgreementInput }) => api.post<Pairing>(`/talent/pairings/${id}/agreements`, input));
export const useCreateSecondment = () => useTalentMutation((input: SecondmentInput) => api.post<Secondment>('/talent/secondments', input));
export const useUpdateSecondment = () => useTalentMutation(({ id, patch }: { id: string; patch: SecondmentPatch }) => api.patch<Secondment>(`/talent/secondments/${id}`, patch));
export const useCreateActivity = () => useTalentMutation((input: ActivityInput) => api.post<Activity>('/talent/activities', input));
export const useCreateMentorship = () => useTalentMutation((input: MentorshipInput) => api.post<Mentorship>('/talent/mentorships', input));
export const useAddMentoringLog = () =>
  useTalentMutation(({ id, input }: { id: string; input: MentoringLogInput }) => api.post<Mentorship>(`/talent/mentorships/${id}/logs`, input));
export const useCreatePlan = () => useTalentMutation((input: PlanInput) => api.post<Plan>('/talent/plans', input));
export const useCreatePlanItem = () =>
  useTalentMutation(({ planId, input }: { planId: string; input: PlanItemInput }) => api.post<PlanItem>(`/talent/plans/${planId}/items`, input));
export const useUpdatePlanItem = () => useTalentMutation(({ id, patch }: { id: string; patch: PlanItemPatch }) => api.patch<PlanItem>(`/talent/plan-items/${id}`, patch));
export const useAddPlanNote = () => useTalentMutation(({ id, input }: { id: string; input: PlanNoteInput }) => api.post<PlanItem>(`/talent/plan-items/${id}/notes`, input));
export const useClosePlan = () => useTalentMutation((id: string) => api.post<Plan>(`/talent/plans/${id}/close`, {}));
export const useReopenPlan = () => useTalentMutation(({ id, input }: { id: string; input: PlanReopenInput }) => api.post<Plan>(`/talent/plans/${id}/reopen`, input));
export const useCreateVisit = () => useTalentMutation((input: VisitInput) => api.post<Visit>('/talent/visits', input));
export const useAddFollowUp = () => useTalentMutation(({ id, input }: { id: string; input: FollowUpInput }) => api.post<Visit>(`/talent/visits/${id}/follow-ups`, input));
export const useUpdateVisit = () => useTalentMutation(({ id, patch }: { id: string; patch: VisitPatch }) => api.patch<Visit>(`/talent/visits/${id}`, patch));
export const useCreateDemand = () => useTalentMutation((input: DemandInput) => api.post<Demand>('/talent/demands', input));
export const useIssueDispatch = () =>
  useTalentMutation(({ demandId, personId }: { demandId: string; personId: string }) => api.post<Dispatch>(`/talent/demands/${demandId}/dispatches`, { personId }));
export const useDecideDispatch = () =>
  useTalentMutation(({ id, decision }: { id: string; decision: DispatchDecision }) => api.post<Dispatch>(`/talent/dispatches/${id}/decision`, decision));

/** The clear value of one field (audited on the server). */
export const revealPerson = (id: string, field: RevealField) => api.post<RevealResult>(`/talent/people/${id}/reveal`, { field });

/** A list's filters without its page: what an export takes. */
const filters = <Q extends { page?: number; pageSize?: number }>({ page: _p, pageSize: _s, ...rest }: Q) => ({ ...rest, lang: excelLang() });
export const exportPeople = (q: PersonQuery) => api.download('/talent/people/export', filters(q), 'people.xlsx');
export const exportSecondments = (q: SecondmentQuery) => api.download('/talent/secondments/export', filters(q), 'secondments.xlsx');
export const exportPairings = (q: PairingQuery) => api.download('/talent/pairings/export', filters(q), 'pairings.xlsx');
export const exportDemands = (q: DemandQuery) => api.download('/talent/demands/export', filters(q), 'demands.xlsx');
export const exportDispatches = (q: DispatchQuery) => api.download('/talent/dispatches/export', filters(q), 'dispatches.xlsx');
export const exportActivities = (q: ActivityQuery) => api.download('/talent/activities/export', filters(q), 'activities.xlsx');
export const exportOutcomes = (q: OutcomeQuery) => api.download('/talent/outcomes/export', filters(q), 'outcomes.xlsx');
export const exportQuarterly = (year: number, quarter: number) => api.download('/talent/stats/quarterly', { year, quarter, lang: excelLang() }, `talent-${year}-q${quarter}.xlsx`);
export const exportMentorships = (q: MentorshipQuery) => api.download('/talent/mentorships/export', filters(q), 'mentoring.xlsx');
export const exportPlanItems = (q: PlanItemQuery) => api.download('/talent/plan-items/export', filters(q), 'annual-plan.xlsx');
export const exportVisits = (q: VisitQuery) => api.download('/talent/visits/export', filters(q), 'visits.xlsx');
export const exportSignIns = (activityId: string) => api.download(`/talent/activities/${activityId}/signins/export`, { lang: excelLang() }, 'signins.xlsx');
export const exportReports = (secondmentId: string) => api.download(`/talent/secondments/${secondmentId}/reports/export`, { lang: excelLang() }, 'secondment-reports.xlsx');
