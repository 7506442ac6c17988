/**
 * What the benchmarks that drive the real server share: `gearbridge start` in a process of its own, and signing in
 * as a demo user. Each benchmark passes the environment that makes its server (with or without the demo's
 * simulator, on PostgreSQL or PGlite); this file decides nothing of what is measured.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ingest/services';

/** Every demo account's password. */
export const DEMO_PASSWORD = 'Gearbridge-2026';
const root = fileURLToPath(new URL('..', import.meta.url));

export interface BenchServer {
  base: string;
  child: ChildProcess;
  /** SIGTERM, wait for the exit, remove the data directory. */
  stop(): Promise<void>;
}

/**
 * `gearbridge start` on free ports with a data directory of its own (`gb-bench-<name>-…`), `LOG_LEVEL=warn` and
 * `env` on top; resolves once `/api/health/ready` answers 200, throws with the server's last output if it exits or
 * is not ready within 300 s.
 */
export async function startServer(name: string, env: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), `gb-bench-${name}-`));
  const child = spawn(process.execPath, [path.join(root, 'server/bin/gearbridge.mjs'), 'start'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), MQTT_PORT: String(await freePort()), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
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

/**
 * Signs in as a demo user. `cookie` carries the session and the CSRF cookie; a change (POST, PATCH …) sends `csrf`
 * as `x-csrf-token` too. Before a session the CSRF check is a double submit: the same random value as cookie and
 * header.
 */
export async function signIn(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const csrf = randomBytes(16).toString('hex');
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `gb_csrf=${csrf}`, 'x-csrf-token': csrf },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!r.ok) throw new Error(`sign-in as ${username}: ${r.status} ${await r.text()}`);
  const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]);
  const token = cookies.find((c) => c.startsWith('gb_csrf='))?.slice('gb_csrf='.length) ?? csrf;
  return { cookie: [...cookies.filter((c) => !c.startsWith('gb_csrf=')), `gb_csrf=${token}`].join('; '), csrf: token };
}
