import { z } from 'zod';

export const ImportKind = z.string();
export const ImportRowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
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
