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
    const dump = await p.handle.dumpDataDir!();
    await p.close();
    const file = path.join(dataDir, 'template.tar');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    template = { kind: 'pglite', secret, file, dataDir };
    cleanup = async () => undefined;
  }
  project.provide('seededTemplate', template);
  process.stdout.write(`integration tests: demo template seeded once in ${((Date.now() - started) / 1000).toFixed(1)} s (${template.kind})\n`);
  return async () => {
    await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  };
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
