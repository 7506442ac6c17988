import type { ColumnType, Generated, Kysely, Transaction as KyselyTransaction } from 'kysely';
import { narrowDb } from '../../platform/db';
import type { JsonOf, PlatformDatabase, Timestamp } from '../../platform/db/tables';
import { moduleView, type ModuleContext as PlatformModuleContext } from '../../platform/module';
import type { AttributeValues, PaymentKind, Vertical } from '@gearbridge/contracts/trade';
import type { DeliveryQuality } from '@gearbridge/contracts/factory/interface';

/** bigint 分 and numeric quantities: read as strings (exact), written as strings. */
type Exact = ColumnType<string, string, string>;
type ExactOrNull = ColumnType<string | null, string | null | undefined, string | null>;
type Day = ColumnType<string, string, string>;

/** The trade module's tables (migrations in server/migrations/trade/): catalogue, RFQs, invitations, sealed quotes. */
export interface TradeProductsTable {
  id: Generated<string>;
  org_id: string;
  vertical: Vertical;
  name: string;
  part_number: string | null;
  description: string | null;
  attributes: JsonOf<AttributeValues>;
  unit: 'piece' | 't';
  unit_price_fen: ExactOrNull;
  status: Generated<'active' | 'inactive'>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface TradeRfqsTable {
  id: Generated<string>;
  org_id: string;
  title: string;
  vertical: Vertical;
  attributes: JsonOf<AttributeValues>;
  quantity: Exact;
  unit: 'piece' | 't';
  delivery_date: Day;
  delivery_place: string;
  visibility: 'invited' | 'open';
  deadline: ColumnType<Date, Date | string, Date | string>;
  cancelled_at: Date | null;
  /** Who cancelled it and why (migration 0007). */
  cancelled_by: Generated<string | null>;
  cancel_reason: Generated<string | null>;
  awarded_at: Date | null;
  awarded_by: string | null;
  /** 1, then 2, 3 … for each revision round (migration 0005). */
  round: Generated<number>;
  note: string | null;
  /** The payment terms the buyer wants (migration 0009): [{ kind, bp, days }], null for none stated. */
  payment_terms: ColumnType<{ kind: PaymentKind; bp: number; days: number }[] | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TradeRfqInvitesTable {
  rfq_id: string;
  org_id: string;
}

/** A drawing attached to an RFQ (migration 0007): the file itself, its type as found by its content. */
export interface TradeRfqAttachmentsTable {
  id: Generated<string>;
  rfq_id: string;
  file_name: string;
  kind: 'pdf' | 'dwg' | 'dxf' | 'step' | 'png' | 'jpeg' | 'webp';
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: Generated<Date>;
}

export interface TradeQuotesTable {
  id: Generated<string>;
  rfq_id: string;
  org_id: string;
  lead_time_days: number;
  valid_until: Day;
  note: string | null;
  revision: Generated<number>;
  created_by: string | null;
  submitted_at: Generated<Date>;
}

export interface TradeQuoteTiersTable {
  quote_id: string;
  min_quantity: Exact;
  unit_price_fen: Exact;
}

export interface TradeOrdersTable {
  id: Generated<string>;
  rfq_id: string;
  quote_id: string;
  buyer_org_id: string;
  supplier_org_id: string;
  status: Generated<'open' | 'completed' | 'cancelled'>;
  net_fen: Exact;
  vat_fen: Exact;
  gross_fen: Exact;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TradeOrderLinesTable {
  order_id: string;
  line_no: number;
  description: string;
  quantity: Exact;
  unit: 'piece' | 't';
  unit_price_fen: Exact;
  net_fen: Exact;
  vat_fen: Exact;
  gross_fen: Exact;
  /** The supplier's part number on the factory module (migration 0004), and the work order's reference. */
  part_no: Generated<string | null>;
  production_ref: Generated<string | null>;
  production_requested_at: Generated<Date | null>;
  production_requested_by: Generated<string | null>;
}

/** An order's payment terms and milestones (migration 0006), written with the order in the award's transaction. */
export interface TradeOrderPaymentTermsTable {
  order_id: string;
  seq: number;
  kind: 'advance' | 'delivery' | 'acceptance' | 'retention';
  percent_bp: number;
  days: number;
  amount_fen: Exact;
}
export interface TradeOrderMilestonesTable {
  order_id: string;
  seq: number;
  kind: 'confirmed' | 'production_start' | 'delivery' | 'acceptance' | 'payment';
  term_seq: number | null;
  due_date: Day;
  done_on: ColumnType<string | null, string | null | undefined, string | null>;
  done_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  done_by: ColumnType<string | null, string | null | undefined, string | null>;
  note: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TradeIndexPricesTable {
  index_code: string;
  day: Day;
  price_fen: Exact;
  entered_by: string | null;
  entered_at: Generated<Date>;
}

export interface TradeSupplyContractsTable {
  id: Generated<string>;
  contract_no: string;
  title: string;
  buyer_org_id: string;
  supplier_org_id: string;
  product: string;
  index_code: string;
  processing_fee_fen: Exact;
  ingot_premium_fen: Exact;
  remelt_energy_fen: Exact;
  remelt_labour_fen: Exact;
  annual_tonnes: Exact;
  start_month: Day;
  end_month: Day;
  delivery_place: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TradeSupplyTicketsTable {
  id: Generated<string>;
  contract_id: string;
  ticket_no: string;
  weighed_at: ColumnType<Date, Date | string, Date | string>;
  month: Day;
  vehicle: string | null;
  gross_t: Exact;
  tare_t: Exact;
  net_t: Exact;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TradeSupplySettlementsTable {
  contract_id: string;
  month: Day;
  tickets: number;
  net_t: Exact;
  index_avg_fen: Exact;
  index_days: number;
  unit_price_fen: Exact;
  net_fen: Exact;
  vat_fen: Exact;
  gross_fen: Exact;
  ingot_route_fen: Exact;
  saving_fen: Exact;
  settled_by: string | null;
  settled_at: Generated<Date>;
}

export interface TradeCertificatesTable {
  id: Generated<string>;
  number: string;
  order_id: string;
  buyer_org_id: string;
  supplier_org_id: string;
  delivery_id: string;
  delivery_number: string;
  units: number;
  content: JsonOf<DeliveryQuality>;
  sha256: string;
  verify_token: string;
  issued_by: string | null;
  issued_at: Generated<Date>;
  /** Migration 0010: a certificate withdrawn stays as issued but no longer counts. */
  withdrawn_at: Generated<Date | null>;
  withdrawn_reason: Generated<'duplicate_delivery' | null>;
}

export interface TradeRfqRoundsTable {
  rfq_id: string;
  round: number;
  previous_deadline: ColumnType<Date, Date | string, Date | string>;
  deadline: ColumnType<Date, Date | string, Date | string>;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TradeRfqRoundSuppliersTable {
  rfq_id: string;
  round: number;
  org_id: string;
}

export interface TradeTables {
  trade_products: TradeProductsTable;
  trade_rfqs: TradeRfqsTable;
  trade_rfq_invites: TradeRfqInvitesTable;
  trade_rfq_attachments: TradeRfqAttachmentsTable;
  trade_quotes: TradeQuotesTable;
  trade_quote_tiers: TradeQuoteTiersTable;
  trade_orders: TradeOrdersTable;
  trade_order_lines: TradeOrderLinesTable;
  trade_order_payment_terms: TradeOrderPaymentTermsTable;
  trade_order_milestones: TradeOrderMilestonesTable;
  trade_index_prices: TradeIndexPricesTable;
  trade_supply_contracts: TradeSupplyContractsTable;
  trade_supply_tickets: TradeSupplyTicketsTable;
  trade_supply_settlements: TradeSupplySettlementsTable;
  trade_certificates: TradeCertificatesTable;
  trade_rfq_rounds: TradeRfqRoundsTable;
  trade_rfq_round_suppliers: TradeRfqRoundSuppliersTable;
}

/** The database as trade code sees it: the platform's tables and its own, no other module's. */
export type Database = PlatformDatabase & TradeTables;
export type DB = Kysely<Database>;
export type Transaction = KyselyTransaction<Database>;
export type ModuleContext = PlatformModuleContext<Database>;

/** Trade's view of the context the platform hands to its hooks. */
export const tradeContext = (ctx: PlatformModuleContext): ModuleContext => moduleView<TradeTables>(ctx);
/** A handle on the whole database (tests, the composition root) seen with trade's tables only. */
export const tradeDb = narrowDb<Database>();
