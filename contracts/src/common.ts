import { z } from 'zod';
import { MessageParams, MessageRef } from './messages/core';

/**
 * Every error body the API returns. `key` and `params` name the message for the interface to render in the
 * person's language (contracts/src/messages); `message` is its English text. `fields` maps a body/query path to
 * its English message, `fieldMessages` the same paths to message keys.
 */
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(['invalid', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'unprocessable', 'rate_limited', 'payload_too_large', 'unsupported_media_type', 'internal']),
    message: z.string(),
    key: z.string(),
    params: MessageParams.optional(),
    fields: z.record(z.string(), z.string()).optional(),
    fieldMessages: z.record(z.string(), MessageRef).optional(),
    requestId: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
export type ErrorCode = ErrorBody['error']['code'];

export const Uuid = z.uuid();
export const IdParams = z.object({ id: z.uuid() });

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  q: z.string().trim().max(100).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const Ok = z.object({ ok: z.literal(true) });

/** Trimmed non-empty text with a maximum length; blank strings are rejected, not stored. */
export const text = (max: number) => z.string().trim().min(1).max(max);

export const ModuleName = z.enum(['identity', 'factory', 'labor', 'talent', 'park', 'trade']);
/** GET /api/modules: which modules this installation has; the web marks the others as coming. */
export const ModuleStatus = z.object({ name: ModuleName, available: z.boolean() });
export type ModuleStatus = z.infer<typeof ModuleStatus>;

/** A yes/no filter in a query string: 'true' or 'false'. */
export const bool = z.enum(['true', 'false']);
