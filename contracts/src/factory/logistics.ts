import { z } from 'zod';
import { pageOf, PageQuery, text } from '../common';
import { Unit } from './production';

/** Logistics handoff (issue #13 item 5): boxes and pallets (GS1 SSCC), AGV transfer orders, stock, deliveries. */

/** Where a finished unit is: at the line end (not packed), packed (box or pallet not yet received), in stock, shipped. */
export const UnitPlace = z.enum(['line_end', 'packed', 'stock', 'shipped']);
export type UnitPlace = z.infer<typeof UnitPlace>;

export const Box = z.object({
  id: z.uuid(),
  number: z.string(),
  lineCode: z.string(),
  status: z.enum(['open', 'closed']),
  palletId: z.uuid().nullable(),
  units: z.number().int(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type Box = z.infer<typeof Box>;

export const PalletStatus = z.enum(['open', 'closed', 'stock', 'shipped']);
export type PalletStatus = z.infer<typeof PalletStatus>;

export const Pallet = z.object({
  id: z.uuid(),
  sscc: z.string(),
  lineId: z.uuid(),
  lineCode: z.string(),
  /** open / closed (at its location, waiting for transport) / in stock (received at FG-WH) / shipped. */
  status: PalletStatus,
  location: z.string(),
  units: z.number().int(),
  boxes: z.number().int(),
  /** The product(s) on it, as part numbers. */
  partNos: z.array(z.string()),
  receivedAt: z.string().nullable(),
  deliveryNumber: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  /** The pallet's latest transfer order, if any. */
  transfer: z.object({ number: z.string(), status: z.string(), reason: z.string().nullable() }).nullable(),
});
export type Pallet = z.infer<typeof Pallet>;

export const PalletQuery = PageQuery.extend({ status: PalletStatus.optional(), lineId: z.uuid().optional() });
export const PalletPage = pageOf(Pallet);

export const BoxInput = z.object({ lineId: z.uuid() });
export const PalletInput = z.object({ lineId: z.uuid() });
/** Serials (or product serials, or scanned GS1 strings) to pack, up to 200 at once; all or nothing. */
export const PackInput = z.object({ serials: z.array(text(200)).min(1).max(200) });
export const PackResult = z.object({ packed: z.number().int(), units: z.number().int() });
export const BoxOnPalletInput = z.object({ boxId: z.uuid() });

export const TransferOrderStatus = z.enum(['pending', 'sent', 'accepted', 'picked', 'delivered', 'failed', 'timed_out']);
export type TransferOrderStatus = z.infer<typeof TransferOrderStatus>;
export const TransferOrder = z.object({
  id: z.uuid(),
  number: z.string(),
  palletId: z.uuid(),
  sscc: z.string(),
  deviceCode: z.string(),
  from: z.string(),
  to: z.string(),
  status: TransferOrderStatus,
  reason: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type TransferOrder = z.infer<typeof TransferOrder>;
export const TransferOrderInput = z.object({ palletId: z.uuid(), deviceId: z.uuid().optional() });
export const TransferOrderQuery = PageQuery.extend({ status: TransferOrderStatus.optional() });
export const TransferOrderPage = pageOf(TransferOrder);

export const StockRow = z.object({
  productId: z.uuid(),
  partNo: z.string(),
  revision: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  location: z.string(),
  pallets: z.number().int(),
  units: z.number().int(),
  held: z.number().int(),
});
export type StockRow = z.infer<typeof StockRow>;

export const DeliveryInput = z.object({
  number: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/)
    .optional(),
  customer: text(120),
  palletIds: z.array(z.uuid()).min(1).max(100),
});
export const Delivery = z.object({
  id: z.uuid(),
  number: z.string(),
  customer: z.string(),
  shippedAt: z.string(),
  pallets: z.number().int(),
  units: z.number().int(),
});
export type Delivery = z.infer<typeof Delivery>;
export const DeliveryPage = pageOf(Delivery);

/** Every finished (done) unit by where it is; the four places add up to `done`. */
export const AccountingQuery = PageQuery.extend({ lineId: z.uuid().optional(), place: UnitPlace.optional() });
export const PlacedUnit = Unit.extend({ place: UnitPlace, container: z.string().nullable(), deliveryNumber: z.string().nullable() });
export type PlacedUnit = z.infer<typeof PlacedUnit>;
export const Accounting = z.object({
  done: z.number().int(),
  counts: z.object({ line_end: z.number().int(), packed: z.number().int(), stock: z.number().int(), shipped: z.number().int() }),
  items: z.array(PlacedUnit),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type Accounting = z.infer<typeof Accounting>;
