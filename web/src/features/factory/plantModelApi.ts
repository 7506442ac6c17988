import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as C from '@gearbridge/contracts/factory';
import { api } from '../../api/client';

// The equipment model's shapes, inferred from the shared schemas (type-only: zod stays out of the bundle).
export type PlantModel = C.PlantModel;
export type SiteNode = z.infer<typeof C.PlantSiteNode>;
export type AreaNode = z.infer<typeof C.PlantAreaNode>;
export type LineNode = z.infer<typeof C.PlantLineNode>;
export type CellNode = z.infer<typeof C.PlantCellNode>;
export type SparkplugGroup = C.SparkplugGroup;
export type SiteInput = z.input<typeof C.SiteInput>;
export type SitePatch = z.input<typeof C.SitePatch>;
export type AreaInput = z.input<typeof C.AreaInput>;
export type AreaPatch = z.input<typeof C.AreaPatch>;
export type LineInput = z.input<typeof C.LineInput>;
export type LinePatch = z.input<typeof C.LinePatch>;
export type CellInput = z.input<typeof C.CellInput>;
export type CellPatch = z.input<typeof C.CellPatch>;
export type SparkplugGroupInput = z.input<typeof C.SparkplugGroupInput>;

/** The four levels the page edits, in ISA-95 order; each one's URL segment under /factory/model. */
export const LEVELS = ['site', 'area', 'line', 'cell'] as const;
export type Level = (typeof LEVELS)[number];
const SEGMENT: Record<Level, string> = { site: 'sites', area: 'areas', line: 'lines', cell: 'cells' };
export const PARENT_OF = { area: 'site', line: 'area', cell: 'line' } as const;

export const plantModelKeys = {
  model: ['factory', 'model'] as const,
  groups: ['factory', 'model', 'sparkplug-groups'] as const,
};

export function usePlantModel() {
  return useQuery({ queryKey: plantModelKeys.model, queryFn: ({ signal }) => api.get<PlantModel>('/factory/model', undefined, signal) });
}

export function useSparkplugGroups() {
  return useQuery({ queryKey: plantModelKeys.groups, queryFn: ({ signal }) => api.get<SparkplugGroup[]>('/factory/model/sparkplug-groups', undefined, signal) });
}

/**
 * After any change the tree, the group list and every page built on lines and devices (overview, device list) may
 * be stale: all factory queries are refreshed.
 */
function useModelChange<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: ['factory'] }) });
}

export type NodeInput = { level: 'site'; input: SiteInput } | { level: 'area'; input: AreaInput } | { level: 'line'; input: LineInput } | { level: 'cell'; input: CellInput };
export type NodePatch =
  | { level: 'site'; id: string; patch: SitePatch }
  | { level: 'area'; id: string; patch: AreaPatch }
  | { level: 'line'; id: string; patch: LinePatch }
  | { level: 'cell'; id: string; patch: CellPatch };

export const useCreateNode = () => useModelChange((v: NodeInput) => api.post<{ id: string }>(`/factory/model/${SEGMENT[v.level]}`, v.input));
export const useUpdateNode = () => useModelChange((v: NodePatch) => api.patch<{ id: string }>(`/factory/model/${SEGMENT[v.level]}/${v.id}`, v.patch));
export const useDeleteNode = () => useModelChange((v: { level: Level; id: string }) => api.delete<{ ok: true }>(`/factory/model/${SEGMENT[v.level]}/${v.id}`));

export const useCreateGroup = () => useModelChange((input: SparkplugGroupInput) => api.post<SparkplugGroup>('/factory/model/sparkplug-groups', input));
export const useDeleteGroup = () => useModelChange((groupId: string) => api.delete<{ ok: true }>(`/factory/model/sparkplug-groups/${encodeURIComponent(groupId)}`));
