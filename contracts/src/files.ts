/**
 * File types the platform recognises by their content (server/src/platform/files.ts), with the name endings each may
 * carry. Zod-free, so the web imports it at run time. A module allows a subset (trade's drawings, park's certification
 * documents) and says which in its own contracts.
 */
export const FILE_KINDS = ['pdf', 'png', 'jpeg', 'webp', 'dwg', 'dxf', 'step', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** The file name endings each kind may carry (lower case). */
export const FILE_EXTENSIONS: Record<FileKind, readonly string[]> = {
  pdf: ['pdf'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  webp: ['webp'],
  dwg: ['dwg'],
  dxf: ['dxf'],
  step: ['step', 'stp'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  pptx: ['pptx'],
  doc: ['doc'],
  xls: ['xls'],
  ppt: ['ppt'],
};

/** What a file picker offers for these kinds (`.pdf,.png,…`); the server decides by the content. */
export const acceptOf = (kinds: readonly FileKind[]): string => kinds.flatMap((k) => FILE_EXTENSIONS[k].map((e) => `.${e}`)).join(',');
