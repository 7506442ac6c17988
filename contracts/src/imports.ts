import { z } from 'zod';
import { MessageParams } from './messages/core';

export const ImportKind = z.string();
/** A bad cell: `message` in English, `key` and `params` for the interface (pending jobs stored before keys existed have no key). */
export const ImportRowError = z.object({ row: z.number().int(), column: z.string(), message: z.string(), key: z.string().optional(), params: MessageParams.optional() });
export const ImportReport = z.object({
  id: z.uuid(),
  kind: ImportKind,
  fileName: z.string(),
  status: z.enum(['pending', 'confirmed', 'discarded']),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errors: z.array(ImportRowError),
  /** The first valid rows, as they will be written, for the person to check. */
  preview: z.array(z.record(z.string(), z.unknown())),
  createdAt: z.string(),
});
export type ImportReport = z.infer<typeof ImportReport>;
export const ImportConfirmed = z.object({ id: z.uuid(), written: z.number().int() });
