/**
 * `npm run bench -- api [--workers 100000] [--duration 10] [--connections 50] [--pglite-workers 1000] [--database-url URL]`
 *
 * The HTTP API as its users load it. A fresh PostgreSQL database with the demo (its plant simulator running, so the
 * OEE is computed over a live feed) grown to --workers workers by the project's own generator (populate.ts); the
 * server in a process of its own (`gearbridge start`); autocannon in this process, --connections connections for
 * --duration seconds per request, one request after the other:
 *   health   GET /api/health/live — the HTTP stack's own yardstick in the same run
 *   list     the caseworker's worker list, first page of 20
 *   filter   the same list, registered-poor workers of one town
 *   detail   one worker; detail* every request another of 50,000 workers (answers not yet cached)
 *   stats    the labour dashboard's figures
 *   oee      the plant OEE (gear manager), and one line's OEE
 *   audit    the audit list (platform administrator), first page
 * Then the default embedded PGlite with the demo's 1,000 workers: the worker list and the plant OEE.
 * Progress lines first; the last line is the JSON result (ratio = list_rps / health_rps).
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { freshDatabase } from '../ingest/services';
import { signIn as signInAs, startServer as start } from '../server';
import { populate } from './populate';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'pglite-workers': { type: 'string', default: '1000' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'skip-pglite': { type: 'boolean', default: false },
    /** Only the PGlite part (its JSON fields; the PostgreSQL ones null). */
    'pglite-only': { type: 'boolean', default: false },
    /** Keep the grown PostgreSQL database (its URL and secret are printed) for EXPLAIN and profiling; no runs. */
    'populate-only': { type: 'boolean', default: false },
  },
});
const target = Number(args.workers);
const duration = Number(args.duration);
const connections = Number(args.connections);
const say = (s: string) => process.stdout.write(`${s}\n`);
const cleanups: Array<() => Promise<unknown>> = [];
const LIST = '/api/labor/workers?page=1&pageSize=20';

/** The demo with its plant simulator and no replayed history, so that the OEE is computed over a live feed. */
const startServer = (env: Record<string, string>) => start('api', { GEARBRIDGE_DEMO: '1', SIMULATE_HISTORY_H: '0', ...env });
/** The benchmark only reads: the session cookie is all a request needs. */
const signIn = async (base: string, username: string) => (await signInAs(base, username)).cookie;

