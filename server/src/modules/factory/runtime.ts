import type { Config } from '../../platform/config';
import type { DbHandle } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import { BrokerPortError, startEmbeddedBroker } from './ingest/broker';
import { startIngest, type Ingest } from './ingest/service';

export interface FactoryRuntime {
  /** Null when the embedded broker could not start; `problem` says why. */
  mqttUrl: string | null;
  problem: string | null;
  embeddedBroker: boolean;
  ingest: Ingest | null;
  close(): Promise<void>;
}

/**
 * What `gearbridge start` runs for the factory besides the API: the embedded broker (unless MQTT_URL names a
 * real one), the ingest (unless GEARBRIDGE_INGEST=0), and in demo mode the plant simulator, so the UI is alive.
 */
export async function startFactoryRuntime(config: Config, handle: DbHandle, log: Logger): Promise<FactoryRuntime> {
  const closers: (() => Promise<void>)[] = [];
  let mqttUrl = config.mqttUrl;
  let embedded = false;
  try {
    if (!mqttUrl) {
      let broker;
      try {
        broker = await startEmbeddedBroker(config.mqttPort);
      } catch (err) {
        // The rest of the platform is still useful: say what is wrong in one line and run without the plant feed.
        if (!(err instanceof BrokerPortError)) throw err;
        log.warn(err.message);
        return { mqttUrl: null, problem: err.message, embeddedBroker: false, ingest: null, close: async () => {} };
      }
      closers.push(() => broker.close());
      mqttUrl = `mqtt://127.0.0.1:${broker.port}`;
      embedded = true;
    }
    let ingest: Ingest | null = null;
    if (config.ingest) {
      ingest = await startIngest({
        handle,
        databaseUrl: config.databaseUrl,
        mqttUrl,
        log: log.child({ module: 'ingest' }),
        shareGroup: config.ingestShareGroup,
        clientId: config.ingestClientId,
        jsonTimeoutMs: config.jsonDeviceTimeoutS * 1000,
        retentionDays: config.retentionDays,
        // The embedded broker (Aedes) speaks MQTT 3.1.1 only.
        protocolVersion: embedded ? 4 : config.mqttVersion,
      });
      closers.push(() => ingest!.close());
    }
    if (config.simulate) {
      const { Simulator } = await import('@gearbridge/sim');
      const sim = new Simulator({ url: mqttUrl, protocolVersion: embedded ? 4 : config.mqttVersion, clientIdPrefix: `gearbridge-demo-sim-${process.pid}` });
      sim.start();
      closers.push(() => sim.stop());
    }
    return {
      mqttUrl,
      problem: null,
      embeddedBroker: embedded,
      ingest,
      async close() {
        // Stop producers first, then the ingest (it commits what it took), then the broker.
        for (const c of closers.reverse()) await c().catch((err) => log.warn({ err: (err as Error).message }, 'factory shutdown step failed'));
      },
    };
  } catch (err) {
    for (const c of closers.reverse()) await c().catch(() => {});
    throw err;
  }
}
