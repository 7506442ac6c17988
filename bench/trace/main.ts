/**
 * `npm run bench -- trace [--units 10000000] [--connections 10] [--requests 2000] [--database-url URL] [--with-indexes] [--keep] [--reuse URL]`
 *
 * Unit genealogy at a year's scale. A fresh PostgreSQL database, migrated and seeded with the demo plant; `--units`
 * housings spread over a year on its 7 lines with their 8 operation rows, their measurements and their component
 * lots (generate.ts), loaded with text COPY, one connection a table in parallel — into bare tables (keys, indexes
 * and foreign keys dropped first and rebuilt afterwards, exactly as the migrations define them; `--with-indexes`
 * loads into the indexed tables instead, for comparison). Line L1 gets a year of state intervals and of its
 * stations' part counters (minute rollups derived from its operation rows), so that its OEE covers the year.
 * Then the real server (`gearbridge start`, a process of its own, no simulator) answers, through HTTP with a
 * session and the scope check:
 *   genealogy  random serials, each asked once: --requests one after the other on one connection — what a person at
 *              a scanner waits, p50 and p99 (the JSON's genealogy_*), timed by a client process of its own
 *              (scanner.mjs) after 200 untimed requests —, then --requests over --connections
 *              connections at once — throughput, and the p99 of requests queued behind each other (genealogy_conc_*)
 *   recall     the casting lot of ~5,000 units: first page and counts (median of 5 after one cold request)
 *   oee year   line L1's OEE over the year's 365 days in one request (the range route): one cold request that fills
 *              the OEE rollup (storeOeeDay, as the runtime's job), then the median of 5; checked against the day route
 *   spc chart  125 subgroups of BORE_D1 on L1 with its rule checks, against limits from a phase-I study (median of 5)
 * Progress lines first; the last line is the JSON result.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ROUTING } from '@gearbridge/plant';
import { localDay } from '../../server/src/platform/time';
import { freshDatabase, migrateDatabase } from '../ingest/services';
import { buildTraceRange } from '../../server/src/modules/factory/production/traces';
import { signIn, startServer } from '../server';
import {
  COMPONENT_COLUMNS,
  componentRows,
  LOT_COLUMNS,
  lotLayout,
  lotRows,
  MEASUREMENT_COLUMNS,
  measurementRows,
  OP_COLUMNS,
  opRows,
  type Plan,
  type PlantModel,
  recallFrom,
  serialOf,
  UNIT_COLUMNS,
  unitRows,
} from './generate';
import { loadModel } from './model';

const { values: args } = parseArgs({
  options: {
    units: { type: 'string', default: '10000000' },
    connections: { type: 'string', default: '10' },
    requests: { type: 'string', default: '2000' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'with-indexes': { type: 'boolean', default: false },
    /** Keep the database (its URL is printed) for EXPLAIN or --reuse; drop it when done. */
    keep: { type: 'boolean', default: false },
    /** A database an earlier run kept: no load, only the requests (after a change of the server's code). */
    reuse: { type: 'string' },
  },
});
const say = (s: string) => process.stdout.write(`${s}\n`);
const load1 = () => loadavg()[0].toFixed(2);
const cleanups: Array<() => Promise<unknown>> = [];
const DAY = 86_400_000;
const BIG = ['factory_units', 'factory_unit_ops', 'factory_measurements', 'factory_unit_components'];

