/** Drawing attachments of an RFQ: the formats and bounds (zod-free, so the web imports it at run time). */

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
/** A drawing's size, drawings per RFQ, and all the drawings of one buying organisation's RFQs together (a quota). */
export const ATTACHMENT_LIMITS = { bytes: 20 * 1024 * 1024, perRfq: 10, perOrgBytes: 2 * 1024 * 1024 * 1024 } as const;
