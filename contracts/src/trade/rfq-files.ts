import { z } from 'zod';
import { RfqQuery } from './rfqs';
import { ProductQuery } from './catalogue';
import { ATTACHMENT_KINDS } from './drawings';

/**
 * Drawing attachments of an RFQ (图纸附件), cancelling an RFQ, and the Excel exports of the trade lists
 * (docs/trade.md, "Drawings", "Cancelling an RFQ", "Exports").
 */

export { ATTACHMENT_ACCEPT, ATTACHMENT_EXTENSIONS, ATTACHMENT_KINDS, ATTACHMENT_LIMITS, type AttachmentKind } from './drawings';

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
