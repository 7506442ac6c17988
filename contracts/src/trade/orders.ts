import { z } from 'zod';
import { MILESTONE_KINDS, PAYMENT_KINDS, parsePercent } from './terms';

export * from './terms';

/**
 * An order's payment terms and milestones (docs/trade.md, "Milestones and payment terms"). A payment term is a share
 * of the order's gross total (incl. VAT) in percent with at most two decimals, due a number of days after the
 * milestone it hangs on. Amounts are exact to the 分 and sum to the order's gross exactly (`splitByPercents`).
 */

export const PaymentKind = z.enum(PAYMENT_KINDS);
export type PaymentKind = z.infer<typeof PaymentKind>;
export const MilestoneKind = z.enum(MILESTONE_KINDS);
export type MilestoneKind = z.infer<typeof MilestoneKind>;

const Percent = z
  .string()
  .max(8)
  .refine((s) => parsePercent(s) !== null, { message: 'trade.field.percent' });

/** One payment term as the buyer sets it at the award. */
export const PaymentTermInput = z.object({
  kind: PaymentKind,
  /** Share of the order's gross total, percent with at most two decimals ("30"). */
  percent: Percent,
  /** Due this many days after its milestone (the 质保金: the warranty period after acceptance). */
  days: z.number().int().min(0).max(1095),
});
export type PaymentTermInput = z.infer<typeof PaymentTermInput>;

/** The terms and schedule an award gives its orders (each field optional: the defaults in terms.ts). */
export const AwardTerms = z.object({
  /** 1–4 terms, one per kind, adding up to 100 % exactly. */
  paymentTerms: z.array(PaymentTermInput).min(1).max(4).optional(),
  /** Days after the delivery the buyer accepts it by. */
  acceptanceDays: z.number().int().min(0).max(180).optional(),
});

export const PaymentTerm = z.object({
  seq: z.number().int(),
  kind: PaymentKind,
  percent: z.string(),
  days: z.number().int(),
  /** Share of the order's gross, 元, exact (the splitting rule). */
  amount: z.string(),
});
export type PaymentTerm = z.infer<typeof PaymentTerm>;

export const Milestone = z.object({
  seq: z.number().int(),
  kind: MilestoneKind,
  /** For a payment: the term it pays. */
  termSeq: z.number().int().nullable(),
  /** For a payment: its amount, 元. */
  amount: z.string().nullable(),
  dueDate: z.string(),
  /** The China day it was done, and when and by whom it was recorded. */
  doneOn: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
  note: z.string().nullable(),
  /** Which party marks it done. */
  party: z.enum(['buyer', 'supplier']),
  /** The caller may mark it done now (its party, not done, the milestone before it done). */
  mayMark: z.boolean(),
});
export type Milestone = z.infer<typeof Milestone>;

export const MilestoneParams = z.object({ id: z.uuid(), seq: z.coerce.number().int().min(1).max(100) });
export const MilestoneDoneInput = z.object({
  /** The day it happened (China time); today when left out. Not in the future, not before the order. */
  doneOn: z.iso.date().optional(),
  note: z.string().trim().max(500).nullish(),
});
export type MilestoneDoneInput = z.infer<typeof MilestoneDoneInput>;