async function client(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

/**
 * COPY on a connection of its own. `freeze` (one stream per table, the table empty and referenced by no foreign key):
 * TRUNCATE and COPY … WITH (FREEZE) in one transaction, so the rows are written frozen and their pages all-visible
 * (PostgreSQL 14+), as `VACUUM FREEZE` would leave them — without it, the benchmark's first read of each page set
 * its hint bits, dirtying pages that reads then had to write out, and no index-only scan could skip the heap.
 */
async function copyInto(url: string, table: string, columns: string, rows: Iterable<string>, freeze = false) {
  const c = await client(url);
  try {
    await c.query('set synchronous_commit = off');
    // The rows are loaded as a backup's restore would be: the tables' triggers (the unit traces' queue, migration
    // factory/0015) do not fire; the traces are built afterwards for every unit (buildAllTraces).
    await c.query('set session_replication_role = replica');
    if (!freeze) {
      await pipeline(Readable.from(rows), c.query(copyFrom(`copy ${table} (${columns}) from stdin`)));
      return;
    }
    await c.query('begin');
    const held = await c.query(`select exists (select 1 from ${table}) as some`);
    if (held.rows[0].some) throw new Error(`trace: ${table} is not empty: COPY FREEZE would truncate its rows`);
    await c.query(`truncate ${table}`);
    await pipeline(Readable.from(rows), c.query(copyFrom(`copy ${table} (${columns}) from stdin with (freeze)`)));
    await c.query('commit');
  } catch (err) {
    await c.query('rollback').catch(() => {});
    throw err;
  } finally {
    await c.end();
  }
}

/** Keys, unique constraints, foreign keys (on and into the big tables) and indexes, as the database has them. */
async function definitions(c: pg.Client) {
  const cons = await c.query<{ tbl: string; name: string; def: string; type: string }>(
    `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def, contype as type
       from pg_constraint
      where contype in ('p', 'u', 'f') and (conrelid::regclass::text = any($1) or (contype = 'f' and confrelid::regclass::text = any($1)))`,
    [BIG],
  );
  const idx = await c.query<{ name: string; def: string }>(
    `select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def from pg_index
      where indrelid::regclass::text = any($1) and not exists (select 1 from pg_constraint where conindid = indexrelid)`,
    [BIG],
  );
  return { keys: cons.rows.filter((r) => r.type !== 'f'), fks: cons.rows.filter((r) => r.type === 'f'), indexes: idx.rows };
}

/** Runs statements on `n` connections, each taking the next. */
async function inParallel(url: string, n: number, statements: string[]) {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      const c = await client(url);
      try {
        await c.query("set maintenance_work_mem = '512MB'");
        while (next < statements.length) await c.query(statements[next++]);
      } finally {
        await c.end();
      }
    }),
  );
}

