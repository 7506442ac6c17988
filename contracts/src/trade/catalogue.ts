import { z } from 'zod';
import { PageQuery, pageOf, text } from '../common';
import { parseYuan } from './money';
import { ATTRIBUTES, VERTICALS, type AttributeDef } from './attributes';

export const Vertical = z.enum(VERTICALS);
export type Vertical = z.infer<typeof Vertical>;

function fieldSchema(def: AttributeDef, partial: boolean): z.ZodType {
  let s: z.ZodType;
  if (def.kind === 'enum') s = z.enum(def.options as [string, ...string[]]);
  else if (def.kind === 'text') s = text(def.maxLength);
  else {
    const step = 10 ** -def.decimals;
    s = z
      .number()
      .min(def.min)
      .max(def.max)
      .refine((v) => Math.abs(Math.round(v / step) * step - v) < step / 1000, { message: def.decimals === 0 ? 'trade.field.integer' : 'trade.field.too_many_decimals' });
  }
  return def.required && !partial ? s : s.optional();
}

/**
 * The zod schema of one vertical's attributes, with the rules that tie them together (a product). `partial`: every
 * attribute optional, each checked when given, no cross-field rules (an RFQ's specification).
 */
export function attributesSchema(vertical: Vertical, partial = false) {
  const shape = Object.fromEntries(ATTRIBUTES[vertical].map((d) => [d.key, fieldSchema(d, partial)]));
  const base = z.strictObject(shape);
  if (partial) return base;
  if (vertical === 'gear')
    return base.superRefine((v, ctx) => {
      // A spur gear's teeth are parallel to its axis; helical and hypoid gears have a helix (spiral) angle.
      if (v.gearType === 'spur' && v.helixAngle !== 0) ctx.addIssue({ code: 'custom', path: ['helixAngle'], message: 'trade.field.spur_helix_zero' });
      if (v.gearType !== 'spur' && v.helixAngle === 0) ctx.addIssue({ code: 'custom', path: ['helixAngle'], message: 'trade.field.helix_required' });
    });
  if (vertical === 'aluminium')
    return base.superRefine((v, ctx) => {
      // Molten aluminium (铝液) has neither a temper nor dimensions; solid forms have a temper.
      if (v.form === 'molten' && v.temper !== undefined) ctx.addIssue({ code: 'custom', path: ['temper'], message: 'trade.field.molten_no_temper' });
      if (v.form === 'molten' && v.dimensions !== undefined) ctx.addIssue({ code: 'custom', path: ['dimensions'], message: 'trade.field.molten_no_dimensions' });
      if (v.form !== 'molten' && v.temper === undefined) ctx.addIssue({ code: 'custom', path: ['temper'], message: 'trade.field.temper_required' });
    });
  return base;
}

/** 元 with at most two decimals, as a string ("1234.50"): exact, never a float. */
export const Yuan = z
  .string()
  .max(32)
  .refine((s) => parseYuan(s) !== null, { message: 'trade.field.yuan' });
export const PositiveYuan = z
  .string()
  .max(32)
  .refine((s) => (parseYuan(s) ?? 0n) > 0n, { message: 'trade.field.yuan_positive' });

const productFields = {
  vertical: Vertical,
  name: text(120),
  /** The supplier's part number; for a supplier that runs the factory module, its part number there. */
  partNumber: z.string().trim().max(60).nullish(),
  description: z.string().trim().max(2000).nullish(),
  attributes: z.record(z.string(), z.union([z.string(), z.number()])),
  /** List price per unit (piece or tonne), excluding VAT; null: on request. */
  unitPrice: PositiveYuan.nullish(),
};
export const ProductInput = z.object(productFields);
export type ProductInput = z.infer<typeof ProductInput>;
export const ProductPatch = z.object({
  name: productFields.name.optional(),
  partNumber: productFields.partNumber,
  description: productFields.description,
  attributes: productFields.attributes.optional(),
  unitPrice: productFields.unitPrice,
  status: z.enum(['active', 'inactive']).optional(),
});
export type ProductPatch = z.infer<typeof ProductPatch>;

export const Product = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  supplierName: z.string(),
  vertical: Vertical,
  name: z.string(),
  partNumber: z.string().nullable(),
  description: z.string().nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.number()])),
  unit: z.enum(['piece', 't']),
  unitPrice: z.string().nullable(),
  /** The unit price with 13 % VAT, rounded half-up to the 分. */
  unitPriceWithVat: z.string().nullable(),
  status: z.enum(['active', 'inactive']),
  /** The caller's organisation sells it. */
  own: z.boolean(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof Product>;

/**
 * The catalogue's query. `attr` filters by attribute values, each "key:value" (repeat the parameter for several;
 * values of one key are alternatives, different keys all apply). Facets answer for the vertical.
 */
export const ProductQuery = PageQuery.extend({
  vertical: Vertical.optional(),
  supplier: z.uuid().optional(),
  attr: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().regex(/^[A-Za-z]+:.{1,80}$/, { message: 'trade.field.attr_filter' })).max(30))
    .optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
});
export type ProductQuery = z.input<typeof ProductQuery>;

/** One value of an attribute with the number of products that have it under the other filters. */
export const FacetValue = z.object({ value: z.string(), count: z.number().int() });
export const Facet = z.object({ key: z.string(), values: z.array(FacetValue) });
export const ProductPage = pageOf(Product).extend({ facets: z.array(Facet) });
export type ProductPage = z.infer<typeof ProductPage>;

/** A supplier's storefront: who it is and what it sells, by vertical. */
export const Storefront = z.object({
  orgId: z.uuid(),
  name: z.string(),
  regionName: z.string().nullable(),
  products: z.array(z.object({ vertical: Vertical, count: z.number().int() })),
});
export type Storefront = z.infer<typeof Storefront>;
export const StorefrontList = z.array(Storefront);
