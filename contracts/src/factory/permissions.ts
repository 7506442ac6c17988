/** The factory module's permission codes; the server labels them (zh/en) and grants them through its roles. */
export const FACTORY_PERMISSIONS = {
  read: 'factory.read',
  manage: 'factory.manage',
  /** Plan, release and close work orders. */
  plan: 'factory.plan',
  /** Record what happens to a unit at a station (scan, result, measurements, bound lots). */
  station: 'factory.station',
  /** Hold and release units, run recalls, revise SPC limits, decide nonconformances. */
  quality: 'factory.quality',
  /** Pack finished units into boxes and pallets, order AGV transfers, ship deliveries. */
  logistics: 'factory.logistics',
} as const;

export type FactoryPermission = (typeof FACTORY_PERMISSIONS)[keyof typeof FACTORY_PERMISSIONS];
