import { z } from 'zod';
import { RfqQuery } from './rfqs';
import { ProductQuery } from './catalogue';

/**
 * Drawing attachments of an RFQ (图纸附件), cancelling an RFQ, and the Excel exports of the trade lists
 * (docs/trade.md, "Drawings", "Cancelling an RFQ", "Exports").
 */

/** The file types a drawing may be, each recognised by its content (magic bytes, or the format's own header). */
export const ATTACHMENT_KINDS = ['pdf', 'dwg', 'dxf', 'step', 'png', 'jpeg', 'webp'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
/** The file name endings each kind may carry (lower case). */
export const ATTACHMENT_EXTENSIONS: Record<AttachmentKind, readonly string[]> = {
  pdf: ['pdf'],
  dwg: ['dwg'],
  dxf: ['dxf'],
  step: ['step', 'stp'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  webp: ['webp'],
};
/** What the file picker offers (the server decides by the content). */
export const ATTACHMENT_ACCEPT = Object.values(ATTACHMENT_EXTENSIONS)
  .flat()
  .map((e) => `.${e}`)
  .join(',');
/** Bounds: one file at most 20 MiB, at most 10 files on an RFQ. */
export const ATTACHMENT_LIMITS = { bytes: 20 * 1024 * 1024, perRfq: 10 } as const;

export const AttachmentUploadQuery = z.object({ fileName: z.string().trim().min(1).max(200) });
export const AttachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });

export const Attachment = z.object({
  id: z.uuid(),
  rfqId: z.uuid(),
  fileName: z.string(),
  kind: z.enum(ATTACHMENT_KINDS),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;
export const AttachmentList = z.array(Attachment);

/** The buyer cancels an RFQ before the award, saying why. */
export const CancelInput = z.object({ reason: z.string().trim().min(1).max(500) });
export type CancelInput = z.infer<typeof CancelInput>;

/** The language of an export's headers and labels. */
const Lang = z.object({ lang: z.enum(['zh', 'en']).default('zh') });
export const ProductExportQuery = ProductQuery.omit({ page: true, pageSize: true }).extend(Lang.shape);
export const RfqExportQuery = RfqQuery.omit({ page: true, pageSize: true }).extend(Lang.shape);
export const QuoteExportQuery = Lang.extend({ rfqId: z.uuid().optional() });
export const SupplyExportQuery = Lang.extend({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'trade.field.month' })
    .optional(),
});
