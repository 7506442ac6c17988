import { z } from 'zod';
import { bool, pageOf, PageQuery } from '../common';
import { OrgKind } from '../identity/schemas';

// ---- shares between the paired regions ---------------------------------------------------------------------
export const ShareKind = z.enum(['worker', 'posting']);
export const ShareInput = z.object({
  kind: ShareKind,
  ids: z.array(z.uuid()).min(1).max(500),
  /** The partner organisation, e.g. 临沂市人力资源和社会保障局. */
  toOrgId: z.uuid(),
  note: z.string().trim().max(200).nullish(),
});
export const Share = z.object({
  id: z.uuid(),
  kind: ShareKind,
  subjectId: z.uuid(),
  /** The posting's title, or the worker's masked name. */
  subjectLabel: z.string(),
  fromOrgId: z.uuid(),
  fromOrgName: z.string(),
  toOrgId: z.uuid(),
  toOrgName: z.string(),
  note: z.string().nullable(),
  sharedByName: z.string().nullable(),
  sharedAt: z.string(),
  active: z.boolean(),
  revokedAt: z.string().nullable(),
  revokedByName: z.string().nullable(),
});
export type Share = z.infer<typeof Share>;
export const ShareQuery = PageQuery.extend({
  /** out: shares the own scope made; in: shares made to organisations in it. Default both. */
  direction: z.enum(['out', 'in']).optional(),
  kind: ShareKind.optional(),
  active: bool.optional(),
});
export type ShareQuery = z.infer<typeof ShareQuery>;
export const SharePage = pageOf(Share);
export const SharesCreated = z.object({ created: z.array(Share), alreadyShared: z.number().int() });
/**
 * An organisation the user may share with: located in a region paired (East–West) with the region of an
 * organisation whose records the user may share.
 */
export const LaborPartner = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: OrgKind,
  regionCode: z.string(),
  regionName: z.string().nullable(),
  /** The region of the pair on the sharing side, e.g. 500229 for a Linyi organisation. */
  pairedRegionCode: z.string(),
  pairedRegionName: z.string().nullable(),
});
export type LaborPartner = z.infer<typeof LaborPartner>;
