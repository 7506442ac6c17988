#!/usr/bin/env node
// Browser golden paths in Chromium. Starts its own server (fresh data directory, or a fresh PostgreSQL database
// when DATABASE_URL is set), runs the scenarios one after another, stops the server, exits non-zero on any failure.
//
//   node e2e/run.mjs                      all scenarios
//   node e2e/run.mjs import mobile        only scenarios whose name contains one of the words
//
// Env: CHROMIUM_PATH (default /usr/bin/chromium), GEARBRIDGE_REQUIRE_BROWSER=1 (fail instead of skip without
// Chromium), DATABASE_URL (admin URL of a PostgreSQL server), E2E_HEADFUL=1 (watch it).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { scenarios as core } from './scenarios.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The core's golden paths first, then every module's `e2e/<name>.scenario.mjs` (exporting `scenario`), by its
// `order` (then file name): a new module adds its file, not a line here.
const moduleScenarios = [];
for (const f of readdirSync(path.join(root, 'e2e'))
  .filter((n) => n.endsWith('.scenario.mjs'))
  .sort()) {
  const mod = await import(`./${f}`);
  if (!mod.scenario?.name || typeof mod.scenario.run !== 'function') throw new Error(`e2e/${f} must export a scenario { name, run }`);
  moduleScenarios.push(mod.scenario);
}
const scenarios = [...core, ...moduleScenarios.sort((a, b) => (a.order ?? 100) - (b.order ?? 100))];
const artifacts = path.join(root, '.e2e-artifacts');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!existsSync(executablePath)) {
  if (process.env.GEARBRIDGE_REQUIRE_BROWSER === '1') {
    console.error(`e2e: FAIL — Chromium not found at ${executablePath} (set CHROMIUM_PATH) and GEARBRIDGE_REQUIRE_BROWSER=1`);
    process.exit(1);
  }
  console.log(`e2e: SKIP — Chromium not found at ${executablePath} (set CHROMIUM_PATH to run the browser tests)`);
  process.exit(0);
}

