// The trade API's shapes, inferred from the shared zod schemas (contracts/src/trade): nothing is redeclared here.
// Type-only imports keep zod out of the browser bundle.
import type { z } from 'zod';
import type * as C from '@gearbridge/contracts/trade';

export type Vertical = C.Vertical;
export type Product = C.Product;
export type ProductPage = C.ProductPage;
export type Storefront = C.Storefront;
export type Rfq = C.Rfq;
export type RfqInput = z.input<typeof C.RfqInput>;
export type RfqQuery = Partial<z.infer<typeof C.RfqQuery>>;
export type Quote = C.Quote;
export type QuoteInput = C.QuoteInput;
export type Order = C.Order;
export type AwardInput = C.AwardInput;
export type Milestone = C.Milestone;
export type PaymentTerm = C.PaymentTerm;
export type PaymentTermInput = C.PaymentTermInput;
export type MilestoneDoneInput = C.MilestoneDoneInput;
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type SupplyContract = C.SupplyContract;
export type SupplyContractDetail = C.SupplyContractDetail;
export type SupplyMonth = C.SupplyMonth;
export type Ticket = C.Ticket;
export type TicketInput = z.input<typeof C.TicketInput>;
export type TicketList = z.infer<typeof C.TicketList>;
export type OrderProduction = C.OrderProduction;
export type ProductionInput = C.ProductionInput;
export type SupplierPart = z.infer<typeof C.SupplierParts>[number];
export type CertificateSummary = C.CertificateSummary;
export type CertificateVerification = C.CertificateVerification;
export type PlantDelivery = z.infer<typeof C.PlantDeliveries>[number];
export type TradeDashboard = C.TradeDashboard;
export type RoundInput = C.RoundInput;
export type Attachment = C.Attachment;
export type CancelInput = C.CancelInput;
