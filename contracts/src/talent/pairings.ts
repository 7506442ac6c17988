import { z } from 'zod';
import { pageOf, PageQuery, text } from '../common';

const IsoDate = z.iso.date();
/** 结对共建: school ↔ school, hospital ↔ hospital, or other institutions. */
export const PairingKind = z.enum(['school', 'hospital', 'other']);
export type PairingKind = z.infer<typeof PairingKind>;

export const PairingInput = z.object({
  kind: PairingKind,
  westOrgId: z.uuid(),
  eastOrgId: z.uuid(),
  programmeId: z.uuid().nullish(),
  startedOn: IsoDate,
  note: z.string().trim().max(500).nullish(),
});
export type PairingInput = z.infer<typeof PairingInput>;

export const Agreement = z.object({
  id: z.uuid(),
  pairingId: z.uuid(),
  title: z.string(),
  signedOn: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  documentName: z.string().nullable(),
  note: z.string().nullable(),
});
export type Agreement = z.infer<typeof Agreement>;
export const AgreementInput = z.object({
  title: text(120),
  signedOn: IsoDate,
  startsOn: IsoDate,
  endsOn: IsoDate.nullish(),
  /** The signed document's name as filed (the file itself is kept by the offices for now). */
  documentName: z.string().trim().max(120).nullish(),
  note: z.string().trim().max(500).nullish(),
});
export type AgreementInput = z.infer<typeof AgreementInput>;

export const Pairing = z.object({
  id: z.uuid(),
  kind: PairingKind,
  westOrgId: z.uuid(),
  westOrgName: z.string(),
  eastOrgId: z.uuid(),
  eastOrgName: z.string(),
  programmeId: z.uuid().nullable(),
  programmeName: z.string().nullable(),
  startedOn: z.string(),
  note: z.string().nullable(),
  /** Whether the actor edits it: either institution in the actor's talent.edit scope. */
  editable: z.boolean(),
  agreements: z.array(Agreement),
  /** Activities under the pairing come with the activities part (docs/talent.md); counted here once they exist. */
  activityCount: z.number().int(),
});
export type Pairing = z.infer<typeof Pairing>;
export const PairingQuery = PageQuery.extend({ kind: PairingKind.optional(), orgId: z.uuid().optional() });
export type PairingQuery = z.infer<typeof PairingQuery>;
export const PairingPage = pageOf(Pairing);