async function getJson<T>(base: string, url: string, cookie: string): Promise<{ body: T; bytes: number }> {
  const r = await fetch(`${base}${url}`, { headers: { cookie } });
  const text = await r.text();
  if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${text.slice(0, 300)}`);
  return { body: JSON.parse(text) as T, bytes: Buffer.byteLength(text) };
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  timeouts: number;
  errors: number;
  non2xx: number;
}

/** `paths`: each request asks for the next of them instead of `url` again. */
async function drive(label: string, base: string, url: string, cookie?: string, paths?: string[]): Promise<Load> {
  let next = 0;
  const requests: autocannon.Request[] | undefined = paths ? [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }] : undefined;
  const r = await autocannon({ url: `${base}${url}`, connections, duration, timeout: 10, headers: cookie ? { cookie } : {}, ...(requests ? { requests } : {}) });
  if (r.requests.total === 0) throw new Error(`${label}: no request was answered within ${duration} s`);
  const load: Load = { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, timeouts: r.timeouts, errors: r.errors, non2xx: r.non2xx };
  const [l1] = loadavg();
  say(
    `${label.padEnd(8)} ${String(load.rps).padStart(6)} req/s  p50 ${load.p50} ms  p99 ${load.p99} ms  ${(r.throughput.total / r.requests.total / 1024).toFixed(1)} kB  ` +
      `(${r.requests.total} requests, ${load.non2xx} not 2xx, ${load.errors} errors, ${load.timeouts} timeouts; load ${l1.toFixed(2)})  ${url}`,
  );
  if (load.non2xx || load.errors) throw new Error(`${label}: ${load.non2xx} answers not 2xx, ${load.errors} errors`);
  return load;
}

interface PostgresFigures {
  workers: number;
  health: Load;
  list: Load;
  filter: Load;
  detail: Load;
  detailEach: Load;
  stats: Load;
  plant: Load;
  lineOee: Load;
  audit: Load;
  oeeBytes: number;
}

async function onPostgres(): Promise<PostgresFigures | null> {
  const secret = randomBytes(32).toString('hex');
  const database = await freshDatabase(args['database-url'], secret);
  cleanups.push(() => database.drop());
  say('api: fresh PostgreSQL database with the demo');
  const data = await populate(database.url, secret, target, say);
  if (args['populate-only']) {
    cleanups.pop();
    say(`api: kept ${database.url} (GEARBRIDGE_SECRET=${secret}); drop it when done`);
    return null;
  }
  const server = await startServer({ DATABASE_URL: database.url, GEARBRIDGE_SECRET: secret });
  cleanups.push(() => server.stop());
  const { base } = server;
  const caseworker = await signIn(base, 'ck.caseworker');
  const manager = await signIn(base, 'gear.manager');
  const admin = await signIn(base, 'admin');
  const lines = await getJson<{ id: string; code: string }[]>(base, '/api/factory/lines', manager);
  const line = lines.body[0];
  // Let the simulator's feed run for a while so that the OEE covers real telemetry.
  await new Promise((r) => setTimeout(r, 15_000));
  const filterUrl = `${LIST}&registeredPoor=true&region=${data.town}`;
  const oee = await getJson<unknown>(base, '/api/factory/oee', manager);
  say(`api: plant OEE answer ${(oee.bytes / 1024).toFixed(1)} kB; line ${line.code}`);

  const figures: PostgresFigures = {
    workers: data.workers,
    health: await drive('health', base, '/api/health/live'),
    list: await drive('list', base, LIST, caseworker),
    filter: await drive('filter', base, filterUrl, caseworker),
    detail: await drive('detail', base, `/api/labor/workers/${data.workerId}`, caseworker),
    // Every request another worker (50,000 of them): what a detail costs when it is not cached.
    detailEach: await drive(
      'detail*',
      base,
      `/api/labor/workers/${data.workerId}`,
      caseworker,
      data.sample.map((id) => `/api/labor/workers/${id}`),
    ),
    stats: await drive('stats', base, '/api/labor/stats', caseworker),
    plant: await drive('oee', base, '/api/factory/oee', manager),
    lineOee: await drive('line oee', base, `/api/factory/lines/${line.id}/oee`, manager),
    audit: await drive('audit', base, '/api/audit?page=1&pageSize=20', admin),
    oeeBytes: oee.bytes,
  };
  await server.stop();
  cleanups.pop();
  await database.drop();
  cleanups.pop();
  return figures;
}

async function onPglite(): Promise<{ list: Load; oee: Load }> {
  say(`api: PGlite (embedded) with the demo's ${args['pglite-workers']} workers`);
  const embedded = await startServer({});
  cleanups.push(() => embedded.stop());
  const cw = await signIn(embedded.base, 'ck.caseworker');
  const gm = await signIn(embedded.base, 'gear.manager');
  await new Promise((r) => setTimeout(r, 15_000));
  const list = await drive('pg-list', embedded.base, LIST, cw);
  const oee = await drive('pg-oee', embedded.base, '/api/factory/oee', gm);
  await embedded.stop();
  cleanups.pop();
  return { list, oee };
}

async function main() {
  const cores = availableParallelism();
  say(`api: ${cores} cores; ${connections} connections, ${duration} s a request; PostgreSQL at ${target} workers, then PGlite`);
  const pg = args['pglite-only'] ? null : await onPostgres();
  if (args['populate-only']) return;
  const lite = args['skip-pglite'] ? null : await onPglite();
  const ratio = pg ? Number((pg.list.rps / pg.health.rps).toFixed(3)) : null;
  const result = {
    bench: 'api',
    cores,
    workers: pg?.workers ?? null,
    list_rps: pg?.list.rps ?? null,
    list_p99_ms: pg?.list.p99 ?? null,
    filter_rps: pg?.filter.rps ?? null,
    detail_rps: pg?.detail.rps ?? null,
    detail_uncached_rps: pg?.detailEach.rps ?? null,
    detail_uncached_p99_ms: pg?.detailEach.p99 ?? null,
    stats_p99_ms: pg?.stats.p99 ?? null,
    oee_rps: pg?.plant.rps ?? null,
    oee_p99_ms: pg?.plant.p99 ?? null,
    oee_kb: pg ? Number((pg.oeeBytes / 1024).toFixed(1)) : null,
    line_oee_rps: pg?.lineOee.rps ?? null,
    audit_rps: pg?.audit.rps ?? null,
    health_rps: pg?.health.rps ?? null,
    ratio,
    pglite_list_p99_ms: lite?.list.p99 ?? null,
    pglite_oee_p99_ms: lite?.oee.p99 ?? null,
    pglite_timeouts: lite ? lite.list.timeouts + lite.oee.timeouts : null,
  };
  say(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  async (err) => {
    console.error(err);
    for (const undo of cleanups.reverse()) await undo().catch(() => {});
    process.exit(1);
  },
);
