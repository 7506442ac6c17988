import { describe, expect, it } from 'vitest';
import { ConfigError, parseModuleConfig } from '../../platform/config';
import { FactoryConfigSchema } from './config';

/** The ConfigError the factory's schema throws for these variables; fails the test when it throws nothing. */
function configError(vars: Record<string, string>): ConfigError {
  try {
    parseModuleConfig(FactoryConfigSchema, vars);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('the factory accepted the environment');
}

describe("the factory's configuration", () => {
  it('has defaults for everything: embedded broker on 1883, ingest on, simulator with the demo', () => {
    expect(parseModuleConfig(FactoryConfigSchema, {})).toEqual({
      mqttUrl: undefined,
      mqttPort: 1883,
      mqttHost: '127.0.0.1',
      mqttUsersFile: undefined,
      mqttUsername: undefined,
      mqttPassword: undefined,
      mqttCaFile: undefined,
      mqttVersion: 5,
      ingest: true,
      ingestShareGroup: undefined,
      simulate: true,
      retentionDays: 30,
      deadLetterDays: 30,
      ingestClientId: undefined,
      jsonDeviceTimeoutS: 300,
      ingestMaxLagS: 60,
      ingestWriters: 2,
    });
  });

  it('reads every variable it owns', () => {
    const c = parseModuleConfig(FactoryConfigSchema, {
      MQTT_URL: 'mqtts://broker.plant:8883',
      MQTT_PORT: '1884',
      MQTT_VERSION: '4',
      GEARBRIDGE_INGEST: '0',
      INGEST_SHARE_GROUP: 'ingest-a',
      INGEST_CLIENT_ID: 'host_2',
      JSON_DEVICE_TIMEOUT_S: '60',
      INGEST_MAX_LAG_S: '120',
      INGEST_WRITERS: '3',
      FACTORY_RETENTION_DAYS: '90',
      FACTORY_DEAD_LETTER_DAYS: '7',
      GEARBRIDGE_SIMULATE: '0',
      MQTT_HOST: '0.0.0.0',
      MQTT_USERS_FILE: 'mqtt-users.txt',
      MQTT_USERNAME: 'ingest',
      MQTT_PASSWORD: 'pw',
      MQTT_CA_FILE: 'ca.pem',
    });
    expect(c).toEqual({
      mqttUrl: 'mqtts://broker.plant:8883',
      mqttPort: 1884,
      mqttHost: '0.0.0.0',
      mqttUsersFile: 'mqtt-users.txt',
      mqttUsername: 'ingest',
      mqttPassword: 'pw',
      mqttCaFile: 'ca.pem',
      mqttVersion: 4,
      ingest: false,
      ingestShareGroup: 'ingest-a',
      simulate: false,
      retentionDays: 90,
      deadLetterDays: 7,
      ingestClientId: 'host_2',
      jsonDeviceTimeoutS: 60,
      ingestMaxLagS: 120,
      ingestWriters: 3,
    });
  });

  it('runs the simulator with the demo unless GEARBRIDGE_SIMULATE says otherwise', () => {
    expect(parseModuleConfig(FactoryConfigSchema, { GEARBRIDGE_DEMO: '0' }).simulate).toBe(false);
    expect(parseModuleConfig(FactoryConfigSchema, { GEARBRIDGE_DEMO: '0', GEARBRIDGE_SIMULATE: '1' }).simulate).toBe(true);
    expect(parseModuleConfig(FactoryConfigSchema, { GEARBRIDGE_DEMO: '1', GEARBRIDGE_SIMULATE: '0' }).simulate).toBe(false);
    // No demo in production, so no simulated plant feeding the real one's tables either.
    expect(parseModuleConfig(FactoryConfigSchema, { NODE_ENV: 'production' }).simulate).toBe(false);
    expect(parseModuleConfig(FactoryConfigSchema, {}).simulate).toBe(true);
  });

  it('replays the previous shift unless SIMULATE_HISTORY_H gives the hours (0: none)', () => {
    expect(parseModuleConfig(FactoryConfigSchema, {}).simulateHistoryH).toBeUndefined();
    expect(parseModuleConfig(FactoryConfigSchema, { SIMULATE_HISTORY_H: '0' }).simulateHistoryH).toBe(0);
    expect(parseModuleConfig(FactoryConfigSchema, { SIMULATE_HISTORY_H: '2.5' }).simulateHistoryH).toBe(2.5);
    expect(configError({ SIMULATE_HISTORY_H: '200' }).variable).toBe('SIMULATE_HISTORY_H');
    expect(configError({ SIMULATE_HISTORY_H: 'all' }).variable).toBe('SIMULATE_HISTORY_H');
  });

  it('names the variable of a bad value', () => {
    expect(configError({ MQTT_URL: 'localhost:1883' }).message).toBe('MQTT_URL: must start with mqtt://, mqtts://, ws:// or wss://');
    expect(configError({ MQTT_PORT: '70000' }).variable).toBe('MQTT_PORT');
    expect(configError({ MQTT_VERSION: '3' }).variable).toBe('MQTT_VERSION');
    expect(configError({ GEARBRIDGE_INGEST: 'yes' }).variable).toBe('GEARBRIDGE_INGEST');
    expect(configError({ INGEST_WRITERS: '0' }).variable).toBe('INGEST_WRITERS');
    expect(configError({ INGEST_SHARE_GROUP: 'a b' }).variable).toBe('INGEST_SHARE_GROUP');
    expect(configError({ INGEST_CLIENT_ID: 'a/b' }).variable).toBe('INGEST_CLIENT_ID');
    expect(configError({ JSON_DEVICE_TIMEOUT_S: '5' }).variable).toBe('JSON_DEVICE_TIMEOUT_S');
    expect(configError({ FACTORY_RETENTION_DAYS: '0' }).variable).toBe('FACTORY_RETENTION_DAYS');
    expect(configError({ GEARBRIDGE_SIMULATE: 'on' }).variable).toBe('GEARBRIDGE_SIMULATE');
    expect(configError({ FACTORY_DEAD_LETTER_DAYS: '0' }).variable).toBe('FACTORY_DEAD_LETTER_DAYS');
  });

  it('refuses, in production, an embedded broker other machines reach while no edge logins are configured', () => {
    expect(configError({ NODE_ENV: 'production', MQTT_HOST: '0.0.0.0' }).message).toBe(
      'MQTT_HOST: the embedded broker on 0.0.0.0 needs MQTT_USERS_FILE (edge node logins, see docs/broker.md) when NODE_ENV=production, or MQTT_HOST=127.0.0.1',
    );
    // Loopback, a users file, a real broker, or not production: all start.
    for (const vars of [
      { NODE_ENV: 'production' },
      { NODE_ENV: 'production', MQTT_HOST: '0.0.0.0', MQTT_USERS_FILE: 'mqtt-users.txt' },
      { NODE_ENV: 'production', MQTT_HOST: '0.0.0.0', MQTT_URL: 'mqtts://broker:8883' },
      { NODE_ENV: 'development', MQTT_HOST: '0.0.0.0' },
    ] as Record<string, string>[])
      expect(() => parseModuleConfig(FactoryConfigSchema, vars)).not.toThrow();
  });
});
