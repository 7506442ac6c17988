import { z } from 'zod';
import { PageQuery, pageOf, text } from '../common';
import { parseQuantity } from './money';
import { PositiveYuan, Vertical } from './catalogue';
import { DeliveryQuality, FactoryPart, PlantDelivery, ProductionProgress } from '../factory/interface';
import { AwardTerms, Milestone, PaymentTerm, PaymentTermInput } from './orders';

const IsoDate = z.iso.date();
/** A quantity in the vertical's unit, at most three decimals, as a string ("12.5"). */
export const Quantity = z.string().refine((s) => (parseQuantity(s) ?? 0n) > 0n, { message: 'trade.field.quantity' });

export const RfqInput = z.object({
  title: text(120),
  vertical: Vertical,
  /** The required specification, by the vertical's attributes (all optional in an RFQ, each validated when given). */
  attributes: z.record(z.string(), z.union([z.string(), z.number()])),
  quantity: Quantity,
  deliveryDate: IsoDate,
  deliveryPlace: text(200),
  /** Invited suppliers only, or open to every supplier. */
  visibility: z.enum(['invited', 'open']),
  invitedOrgIds: z.array(z.uuid()).max(50).default([]),
  /** Quotes are sealed until this moment (ISO date-time, in the future). */
  deadline: z.iso.datetime({ offset: true }),
  note: z.string().trim().max(2000).nullish(),
  /** The payment terms the buyer wants (optional; as the award's: one per kind, adding up to 100 %), shown to suppliers. */
  paymentTerms: z.array(PaymentTermInput).min(1).max(4).nullish(),
});
export type RfqInput = z.input<typeof RfqInput>;

export const RfqStatus = z.enum(['open', 'closed', 'awarded', 'cancelled']);
export const Rfq = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  buyerName: z.string(),
  title: z.string(),
  vertical: Vertical,
  attributes: z.record(z.string(), z.union([z.string(), z.number()])),
  quantity: z.string(),
  unit: z.enum(['piece', 't']),
  deliveryDate: z.string(),
  deliveryPlace: z.string(),
  visibility: z.enum(['invited', 'open']),
  /** The invited suppliers: shown to the buyer's side and the operator; a supplier sees only whether it is invited. */
  invited: z.array(z.object({ orgId: z.uuid(), name: z.string() })),
  deadline: z.string(),
  /** open: quoting until the deadline; closed: past it (quotes unsealed to the buyer); awarded: orders written. */
  status: RfqStatus,
  /** When the buyer cancelled it and why (null unless cancelled); a cancel before the deadline keeps its quotes sealed. */
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  note: z.string().nullable(),
  /** The payment terms the buyer wants (null: none stated; the award then starts from the default). */
  paymentTerms: z.array(PaymentTermInput).nullable(),
  /** The caller's organisation posted it. */
  own: z.boolean(),
  /** The caller's organisation has quoted. */
  quoted: z.boolean(),
  /** 1, or the revision round the RFQ is in (its deadline is the round's). */
  round: z.number().int(),
  /** In a revision round: whether the caller's organisation is asked to revise (suppliers), null otherwise. */
  inRound: z.boolean().nullable(),
  /** Quotes received: null while sealed (before the deadline) and for suppliers. */
  quoteCount: z.number().int().nullable(),
  createdAt: z.string(),
});
export type Rfq = z.infer<typeof Rfq>;

export const RfqQuery = PageQuery.extend({
  vertical: Vertical.optional(),
  /** own: posted by the caller's organisation; quotable: the caller's organisation may quote (invited or open, before the deadline). */
  view: z.enum(['own', 'quotable', 'all']).default('all'),
  status: RfqStatus.optional(),
});
export type RfqQuery = z.input<typeof RfqQuery>;
export const RfqPage = pageOf(Rfq);