const { chromium } = await import('playwright-core');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh database on the server DATABASE_URL points at, so the demo seed runs on an empty schema. */
async function freshDatabase(adminUrl) {
  const { default: pg } = await import('pg');
  const name = `gb_e2e_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => c.query(`DROP DATABASE IF EXISTS ${name}`));
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * How long the server may take to answer its first /api/health. A start migrates and, into the fresh database, seeds
 * the demo: about 30 s of the server's own CPU time on this machine kind (`up in` below prints it). The wall clock says
 * little on a shared machine — the same start took 25 s idle and minutes at a load average of 20 — so the bound is
 * the server's CPU time where Linux shows it (/proc): four starts' worth. The wall clock still ends a server that
 * waits on something without using the CPU (a lock, a database that does not answer).
 */
const START_CPU_S = 120;
const START_WALL_S = 900;

/** The CPU time a process has used so far, in seconds, or null where /proc does not say (not Linux). */
function cpuSeconds(pid) {
  try {
    // utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks; the name (field 2) may hold spaces.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

async function startServer(env) {
  const out = [];
  const child = spawn(process.execPath, ['server/bin/gearbridge.mjs', 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => out.push(d));
  let gone = null;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve((gone = { code, signal }))));
  const base = `http://127.0.0.1:${env.PORT}`;
  const t0 = Date.now();
  for (;;) {
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 300))]);
    if (early) throw new Error(`server exited during start (${JSON.stringify(early)}):\n${Buffer.concat(out).toString()}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    const cpu = cpuSeconds(child.pid);
    const wall = (Date.now() - t0) / 1000;
    if ((cpu ?? 0) > START_CPU_S || wall > START_WALL_S) {
      child.kill('SIGKILL');
      const spent = `${wall.toFixed(0)} s${cpu === null ? '' : `, ${cpu.toFixed(0)} s of CPU`}`;
      throw new Error(`server did not answer /api/health within ${START_CPU_S} s of CPU or ${START_WALL_S} s (${spent}):\n${Buffer.concat(out).toString()}`);
    }
  }
  return {
    base,
    /** The server's CPU time until it answered (null where /proc does not say). */
    startCpuS: cpuSeconds(child.pid),
    output: () => Buffer.concat(out).toString(),
    /** How the server ended when it is no longer running ({ code, signal }), else null. */
    gone: () => gone,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Where a scenario's time went: the helpers' timed steps, and its slowest API calls as the browser saw them. */
function breakdown(ctx) {
  const steps = Object.entries(ctx.spent).map(([what, { ms, n }]) => `${what} ${n}× ${(ms / 1000).toFixed(1)} s`);
  const api = ctx.requests.reduce((a, r) => a + r.ms, 0);
  const slow = ctx.requests
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((r) => `${r.what} ${(r.ms / 1000).toFixed(1)} s`);
  return `: ${[...steps, `${ctx.requests.length} API calls ${(api / 1000).toFixed(1)} s`].join(', ')}${slow.length ? `; slowest ${slow.join(', ')}` : ''}`;
}

const filters = process.argv.slice(2);
const selected = scenarios.filter((s) => !filters.length || filters.some((f) => s.name.includes(f)));

mkdirSync(artifacts, { recursive: true });
// The app must be built: the server serves web/dist. The script only rebuilds when sources are newer.
execFileSync(process.execPath, [path.join(root, 'scripts/ensure-web-build.mjs')], { cwd: root, stdio: 'inherit' });

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gearbridge-e2e-'));
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: String(await freePort()),
  GEARBRIDGE_DEMO: '1',
  LOG_LEVEL: 'warn',
  MQTT_PORT: '0',
  SIMULATE_HISTORY_H: process.env.SIMULATE_HISTORY_H ?? '0',
};
let db = null;
let server = null;
let browser = null;
const results = [];
const prepared = new Map();
const started = Date.now();
try {
  if (process.env.DATABASE_URL) {
    db = await freshDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = db.url;
  }
  server = await startServer(env);
  console.log(
    `e2e: server at ${server.base}${db ? ' (PostgreSQL)' : ' (PGlite)'}, up in ${((Date.now() - started) / 1000).toFixed(1)} s${server.startCpuS === null ? '' : ` (${server.startCpuS.toFixed(1)} s of its CPU)`}; Chromium ${executablePath}`,
  );
  browser = await chromium.launch({
    executablePath,
    headless: !process.env.E2E_HEADFUL,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'].filter(
      (a) => !(process.env.E2E_HEADFUL && a === '--headless'),
    ),
  });
  // A scenario may start something slow that does not depend on the others (a second server seeding its own demo)
  // at once, so that it is ready when its turn comes: `prepare(ctx)` returns it with a `stop()`, the scenario gets
  // the promise as ctx.prepared, and whatever was prepared is stopped at the end even if its scenario never ran.
  for (const s of selected)
    if (s.prepare) {
      const ready = Promise.resolve().then(() => s.prepare({ base: server.base, serverOutput: server.output }));
      ready.catch(() => undefined); // reported by the scenario that awaits it
      prepared.set(s, ready);
    }
  for (const s of selected) {
    const t0 = Date.now();
    // serverOutput: what the server printed so far (e.g. its start banner with the embedded MQTT broker's address).
    const ctx = { base: server.base, serverOutput: server.output, browser, artifacts, contexts: [], pageErrors: [], diary: [], spent: {}, requests: [], prepared: prepared.get(s) };
    try {
      await s.run(ctx);
      if (ctx.pageErrors.length) throw new Error(`uncaught errors in the page:\n  ${ctx.pageErrors.join('\n  ')}`);
      results.push({ name: s.name, ok: true, ms: Date.now() - t0 });
      console.log(`  ✓ ${s.name} (${((Date.now() - t0) / 1000).toFixed(1)} s${breakdown(ctx)})`);
    } catch (err) {
      const shot = path.join(artifacts, `FAIL-${s.name.replace(/[^\w-]+/g, '_')}.png`);
      const last = ctx.contexts.at(-1)?.pages().at(-1);
      if (last) await last.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
      results.push({ name: s.name, ok: false, ms: Date.now() - t0, err });
      console.log(
        `  ✗ ${s.name}\n    ${String(err?.stack ?? err)
          .split('\n')
          .slice(0, 8)
          .join('\n    ')}${last ? `\n    screenshot: ${path.relative(root, shot)}` : ''}`,
      );
      if (ctx.diary.length) console.log(`    the page saw:\n      ${ctx.diary.slice(-30).join('\n      ')}`);
      const gone = server.gone();
      // The server stops cleanly (code 0) only on SIGTERM or SIGINT: something else sent it one.
      if (gone) console.log(`    the server is no longer running: it exited with ${JSON.stringify(gone)}${gone.code === 0 ? ' (it stops so on SIGTERM or SIGINT)' : ''}`);
    } finally {
      for (const c of ctx.contexts) await c.close().catch(() => undefined);
    }
  }
} catch (err) {
  results.push({ name: 'setup', ok: false, err });
  console.error(`e2e: setup failed: ${err?.stack ?? err}`);
} finally {
  for (const ready of prepared.values()) await ready.then((p) => p?.stop?.()).catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await server?.stop().catch(() => undefined);
  await db?.drop().catch((e) => console.error(`e2e: could not drop the test database: ${e.message}`));
  rmSync(dataDir, { recursive: true, force: true });
}

const failed = results.filter((r) => !r.ok);
console.log(`e2e: ${results.length - failed.length} passed, ${failed.length} failed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in .e2e-artifacts/`);
if (failed.length && server) console.log(`--- server output (last 40 lines) ---\n${server.output().split('\n').slice(-40).join('\n')}`);
process.exit(failed.length || !results.length ? 1 : 0);
