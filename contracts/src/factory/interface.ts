import { z } from 'zod';

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

/** The factory module's public interface: every part. */
export type FactoryInterface = FactoryKpisInterface;
