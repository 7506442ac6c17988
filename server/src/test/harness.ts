import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../platform/config';
import { createPlatform, type Platform } from '../app';
import { createLogger, type Logger } from '../platform/logger';
import { openDatabase } from '../platform/db';
import { DEMO_PASSWORD } from '../modules/identity';

/**
 * Integration tests run against the real database: PGlite in memory by default, or a fresh PostgreSQL database
 * (created here, dropped afterwards) when DATABASE_URL is set.
 */
export interface TestDb {
  config: Config;
  /**
   * PGlite: open the database with this (createPlatform's or openDatabase's loadDataDir) — the seeded template, or
   * for an empty database an empty cluster (what initdb makes, without running it per file).
   */
  loadDataDir?: Blob;
  drop(): Promise<void>;
}

/** The demo, migrated and seeded once per run by template.global.ts. */
export type SeededTemplate = ({ kind: 'postgres'; database: string } | { kind: 'pglite'; file: string; emptyFile: string }) & {
  secret: string;
  /** The seed's DATA_DIR: what the demo wrote there besides the database (the county roll workbook) is copied. */
  dataDir: string;
};

function seededTemplate(): SeededTemplate | undefined {
  try {
    return inject('seededTemplate');
  } catch {
    return undefined; // outside vitest's integration project
  }
}

/**
 * The template's bytes as the Blob PGlite's loadDataDir takes, read from disk once per test process. Node's own
 * Blob.arrayBuffer() hands the bytes over in small chunks, one event-loop turn each: with the machine busy that took
 * seconds per file for a few tens of MB. This one gives PGlite its own copy at once.
 */
class TemplateBlob extends Blob {
  readonly #data: Uint8Array;
  constructor(data: Uint8Array) {
    super([data]);
    this.#data = data;
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#data.slice().buffer;
  }
}

let templateBlob: Blob | undefined;
let emptyBlob: Blob | undefined;

/**
 * A database of its own for a test file: empty, or — with `{ seeded: true }` and unless the overrides change the
 * demo or the secret — a copy of the run's seeded demo template (seconds instead of seeding the roll again).
 */
export async function freshDatabase(overrides: Record<string, string> = {}, opts: { seeded?: boolean } = {}): Promise<TestDb> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gb-test-'));
  const admin = process.env.DATABASE_URL;
  const run = seededTemplate();
  const template = opts.seeded && !('GEARBRIDGE_DEMO' in overrides) && !('GEARBRIDGE_SECRET' in overrides) ? run : undefined;
  const secret = template?.secret ?? randomBytes(32).toString('hex');
  if (template) cpSync(template.dataDir, dataDir, { recursive: true, filter: (src) => !/(template\.tar|empty\.tar|pglite|secret\.key)$/.test(src) });
  const base = { DATA_DIR: dataDir, GEARBRIDGE_SECRET: secret, LOG_LEVEL: 'silent', NODE_ENV: 'test', GEARBRIDGE_DEMO: '1', ...overrides };
  if (!admin) {
    const config = loadConfig({ ...base, DATABASE_URL: '' });
    if (template?.kind !== 'pglite') {
      if (run?.kind !== 'pglite') return { config, drop: async () => {} };
      emptyBlob ??= new TemplateBlob(readFileSync(run.emptyFile));
      return { config, loadDataDir: emptyBlob, drop: async () => {} };
    }
    templateBlob ??= new TemplateBlob(readFileSync(template.file));
    return { config, loadDataDir: templateBlob, drop: async () => {} };
  }
  const name = `gb_test_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    if (template?.kind === 'postgres') await createFromTemplate(c, name, template.database);
    else await c.query(`create database ${name}`);
  } finally {
    await c.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    config: loadConfig({ ...base, DATABASE_URL: url.toString() }),
    async drop() {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}

/**
 * A copy of the seeded demo where another process opens it, as `gearbridge` does: PGlite in DATA_DIR on disk (the
 * template loaded there), or the PostgreSQL copy. Instead of `gearbridge seed` in every file that runs the CLI.
 */
export async function seededOnDisk(): Promise<TestDb> {
  const tdb = await freshDatabase({}, { seeded: true });
  if (!tdb.loadDataDir) {
    if (!tdb.config.databaseUrl) throw new Error('seededOnDisk: no seeded template (run it in the integration project)');
    return tdb;
  }
  const h = await openDatabase({ dataDir: tdb.config.dataDir, loadDataDir: tdb.loadDataDir });
  await h.close();
  return { config: tdb.config, drop: tdb.drop };
}

/** PostgreSQL refuses to copy a template while another session uses it (55006): wait for the other copy. */
async function createFromTemplate(c: pg.Client, name: string, template: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      await c.query(`create database ${name} template ${template}`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

export const usingPostgres = () => !!process.env.DATABASE_URL;

export interface Client {
  csrf: string;
  cookie: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  platform: Platform;
  /** A client with no session; call .login() to get one that is signed in. */
  anonymous(): Client;
  login(username: string, password?: string): Promise<Client>;
  /** The id of a demo organisation or user by its name. */
  orgId(name: string): Promise<string>;
  userId(username: string): Promise<string>;
  auditCount(filter?: { action?: string; entityId?: string }): Promise<number>;
  close(): Promise<void>;
}

function makeClient(p: Platform, cookie = '', csrf = ''): Client {
  const c: Client = {
    csrf,
    cookie,
    async request(method, url, body, headers = {}) {
      const isBuffer = Buffer.isBuffer(body);
      return p.app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(c.cookie ? { cookie: c.cookie } : {}),
          ...(c.csrf ? { 'x-csrf-token': c.csrf } : {}),
          ...(body !== undefined && !isBuffer ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: isBuffer ? body : JSON.stringify(body) } : {}),
      });
    },
    get: (url) => c.request('GET', url),
    post: (url, body) => c.request('POST', url, body ?? {}),
    patch: (url, body) => c.request('PATCH', url, body ?? {}),
    del: (url) => c.request('DELETE', url),
  };
  return c;
}

export async function startTestApp(overrides: Record<string, string> = {}, opts: { logger?: Logger } = {}): Promise<TestApp> {
  const tdb = await freshDatabase(overrides, { seeded: true });
  const platform = await createPlatform(tdb.config, {
    memory: !tdb.config.databaseUrl,
    loadDataDir: tdb.loadDataDir,
    serveWeb: false,
    logger: opts.logger ?? createLogger('silent'),
  });
  const db = platform.handle.db;
  return {
    platform,
    anonymous: () => makeClient(platform),
    async login(username, password = DEMO_PASSWORD) {
      const anon = makeClient(platform);
      const csrfRes = await anon.get('/api/auth/csrf');
      const preCsrf = csrfRes.json().csrfToken as string;
      anon.cookie = `gb_csrf=${preCsrf}`;
      anon.csrf = preCsrf;
      const res = await anon.post('/api/auth/login', { username, password });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const session = res.cookies.find((x) => x.name === 'gb_session')!.value;
      const csrf = res.cookies.find((x) => x.name === 'gb_csrf')!.value;
      return makeClient(platform, `gb_session=${session}; gb_csrf=${csrf}`, csrf);
    },
    async orgId(name) {
      return (await db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    },
    async userId(username) {
      return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    },
    async auditCount(f = {}) {
      let q = db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'));
      if (f.action) q = q.where('action', '=', f.action);
      if (f.entityId) q = q.where('entity_id', '=', f.entityId);
      return Number((await q.executeTakeFirstOrThrow()).n);
    },
    async close() {
      await platform.close();
      await tdb.drop();
    },
  };
}
