/** The trade module's messages (`@gearbridge/contracts/trade`), exact money and its permission codes. */
export {
  ACCURACY_GRADES,
  ALLOYS,
  ALUMINIUM_FORMS,
  ATTRIBUTES,
  GEAR_MATERIALS,
  GEAR_TYPES,
  HEAT_TREATMENTS,
  NEV_PART_TYPES,
  TEMPERS,
  VERTICAL_UNIT,
  VERTICALS,
  type AttributeDef,
  type AttributeValues,
} from './attributes';
export * from './catalogue';
export * from './rfqs';
export * from './rfq-files';
export * from './orders';
export * from './money';
export * from './permissions';
export * from './supply';
