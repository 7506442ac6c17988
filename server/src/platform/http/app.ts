import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../authz';
import type { Logger } from '../logger';
import type { CachedReads } from '../cached-reads';
import { CSRF_COOKIE, SESSION_COOKIE, type SessionStore } from '../sessions';
import { safeEqual } from '../pii';
import { unauthenticated, forbidden, invalid, pm } from '../errors';
import { errorBody, errorHandler } from './errors';
import { healthRoutes } from './health';
import type { Readiness } from '../health';
import { registerHttpMetrics, registerMetricsRoute, type MetricsRegistry } from '../metrics';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    sessionCsrf: string | null;
    /** The data version read for this signed-in request (platform/cached-reads.ts); null without a session cookie. */
    dataVersion: bigint | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, CSRF token, health). Everything else under /api needs one. */
    public?: boolean;
  }
}

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

export interface AppOptions {
  logger: Logger;
  sessions: SessionStore;
  /** Answers cached under the data version; the version is read once per request that carries a session cookie. */
  reads: CachedReads;
  secureCookies: boolean;
  /** `all`: a line per request at info; `errors`: only requests answered 4xx/5xx at info (the rest at debug). */
  logRequests?: 'all' | 'errors';
  /** Reverse proxies whose X-Forwarded-For names the client (TRUST_PROXY); empty: the TCP peer is the client. */
  trustProxy?: string[];
  /** Registers every module's routes on the /api scope. */
  api: (api: FastifyInstance) => Promise<void>;
  serveWeb?: boolean;
  /** What /api/health/ready reports (platform/health.ts). */
  readiness: () => Promise<Readiness>;
  /** The platform's metrics registry; /metrics on this port only with `Authorization: Bearer <token>`. */
  metrics: { registry: MetricsRegistry; token?: string };
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function cookieOptions(secure: boolean, httpOnly: boolean) {
  return { path: '/', httpOnly, sameSite: 'lax' as const, secure };
}

/** The actor of a request on an authenticated route; routes call this rather than read request.actor. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

/** The paths of the strings under `value` that contain a NUL character (at most 20; buffers are not text). */
export function nulFields(value: unknown, at: string, out: string[] = []): string[] {
  if (out.length >= 20 || value === null || value === undefined || Buffer.isBuffer(value)) return out;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(at || 'body');
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) nulFields(v, at ? `${at}.${i}` : String(i), out);
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) out.push(at ? `${at}.${k}` : k);
      else nulFields(v, at ? `${at}.${k}` : k, out);
    }
  }
  return out;
}

const CLIENT_ERROR_STATUS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'],
};

