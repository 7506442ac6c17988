import { z } from 'zod';
import { Sector } from './people';

/** A pairing of regions (临沂市 ↔ 城口县; 平邑县 ↔ 城口县 within it), by GB/T 2260 codes of the regions tree. */
export const Partnership = z.object({
  id: z.uuid(),
  name: z.string(),
  westRegionCode: z.string(),
  westRegionName: z.string().nullable(),
  eastRegionCode: z.string(),
  eastRegionName: z.string().nullable(),
  parentId: z.uuid().nullable(),
  since: z.string().nullable(),
});
export type Partnership = z.infer<typeof Partnership>;

export const ProgrammeDirection = z.enum(['west_to_east', 'east_to_west', 'both']);
/** A named programme (沂蒙专家智力扶贫工程 …) that later records (secondments, dispatches, activities) belong to. */
export const Programme = z.object({
  id: z.uuid(),
  partnershipId: z.uuid(),
  name: z.string(),
  sector: Sector,
  direction: ProgrammeDirection,
  startedOn: z.string().nullable(),
  description: z.string().nullable(),
});
export type Programme = z.infer<typeof Programme>;

/** An organisation of either side as talent forms offer it: the owner of a record, a host unit, a paired institution. */
export const TalentOrg = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  regionCode: z.string(),
  side: z.enum(['west', 'east']),
  /** In the actor's talent.edit scope: it may own the actor's records. */
  editable: z.boolean(),
});
export type TalentOrg = z.infer<typeof TalentOrg>;