export const PriceTier = z.object({
  /** The tier applies from this quantity up (in the RFQ's unit). */
  minQuantity: z.string().refine((s) => parseQuantity(s) !== null, { message: 'trade.field.quantity' }),
  /** Unit price excluding VAT, 元. */
  unitPrice: PositiveYuan,
});
export const QuoteInput = z.object({
  tiers: z.array(PriceTier).min(1).max(10),
  leadTimeDays: z.number().int().min(0).max(730),
  validUntil: IsoDate,
  note: z.string().trim().max(2000).nullish(),
});
export type QuoteInput = z.infer<typeof QuoteInput>;

export const Quote = z.object({
  id: z.uuid(),
  rfqId: z.uuid(),
  orgId: z.uuid(),
  supplierName: z.string(),
  tiers: z.array(
    z.object({
      minQuantity: z.string(),
      unitPrice: z.string(),
    }),
  ),
  leadTimeDays: z.number().int(),
  validUntil: z.string(),
  note: z.string().nullable(),
  /** At the RFQ's quantity: the applicable tier's unit price, and the line's net, VAT (13 %) and gross in 元. */
  atQuantity: z.object({ unitPrice: z.string(), net: z.string(), vat: z.string(), gross: z.string() }).nullable(),
  submittedAt: z.string(),
  revision: z.number().int(),
});
export type Quote = z.infer<typeof Quote>;
export const QuoteList = z.array(Quote);

/** The buyer awards the RFQ's quantity, whole or split, to quotes (after the deadline, within their validity). */
export const AwardInput = AwardTerms.extend({
  awards: z
    .array(z.object({ quoteId: z.uuid(), quantity: Quantity }))
    .min(1)
    .max(20),
});
export type AwardInput = z.infer<typeof AwardInput>;

const Money = z.string();
export const OrderLine = z.object({
  lineNo: z.number().int(),
  description: z.string(),
  quantity: z.string(),
  unit: z.enum(['piece', 't']),
  unitPrice: Money,
  net: Money,
  vat: Money,
  gross: Money,
});
export const Order = z.object({
  id: z.uuid(),
  rfqId: z.uuid(),
  rfqTitle: z.string(),
  quoteId: z.uuid(),
  buyerOrgId: z.uuid(),
  buyerName: z.string(),
  supplierOrgId: z.uuid(),
  supplierName: z.string(),
  status: z.enum(['open', 'completed', 'cancelled']),
  vertical: Vertical,
  /** The RFQ's delivery date and place. */
  deliveryDate: z.string(),
  deliveryPlace: z.string(),
  lines: z.array(OrderLine),
  /** The sums of the rounded lines, 元. */
  net: Money,
  vat: Money,
  gross: Money,
  /** Shares of the gross, summing to it exactly. */
  paymentTerms: z.array(PaymentTerm),
  milestones: z.array(Milestone),
  /** The caller's side: the buyer's, or the supplier's. */
  side: z.enum(['buyer', 'supplier']),
  createdAt: z.string(),
});
export type Order = z.infer<typeof Order>;
export const OrderList = z.array(Order);
/** A page of the caller's orders (newest first), with the total under the filters. */
export const OrderPage = pageOf(Order);
/** `q`: the RFQ's title, the buyer's or the supplier's name. */
export const OrderQuery = PageQuery.extend({ rfqId: z.uuid().optional(), status: z.enum(['open', 'completed', 'cancelled']).optional() });
export type OrderQuery = z.input<typeof OrderQuery>;

/** The supplier asks its plant for a work order for one order line (a part it makes on the factory module). */
export const ProductionInput = z.object({
  lineNo: z.number().int().min(1).max(1000),
  partNo: text(60),
  /** Left out: the RFQ's delivery date. */
  dueDate: IsoDate.optional(),
});
export type ProductionInput = z.infer<typeof ProductionInput>;
export const OrderProduction = z.object({
  /** false: the factory module is not part of this installation (nothing to link to). */
  available: z.boolean(),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      partNo: z.string().nullable(),
      reference: z.string().nullable(),
      requestedAt: z.string().nullable(),
      progress: ProductionProgress.nullable(),
    }),
  ),
});
export type OrderProduction = z.infer<typeof OrderProduction>;
export const SupplierParts = z.array(FactoryPart);

