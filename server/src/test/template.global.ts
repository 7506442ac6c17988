/**
 * vitest global setup of the integration tests: migrate and seed the demo (1,000-worker roll, the plant, …) once
 * per run into a template, instead of once per test file. startTestApp then starts each file from a copy:
 * PostgreSQL `CREATE DATABASE … TEMPLATE`, or a PGlite data directory dumped here and loaded in memory.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPlatform } from '../app';
import { loadConfig } from '../platform/config';
import { openDatabase, type DbHandle } from '../platform/db';
import { createLogger } from '../platform/logger';
import type { SeededTemplate } from './harness';

export default async function setup(project: TestProject) {
  const started = Date.now();
  const secret = randomBytes(32).toString('hex');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gb-template-'));
  const admin = process.env.DATABASE_URL;
  const base = { DATA_DIR: dataDir, GEARBRIDGE_SECRET: secret, LOG_LEVEL: 'silent', NODE_ENV: 'test', GEARBRIDGE_DEMO: '1' };
  let template: SeededTemplate;
  let cleanup: () => Promise<void>;
  if (admin) {
    const name = `gb_tpl_${randomBytes(6).toString('hex')}`;
    await adminQuery(admin, `create database ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const p = await createPlatform(loadConfig({ ...base, DATABASE_URL: url.toString() }), { serveWeb: false, logger: createLogger('silent') });
    await p.close();
    template = { kind: 'postgres', secret, database: name, dataDir };
    cleanup = () => adminQuery(admin, `drop database if exists ${name} with (force)`);
  } else {
    const p = await createPlatform(loadConfig({ ...base, DATABASE_URL: '' }), { memory: true, serveWeb: false, logger: createLogger('silent') });
    // PGlite runs PostgreSQL single-user: no checkpointer, so without a checkpoint here the seed's whole WAL is in the
    // dump and every file that loads it replays it (crash recovery) before its first query.
    const file = path.join(dataDir, 'template.tar');
    writeFileSync(file, await checkpointedDump(p.handle));
    await p.close();
    // And an empty cluster, for the files that ask for an empty database: PGlite's initdb costs each ~4.5 s of CPU,
    // loading this ~1.3 s.
    const emptyFile = path.join(dataDir, 'empty.tar');
    writeFileSync(emptyFile, await checkpointedDump(await openDatabase({ dataDir, memory: true }), true));
    template = { kind: 'pglite', secret, file, emptyFile, dataDir };
    cleanup = async () => undefined;
  }
  project.provide('seededTemplate', template);
  process.stdout.write(`integration tests: demo template seeded once in ${((Date.now() - started) / 1000).toFixed(1)} s (${template.kind})\n`);
  return async () => {
    await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

/** The PGlite data directory after a checkpoint, as a tarball, without the WAL segments nobody reads again. */
async function checkpointedDump(handle: Pick<DbHandle, 'session' | 'dumpDataDir' | 'close'>, close = false): Promise<Buffer> {
  const [wal] = await handle.session(async (q) => {
    await q('checkpoint');
    return q<{ segment: string }>('select pg_walfile_name(pg_current_wal_lsn()) as segment');
  });
  const dump = Buffer.from(await (await handle.dumpDataDir!()).arrayBuffer());
  if (close) await handle.close();
  return withoutWalSegmentsBut(dump, wal.segment);
}

/**
 * The tarball without the WAL segments PostgreSQL no longer needs after the checkpoint: the finished ones before it and
 * the empty ones it keeps for reuse (16 MiB each). It recreates those when it writes that far.
 */
export function withoutWalSegmentsBut(tar: Buffer, current: string): Buffer {
  const kept: Buffer[] = [];
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '');
    const size = Number.parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
    const end = at + 512 + Math.ceil(size / 512) * 512;
    const segment = /pg_wal\/([0-9A-F]{24})$/.exec(name)?.[1];
    if (!segment || segment === current) kept.push(tar.subarray(at, end));
    at = end;
  }
  kept.push(Buffer.alloc(1024)); // the two empty records that end a tarball
  return Buffer.concat(kept);
}

async function adminQuery(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    seededTemplate: SeededTemplate;
  }
}
