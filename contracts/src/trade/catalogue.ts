import { z } from 'zod';
import { PageQuery, pageOf, text } from '../common';
import { parseYuan } from './money';

/** The three trade platforms the article announces: gears, new-energy-vehicle parts, transport aluminium. */
export const Vertical = z.enum(['gear', 'nev_part', 'aluminium']);
export type Vertical = z.infer<typeof Vertical>;

/**
 * One typed attribute of a vertical: the server validates products and RFQ specs with the zod built from these, the
 * web draws its forms and facets from them. Option values are stable codes; their names are the web's texts
 * (`trade.attr.<key>.<value>`). `unit` is shown beside numbers.
 */
export type AttributeDef =
  | { key: string; kind: 'enum'; options: readonly string[]; required: boolean }
  | { key: string; kind: 'number'; min: number; max: number; decimals: number; unit?: string; required: boolean }
  | { key: string; kind: 'text'; maxLength: number; required: boolean };

const en = (key: string, options: readonly string[], required = true): AttributeDef => ({ key, kind: 'enum', options, required });
const num = (key: string, min: number, max: number, decimals: number, unit?: string, required = true): AttributeDef => ({
  key,
  kind: 'number',
  min,
  max,
  decimals,
  unit,
  required,
});
const txt = (key: string, maxLength: number, required = true): AttributeDef => ({ key, kind: 'text', maxLength, required });

export const GEAR_TYPES = ['spur', 'helical', 'spiral_bevel', 'hypoid'] as const;
export const GEAR_MATERIALS = ['20CrMnTi', '20CrMnMo', '20CrNiMo', '17CrNiMo6', '42CrMo', '40Cr', '45'] as const;
export const HEAT_TREATMENTS = ['carburizing_quenching', 'carbonitriding', 'induction_hardening', 'nitriding', 'quench_temper', 'none'] as const;
export const NEV_PART_TYPES = ['half_shaft', 'reducer_gear', 'differential', 'motor_housing', 'battery_tray', 'subframe', 'control_arm'] as const;
export const ALLOYS = ['A00', '6061', '6063', '6082', 'A356', 'ADC12', '5052'] as const;
export const TEMPERS = ['F', 'O', 'T4', 'T5', 'T6', 'H112'] as const;
export const ALUMINIUM_FORMS = ['molten', 'ingot', 'billet', 'extrusion', 'plate', 'casting'] as const;

/** Accuracy grades of GB/T 10095.1-2008 (ISO 1328-1): 0 (finest) to 12. */
export const ACCURACY_GRADES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;

export const ATTRIBUTES: Record<Vertical, readonly AttributeDef[]> = {
  gear: [
    en('gearType', GEAR_TYPES),
    num('module', 0.5, 50, 2, 'mm'),
    num('teeth', 3, 500, 0),
    num('pressureAngle', 10, 30, 1, '°'),
    num('helixAngle', 0, 45, 1, '°'),
    en('material', GEAR_MATERIALS),
    en('heatTreatment', HEAT_TREATMENTS),
    en('accuracyGrade', ACCURACY_GRADES),
  ],
  nev_part: [en('partType', NEV_PART_TYPES), txt('vehiclePlatform', 60), txt('standard', 60)],
  aluminium: [en('alloy', ALLOYS), en('temper', TEMPERS, false), en('form', ALUMINIUM_FORMS), txt('dimensions', 80, false), num('tonnage', 0.001, 100_000, 3, 't')],
};

/** The unit a vertical is sold in: pieces for gears and parts, tonnes for aluminium. */
export const VERTICAL_UNIT: Record<Vertical, 'piece' | 't'> = { gear: 'piece', nev_part: 'piece', aluminium: 't' };

export type AttributeValues = Record<string, string | number>;

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
export const Yuan = z.string().refine((s) => parseYuan(s) !== null, { message: 'trade.field.yuan' });
export const PositiveYuan = z.string().refine((s) => (parseYuan(s) ?? 0n) > 0n, { message: 'trade.field.yuan_positive' });

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
