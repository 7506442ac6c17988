import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Readiness } from '../health';

const Live = z.object({ ok: z.literal(true) });
const Check = z.object({
  name: z.string(),
  ok: z.boolean(),
  details: z.record(z.string(), z.union([z.number(), z.boolean()])).optional(),
  /** Why not, as a message key with its parameters and the English text. */
  key: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string().optional(),
});
const Ready = z.object({ ready: z.boolean(), checks: z.array(Check), reasons: z.array(z.string()) });

/**
 * Probes for load balancers and orchestrators; public, no session, nothing personal.
 * - live: the process answers (no database access): restart it when this fails.
 * - ready: the database answers and is migrated, and every module's background work is healthy (the factory:
 *   broker connected, ingest lag under its limit); 503 with the failing checks' message keys otherwise: send it
 *   no traffic meanwhile.
 * `/api/health` stays as live's alias for the scripts and e2e runner that call it.
 */
export function healthRoutes(root: FastifyInstance, readiness: () => Promise<Readiness>): void {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['platform'];
  const live = async () => ({ ok: true as const });
  api.get('/health', { config: { public: true }, schema: { hide: true, response: { 200: Live } } }, live);
  api.get('/health/live', { config: { public: true }, schema: { tags, summary: 'Liveness: the process answers', response: { 200: Live } } }, live);
  api.get(
    '/health/ready',
    {
      config: { public: true },
      schema: { tags, summary: 'Readiness: database migrated, background work healthy (503 with reasons when not)', response: { 200: Ready, 503: Ready } },
    },
    async (_req, reply) => {
      const r = await readiness();
      const checks = r.checks.map((c) => ({
        name: c.name,
        ok: c.ok,
        ...(c.details ? { details: c.details } : {}),
        ...(c.reason ? { key: c.reason.key, ...(c.reason.params ? { params: c.reason.params } : {}), message: c.reason.text } : {}),
      }));
      const reasons = r.checks.flatMap((c) => (c.ok || !c.reason ? [] : [c.reason.key]));
      return reply.status(r.ready ? 200 : 503).send({ ready: r.ready, checks, reasons });
    },
  );
}
