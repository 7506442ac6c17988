import { z } from 'zod';

/** The environment variables the factory reads; checked at start with the platform's (a bad value names the variable). */
export const FactoryEnv = z
  .object({
    MQTT_URL: z
      .string()
      .refine((v) => /^(mqtts?|wss?|tcp):\/\//.test(v), 'must start with mqtt://, mqtts://, ws:// or wss://')
      .optional(),
    MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1883),
    /** The address the embedded broker listens on; loopback unless devices on the network must reach it. */
    MQTT_HOST: z.string().min(1).default('127.0.0.1'),
    /** The edge nodes' logins for the embedded broker (`gearbridge mqtt-user add`); see docs/broker.md. */
    MQTT_USERS_FILE: z.string().min(1).optional(),
    /** The ingest's login at MQTT_URL (instead of user:password@ in the URL, which would show in the start line). */
    MQTT_USERNAME: z.string().min(1).optional(),
    MQTT_PASSWORD: z.string().min(1).optional(),
    /** PEM file of the CA that signed an mqtts:// or wss:// broker's certificate (a private CA). */
    MQTT_CA_FILE: z.string().min(1).optional(),
    /** MQTT protocol of the ingest against MQTT_URL: 5 (Receive Maximum widens the in-flight window) or 4 (3.1.1). */
    MQTT_VERSION: z.enum(['4', '5']).default('5'),
    /** Run the telemetry ingest inside `gearbridge start` (0 when separate `gearbridge ingest` processes do it). */
    GEARBRIDGE_INGEST: z.enum(['0', '1']).default('1'),
    /** MQTT shared-subscription group of the ingest processes; unset: one ingest takes everything. */
    INGEST_SHARE_GROUP: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only')
      .optional(),
    /** Run the plant simulator inside `gearbridge start`; defaults to GEARBRIDGE_DEMO. */
    GEARBRIDGE_SIMULATE: z.enum(['0', '1']).optional(),
    /** Read only as the default of GEARBRIDGE_SIMULATE (with NODE_ENV: no demo in production); the platform checks them. */
    GEARBRIDGE_DEMO: z.enum(['0', '1']).optional(),
    /**
     * Hours of plant history the demo's simulator replays on its first start (an empty database); 0: none; unset: the
     * previous shift and the current one so far, from 2 h before the previous shift (sim/README.md, "Demo history").
     */
    SIMULATE_HISTORY_H: z.coerce.number().min(0).max(168).optional(),
    FACTORY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** Dead letters (rejected messages) older than this are pruned with the telemetry retention job. */
    FACTORY_DEAD_LETTER_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** Several ingest processes on one host (same share group): each needs its own client id stem. */
    INGEST_CLIENT_ID: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only')
      .optional(),
    /** A JSON-format device silent this long is offline (Sparkplug devices have BIRTH/DEATH instead). */
    JSON_DEVICE_TIMEOUT_S: z.coerce.number().int().min(10).max(86_400).default(300),
    /** /api/health/ready fails while the oldest message the ingest received and has not committed is older than this. */
    INGEST_MAX_LAG_S: z.coerce.number().int().min(1).max(86_400).default(60),
    /** Batches an ingest process writes at once on PostgreSQL (a connection each); PGlite writes one at a time. */
    INGEST_WRITERS: z.coerce.number().int().min(1).max(8).default(2),
    /** Read for the embedded broker's production check and the simulator's default; the platform checks it. */
    NODE_ENV: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    // A broker other machines can reach must know its edge nodes in production; on loopback only the platform's own
    // clients (with logins derived from the secret) can connect anyway.
    if (e.NODE_ENV === 'production' && !e.MQTT_URL && !isLoopback(e.MQTT_HOST) && !e.MQTT_USERS_FILE)
      ctx.addIssue({
        code: 'custom',
        path: ['MQTT_HOST'],
        message: `the embedded broker on ${e.MQTT_HOST} needs MQTT_USERS_FILE (edge node logins, see docs/broker.md) when NODE_ENV=production, or MQTT_HOST=127.0.0.1`,
      });
  });

export const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/** The factory's configuration as its code reads it. */
export interface FactoryConfig {
  mqttUrl: string | undefined;
  mqttPort: number;
  mqttHost: string;
  mqttUsersFile: string | undefined;
  /** The ingest's login and CA for MQTT_URL. */
  mqttUsername: string | undefined;
  mqttPassword: string | undefined;
  mqttCaFile: string | undefined;
  mqttVersion: 4 | 5;
  ingest: boolean;
  ingestShareGroup: string | undefined;
  simulate: boolean;
  /** Undefined: the previous shift and the current one (previousShiftStart). */
  simulateHistoryH: number | undefined;
  retentionDays: number;
  deadLetterDays: number;
  ingestClientId: string | undefined;
  jsonDeviceTimeoutS: number;
  ingestMaxLagS: number;
  ingestWriters: number;
}

export const FactoryConfigSchema = FactoryEnv.transform(
  (e): FactoryConfig => ({
    mqttUrl: e.MQTT_URL,
    mqttPort: e.MQTT_PORT,
    mqttHost: e.MQTT_HOST,
    mqttUsersFile: e.MQTT_USERS_FILE,
    mqttUsername: e.MQTT_USERNAME,
    mqttPassword: e.MQTT_PASSWORD,
    mqttCaFile: e.MQTT_CA_FILE,
    mqttVersion: e.MQTT_VERSION === '4' ? 4 : 5,
    ingest: e.GEARBRIDGE_INGEST === '1',
    ingestShareGroup: e.INGEST_SHARE_GROUP,
    simulate: (e.GEARBRIDGE_SIMULATE ?? e.GEARBRIDGE_DEMO ?? (e.NODE_ENV === 'production' ? '0' : '1')) === '1',
    simulateHistoryH: e.SIMULATE_HISTORY_H,
    retentionDays: e.FACTORY_RETENTION_DAYS,
    deadLetterDays: e.FACTORY_DEAD_LETTER_DAYS,
    ingestClientId: e.INGEST_CLIENT_ID,
    jsonDeviceTimeoutS: e.JSON_DEVICE_TIMEOUT_S,
    ingestMaxLagS: e.INGEST_MAX_LAG_S,
    ingestWriters: e.INGEST_WRITERS,
  }),
);
