import { z } from 'zod';

/** An NCR's status and source (here, not in ncr.ts, so that production.ts's shift report can name them too). */
export const NcrStatus = z.enum(['open', 'dispositioned', 'closed', 'cancelled']);
export type NcrStatus = z.infer<typeof NcrStatus>;
export const NcrSource = z.enum(['unit_nok', 'spc_signal', 'recall', 'supplier_lot', 'manual']);
export type NcrSource = z.infer<typeof NcrSource>;
