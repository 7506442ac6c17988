import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import { safeEqual } from './pii';

/**
 * Prometheus metrics of one platform instance. Each platform has its own registry (tests run several platforms in
 * one process; prom-client's global registry would refuse the second's metrics). Modules add theirs to it through
 * their context (`ctx.metrics`), so the platform names none of them.
 */
export type MetricsRegistry = Registry;

export function createMetricsRegistry(): MetricsRegistry {
  const registry = new Registry();
  // Process CPU, memory, heap, handles and nodejs_eventloop_lag_* (sampled by perf_hooks, not a timer of ours).
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Connection counts of the database pool (pg.Pool; PGlite: its one connection and the borrowers queued for it). */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export function registerPoolMetrics(registry: MetricsRegistry, stats: () => PoolStats): void {
  new Gauge({
    name: 'gearbridge_db_pool_connections',
    help: 'Database pool connections by state (total, idle) and queries waiting for one (waiting)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const s = stats();
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });
}

/**
 * The request histogram, labelled by route pattern (`/api/labor/workers/:id`, never the URL itself: no ids or
 * search terms in a label) and status. A request no route matched counts under route "unmatched".
 */
export function registerHttpMetrics(app: FastifyInstance, registry: MetricsRegistry): void {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}

/** Whether an Authorization header carries the metrics token. */
function bearerOk(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  return !!m && safeEqual(m[1], token);
}

/**
 * GET /metrics on the main port, only with `Authorization: Bearer $METRICS_TOKEN`; without a token configured the
 * route answers 404, so the application's port never serves metrics to anyone by default.
 */
export function registerMetricsRoute(app: FastifyInstance, registry: MetricsRegistry, token: string | undefined): void {
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!token) return reply.status(404).type('text/plain; charset=utf-8').send('metrics are not served on this port (see docs/operations.md)\n');
    if (!bearerOk(req.headers.authorization, token)) return reply.status(401).header('www-authenticate', 'Bearer').type('text/plain; charset=utf-8').send('unauthorized\n');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

/**
 * A listener of its own for Prometheus (METRICS_PORT on METRICS_HOST, loopback by default): nothing but GET /metrics,
 * behind the token too when one is set.
 */
export async function serveMetrics(registry: MetricsRegistry, host: string, port: number, token: string | undefined): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    if (token && !bearerOk(req.headers.authorization, token)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' }).end('unauthorized\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics collection failed\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
