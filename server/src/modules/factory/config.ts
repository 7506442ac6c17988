import { z } from 'zod';

/** The environment variables the factory reads; checked at start with the platform's (a bad value names the variable). */
export const FactoryEnv = z.object({
  MQTT_URL: z
    .string()
    .refine((v) => /^(mqtts?|wss?|tcp):\/\//.test(v), 'must start with mqtt://, mqtts://, ws:// or wss://')
    .optional(),
  MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1883),
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
  /** Read only as the default of GEARBRIDGE_SIMULATE; the platform checks it. */
  GEARBRIDGE_DEMO: z.enum(['0', '1']).default('1'),
  FACTORY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Several ingest processes on one host (same share group): each needs its own client id stem. */
  INGEST_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only')
    .optional(),
  /** A JSON-format device silent this long is offline (Sparkplug devices have BIRTH/DEATH instead). */
  JSON_DEVICE_TIMEOUT_S: z.coerce.number().int().min(10).max(86_400).default(300),
  /** /api/health/ready fails while the oldest message the ingest received and has not committed is older than this. */
  INGEST_MAX_LAG_S: z.coerce.number().int().min(1).max(86_400).default(60),
});

/** The factory's configuration as its code reads it. */
export interface FactoryConfig {
  mqttUrl: string | undefined;
  mqttPort: number;
  mqttVersion: 4 | 5;
  ingest: boolean;
  ingestShareGroup: string | undefined;
  simulate: boolean;
  retentionDays: number;
  ingestClientId: string | undefined;
  jsonDeviceTimeoutS: number;
  ingestMaxLagS: number;
}

export const FactoryConfigSchema = FactoryEnv.transform(
  (e): FactoryConfig => ({
    mqttUrl: e.MQTT_URL,
    mqttPort: e.MQTT_PORT,
    mqttVersion: e.MQTT_VERSION === '4' ? 4 : 5,
    ingest: e.GEARBRIDGE_INGEST === '1',
    ingestShareGroup: e.INGEST_SHARE_GROUP,
    simulate: (e.GEARBRIDGE_SIMULATE ?? e.GEARBRIDGE_DEMO) === '1',
    retentionDays: e.FACTORY_RETENTION_DAYS,
    ingestClientId: e.INGEST_CLIENT_ID,
    jsonDeviceTimeoutS: e.JSON_DEVICE_TIMEOUT_S,
    ingestMaxLagS: e.INGEST_MAX_LAG_S,
  }),
);
