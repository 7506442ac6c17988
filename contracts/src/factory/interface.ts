import { z } from 'zod';
import { Delivery } from './logistics';
import { Characteristic } from './production';

/**
 * The factory module's public interface: what other modules may ask of it (`ctx.interfaces.factory`), never its
 * tables. Plain data in and out, so a caller can put an answer into its own HTTP response. The parts are kept apart
 * by their consumer (the park's KPIs, the trade's orders and certificates) so they grow without stepping on one
 * another; `FactoryInterface` is their union.
 */

/**
 * A plant's headline figures as the factory module computes them right now (China-time day): today's OEE so far
 * over every device placed on one of its lines, today's first-pass yield, and the last completed shift's output per
 * line against the lines' targets. Read by the park beside a smart-factory certificate.
 */
export const PlantKpis = z.object({
  orgId: z.uuid(),
  asOf: z.iso.datetime(),
  /** The China-time day of the OEE and yield. */
  day: z.iso.date(),
  lines: z.number().int(),
  devices: z.number().int(),
  oee: z.number().nullable(),
  availability: z.number().nullable(),
  performance: z.number().nullable(),
  quality: z.number().nullable(),
  /** Units finished OK today ÷ (finished OK + NOK today); null before the first. */
  firstPassYield: z.number().nullable(),
  good: z.number().int(),
  nok: z.number().int(),
  /** The last shift that ended (today or yesterday): good units per line in it, and the lines' mean target. */
  lastShift: z
    .object({
      day: z.iso.date(),
      code: z.string(),
      name: z.string(),
      start: z.iso.datetime(),
      end: z.iso.datetime(),
      good: z.number().int(),
      goodPerLine: z.number(),
      targetPerLine: z.number().nullable(),
    })
    .nullable(),
});
export type PlantKpis = z.infer<typeof PlantKpis>;

/** What the park reads: a plant's live figures. */
export interface FactoryKpisInterface {
  /**
   * The organisation's plant figures now, or null when it runs no line on the factory module. Aggregates only, no
   * person and no unit: the caller decides who may see them (the park shows them beside a certificate).
   */
  plantKpis(orgId: string, now?: number): Promise<PlantKpis | null>;
}

/** A part the plant makes (a product of the factory module), for a supplier to link an order line to. */
export const FactoryPart = z.object({
  productId: z.uuid(),
  partNo: z.string(),
  revision: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  /** The line that makes it by default; null: none set (a work order for it cannot be made through here). */
  lineCode: z.string().nullable(),
});
export type FactoryPart = z.infer<typeof FactoryPart>;

/**
 * An external order line that production is asked for: the plant (organisation), its part number, whole pieces, the
 * due date and the caller's own reference (`<module>:<record>:<line>`, unique per plant: the idempotency key).
 */
export const ProductionRequest = z.object({
  orgId: z.uuid(),
  partNo: z.string().trim().min(1).max(60),
  qty: z.number().int().min(1).max(1_000_000),
  dueDate: z.iso.date(),
  reference: z.string().trim().min(1).max(120),
  note: z.string().trim().max(500).nullish(),
  /** The customer the order is for (the buyer's name): the plant's logistics ships the work order's units to it. */
  customer: z.string().trim().min(1).max(200).nullish(),
});
export type ProductionRequest = z.infer<typeof ProductionRequest>;

/** A work order made for an external reference and how far it is: units born, on the line, done, NOK, scrapped. */
export const ProductionProgress = z.object({
  reference: z.string(),
  workOrderId: z.uuid(),
  number: z.string(),
  partNo: z.string(),
  lineCode: z.string(),
  qty: z.number().int(),
  dueDate: z.string(),
  status: z.enum(['planned', 'released', 'completed', 'closed', 'cancelled']),
  releasedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  started: z.number().int(),
  wip: z.number().int(),
  done: z.number().int(),
  nok: z.number().int(),
  scrapped: z.number().int(),
  firstPassYield: z.number().nullable(),
});
export type ProductionProgress = z.infer<typeof ProductionProgress>;

