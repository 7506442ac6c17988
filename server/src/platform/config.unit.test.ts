import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig, parseModuleConfig } from './config';

const GOOD_SECRET = 'f'.repeat(64);
const dirs: string[] = [];

/** A fresh, empty data directory; removed after each test. */
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'gb-config-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The ConfigError loadConfig throws for this environment; fails the test when it throws nothing or something else. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('reads a complete environment', () => {
    const dir = tempDir();
    const c = loadConfig({
      NODE_ENV: 'production',
      PORT: '9090',
      DATA_DIR: dir,
      DATABASE_URL: 'postgresql://u@db:5432/gb',
      GEARBRIDGE_SECRET: GOOD_SECRET,
      GEARBRIDGE_DEMO: '0',
      SESSION_TTL_HOURS: '24',
      TRUST_PROXY: '10.0.0.2, 172.16.0.0/12,::1',
    });
    expect(c).toMatchObject({
      trustProxy: ['10.0.0.2', '172.16.0.0/12', '::1'],
      env: 'production',
      port: 9090,
      dataDir: dir,
      databaseUrl: 'postgresql://u@db:5432/gb',
      secret: GOOD_SECRET,
      demo: false,
      sessionTtlHours: 24,
      secureCookies: true,
    });
    // A given secret is used as it is: nothing is written beside the data.
    expect(readdirSync(dir)).toEqual([]);
  });

  it('seeds no demo in production: GEARBRIDGE_DEMO defaults to 0 there and 1 is refused, naming the variable', () => {
    expect(loadConfig({ NODE_ENV: 'production', DATA_DIR: tempDir(), GEARBRIDGE_SECRET: GOOD_SECRET }).demo).toBe(false);
    expect(loadConfig({ DATA_DIR: tempDir(), GEARBRIDGE_SECRET: GOOD_SECRET }).demo).toBe(true);
    const err = configError({ NODE_ENV: 'production', GEARBRIDGE_DEMO: '1', DATA_DIR: tempDir(), GEARBRIDGE_SECRET: GOOD_SECRET });
    expect(err.variable).toBe('GEARBRIDGE_DEMO');
    expect(err.message).toContain('gearbridge create-admin');
  });

  it('names PORT when the port is not a port number', () => {
    for (const PORT of ['abc', '70000', '-1', '80.5']) {
      const err = configError({ PORT, DATA_DIR: tempDir(), GEARBRIDGE_SECRET: GOOD_SECRET });
      expect(err.variable).toBe('PORT');
      expect(err.message).toMatch(/^PORT: /);
    }
  });

  it('names DATABASE_URL when it is not a PostgreSQL URL', () => {
    const err = configError({ DATABASE_URL: 'mysql://root@localhost/gb', DATA_DIR: tempDir(), GEARBRIDGE_SECRET: GOOD_SECRET });
    expect(err.variable).toBe('DATABASE_URL');
    expect(err.message).toBe('DATABASE_URL: must start with postgres:// or postgresql://');
  });

  it('names the variable for other bad values too', () => {
    expect(configError({ LOG_LEVEL: 'loud', GEARBRIDGE_SECRET: GOOD_SECRET }).variable).toBe('LOG_LEVEL');
    expect(configError({ NODE_ENV: 'staging', GEARBRIDGE_SECRET: GOOD_SECRET }).variable).toBe('NODE_ENV');
    expect(configError({ GEARBRIDGE_SECRET: 'too-short' }).variable).toBe('GEARBRIDGE_SECRET');
    expect(configError({ SESSION_TTL_HOURS: '0', GEARBRIDGE_SECRET: GOOD_SECRET }).variable).toBe('SESSION_TTL_HOURS');
    for (const bad of ['proxy.local', '10.0.0.0/33', '::1/129', '1.2.3.4/8/1', ','])
      expect(configError({ TRUST_PROXY: bad, GEARBRIDGE_SECRET: GOOD_SECRET }).variable, bad).toBe('TRUST_PROXY');
  });

  it("reads a module's variables with its schema and names a bad one the same way", () => {
    const Schema = z.object({ WIDGET_COUNT: z.coerce.number().int().min(1).default(3) });
    const c = loadConfig({ DATA_DIR: tempDir(), GEARBRIDGE_SECRET: GOOD_SECRET, WIDGET_COUNT: '7' });
    expect(parseModuleConfig(Schema, c.vars)).toEqual({ WIDGET_COUNT: 7 });
    expect(parseModuleConfig(Schema, {})).toEqual({ WIDGET_COUNT: 3 });
    let err: unknown;
    try {
      parseModuleConfig(Schema, { WIDGET_COUNT: '0' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe('WIDGET_COUNT');
    expect((err as ConfigError).message).toMatch(/^WIDGET_COUNT: /);
  });

  it('refuses production without GEARBRIDGE_SECRET and writes no key file', () => {
    const dir = tempDir();
    const err = configError({ NODE_ENV: 'production', DATA_DIR: dir });
    expect(err.variable).toBe('GEARBRIDGE_SECRET');
    expect(err.message).toContain('NODE_ENV=production');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('generates a secret in development into DATA_DIR/secret.key, readable by the owner only, and reads it back', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const first = loadConfig({ DATA_DIR: dir });
    const file = path.join(dir, 'secret.key');
    expect(first.env).toBe('development');
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(file, 'utf8')).toBe(`${first.secret}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dir }).secret).toBe(first.secret);
    // Another data directory gets its own key.
    expect(loadConfig({ DATA_DIR: tempDir() }).secret).not.toBe(first.secret);
  });

  it('refuses a key file holding fewer than 32 characters', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'secret.key'), 'short\n');
    const err = configError({ DATA_DIR: dir });
    expect(err.variable).toBe('GEARBRIDGE_SECRET');
    expect(err.message).toContain('shorter than 32 characters');
  });

  it('reads LOG_FORMAT and LOG_REQUESTS, defaulting by whether stdout is a terminal, and names a bad value', () => {
    const tty = process.stdout.isTTY === true;
    expect(loadConfig({ DATA_DIR: tempDir() })).toMatchObject({ logFormat: tty ? 'pretty' : 'json', logRequests: tty ? 'errors' : 'all' });
    expect(loadConfig({ DATA_DIR: tempDir(), LOG_FORMAT: 'pretty', LOG_REQUESTS: 'errors' })).toMatchObject({ logFormat: 'pretty', logRequests: 'errors' });
    expect(configError({ DATA_DIR: tempDir(), LOG_FORMAT: 'xml' }).variable).toBe('LOG_FORMAT');
    expect(configError({ DATA_DIR: tempDir(), LOG_REQUESTS: 'some' }).variable).toBe('LOG_REQUESTS');
  });

  it('treats empty-string variables as unset', () => {
    const dir = tempDir();
    const c = loadConfig({ NODE_ENV: '', PORT: '', DATA_DIR: dir, DATABASE_URL: '', GEARBRIDGE_SECRET: '', LOG_LEVEL: '', GEARBRIDGE_DEMO: '' });
    expect(c).toMatchObject({ env: 'development', port: 8080, databaseUrl: undefined, logLevel: 'info', demo: true, secureCookies: false });
    // Modules parse their variables from what was read, without the empty ones.
    expect(Object.keys(c.vars).sort()).toEqual(['DATA_DIR']);
    // An empty secret is no secret: development generates one, production refuses.
    expect(existsSync(path.join(dir, 'secret.key'))).toBe(true);
    expect(c.secret).toBe(readFileSync(path.join(dir, 'secret.key'), 'utf8').trim());
    expect(configError({ NODE_ENV: 'production', GEARBRIDGE_SECRET: '', DATA_DIR: tempDir() }).variable).toBe('GEARBRIDGE_SECRET');
  });
});
