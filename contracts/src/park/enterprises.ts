import { z } from 'zod';
import { PageQuery, pageOf, text } from '../common';
import { Phone } from '../identity/schemas';

/** GB/T 4754-2017 class code: a section letter and four digits (C3453 齿轮及齿轮减、变速箱制造). */
export const IndustryCode = z
  .string()
  .trim()
  .regex(/^[A-T]\d{4}$/, 'park.validation.industry_code');
export const Industry = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), section: z.string() });
export type Industry = z.infer<typeof Industry>;

/** Enterprise size by the statistics bureau's classification (统计上大中小微型企业划分办法). */
export const EnterpriseScale = z.enum(['large', 'medium', 'small', 'micro']);
export type EnterpriseScale = z.infer<typeof EnterpriseScale>;

/** Whole yuan as decimal text (output value, tax): exact, no floating point. */
export const Yuan = z
  .string()
  .trim()
  .regex(/^\d{1,15}$/, 'park.validation.whole_yuan');

export const EnterpriseYearInput = z.object({
  year: z.number().int().min(1990).max(2100),
  employees: z.number().int().min(0).max(1_000_000),
  outputValue: Yuan,
  tax: Yuan,
});
export type EnterpriseYearInput = z.infer<typeof EnterpriseYearInput>;

const enterpriseFields = {
  industryCode: IndustryCode,
  scale: EnterpriseScale,
  products: z.string().trim().max(500).nullable().optional(),
  zone: z.string().trim().max(60).nullable().optional(),
  building: z.string().trim().max(60).nullable().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
};

/** Registers an enterprise of the park: `orgId` is its core organisation record (kind enterprise). */
export const EnterpriseInput = z.object({ orgId: z.uuid(), ...enterpriseFields });
export type EnterpriseInput = z.infer<typeof EnterpriseInput>;
export const EnterprisePatch = z.object({
  industryCode: IndustryCode.optional(),
  scale: EnterpriseScale.optional(),
  products: enterpriseFields.products,
  zone: enterpriseFields.zone,
  building: enterpriseFields.building,
  note: enterpriseFields.note,
});
export type EnterprisePatch = z.infer<typeof EnterprisePatch>;

export const EnterpriseYear = EnterpriseYearInput;
export const Contact = z.object({ id: z.uuid(), nameMasked: z.string(), title: z.string().nullable(), phoneMasked: z.string().nullable() });
export type Contact = z.infer<typeof Contact>;
export const ContactInput = z.object({ name: text(40), title: z.string().trim().max(60).nullable().optional(), phone: Phone.nullable().optional() });
export type ContactInput = z.infer<typeof ContactInput>;
export const ContactRevealInput = z.object({ field: z.enum(['name', 'phone']) });
export const ContactParams = z.object({ id: z.uuid(), contactId: z.uuid() });

export const Enterprise = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  name: z.string(),
  regionCode: z.string(),
  industryCode: z.string(),
  industryName: z.string(),
  industryNameEn: z.string(),
  scale: EnterpriseScale,
  products: z.string().nullable(),
  zone: z.string().nullable(),
  building: z.string().nullable(),
  note: z.string().nullable(),
  /** The latest year on record, if any. */
  latest: EnterpriseYear.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Enterprise = z.infer<typeof Enterprise>;
export const EnterpriseDetail = Enterprise.extend({ years: z.array(EnterpriseYear), contacts: z.array(Contact) });
export type EnterpriseDetail = z.infer<typeof EnterpriseDetail>;
export const EnterpriseQuery = PageQuery.extend({ industry: z.string().trim().max(5).optional(), scale: EnterpriseScale.optional() });
export type EnterpriseQuery = z.infer<typeof EnterpriseQuery>;
export const EnterprisePage = pageOf(Enterprise);
