import type { FastifyRequest } from 'fastify';
import { scopeOf } from '../../platform/authz';
import { actorOf } from '../../platform/http/app';
import { dayKey, scopeKey } from '../../platform/http/cached';
import { LP } from './permissions';

/**
 * The cache key of a labour answer kept under the data version (platform/http/cached.ts): `what`, the actor's
 * labor.read scope, today, and `rest` (the query). Only for answers that depend on nothing else about the actor:
 * an answer computed under another permission's scope needs that scope in its key.
 */
export const laborReadKey = (req: FastifyRequest, what: string, rest: unknown) => `labor.${what}|${scopeKey(scopeOf(actorOf(req), LP.read))}|${dayKey()}|${JSON.stringify(rest)}`;
