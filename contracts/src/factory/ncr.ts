import { z } from 'zod';
import { pageOf, PageQuery, text } from '../common';
import { RecallQuery } from './production';

/**
 * Nonconformance records (NCR): what was found wrong, what was contained (units on hold), the disposition and the
 * closure (root cause, corrective action). open → dispositioned → closed; open → cancelled. A use-as-is disposition
 * (a concession) takes effect when a second person with the quality permission approves it.
 */
import { NcrSource, NcrStatus } from './ncr-kinds';

export { NcrSource, NcrStatus } from './ncr-kinds';
export const NcrDisposition = z.enum(['rework', 'scrap', 'use_as_is', 'return_to_supplier']);
export type NcrDisposition = z.infer<typeof NcrDisposition>;

/** Units one NCR may name (its containment), and what a recall may bring into one. */
export const NCR_MAX_UNITS = 5_000;
export const NCR_MAX_UNIT_IDS = 500;

export const NcrInput = z
  .object({
    source: NcrSource,
    description: text(2000),
    defectCode: z.string().trim().min(1).max(20).optional(),
    lineId: z.uuid().optional(),
    op: z.string().trim().min(1).max(20).optional(),
    /** Units by id (a genealogy page, a list). */
    unitIds: z.array(z.number().int().positive()).max(NCR_MAX_UNIT_IDS).optional(),
    /** Every unit a recall found (its page and size are ignored). */
    recall: RecallQuery.optional(),
    /** A suspect component lot. */
    lotId: z.number().int().positive().optional(),
    spcSignalId: z.number().int().positive().optional(),
    /** Without units: how many parts (a lot at goods-in); with units, their count. */
    quantity: z.number().int().min(1).max(1_000_000).optional(),
  })
  .refine((n) => n.unitIds?.length || n.recall || n.lotId !== undefined || n.quantity !== undefined || n.spcSignalId !== undefined, {
    path: ['quantity'],
    message: 'factory.ncr.nothing_named',
  })
  // A record raised from an SPC signal names it, and only such a record does.
  .refine((n) => (n.spcSignalId !== undefined) === (n.source === 'spc_signal'), {
    path: ['spcSignalId'],
    message: 'factory.ncr.spc_signal_source',
  });
export type NcrInput = z.infer<typeof NcrInput>;

export const NcrDispositionInput = z
  .object({
    disposition: NcrDisposition,
    reason: text(1000),
    /** Rework: the operation the units go back to. */
    reworkOp: z.string().trim().min(1).max(20).optional(),
  })
  .refine((d) => d.disposition !== 'rework' || !!d.reworkOp, { path: ['reworkOp'], message: 'factory.ncr.rework_op_required' });
export type NcrDispositionInput = z.infer<typeof NcrDispositionInput>;
export const NcrCloseInput = z.object({ rootCause: text(2000), correctiveAction: text(2000) });
export const NcrCancelInput = z.object({ reason: text(500) });

export const NcrQuery = PageQuery.extend({
  status: NcrStatus.optional(),
  source: NcrSource.optional(),
  disposition: NcrDisposition.optional(),
  lineId: z.uuid().optional(),
  unitId: z.coerce.number().int().positive().optional(),
});
export type NcrQuery = z.infer<typeof NcrQuery>;

const person = z.object({ id: z.uuid(), name: z.string() }).nullable();
export const Ncr = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  number: z.string(),
  status: NcrStatus,
  source: NcrSource,
  spcSignalId: z.number().int().nullable(),
  lineId: z.uuid().nullable(),
  lineCode: z.string().nullable(),
  op: z.string().nullable(),
  defectCode: z.string().nullable(),
  defectNameZh: z.string().nullable(),
  defectNameEn: z.string().nullable(),
  description: z.string(),
  quantity: z.number().int(),
  units: z.number().int(),
  /** Of its units, how many are on hold now. */
  held: z.number().int(),
  lot: z.object({ id: z.number().int(), componentCode: z.string(), lotNo: z.string(), supplier: z.string().nullable(), blocked: z.boolean() }).nullable(),
  disposition: NcrDisposition.nullable(),
  dispositionReason: z.string().nullable(),
  reworkOp: z.string().nullable(),
  dispositionedBy: person,
  dispositionedAt: z.string().nullable(),
  /** A use-as-is disposition waiting for its second signature. */
  awaitingApproval: z.boolean(),
  approvedBy: person,
  approvedAt: z.string().nullable(),
  rootCause: z.string().nullable(),
  correctiveAction: z.string().nullable(),
  closedBy: person,
  closedAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  createdBy: person,
  createdAt: z.string(),
});
export type Ncr = z.infer<typeof Ncr>;
export const NcrPage = pageOf(Ncr);
export const NcrUnit = z.object({
  id: z.number().int(),
  serial: z.string(),
  productSerial: z.string().nullable(),
  status: z.enum(['wip', 'done', 'nok', 'scrapped']),
  lastOp: z.string().nullable(),
  held: z.boolean(),
});
export const NcrDetail = Ncr.extend({ unitList: z.array(NcrUnit), unitsTruncated: z.boolean() });
export type NcrDetail = z.infer<typeof NcrDetail>;