async function loadUnits(url: string, model: PlantModel, plan: Plan): Promise<{ events: number; measurements: number; loadS: number }> {
  const c = await client(url);
  const t0 = performance.now();
  const defs = await definitions(c);
  if (!args['with-indexes']) {
    for (const f of defs.fks) await c.query(`alter table ${f.tbl} drop constraint ${f.name}`);
    for (const k of defs.keys) await c.query(`alter table ${k.tbl} drop constraint ${k.name}`);
    for (const i of defs.indexes) await c.query(`drop index ${i.name}`);
  }
  await c.query('alter table factory_units alter column id set generated by default');
  await c.query('alter table factory_component_lots alter column id set generated by default');
  await copyInto(url, 'factory_component_lots', LOT_COLUMNS, lotRows(model, plan));
  const events = { n: 0 };
  const meas = { n: 0 };
  const n = plan.units;
  if (args['with-indexes']) {
    // With the foreign keys in place the units go first; the two biggest tables (operations, measurements) in two
    // halves each, one connection a half.
    const half = Math.floor(n / 2);
    await copyInto(url, 'factory_units', UNIT_COLUMNS, unitRows(model, plan, 0, n));
    await Promise.all([
      copyInto(url, 'factory_unit_ops', OP_COLUMNS, opRows(model, plan, 0, half, events)),
      copyInto(url, 'factory_unit_ops', OP_COLUMNS, opRows(model, plan, half, n, events)),
      copyInto(url, 'factory_measurements', MEASUREMENT_COLUMNS, measurementRows(model, plan, 0, half, meas)),
      copyInto(url, 'factory_measurements', MEASUREMENT_COLUMNS, measurementRows(model, plan, half, n, meas)),
      copyInto(url, 'factory_unit_components', COMPONENT_COLUMNS, componentRows(model, plan, 0, n)),
    ]);
  } else {
    // Bare tables: every table at once, one connection each, written frozen (COPY FREEZE needs one transaction a table).
    await Promise.all([
      copyInto(url, 'factory_units', UNIT_COLUMNS, unitRows(model, plan, 0, n), true),
      copyInto(url, 'factory_unit_ops', OP_COLUMNS, opRows(model, plan, 0, n, events), true),
      copyInto(url, 'factory_measurements', MEASUREMENT_COLUMNS, measurementRows(model, plan, 0, n, meas), true),
      copyInto(url, 'factory_unit_components', COMPONENT_COLUMNS, componentRows(model, plan, 0, n), true),
    ]);
  }
  const copied = performance.now();
  say(`trace: COPY ${n} units, ${events.n} operation rows, ${meas.n} measurements in ${((copied - t0) / 1000).toFixed(1)} s (load ${load1()})`);
  if (!args['with-indexes']) {
    await inParallel(url, 2, [...defs.keys.map((k) => `alter table ${k.tbl} add constraint ${k.name} ${k.def}`), ...defs.indexes.map((i) => i.def)]);
    const keyed = performance.now();
    say(`trace: keys and indexes rebuilt in ${((keyed - copied) / 1000).toFixed(1)} s (load ${load1()})`);
    await inParallel(
      url,
      2,
      defs.fks.map((f) => `alter table ${f.tbl} add constraint ${f.name} ${f.def}`),
    );
    say(`trace: foreign keys checked in ${((performance.now() - keyed) / 1000).toFixed(1)} s`);
  }
  await c.query('alter table factory_units alter column id set generated always');
  await c.query('alter table factory_component_lots alter column id set generated always');
  await c.query("select setval(pg_get_serial_sequence('factory_units', 'id'), (select max(id) from factory_units))");
  await c.query("select setval(pg_get_serial_sequence('factory_component_lots', 'id'), (select max(id) from factory_component_lots))");
  await inParallel(
    url,
    2,
    BIG.map((t) => `analyze ${t}`),
  );
  const visible = await c.query<{ tbl: string; pages: number; visible: number }>(
    'select relname as tbl, relpages as pages, relallvisible as visible from pg_class where relname = any($1) order by relname',
    [BIG],
  );
  say(`trace: all-visible pages ${visible.rows.map((r) => `${r.tbl} ${r.visible}/${r.pages}`).join(', ')}`);
  const loadS = (performance.now() - t0) / 1000;
  await c.end();
  return { events: events.n, measurements: meas.n, loadS };
}

/**
 * Every unit's trace (server/src/modules/factory/production/traces.ts, buildTraceRange: the server's own statement),
 * ranges of 50,000 units on two connections; a database that has them all already is left as it is. Returns the
 * seconds it took, or null when there was nothing to build.
 */
async function buildAllTraces(url: string, units: number): Promise<number | null> {
  const c = await client(url);
  const [have] = (await c.query<{ n: string }>('select count(*) as n from factory_unit_traces')).rows;
  const [off] = (await c.query<{ n: string; lo: string; hi: string }>("select count(*) as n, min(id) as lo, max(id) as hi from factory_units where status <> 'wip'")).rows;
  await c.end();
  if (Number(have.n) >= Number(off.n)) return null;
  const t0 = performance.now();
  const step = 50_000;
  const ranges: [number, number][] = [];
  for (let a = Number(off.lo); a <= Number(off.hi); a += step) ranges.push([a, Math.min(a + step - 1, Number(off.hi))]);
  let next = 0;
  let built = 0;
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      const w = await client(url);
      try {
        await w.query('set synchronous_commit = off');
        const q = async <R>(text: string, params?: unknown[]) => (await w.query(text, params)).rows as R[];
        while (next < ranges.length) {
          const [a, b] = ranges[next++];
          const n = await buildTraceRange(q, a, b);
          built += n;
          if (next % 20 === 0) say(`trace: unit traces ${built} of ${off.n} (${((performance.now() - t0) / 1000).toFixed(0)} s, load ${load1()})`);
        }
      } finally {
        await w.end();
      }
    }),
  );
  const a = await client(url);
  await a.query('vacuum (analyze) factory_unit_traces');
  const size = (await a.query<{ s: string }>("select pg_size_pretty(pg_total_relation_size('factory_unit_traces')) as s")).rows[0].s;
  await a.end();
  const s = (performance.now() - t0) / 1000;
  say(`trace: ${built} unit traces built in ${s.toFixed(1)} s (${size}; ${units} units) (load ${load1()})`);
  return s;
}

