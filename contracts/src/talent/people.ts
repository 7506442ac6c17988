import { z } from 'zod';
import { pageOf, PageQuery, text } from '../common';
import { Phone } from '../identity/schemas';
import { TitleCode } from './titles';

/** Cadres (干部) are seconded (挂职); professionals (专业技术人才) are sent and dispatched. */
export const PersonKind = z.enum(['cadre', 'professional']);
export type PersonKind = z.infer<typeof PersonKind>;
export const Sector = z.enum(['health', 'education', 'agriculture', 'cadre', 'science', 'other']);
export type Sector = z.infer<typeof Sector>;
export const Availability = z.enum(['available', 'on_assignment', 'unavailable']);
export type Availability = z.infer<typeof Availability>;
/** Which side of the partnership a record belongs to: the western (城口) or the eastern (临沂) region. */
export const Side = z.enum(['west', 'east']);
export type Side = z.infer<typeof Side>;
const IsoDate = z.iso.date();

export const PersonInput = z.object({
  /** The owning organisation; defaults to the actor's. */
  orgId: z.uuid().optional(),
  kind: PersonKind,
  name: text(40),
  idNumber: z.string().trim().min(1).max(30),
  phone: Phone.nullish(),
  unit: text(80),
  post: text(60),
  titleCode: TitleCode.nullish(),
  specialties: z.array(text(30)).max(10).default([]),
  sector: Sector,
  availability: Availability.default('available'),
  availableFrom: IsoDate.nullish(),
  note: z.string().trim().max(500).nullish(),
});
export type PersonInput = z.infer<typeof PersonInput>;
export const PersonPatch = PersonInput.omit({ orgId: true }).partial();
export type PersonPatch = z.infer<typeof PersonPatch>;

export const Person = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  side: Side,
  /** own: the actor's side edits it; partner: read through the partnership. */
  access: z.enum(['own', 'partner']),
  kind: PersonKind,
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthYear: z.number().int(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  unit: z.string(),
  post: z.string(),
  titleCode: TitleCode.nullable(),
  titleLevel: z.number().int().nullable(),
  specialties: z.array(z.string()),
  sector: Sector,
  availability: Availability,
  availableFrom: z.string().nullable(),
  /** The end of the term under way today (China time), from the secondment records; null: on no term now. */
  onTermUntil: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof Person>;
export const PersonQuery = PageQuery.extend({
  kind: PersonKind.optional(),
  sector: Sector.optional(),
  side: Side.optional(),
  availability: Availability.optional(),
  orgId: z.uuid().optional(),
  /** Minimum title level (1–4). */
  minLevel: z.coerce.number().int().min(1).max(4).optional(),
  /** true: only the people the actor edits (a form's picker of the own side's people). */
  editable: z.enum(['true', 'false']).optional(),
});
export type PersonQuery = z.infer<typeof PersonQuery>;
export const PersonPage = pageOf(Person);
export const PersonRevealInput = z.object({ field: z.enum(['idNumber', 'phone']) });
