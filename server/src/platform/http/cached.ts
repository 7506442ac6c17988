import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CachedReads } from '../cached-reads';
import type { Scope } from '../authz';
import { localDay } from '../time';

/**
 * Sends the answer of a GET route from the cache of answers kept under the data version (platform/cached-reads.ts),
 * computing it on a miss. The body is encoded with the route's own response schema, as the serializer would
 * (unknown fields dropped), so a cached answer is byte for byte what the route would send.
 * `key` must hold everything the answer depends on besides the data: the actor's scope (`scopeKey`), the query,
 * and the calendar day when the answer depends on today (`dayKey`).
 */
export async function sendCached<S extends z.ZodType>(
  req: FastifyRequest,
  reply: FastifyReply,
  reads: CachedReads,
  key: string,
  schema: S,
  compute: () => Promise<z.input<S>>,
): Promise<FastifyReply> {
  const render = async () => {
    const r = z.safeEncode(schema, (await compute()) as z.output<S>);
    if (!r.success) throw new Error(`the answer to ${req.routeOptions.url} does not match its schema: ${r.error.message}`);
    // Bytes, not a string: a hit is then written as it is, with no encoding to UTF-8 per request.
    return Buffer.from(JSON.stringify(r.data));
  };
  const body = req.dataVersion === null ? await render() : await reads.get(key, req.dataVersion, render);
  return reply.type('application/json; charset=utf-8').send(body);
}

/** A scope as part of a cache key: two actors with the same scope are given the same answers. */
export const scopeKey = (s: Scope) => (s.all ? '*' : `${[...s.orgIds].sort().join(',')}|${[...s.regionPrefixes].sort().join(',')}`);

/** Today in China and in UTC (ages are counted in UTC, due dates in China time). */
export const dayKey = () => `${localDay()}|${new Date().toISOString().slice(0, 10)}`;
