import type { Logger } from '../../platform/logger';
import type { ModuleCommand, ModuleRuntime } from '../../platform/module';
import type { ReadinessCheck } from '../../platform/health';
import { m } from './messages';
import { BrokerPortError, startEmbeddedBroker, type EmbeddedBroker } from './ingest/broker';
import { startIngest, type Ingest } from './ingest/service';
import type { FactoryConfig } from './config';
import { factoryHandleOf, type DbHandle, type ModuleContext } from './db';

export interface FactoryRuntime extends ModuleRuntime {
  /** Null when the embedded broker could not start; `problem` says why. */
  mqttUrl: string | null;
  problem: string | null;
  embeddedBroker: boolean;
  ingest: Ingest | null;
}

function ingestOptions(c: FactoryConfig, handle: DbHandle, databaseUrl: string | undefined, mqttUrl: string, log: Logger, protocolVersion: 4 | 5) {
  return {
    handle,
    databaseUrl,
    mqttUrl,
    log,
    shareGroup: c.ingestShareGroup,
    clientId: c.ingestClientId,
    jsonTimeoutMs: c.jsonDeviceTimeoutS * 1000,
    retentionDays: c.retentionDays,
    protocolVersion,
  };
}

/**
 * What `gearbridge start` runs for the factory besides the API: the embedded broker (unless MQTT_URL names a
 * real one), the ingest (unless GEARBRIDGE_INGEST=0), and in demo mode the plant simulator, so the UI is alive.
 * Its status line is the start banner's MQTT line.
 */
export async function startFactoryRuntime(ctx: ModuleContext): Promise<FactoryRuntime> {
  const { moduleConfig: c, log } = ctx;
  const closers: (() => Promise<void>)[] = [];
  let mqttUrl = c.mqttUrl;
  let embedded = false;
  try {
    if (!mqttUrl) {
      let broker: EmbeddedBroker;
      try {
        broker = await startEmbeddedBroker(c.mqttPort);
      } catch (err) {
        // The rest of the platform is still useful: say what is wrong in one line and run without the plant feed.
        if (!(err instanceof BrokerPortError)) throw err;
        log.warn(err.message);
        return {
          mqttUrl: null,
          problem: err.message,
          embeddedBroker: false,
          ingest: null,
          lines: [`MQTT: not started. ${err.message}`],
          stop: async () => {},
          // Everything else works; readiness says the plant feed does not.
          readiness: async () => (c.ingest ? [{ name: 'factory.broker', ok: false, reason: m('factory.health.broker_not_started') }] : []),
        };
      }
      closers.push(() => broker.close());
      mqttUrl = `mqtt://127.0.0.1:${broker.port}`;
      embedded = true;
    }
    // The embedded broker (Aedes) speaks MQTT 3.1.1 only.
    const protocolVersion = embedded ? 4 : c.mqttVersion;
    let ingest: Ingest | null = null;
    if (c.ingest) {
      ingest = await startIngest({ ...ingestOptions(c, ctx.handle, ctx.config.databaseUrl, mqttUrl, log.child({ module: 'ingest' }), protocolVersion), metrics: ctx.metrics });
      closers.push(() => ingest!.close());
    }
    if (c.simulate) {
      const { Simulator } = await import('@gearbridge/sim');
      const sim = new Simulator({ url: mqttUrl, protocolVersion, clientIdPrefix: `gearbridge-demo-sim-${process.pid}` });
      sim.start();
      closers.push(() => sim.stop());
    }
    const line =
      `MQTT: ${embedded ? `embedded broker at ${mqttUrl} (devices and mosquitto_pub can connect)` : c.mqttUrl}` +
      `; ingest ${c.ingest ? 'running' : 'off (GEARBRIDGE_INGEST=0)'}${c.simulate ? '; plant simulator running (7 lines, 180 devices)' : ''}`;
    return {
      mqttUrl,
      problem: null,
      embeddedBroker: embedded,
      ingest,
      lines: [line],
      readiness: async () => (ingest ? ingestReadiness(ingest.status(), c.ingestMaxLagS) : []),
      async stop() {
        // Stop producers first, then the ingest (it commits what it took), then the broker.
        for (const close of closers.reverse()) await close().catch((err) => log.warn({ err: (err as Error).message }, 'factory shutdown step failed'));
      },
    };
  } catch (err) {
    for (const close of closers.reverse()) await close().catch(() => {});
    throw err;
  }
}

/** The ingest's part of /api/health/ready: connected to the broker, and not further behind than INGEST_MAX_LAG_S. */
export function ingestReadiness(s: { connected: boolean; lagMs: number }, maxLagS: number): ReadinessCheck[] {
  const lagSeconds = Math.round(s.lagMs / 100) / 10;
  const lagOk = s.lagMs <= maxLagS * 1000;
  return [
    s.connected ? { name: 'factory.broker', ok: true } : { name: 'factory.broker', ok: false, reason: m('factory.health.broker_disconnected') },
    {
      name: 'factory.ingest_lag',
      ok: lagOk,
      details: { lagSeconds, maxSeconds: maxLagS },
      ...(lagOk ? {} : { reason: m('factory.health.ingest_lag', { lagSeconds, maxSeconds: maxLagS }) }),
    },
  ];
}

/** `gearbridge ingest`: the telemetry ingest alone, beside servers started with GEARBRIDGE_INGEST=0. */
export const ingestCommand: ModuleCommand = {
  usage: 'the telemetry ingest alone (PostgreSQL and MQTT_URL); run several with INGEST_SHARE_GROUP',
  async run(_args, env) {
    const c = env.moduleConfig as FactoryConfig;
    if (!env.config.databaseUrl)
      return env.fail('gearbridge ingest runs beside the server and needs DATABASE_URL (PostgreSQL); with the embedded database the ingest runs inside gearbridge start', 2);
    const mqttUrl = c.mqttUrl;
    if (!mqttUrl) return env.fail('gearbridge ingest needs MQTT_URL, the broker the devices publish to', 2);
    const handle = factoryHandleOf(await env.openDatabase());
    try {
      const ingest = await startIngest({ ...ingestOptions(c, handle, env.config.databaseUrl, mqttUrl, env.log, c.mqttVersion), metrics: env.metrics });
      await ingest.connected();
      return {
        lines: [`ingest connected to ${mqttUrl}${c.ingestShareGroup ? ` (shared group ${c.ingestShareGroup})` : ''}`],
        async stop() {
          await ingest.close();
          await handle.close();
        },
      };
    } catch (err) {
      await handle.close();
      throw err;
    }
  },
};

/** `gearbridge simulate`: the Qijiang plant simulator (a separate MQTT client, like real edge nodes). */
export const simulateCommand: ModuleCommand = {
  usage: 'the Qijiang plant simulator (Sparkplug B edge nodes); see gearbridge simulate --help',
  async run(args, env) {
    const c = env.moduleConfig as FactoryConfig;
    const { runSimulateCommand } = await import('@gearbridge/sim');
    // The broker the server uses: MQTT_URL, else the embedded broker's port.
    const mqttUrl = c.mqttUrl ?? `mqtt://127.0.0.1:${c.mqttPort}`;
    process.exit(await runSimulateCommand(args, { ...process.env, MQTT_URL: mqttUrl }));
  },
};