/** The supplier certifies one of its plant's deliveries against the order. */
export const CertificateInput = z.object({ deliveryId: z.uuid() });
export const CertificateSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  orderId: z.uuid(),
  buyerName: z.string(),
  supplierName: z.string(),
  deliveryNumber: z.string(),
  units: z.number().int(),
  partNos: z.array(z.string()),
  sha256: z.string(),
  issuedAt: z.string(),
  /**
   * Withdrawn: kept as issued, but it no longer counts (the order, the dashboard, once per delivery). The one reason:
   * its delivery was certified twice (on two orders, before the once-per-delivery rule); the first one issued stands.
   */
  withdrawn: z.object({ at: z.string(), reason: z.enum(['duplicate_delivery']) }).nullable(),
});
export type CertificateSummary = z.infer<typeof CertificateSummary>;
export const CertificateList = z.array(CertificateSummary);
/** A certificate as issued: its summary and the delivered units' quality record, frozen. */
export const Certificate = CertificateSummary.extend({ verifyToken: z.string(), content: DeliveryQuality });
export type Certificate = z.infer<typeof Certificate>;
/** What the QR code's page shows to a signed-in holder of the token: the certificate is genuine, and what it covers. */
export const CertificateVerification = CertificateSummary.extend({ serials: z.array(z.string()) });
export type CertificateVerification = z.infer<typeof CertificateVerification>;
export const PlantDeliveries = z.array(PlantDelivery);
export const VerifyParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'trade.field.verify_token') });
export const CertificateFileQuery = z.object({ lang: z.enum(['zh', 'en']).default('zh') });

/** The trade dashboard's period: the last `days` days (China time). */
export const TradeDashboardQuery = z.object({ days: z.coerce.number().int().min(7).max(730).default(365) });
export const TradeDashboard = z.object({
  from: z.string(),
  to: z.string(),
  /** Gross order value (incl. VAT) of the orders written in the period, by the RFQ's vertical. */
  gmv: z.string(),
  gmvByVertical: z.array(z.object({ vertical: Vertical, orders: z.number().int(), gross: z.string() })),
  /** RFQs whose deadline passed in the period (not cancelled), those awarded, and the ratio. */
  rfqs: z.object({ closed: z.number().int(), awarded: z.number().int(), conversion: z.number().nullable() }),
  /** Hours from an RFQ's posting to each quote on it — only RFQs past their deadline (quotes are sealed before). */
  quoteResponse: z.object({ quotes: z.number().int(), medianHours: z.number().nullable(), meanHours: z.number().nullable() }),
  /** Certified deliveries shipped on or before the RFQ's delivery date (China day). */
  onTime: z.object({ deliveries: z.number().int(), onTime: z.number().int(), rate: z.number().nullable() }),
  suppliers: z.array(
    z.object({
      orgId: z.uuid(),
      name: z.string(),
      orders: z.number().int(),
      gross: z.string(),
      deliveries: z.number().int(),
      onTimeRate: z.number().nullable(),
      units: z.number().int(),
      /** Delivered units with a measured value outside its specification, per million delivered. */
      ppm: z.number().nullable(),
      /** 0–5: half on-time rate, half quality (5 at 0 ppm, 0 at 1,000 ppm or more); null without a certified delivery. */
      rating: z.number().nullable(),
    }),
  ),
});
export type TradeDashboard = z.infer<typeof TradeDashboard>;

/** The buyer asks suppliers that quoted for a revision round, sealed until its new deadline. */
export const RoundInput = z.object({
  deadline: z.iso.datetime({ offset: true }),
  supplierOrgIds: z.array(z.uuid()).min(1).max(50),
  note: z.string().trim().max(2000).nullish(),
});
export type RoundInput = z.infer<typeof RoundInput>;
