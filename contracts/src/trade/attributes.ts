/**
 * The verticals and their typed attributes, without zod (the web imports this file at run time:
 * `@gearbridge/contracts/trade/attributes`); catalogue.ts builds the zod schemas from it.
 */
/** The three trade platforms the article announces: gears, new-energy-vehicle parts, transport aluminium. */
export const VERTICALS = ['gear', 'nev_part', 'aluminium'] as const;
export type Vertical = (typeof VERTICALS)[number];

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