/**
 * Line L1's year for its OEE: each station's part counter as minute rollups (a minute with completions, its last
 * value the running count — what the ingest's rollup of a `part_count` published at each completion holds), and
 * state intervals: running, with a 20-minute breakdown (alarm code 101) at 10:00 and 30 minutes idle at 22:00 each day.
 */
async function lineYear(url: string, lineId: string, plan: Plan) {
  const c = await client(url);
  try {
    const nums = (await c.query<{ num: number }>('select num from factory_devices where line_id = $1', [lineId])).rows.map((r) => r.num);
    await c.query(`insert into factory_metrics (device_num, name, datatype) select n, 'part_count', 'Int64' from unnest($1::int[]) n on conflict do nothing`, [nums]);
    const r1 = await c.query(
      `insert into factory_telemetry_1m (device_num, metric_id, bucket, n, sum, min, max, last, last_ts)
       select x.device_num, m.id, x.bucket, 1, x.c, x.c, x.c, x.c, x.bucket + interval '59 seconds'
         from (select device_num, date_trunc('minute', completed_at) as bucket,
                      sum(count(*)) over (partition by device_num order by date_trunc('minute', completed_at))::float8 as c
                 from factory_unit_ops where device_num = any($1) group by 1, 2) x
         join factory_metrics m on m.device_num = x.device_num and m.name = 'part_count'`,
      [nums],
    );
    const from = new Date(plan.start - (plan.start % DAY) - DAY);
    const r2 = await c.query(
      `insert into factory_state_intervals (device_num, state, reason_code, started_at, ended_at)
       select n, s.state, s.code, d + s.a, d + s.b
         from unnest($1::int[]) n
        cross join generate_series($2::timestamptz, $3::timestamptz, interval '1 day') d
        cross join (values ('running', null::int, interval '0 h', interval '10 h'), ('down', 101, interval '10 h', interval '10 h 20 min'),
                           ('running', null, interval '10 h 20 min', interval '22 h'), ('idle', null, interval '22 h', interval '22 h 30 min'),
                           ('running', null, interval '22 h 30 min', interval '24 h')) s(state, code, a, b)`,
      [nums, from.toISOString(), new Date(from.getTime() + 367 * DAY).toISOString()],
    );
    await c.query('analyze factory_telemetry_1m; analyze factory_state_intervals; analyze factory_metrics');
    say(`trace: line L1's year: ${r1.rowCount} counter minutes, ${r2.rowCount} state intervals on ${nums.length} devices`);
  } finally {
    await c.end();
  }
}

