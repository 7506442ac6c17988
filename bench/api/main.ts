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
 *   detail   one worker
 *   stats    the labour dashboard's figures
 *   oee      the plant OEE (gear manager), and one line's OEE
 *   audit    the audit list (platform administrator), first page
 * Then the default embedded PGlite with the demo's 1,000 workers: the worker list and the plant OEE.
 * Progress lines first; the last line is the JSON result (ratio = list_rps / health_rps).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { freePort, freshDatabase } from '../ingest/services';
import { populate } from './populate';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'pglite-workers': { type: 'string', default: '1000' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'skip-pglite': { type: 'boolean', default: false },
    /** Keep the grown PostgreSQL database (its URL and secret are printed) for EXPLAIN and profiling; no runs. */
    'populate-only': { type: 'boolean', default: false },
  },
});
const target = Number(args.workers);
const duration = Number(args.duration);
const connections = Number(args.connections);
const say = (s: string) => process.stdout.write(`${s}\n`);
const root = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: Array<() => Promise<unknown>> = [];
const PASSWORD = 'Gearbridge-2026';

interface Server {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `gearbridge start` in a process of its own, with the demo (and its plant simulator); resolves once it serves. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gb-bench-api-'));
  const child = spawn(process.execPath, [path.join(root, 'server/bin/gearbridge.mjs'), 'start'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), MQTT_PORT: String(await freePort()), DATA_DIR: dataDir, LOG_LEVEL: 'warn', GEARBRIDGE_DEMO: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr?.on('data', (d) => (output = (output + d).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`the server did not answer within 300 s: ${output}`);
    const ready = await fetch(`${base}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function signIn(base: string, username: string): Promise<string> {
  // Before a session, the CSRF check is a double submit: the same random value as cookie and header.
  const csrf = randomBytes(16).toString('hex');
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `gb_csrf=${csrf}`, 'x-csrf-token': csrf },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!r.ok) throw new Error(`sign-in as ${username}: ${r.status} ${await r.text()}`);
  return r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

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

async function drive(label: string, base: string, url: string, cookie?: string): Promise<Load> {
  const r = await autocannon({ url: `${base}${url}`, connections, duration, timeout: 10, headers: cookie ? { cookie } : {} });
  if (r.requests.total === 0) throw new Error(`${label}: no request was answered within ${duration} s`);
  const load: Load = { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, timeouts: r.timeouts, errors: r.errors, non2xx: r.non2xx };
  const [l1] = loadavg();
  say(
    `${label.padEnd(8)} ${String(load.rps).padStart(6)} req/s  p50 ${load.p50} ms  p99 ${load.p99} ms  ` +
      `(${r.requests.total} requests, ${load.non2xx} not 2xx, ${load.errors} errors, ${load.timeouts} timeouts; load ${l1.toFixed(2)})  ${url}`,
  );
  if (load.non2xx || load.errors) throw new Error(`${label}: ${load.non2xx} answers not 2xx, ${load.errors} errors`);
  return load;
}

async function main() {
  const cores = availableParallelism();
  say(`api: ${cores} cores; ${connections} connections, ${duration} s a request; PostgreSQL at ${target} workers, then PGlite`);
  const secret = randomBytes(32).toString('hex');
  const database = await freshDatabase(args['database-url'], secret);
  cleanups.push(() => database.drop());
  say('api: fresh PostgreSQL database with the demo');
  const data = await populate(database.url, secret, target, say);
  if (args['populate-only']) {
    say(`api: kept ${database.url} (GEARBRIDGE_SECRET=${secret}); drop it when done`);
    return;
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
  const listUrl = '/api/labor/workers?page=1&pageSize=20';
  const filterUrl = `/api/labor/workers?page=1&pageSize=20&registeredPoor=true&region=${data.town}`;
  const oee = await getJson<unknown>(base, '/api/factory/oee', manager);
  say(`api: plant OEE answer ${(oee.bytes / 1024).toFixed(1)} kB; line ${line.code}`);

  const health = await drive('health', base, '/api/health/live');
  const list = await drive('list', base, listUrl, caseworker);
  const filter = await drive('filter', base, filterUrl, caseworker);
  const detail = await drive('detail', base, `/api/labor/workers/${data.workerId}`, caseworker);
  const stats = await drive('stats', base, '/api/labor/stats', caseworker);
  const plant = await drive('oee', base, '/api/factory/oee', manager);
  const lineOee = await drive('line oee', base, `/api/factory/lines/${line.id}/oee`, manager);
  const audit = await drive('audit', base, '/api/audit?page=1&pageSize=20', admin);
  await server.stop();
  cleanups.pop();
  await database.drop();
  cleanups.pop();

  let pgliteList: Load | null = null;
  let pgliteOee: Load | null = null;
  if (!args['skip-pglite']) {
    say(`api: PGlite (embedded) with the demo's ${args['pglite-workers']} workers`);
    const embedded = await startServer({});
    cleanups.push(() => embedded.stop());
    const cw = await signIn(embedded.base, 'ck.caseworker');
    const gm = await signIn(embedded.base, 'gear.manager');
    await new Promise((r) => setTimeout(r, 15_000));
    pgliteList = await drive('pg-list', embedded.base, listUrl, cw);
    pgliteOee = await drive('pg-oee', embedded.base, '/api/factory/oee', gm);
    await embedded.stop();
    cleanups.pop();
  }

  const result = {
    bench: 'api',
    cores,
    workers: data.workers,
    list_rps: list.rps,
    list_p99_ms: list.p99,
    filter_rps: filter.rps,
    detail_rps: detail.rps,
    stats_p99_ms: stats.p99,
    oee_rps: plant.rps,
    oee_p99_ms: plant.p99,
    oee_kb: Number((oee.bytes / 1024).toFixed(1)),
    line_oee_rps: lineOee.rps,
    audit_rps: audit.rps,
    health_rps: health.rps,
    ratio: Number((list.rps / health.rps).toFixed(3)),
    pglite_list_p99_ms: pgliteList?.p99 ?? null,
    pglite_oee_p99_ms: pgliteOee?.p99 ?? null,
    pglite_timeouts: pgliteList && pgliteOee ? pgliteList.timeouts + pgliteOee.timeouts : null,
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
