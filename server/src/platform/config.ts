import { isIP } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Raised for a bad environment variable; the CLI prints its message alone, without a stack. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

function isAddressOrCidr(v: string): boolean {
  const [addr, bits, ...rest] = v.split('/');
  const family = isIP(addr);
  if (!family || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
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
  GEARBRIDGE_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `pretty`: one readable line per entry; `json`: a JSON object per line. Default: pretty in a terminal, else json. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** `all`: a line per request at info; `errors`: only failed requests (others at debug). Default: errors in a terminal, else all. */
  LOG_REQUESTS: z.enum(['all', 'errors']).optional(),
  /** Seed the demo organisations and users on an empty database; default 1, but 0 (and never 1) in production. */
  GEARBRIDGE_DEMO: z.enum(['0', '1']).optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  /** Serves /metrics on the main port to `Authorization: Bearer <token>` only (unset: not on the main port). */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (e.g. `openssl rand -hex 24`)').optional(),
  /** Serves /metrics on a listener of its own (unset: none). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /**
   * The reverse proxies in front (comma-separated addresses or CIDRs): only a request from one of them has its client
   * address taken from X-Forwarded-For (sign-in throttling, audit). Unset: the TCP peer is the client.
   */
  TRUST_PROXY: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .refine((list) => list.length > 0 && list.every(isAddressOrCidr), 'must be IP addresses or CIDRs separated by commas, e.g. 127.0.0.1,10.0.0.0/8')
    .optional(),
  /** A SIGTERM's drain (HTTP requests, ingest's last batch) may take this long before the process exits 1 anyway. */
  SHUTDOWN_TIMEOUT_S: z.coerce.number().int().min(1).max(3600).default(30),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secret: string;
  logLevel: string;
  logFormat: 'json' | 'pretty';
  logRequests: 'all' | 'errors';
  /** Seed the demo on an empty database; never true when env is production. */
  demo: boolean;
  sessionTtlHours: number;
  metrics: { token: string | undefined; port: number | undefined; host: string };
  shutdownTimeoutS: number;
  /** TRUST_PROXY: addresses/CIDRs of the reverse proxies whose X-Forwarded-For is believed (empty: none). */
  trustProxy: string[];
  /** Cookies carry Secure only in production (behind TLS); plain http://localhost must work for the demo. */
  secureCookies: boolean;
  /** The environment as read (empty values dropped): modules parse their own variables from it (parseModuleConfig). */
  vars: Readonly<Record<string, string>>;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Treat empty strings as unset, as shells and compose files often export VAR= for "nothing".
  const cleaned = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
  const e = parseEnv(Env, cleaned);
  const dataDir = path.resolve(e.DATA_DIR);
  let secret = e.GEARBRIDGE_SECRET;
  if (!secret) {
    if (e.NODE_ENV === 'production') {
      throw new ConfigError('GEARBRIDGE_SECRET', 'is required when NODE_ENV=production (at least 32 characters)');
    }
    secret = loadOrCreateSecret(dataDir);
  }
  const demo = (e.GEARBRIDGE_DEMO ?? (e.NODE_ENV === 'production' ? '0' : '1')) === '1';
  // The demo accounts share a password printed in the README: a production installation must never have them.
  if (demo && e.NODE_ENV === 'production') {
    throw new ConfigError(
      'GEARBRIDGE_DEMO',
      'must not be 1 when NODE_ENV=production (the demo accounts share a published password); create the first administrator with `gearbridge create-admin <username>`',
    );
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    secret,
    logLevel: e.LOG_LEVEL,
    // A person at a terminal reads the banner and what goes wrong; a service manager collects JSON access logs.
    logFormat: e.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    logRequests: e.LOG_REQUESTS ?? (process.stdout.isTTY ? 'errors' : 'all'),
    demo,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT, host: e.METRICS_HOST },
    shutdownTimeoutS: e.SHUTDOWN_TIMEOUT_S,
    trustProxy: e.TRUST_PROXY ?? [],
    secureCookies: e.NODE_ENV === 'production',
    vars: cleaned,
  };
}

/**
 * Parses a module's configuration schema (a zod object of the variables it reads) from the environment the
 * platform read; a bad value throws a ConfigError naming the variable, like the platform's own.
 */
export function parseModuleConfig<S extends z.ZodType>(schema: S, vars: Readonly<Record<string, string>>): z.output<S> {
  return parseEnv(schema, vars);
}

function parseEnv<S extends z.ZodType>(schema: S, vars: Readonly<Record<string, string>>): z.output<S> {
  const parsed = schema.safeParse(vars);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  return parsed.data;
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
  writeFileSync(file, `${s}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return s;
}
