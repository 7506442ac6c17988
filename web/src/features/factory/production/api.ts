import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../../api/client';
import type {
  ComponentLot,
  ComponentLotQuery,
  DefectCode,
  Genealogy,
  Page,
  Product,
  RecallQuery,
  RecallResult,
  StationEventInput,
  StationEventResult,
  Tool,
  ToolInput,
  ToolQuery,
  ToolUpdate,
  WorkOrder,
  WorkOrderActionName,
  WorkOrderInput,
  WorkOrderQuery,
} from '../../../api/types';

/** Work orders refresh every 10 s (their progress moves with each unit reported). */
export const WORK_ORDER_MS = 10_000;

export const productionKeys = {
  all: ['factory', 'production'] as const,
  products: ['factory', 'production', 'products'] as const,
  defects: ['factory', 'production', 'defects'] as const,
  workOrders: (q: WorkOrderQuery) => ['factory', 'production', 'work-orders', q] as const,
  genealogy: (code: string) => ['factory', 'production', 'genealogy', code] as const,
  recall: (q: RecallQuery) => ['factory', 'production', 'recall', q] as const,
  lots: (q: ComponentLotQuery) => ['factory', 'production', 'lots', q] as const,
  tools: (q: ToolQuery) => ['factory', 'production', 'tools', q] as const,
  tool: (id: string) => ['factory', 'production', 'tool', id] as const,
};

export function useProducts() {
  return useQuery({ queryKey: productionKeys.products, queryFn: ({ signal }) => api.get<Product[]>('/factory/products', undefined, signal), staleTime: 300_000 });
}

export function useDefectCodes() {
  return useQuery({ queryKey: productionKeys.defects, queryFn: ({ signal }) => api.get<DefectCode[]>('/factory/defect-codes', undefined, signal), staleTime: 300_000 });
}

export function useWorkOrders(q: WorkOrderQuery, refetchInterval: number | false = WORK_ORDER_MS, enabled = true) {
  return useQuery({
    queryKey: productionKeys.workOrders(q),
    queryFn: ({ signal }) => api.get<Page<WorkOrder>>('/factory/work-orders', q as Query, signal),
    placeholderData: keepPreviousData,
    refetchInterval,
    enabled,
  });
}

export function useCreateWorkOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: WorkOrderInput) => api.post<WorkOrder>('/factory/work-orders', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['factory', 'production', 'work-orders'] }),
  });
}

export function useWorkOrderAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: WorkOrderActionName }) => api.post<WorkOrder>(`/factory/work-orders/${id}/actions`, { action }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['factory', 'production', 'work-orders'] }),
  });
}

/** A unit's whole history by what was typed or scanned; a code that finds no unit answers 404 and is not retried. */
export function useGenealogy(code: string | undefined) {
  return useQuery({
    queryKey: productionKeys.genealogy(code ?? ''),
    queryFn: ({ signal }) => api.get<Genealogy>('/factory/units/genealogy', { code }, signal),
    enabled: !!code,
    retry: false,
  });
}

export function useUnitHold() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, hold, reason }: { unitId: number; hold: boolean; reason: string }) =>
      api.post<{ changed: number }>(`/factory/units/${unitId}/${hold ? 'hold' : 'release'}`, { reason }),
    onSettled: () => void qc.invalidateQueries({ queryKey: productionKeys.all }),
  });
}

/** The recall's paged list and counts; without a starting point nothing is asked. */
export function useRecall(q: RecallQuery | null) {
  return useQuery({
    queryKey: productionKeys.recall(q ?? {}),
    queryFn: ({ signal }) => api.get<RecallResult>('/factory/recall', q as Query, signal),
    enabled: !!q,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useRecallHold() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ query, hold, reason }: { query: RecallQuery; hold: boolean; reason: string }) => api.post<{ changed: number }>('/factory/recall/hold', { query, hold, reason }),
    onSettled: () => void qc.invalidateQueries({ queryKey: productionKeys.all }),
  });
}

export function downloadRecall(q: RecallQuery, lang: 'zh' | 'en') {
  return api.download('/factory/recall/export', { ...(q as Query), page: undefined, pageSize: undefined, lang }, 'recall.xlsx');
}

export function useLots(q: ComponentLotQuery, enabled = true) {
  return useQuery({
    queryKey: productionKeys.lots(q),
    queryFn: ({ signal }) => api.get<Page<ComponentLot>>('/factory/lots', q as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useStationReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: StationEventInput) => api.post<StationEventResult>('/factory/stations/events', input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['factory', 'production', 'work-orders'] });
      void qc.invalidateQueries({ queryKey: ['factory', 'production', 'genealogy'] });
    },
  });
}

export function useTools(q: ToolQuery, enabled = true) {
  return useQuery({
    queryKey: productionKeys.tools(q),
    queryFn: ({ signal }) => api.get<Page<Tool>>('/factory/tools', q as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTool(id: string | undefined) {
  return useQuery({
    queryKey: productionKeys.tool(id ?? ''),
    queryFn: ({ signal }) => api.get<Tool>(`/factory/tools/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useSaveTool() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; patch: ToolUpdate } | { create: ToolInput }) =>
      'create' in v ? api.post<Tool>('/factory/tools', v.create) : api.patch<Tool>(`/factory/tools/${v.id}`, v.patch),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['factory', 'production'] }),
  });
}