function clientError(err: NodeJS.ErrnoException, socket: Duplex) {
  if (!socket.writable) return socket.destroy();
  const [status, reason] = CLIENT_ERROR_STATUS[err.code ?? ''] ?? [400, 'Bad Request'];
  const id = randomUUID();
  const m = status === 431 ? pm('platform.http.headers_too_large') : status === 408 ? pm('platform.http.timeout') : pm('platform.http.malformed');
  const body = JSON.stringify(errorBody(id, status === 431 ? 'payload_too_large' : 'invalid', m));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nX-Request-Id: ${id}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    // One line per request, when it is answered (below), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: opts.trustProxy && opts.trustProxy.length > 0 ? opts.trustProxy : false,
    // On close, only idle keep-alive connections are cut: requests in flight finish (graceful shutdown, SIGTERM).
    // Live feeds (SSE) end in their module's preClose hook.
    forceCloseConnections: 'idle',
    // A URL Fastify cannot decode: the error shape and the request id like every other answer.
    frameworkErrors: (err, req, res) => {
      const reply = res as unknown as FastifyReply;
      reply.header('x-request-id', req.id).header('cache-control', 'no-store');
      return reply
        .status(400)
        .type('application/json; charset=utf-8')
        .send(errorBody(req.id, 'invalid', err.code === 'FST_ERR_BAD_URL' ? pm('platform.http.bad_url') : pm('platform.http.bad_request', { detail: err.code ?? 'request' })));
    },
    // Errors before there is a request (headers too large, malformed HTTP): answered on the socket in the same shape.
    clientErrorHandler: clientError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('sessionCsrf', null);
  app.decorateRequest('dataVersion', null);
  const logAll = (opts.logRequests ?? 'all') === 'all';
  // The start of a request only at debug (a request that hangs can be found by it).
  app.addHook('onRequest', async (req) => {
    req.log.debug({ req }, 'incoming request');
  });
  app.addHook('onResponse', async (req, reply) => {
    const status = reply.statusCode;
    const entry = { req, res: { statusCode: status }, responseTime: Math.round(reply.elapsedTime * 10) / 10 };
    // A 5xx's error and stack are logged by the error handler; this is the access line.
    if (status >= 400 || logAll) req.log.info(entry, 'request completed');
    else req.log.debug(entry, 'request completed');
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // The server's own time for the answer, serialised (W3C Server Timing): a client tells its wait from ours.
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    // API answers hold personal and live data: no browser or proxy keeps a copy.
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  registerHttpMetrics(app, opts.metrics.registry);
  registerMetricsRoute(app, opts.metrics.registry, opts.metrics.token);

  await app.register(cookie);
  // Helmet's security headers, its middleware built once: @fastify/helmet built it again for every request (parsing
  // the policy each time: a sixth of the bytes a signed-in request allocated, in a sampling heap profile).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: opts.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)));

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Gearbridge API',
        version: '0.1.0',
        description: 'JSON over HTTP. Sign in with POST /api/auth/login; send the gb_csrf cookie value as X-CSRF-Token on every mutation.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(
    async (api) => {
      // Resolve the session once per request. Deny by default: a route is public only when it says so. Checked
      // here, before the body is read, so a request without a session costs no body parsing.
      api.addHook('onRequest', async (req) => {
        const token = req.cookies[SESSION_COOKIE];
        if (token) req.dataVersion = await opts.reads.version();
        const s = token ? await opts.sessions.resolve(token, req.dataVersion ?? undefined) : null;
        if (s) {
          req.actor = { ...s.actor, requestId: req.id, ip: req.ip ?? null };
          req.sessionId = s.sessionId;
          req.sessionCsrf = s.csrfToken;
        }
        if (req.routeOptions.config?.public !== true && !req.actor) throw unauthenticated();
      });
      api.addHook('preHandler', async (req) => {
        if (MUTATING.has(req.method)) {
          const header = req.headers['x-csrf-token'];
          const sent = typeof header === 'string' ? header : '';
          // Signed in: the token bound to the session. Not yet (login): double-submit of the gb_csrf cookie.
          const expected = req.sessionCsrf ?? req.cookies[CSRF_COOKIE] ?? '';
          if (!sent || !expected || !safeEqual(sent, expected)) throw forbidden(pm('platform.auth.csrf'));
        }
      });
      // A NUL character in any text is refused here, once for every route (PostgreSQL cannot store it in text).
      api.addHook('preValidation', async (req) => {
        const fields = [...nulFields(req.params, 'params'), ...nulFields(req.query, 'query'), ...nulFields(req.body, '')];
        if (fields.length === 0) return;
        const field = pm('platform.http.nul_byte_field');
        throw invalid(pm('platform.http.nul_byte', { fields: fields.join(', ') }), Object.fromEntries(fields.map((f) => [f, field])));
      });
      healthRoutes(api, opts.readiness);
      await opts.api(api);
      api.setNotFoundHandler((req, reply) => reply.status(404).send(errorBody(req.id, 'not_found', pm('platform.http.no_route', { method: req.method, url: req.url }))));
    },
    { prefix: '/api' },
  );

  if (opts.serveWeb !== false && existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, maxAge: '1h', immutable: false });
    const sendIndex = (_req: FastifyRequest, reply: import('fastify').FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', { maxAge: 0 });
    app.get('/', { schema: { hide: true } }, sendIndex);
    // Client-side routes: any other GET that is not a file falls back to the app.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !path.extname(req.url.split('?')[0])) return sendIndex(req, reply);
      return reply.status(404).send(errorBody(req.id, 'not_found', pm('platform.http.no_route', { method: req.method, url: req.url })));
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/plain; charset=utf-8').send('Gearbridge API is running. The web app is not built: run `npm run build`.'),
    );
  }
  return app;
}
