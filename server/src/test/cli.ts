import { execFile } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { TestDb } from './harness';
import { runCli } from '../cli/run';

/** What a `gearbridge` command printed and its exit code. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** The CLI's environment on a test database: `extra` added, and nothing of the test process's own. */
export function cliEnv(tdb: TestDb, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DATA_DIR: tdb.config.dataDir,
    GEARBRIDGE_SECRET: tdb.config.secret,
    DATABASE_URL: tdb.config.databaseUrl ?? '',
    LOG_LEVEL: 'silent',
    GEARBRIDGE_DEMO: '1',
    ...extra,
  };
}

/**
 * `gearbridge <args>` in this process (cli/run.ts, what the process runs), on `env` alone: seconds faster than a
 * process, which loads every module first. stderr is not a terminal, so progress comes as plain lines.
 */
export async function cli(env: NodeJS.ProcessEnv, args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const stderr = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      err += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  const r = await runCli(args, { env, stdout: { write: (s: string) => (out += s) }, stderr });
  if (r.running) {
    await r.running.stop();
    throw new Error(`gearbridge ${args.join(' ')} kept running; run it with spawnCli`);
  }
  return { code: r.code, out, err };
}

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/gearbridge.mjs');

/** `gearbridge <args>` as its own process (server/bin/gearbridge.mjs): for what only a process shows — its exit code, its streams. */
export function spawnCli(env: NodeJS.ProcessEnv, args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, timeout: 180_000 }, (error, out, err) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err }),
    );
  });
}

/** The path of the `gearbridge` command, for tests that start it themselves (`gearbridge start`). */
export const gearbridgeBin = bin;
