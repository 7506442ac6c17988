import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Raised for a bad environment variable; the CLI prints its message alone, without a stack. */
export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
  }
}

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://')
    .optional(),
  MQTT_URL: z
    .string()
    .refine((v) => /^(mqtts?|wss?|tcp):\/\//.test(v), 'must start with mqtt://, mqtts://, ws:// or wss://')
    .optional(),
  MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1883),
  GEARBRIDGE_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed the demo organisations and users on an empty database. */
  GEARBRIDGE_DEMO: z.enum(['0', '1']).default('1'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
  /** MQTT protocol of the ingest against MQTT_URL: 5 (Receive Maximum widens the in-flight window) or 4 (3.1.1). */
  MQTT_VERSION: z.enum(['4', '5']).default('5'),
  /** Run the telemetry ingest inside `gearbridge start` (0 when separate `gearbridge ingest` processes do it). */
  GEARBRIDGE_INGEST: z.enum(['0', '1']).default('1'),
  /** MQTT shared-subscription group of the ingest processes; unset: one ingest takes everything. */
  INGEST_SHARE_GROUP: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only').optional(),
  /** Run the plant simulator inside `gearbridge start`; defaults to GEARBRIDGE_DEMO. */
  GEARBRIDGE_SIMULATE: z.enum(['0', '1']).optional(),
  FACTORY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Several ingest processes on one host (same share group): each needs its own client id stem. */
  INGEST_CLIENT_ID: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only').optional(),
  /** A JSON-format device silent this long is offline (Sparkplug devices have BIRTH/DEATH instead). */
  JSON_DEVICE_TIMEOUT_S: z.coerce.number().int().min(10).max(86_400).default(300),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  mqttUrl: string | undefined;
  mqttPort: number;
  secret: string;
  logLevel: string;
  demo: boolean;
  sessionTtlHours: number;
  /** Cookies carry Secure only in production (behind TLS); plain http://localhost must work for the demo. */
  secureCookies: boolean;
  mqttVersion: 4 | 5;
  ingest: boolean;
  ingestShareGroup: string | undefined;
  simulate: boolean;
  retentionDays: number;
  ingestClientId: string | undefined;
  jsonDeviceTimeoutS: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Treat empty strings as unset, as shells and compose files often export VAR= for "nothing".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  let secret = e.GEARBRIDGE_SECRET;
  if (!secret) {
    if (e.NODE_ENV === 'production') {
      throw new ConfigError('GEARBRIDGE_SECRET', 'is required when NODE_ENV=production (at least 32 characters)');
    }
    secret = loadOrCreateSecret(dataDir);
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    mqttUrl: e.MQTT_URL,
    mqttPort: e.MQTT_PORT,
    secret,
    logLevel: e.LOG_LEVEL,
    demo: e.GEARBRIDGE_DEMO === '1',
    sessionTtlHours: e.SESSION_TTL_HOURS,
    secureCookies: e.NODE_ENV === 'production',
    mqttVersion: e.MQTT_VERSION === '4' ? 4 : 5,
    ingest: e.GEARBRIDGE_INGEST === '1',
    ingestShareGroup: e.INGEST_SHARE_GROUP,
    simulate: (e.GEARBRIDGE_SIMULATE ?? e.GEARBRIDGE_DEMO) === '1',
    retentionDays: e.FACTORY_RETENTION_DAYS,
    ingestClientId: e.INGEST_CLIENT_ID,
    jsonDeviceTimeoutS: e.JSON_DEVICE_TIMEOUT_S,
  };
}

/** The embedded default keeps its generated key beside the database, readable by the owner only. */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) {
    const s = readFileSync(file, 'utf8').trim();
    if (s.length < 32) throw new ConfigError('GEARBRIDGE_SECRET', `the key in ${file} is shorter than 32 characters`);
    return s;
  }
  mkdirSync(dataDir, { recursive: true });
  const s = randomBytes(32).toString('hex');
  writeFileSync(file, s + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return s;
}