/** A GET's time as the client saw it (`ms`) and as the server did (`serverMs`, its Server-Timing `app`). */
async function timed<T>(base: string, url: string, cookie: string): Promise<{ ms: number; serverMs: number; body: T }> {
  const t0 = performance.now();
  const r = await fetch(`${base}${url}`, { headers: { cookie } });
  const text = await r.text();
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${text.slice(0, 300)}`);
  const serverMs = Number(/app;dur=([\d.]+)/.exec(r.headers.get('server-timing') ?? '')?.[1] ?? Number.NaN);
  return { ms, serverMs, body: JSON.parse(text) as T };
}

/** Runs scanner.mjs (a process of its own, its heap collected before timing) and returns its timings. */
async function scanner(input: { base: string; cookie: string; warmup: string[]; timed: string[] }): Promise<{ ms: number[]; serverMs: number[] }> {
  const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(new URL('./scanner.mjs', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.stdin.end(JSON.stringify(input));
  const code = await exited;
  if (code !== 0) throw new Error(`scanner.mjs exited with ${code}`);
  return JSON.parse(out);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;

async function main() {
  const cores = availableParallelism();
  const units = Number(args.units);
  if (!Number.isInteger(units) || units < 1000) throw new Error('--units: a whole number of at least 1,000');
  say(`trace: ${cores} cores, load ${load1()}; ${units} units over a year`);
  let secret: string;
  let database: { url: string; drop(): Promise<void> };
  let model: PlantModel;
  let plan: Plan;
  let loaded: { events: number; loadS: number };
  if (args.reuse) {
    // A kept database: its plan, secret and load figures were stored with it.
    const rc = await client(args.reuse);
    const row = (await rc.query<{ plan: Plan; secret: string; events: number; load_s: number }>('select plan, secret, events, load_s from bench_trace_run')).rows[0];
    // The OEE year's fill is measured cold again: what an earlier run stored is dropped.
    await rc.query('delete from factory_oee_rollup; delete from factory_oee_view_days; delete from factory_oee_days');
    model = await loadModel(<R>(text: string, params?: unknown[]) => rc.query(text, params) as unknown as Promise<{ rows: R[] }>);
    await rc.end();
    ({ plan, secret } = row);
    if (plan.units !== units) throw new Error(`--reuse: that database holds ${plan.units} units, not --units ${units}`);
    database = { url: args.reuse, drop: async () => {} };
    loaded = { events: row.events, loadS: row.load_s };
    say(`trace: reusing ${args.reuse}: ${plan.units} units loaded in ${row.load_s.toFixed(1)} s by an earlier run`);
  } else {
    secret = randomBytes(32).toString('hex');
    const fresh = await freshDatabase(args['database-url'], secret);
    database = fresh;
    if (!args.keep) cleanups.push(() => fresh.drop());
    say('trace: fresh PostgreSQL database, migrated, with the demo plant');
    const mc = await client(database.url);
    model = await loadModel(<R>(text: string, params?: unknown[]) => mc.query(text, params) as unknown as Promise<{ rows: R[] }>);
    // A year up to the start of today (UTC): every unit is past its last operation.
    const end = Date.now() - (Date.now() % DAY);
    plan = { units, start: end - 365 * DAY, spanMs: 365 * DAY - 6 * 3_600_000, recallUnits: Math.min(5_000, Math.floor(units / 4)) };
    loaded = await loadUnits(database.url, model, plan);
    say(`trace: loaded in ${loaded.loadS.toFixed(1)} s (${args['with-indexes'] ? 'into indexed tables' : 'bare tables, then keys and indexes'})`);
    await lineYear(database.url, model.lines[0].id, plan);
    await mc.query('create table bench_trace_run (plan jsonb not null, secret text not null, events bigint not null, load_s float8 not null)');
    await mc.query('insert into bench_trace_run values ($1, $2, $3, $4)', [JSON.stringify(plan), secret, loaded.events, loaded.loadS]);
    await mc.end();
  }
  const l1 = model.lines[0];
  if (args.reuse) await migrateDatabase(database.url, secret); // a database an earlier version loaded
  const traceBuildS = await buildAllTraces(database.url, units);

  const server = await startServer('trace', { DATABASE_URL: database.url, GEARBRIDGE_SECRET: secret, GEARBRIDGE_SIMULATE: '0', GEARBRIDGE_INGEST: '0' });
  cleanups.push(() => server.stop());
  const { base } = server;
  const { cookie, csrf } = await signIn(base, 'gear.manager');

  // Genealogy: random serials, each asked once.
  const total = Number(args.requests);
  const paths = Array.from({ length: total }, () => {
    const i = Math.floor(Math.random() * units);
    return `/api/factory/units/genealogy?code=${encodeURIComponent(serialOf(model.lines[i % model.lines.length].code, i))}`;
  });
  // One request after the other on one connection: what a request costs a person waiting at a scanner — from a
  // process of its own (scanner.mjs), after 200 untimed requests for other serials (a serving process is warm: its
  // pool's connections open, their statements prepared).
  const warmup = Array.from({ length: 200 }, () => {
    const i = Math.floor(Math.random() * units);
    return `/api/factory/units/genealogy?code=${encodeURIComponent(serialOf(model.lines[i % model.lines.length].code, i))}`;
  });
  const scanned = await scanner({ base, cookie, warmup, timed: paths });
  const alone = scanned.ms;
  const inServer = scanned.serverMs;
  if (process.env.TRACE_DEBUG)
    console.log(
      'DEBUG slowest',
      JSON.stringify(
        alone
          .map((ms, i) => [i, round(ms), round(inServer[i])])
          .sort((a, b) => b[1] - a[1])
          .slice(0, 40),
      ),
    );
  alone.sort((a, b) => a - b);
  inServer.sort((a, b) => a - b);
  const at = (xs: number[], q: number) => round(xs[Math.min(xs.length - 1, Math.floor(xs.length * q))]);
  const pct = (q: number) => at(alone, q);
  say(
    `trace: genealogy on one connection, ${alone.length} requests: p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms; in the server (Server-Timing) p50 ${at(inServer, 0.5)} ms, p99 ${at(inServer, 0.99)} ms (load ${load1()})`,
  );
  // Then --connections at once, other serials: throughput, and the wait of requests queued behind each other.
  for (let k = 0; k < paths.length; k++) {
    const i = Math.floor(Math.random() * units);
    paths[k] = `/api/factory/units/genealogy?code=${encodeURIComponent(serialOf(model.lines[i % model.lines.length].code, i))}`;
  }
  let next = 0;
  const g = await autocannon({
    url: `${base}${paths[0]}`,
    connections: Number(args.connections),
    amount: total,
    timeout: 10,
    headers: { cookie },
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
  });
  if (g.non2xx || g.errors) throw new Error(`genealogy: ${g.non2xx} answers not 2xx, ${g.errors} errors`);
  say(
    `trace: genealogy over ${args.connections} connections, ${g.requests.total} requests: ${Math.round(g.requests.average)} req/s, p50 ${g.latency.p50} ms, p99 ${g.latency.p99} ms (load ${load1()})`,
  );

  // Recall of the constructed casting lot.
  const recallUrl = `/api/factory/recall?lotId=${lotLayout(plan).recallLot}&page=1&pageSize=50`;
  const cold = await timed<{ total: number; items: unknown[] }>(base, recallUrl, cookie);
  if (cold.body.total !== plan.recallUnits) throw new Error(`recall found ${cold.body.total} units, the lot has ${plan.recallUnits} (from unit ${recallFrom(plan)})`);
  const recallRuns = [];
  for (let k = 0; k < 5; k++) recallRuns.push((await timed(base, recallUrl, cookie)).ms);
  say(`trace: recall ${cold.body.total} units: first ${cold.ms.toFixed(1)} ms, then median ${median(recallRuns).toFixed(1)} ms (load ${load1()})`);

  // A year of line L1's OEE in one request (the OEE rollup, server/src/modules/factory/oee-rollup.ts). The cold
  // request finds no closed day stored and stores each with storeOeeDay — what the runtime's job does — so it is
  // the year's fill; then 5 timed requests read the rollup.
  const days = Array.from({ length: 365 }, (_, k) => localDay(plan.start + k * DAY + 12 * 3_600_000));
  type Range = { total: { oee: number | null; total: number }; series: { period: string; oee: number | null }[]; days: Record<string, number> };
  const yearUrl = `/api/factory/lines/${l1.id}/oee/range?from=${days[0]}&to=${days[364]}`;
  const fill = await timed<Range>(base, yearUrl, cookie);
  say(`trace: OEE year of line L1, cold (fills the rollup: ${JSON.stringify(fill.body.days)}): ${(fill.ms / 1000).toFixed(1)} s (load ${load1()})`);
  const oeeRuns: number[] = [];
  let warm = fill;
  for (let k = 0; k < 5; k++) oeeRuns.push((warm = await timed<Range>(base, yearUrl, cookie)).ms);
  if (warm.body.days.computed !== 0 || warm.body.total.oee !== fill.body.total.oee)
    throw new Error(`OEE year: the warm answer differs from the cold one (${JSON.stringify(warm.body.days)})`);
  // The same figures as the day route, for three days of the year.
  for (const k of [0, 182, 364]) {
    const day = await timed<{ total: { oee: number | null } }>(base, `/api/factory/lines/${l1.id}/oee?day=${days[k]}`, cookie);
    const point = warm.body.series.find((p) => p.period === days[k]);
    if (point?.oee !== day.body.total.oee) throw new Error(`OEE year: ${days[k]} is ${point?.oee} in the range, ${day.body.total.oee} in the day's answer`);
  }
  const oeeYearMs = median(oeeRuns);
  say(
    `trace: OEE year of line L1 through the range route: median ${oeeYearMs.toFixed(1)} ms of 5 (${oeeRuns.map((x) => x.toFixed(0)).join(', ')}); OEE ${((warm.body.total.oee ?? 0) * 100).toFixed(1)} % of the generated year (beyond 100 % when --units puts more housings through the stations than their ideal cycle times allow), ${warm.body.total.total} units (load ${load1()})`,
  );

  // SPC: limits from a phase-I study of the year's first ≈ 2,000 housings of line L1 (a month at 200,000 units, half a
  // day at 10,000,000: a study takes at most 10,000 values), then the chart of the latest 125 subgroups.
  const studyMs = Math.min(30 * DAY, Math.floor((2_000 / (units / model.lines.length)) * plan.spanMs));
  const bore = l1.characteristics.get('OP20')![ROUTING.find((o) => o.op === 'OP20')!.characteristics.findIndex((c) => c.code === 'BORE_D1')];
  const study = await fetch(`${base}/api/factory/quality/characteristics/${bore}/limits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body: JSON.stringify({ from: new Date(plan.start).toISOString(), to: new Date(plan.start + studyMs).toISOString(), reason: 'bench: phase-I study' }),
  });
  if (study.status !== 201) throw new Error(`SPC study: ${study.status} ${await study.text()}`);
  const chartUrl = `/api/factory/quality/characteristics/${bore}/chart?subgroups=125`;
  const first = await timed<{ chart: { points?: unknown[] } | null; values: number }>(base, chartUrl, cookie);
  if (first.body.values !== 625) throw new Error(`SPC chart: ${first.body.values} values, expected 125 × 5`);
  const spcRuns = [];
  for (let k = 0; k < 5; k++) spcRuns.push((await timed(base, chartUrl, cookie)).ms);
  say(`trace: SPC chart 125 subgroups: first ${first.ms.toFixed(1)} ms, then median ${median(spcRuns).toFixed(1)} ms (load ${load1()})`);

  await server.stop();
  cleanups.pop();
  if (args.keep || args.reuse) say(`trace: kept ${database.url} (GEARBRIDGE_SECRET=${secret}); drop it when done`);
  else {
    await database.drop();
    cleanups.pop();
  }
  say(
    JSON.stringify({
      bench: 'trace',
      cores,
      units,
      events: loaded.events,
      load_s: round(loaded.loadS),
      trace_build_s: traceBuildS === null ? null : round(traceBuildS),
      genealogy_p50_ms: pct(0.5),
      genealogy_p99_ms: pct(0.99),
      genealogy_server_p50_ms: at(inServer, 0.5),
      genealogy_server_p99_ms: at(inServer, 0.99),
      genealogy_conc_connections: Number(args.connections),
      genealogy_conc_rps: Math.round(g.requests.average),
      genealogy_conc_p99_ms: g.latency.p99,
      recall_units: cold.body.total,
      recall_ms: round(median(recallRuns)),
      oee_year_ms: round(oeeYearMs),
      oee_year_fill_s: round(fill.ms / 1000),
      spc_chart_ms: round(median(spcRuns)),
    }),
  );
}

main().then(
  () => process.exit(0),
  async (err) => {
    console.error(err);
    for (const undo of cleanups.reverse()) await undo().catch(() => {});
    process.exit(1);
  },
);