/**
 * The user acting, as the platform resolved the request (the server's `Actor`, passed through unchanged): the
 * factory applies its own permission rules to it — making a work order needs `factory.plan` in the plant's own
 * organisation, as on the factory's own route.
 */
export interface ActingUser {
  readonly userId: string;
  readonly orgId: string;
}

/** What the trade reads and asks: a plant's parts, a work order for an order line, its progress. */
export interface FactoryOrdersInterface {
  /** The parts the organisation's plant makes (empty when it runs no plant on the factory module). */
  partsOf(orgId: string): Promise<FactoryPart[]>;
  /**
   * A work order for an external order line, made by the factory's own work-order service and rules as `actor`.
   * Idempotent by `reference`: a retry answers the work order the first call made (`created: false`), never a second.
   * Throws the factory's own errors (403 without factory.plan in the plant, 400 for an unknown part or a part with no
   * line, a due date in the past).
   */
  workOrderForOrder(actor: ActingUser, request: ProductionRequest): Promise<{ created: boolean; progress: ProductionProgress }>;
  /**
   * Puts the reference's work order on its line, by the factory's own release rule as `actor` (factory.plan in the
   * plant): one released order a line, so a line running another is a 409 naming it — unless `displace`, which first
   * returns that order to planned (audited `factory.work_order.suspend`), as a planner makes room for a rush order.
   */
  releaseForOrder(actor: ActingUser, request: { orgId: string; reference: string; displace?: boolean }): Promise<ProductionProgress>;
  /** The work orders made for these references in the plant, with their progress (aggregates: the caller decides who sees them). */
  progressByReference(orgId: string, references: string[]): Promise<ProductionProgress[]>;
}

/** A delivery of the plant's logistics handoff (pallets shipped together), for a supplier to certify. */
export const PlantDelivery = Delivery;
export type PlantDelivery = z.infer<typeof PlantDelivery>;

/**
 * What a quality certificate (质量证明书) of one delivery is built from: exactly the units on its pallets (in boxes or
 * straight on them), each with its operations' results and its measurements, and per characteristic the delivered
 * values' spread and capability — Cp/Cpk with the within σ of the SPC limits in force, Pp/Ppk with the values' own
 * standard deviation (the factory's SPC library).
 */
export const DeliveryQuality = z.object({
  delivery: PlantDelivery,
  units: z.array(
    z.object({
      serial: z.string(),
      productSerial: z.string().nullable(),
      partNo: z.string(),
      revision: z.string(),
      workOrder: z.string().nullable(),
      sscc: z.string(),
      box: z.string().nullable(),
      doneAt: z.string().nullable(),
      /** Every operation in routing order: OK at every one means first pass. */
      operations: z.array(z.object({ op: z.string(), result: z.enum(['OK', 'NOK']).nullable(), completedAt: z.string().nullable() })),
      /** Measured values by characteristic code. */
      values: z.record(z.string(), z.number()),
    }),
  ),
  characteristics: z.array(
    Characteristic.pick({ code: true, nameZh: true, nameEn: true, unit: true, nominal: true, lsl: true, usl: true, decimals: true }).extend({
      partNo: z.string(),
      op: z.string(),
      n: z.number().int(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      mean: z.number().nullable(),
      /** Delivered values outside the specification. */
      outOfSpec: z.number().int(),
      cp: z.number().nullable(),
      cpk: z.number().nullable(),
      pp: z.number().nullable(),
      ppk: z.number().nullable(),
    }),
  ),
});
export type DeliveryQuality = z.infer<typeof DeliveryQuality>;

/** What the trade reads for its quality certificates: the plant's deliveries and one delivery's quality record. */
export interface FactoryCertificatesInterface {
  /** The organisation's latest deliveries (at most `limit`, newest first). */
  deliveriesOf(orgId: string, limit?: number): Promise<PlantDelivery[]>;
  /** One delivery of the organisation with its units' genealogy and inspection results, or null when not its own. */
  deliveryQuality(orgId: string, deliveryId: string): Promise<DeliveryQuality | null>;
}

/** The factory module's public interface: every part. */
export type FactoryInterface = FactoryKpisInterface & FactoryOrdersInterface & FactoryCertificatesInterface;
