import { monitorSpc } from './production/quality.service';
import { clerkActor, clerkRound } from './logistics/demo-clerk';
import { seedDemoNcrs } from './production/ncr.demo';
import { DEMO_PLANT_ORG } from './seed';
import { OEE_ROLLUP_BATCH, OEE_ROLLUP_INTERVAL_MS, runOeeRollup } from './oee-rollup';
import { buildTraces, TRACE_BATCH, TRACE_INTERVAL_MS } from './production/traces';
import { readFileSync } from 'node:fs';
import type { Logger } from '../../platform/logger';
import type { ModuleCommand, ModuleRuntime } from '../../platform/module';
import type { ReadinessCheck } from '../../platform/health';
import { m } from './messages';
import { BrokerPortError, startEmbeddedBroker, type EmbeddedBroker } from './ingest/broker';
import { startIngest, type Ingest } from './ingest/service';
import { isLoopback, type FactoryConfig } from './config';
import { derivedLogin, SIMULATOR_USER } from './ingest/broker-auth';
import { factoryHandleOf, type DbHandle, type ModuleContext } from './db';

export interface FactoryRuntime extends ModuleRuntime {
  /** Null when the embedded broker could not start; `problem` says why. */
  mqttUrl: string | null;
  problem: string | null;
  embeddedBroker: boolean;
  ingest: Ingest | null;
}

type MqttAuth = { username?: string; password?: string; ca?: Buffer };

/** The ingest's login at MQTT_URL: MQTT_USERNAME/MQTT_PASSWORD (or user:password@ in the URL), MQTT_CA_FILE. */
function externalAuth(c: FactoryConfig): MqttAuth {
  return {
    ...(c.mqttUsername && { username: c.mqttUsername }),
    ...(c.mqttPassword && { password: c.mqttPassword }),
    ...(c.mqttCaFile && { ca: readFileSync(c.mqttCaFile) }),
  };
}

/** The embedded broker as this machine reaches it: loopback when it listens there or on every address. */
function localBrokerUrl(host: string, port: number): string {
  const h = isLoopback(host) || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `mqtt://${h.includes(':') ? `[${h}]` : h}:${port}`;
}

/** A broker URL as it may be printed: without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

function ingestOptions(c: FactoryConfig, handle: DbHandle, databaseUrl: string | undefined, mqttUrl: string, mqttAuth: MqttAuth, log: Logger, protocolVersion: 4 | 5) {
  return {
    handle,
    databaseUrl,
    mqttUrl,
    mqttAuth,
    log,
    shareGroup: c.ingestShareGroup,
    clientId: c.ingestClientId,
    jsonTimeoutMs: c.jsonDeviceTimeoutS * 1000,
    retentionDays: c.retentionDays,
    deadLetterDays: c.deadLetterDays,
    writers: c.ingestWriters,
    protocolVersion,
  };
}

/** Whether the plant has sent anything yet: a demo database with telemetry is not replayed into again. */
async function hasTelemetry(ctx: ModuleContext): Promise<boolean> {
  return (await ctx.db.selectFrom('factory_telemetry').select('ts').limit(1).executeTakeFirst()) !== undefined;
}

/** One log line per tenth of the replay, and one when the simulator goes live. */
function historyProgress(log: Logger, hours: number) {
  // This process's CPU time (the simulator, broker, ingest and PGlite share it): a figure a busy machine changes less than the elapsed time.
  const cpu0 = process.cpuUsage();
  return (p: { fraction: number; simulatedMs: number; elapsedMs: number; messages: number; done: boolean }) => {
    const used = process.cpuUsage(cpu0);
    const fields = {
      percent: Math.round(p.fraction * 100),
      simulatedH: Math.round(p.simulatedMs / 360_000) / 10,
      elapsedS: Math.round(p.elapsedMs / 100) / 10,
      cpuS: Math.round((used.user + used.system) / 100_000) / 10,
      messages: p.messages,
    };
    log.info(fields, p.done ? `plant history: the last ${hours} h replayed in ${fields.elapsedS} s; the simulator is live` : `plant history: ${fields.percent} % replayed`);
  };
}

/** How often the SPC monitor looks at the characteristics' latest values. */
export const SPC_MONITOR_MS = 30_000;
/** How often the demo's logistics clerk packs, moves and ships (logistics/demo-clerk.ts). */
export const DEMO_CLERK_MS = 60_000;

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
  let ingestAuth = externalAuth(c);
  let simAuth: MqttAuth = {};
  let deviceUrl = '';
  try {
    if (!mqttUrl) {
      let broker: EmbeddedBroker;
      try {
        broker = await startEmbeddedBroker({ port: c.mqttPort, host: c.mqttHost, secret: ctx.config.secret, usersFile: c.mqttUsersFile, log: log.child({ module: 'broker' }) });
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
      mqttUrl = localBrokerUrl(c.mqttHost, broker.port);
      embedded = true;
      ingestAuth = broker.platform;
      simAuth = broker.simulator;
      // The demo shows a device login (the simulator's, derived from the secret) so that mosquitto_pub and real
      // devices can be tried at once; otherwise devices use their logins from MQTT_USERS_FILE.
      const u = new URL(mqttUrl);
      if (ctx.config.demo && ctx.config.env !== 'production') {
        u.username = broker.simulator.username;
        u.password = broker.simulator.password;
      }
      deviceUrl = u.toString().replace(/\/$/, '');
    }
    // The embedded broker (Aedes) speaks MQTT 3.1.1 only.
    const protocolVersion = embedded ? 4 : c.mqttVersion;
    let ingest: Ingest | null = null;
    if (c.ingest) {
      ingest = await startIngest({
        ...ingestOptions(c, ctx.handle, ctx.config.databaseUrl, mqttUrl, ingestAuth, log.child({ module: 'ingest' }), protocolVersion),
        metrics: ctx.metrics,
      });
      closers.push(() => ingest!.close());
    }
    if (c.ingest) {
      // SPC: the first study of each characteristic, then its rules on the latest subgroups (quality.service.ts).
      let running: Promise<unknown> | null = null;
      const spcLog = log.child({ module: 'spc' });
      const timer = setInterval(() => {
        running ??= monitorSpc(ctx.db)
          .then((r) => (r.studies || r.signals) && spcLog.info(r, 'SPC: studies made and rule violations raised'))
          .catch((err) => spcLog.warn({ err: (err as Error).message }, 'SPC monitor round failed'))
          .finally(() => (running = null));
      }, SPC_MONITOR_MS);
      timer.unref();
      closers.push(async () => {
        clearInterval(timer);
        await running;
      });
    }
    if (c.ingest) {
      // The OEE rollup: closed plant days stored for range answers, a few a round; a round that filled its batch
      // goes on after a second (catch-up), else every OEE_ROLLUP_INTERVAL_MS (oee-rollup.ts).
      const oeeLog = log.child({ module: 'oee-rollup' });
      let stopped = false;
      let timer: NodeJS.Timeout | null = null;
      let running: Promise<void> | null = null;
      const round = () => {
        running = runOeeRollup(ctx.db, Date.now())
          .then((n) => n)
          .catch((err) => {
            oeeLog.warn({ err: (err as Error).message }, 'OEE rollup round failed; will retry');
            return 0;
          })
          .then((n) => {
            running = null;
            if (!stopped) (timer = setTimeout(round, n >= OEE_ROLLUP_BATCH ? 1_000 : OEE_ROLLUP_INTERVAL_MS)).unref();
          });
      };
      (timer = setTimeout(round, 5_000)).unref();
      closers.push(async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        await running;
      });
    }
    {
      // Unit traces: the history of each unit that left the line copied into one row for its genealogy, a batch a
      // round; a round that filled its batch goes on at once (production/traces.ts).
      const traceLog = log.child({ module: 'traces' });
      let stopped = false;
      let timer: NodeJS.Timeout | null = null;
      let running: Promise<void> | null = null;
      const round = () => {
        running = buildTraces(ctx.db)
          .catch((err) => {
            traceLog.warn({ err: (err as Error).message }, 'unit trace round failed; will retry');
            return 0;
          })
          .then((n) => {
            running = null;
            if (!stopped) (timer = setTimeout(round, n >= TRACE_BATCH ? 0 : TRACE_INTERVAL_MS)).unref();
          });
      };
      (timer = setTimeout(round, TRACE_INTERVAL_MS)).unref();
      closers.push(async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        await running;
      });
    }
    let historyH = 0;
    if (c.simulate) {
      const { Simulator, previousShiftStart } = await import('@gearbridge/sim');
      // The demo's first start replays the recent past through MQTT and the ingest, so its shifts have records.
      const now = Date.now();
      const wanted = c.simulateHistoryH ?? (now - previousShiftStart(now)) / 3_600_000;
      historyH = ctx.config.demo && wanted > 0 && !(await hasTelemetry(ctx)) ? Math.round(wanted * 10) / 10 : 0;
      const simLog = log.child({ module: 'simulator' });
      const sim = new Simulator({
        url: mqttUrl,
        ...simAuth,
        protocolVersion,
        clientIdPrefix: `gearbridge-demo-sim-${process.pid}`,
        ...(historyH > 0 && { history: { fromMs: Date.now() - historyH * 3_600_000, onProgress: historyProgress(simLog, historyH) } }),
      });
      sim.start();
      sim.caughtUp.catch((err) => simLog.error({ err: (err as Error).message }, 'plant history replay failed'));
      // Once the replayed past is in, the quality engineer's NCRs for its NOK units (demo data from the records).
      if (historyH > 0 && ingest) {
        const ing = ingest;
        void sim.caughtUp
          .then(async () => {
            for (let i = 0; i < 60 && ing.status().lagMs > 2_000; i++) await new Promise((r) => setTimeout(r, 1_000));
            const org = await ctx.db.selectFrom('organisations').select('id').where('name', '=', DEMO_PLANT_ORG).executeTakeFirst();
            const made = org ? await seedDemoNcrs(ctx.db, org.id) : 0;
            simLog.info({ ncrs: made }, 'demo nonconformance records made from the replayed NOK units');
          })
          .catch((err) => simLog.warn({ err: (err as Error).message }, 'demo nonconformance records failed'));
      }
      closers.push(() => sim.stop());
      // The demo's people at the logistics board pack, move and ship what the simulated lines finish.
      const actor = ctx.config.demo && c.ingest ? await clerkActor(ctx.db, ctx.sessions) : null;
      if (actor) {
        const clerkLog = log.child({ module: 'demo-clerk' });
        let round: Promise<unknown> | null = null;
        const clerk = setInterval(() => {
          round ??= clerkRound(ctx.db, actor)
            .then((r) => (r.packed || r.transfers || r.deliveries) && clerkLog.debug(r, 'demo logistics round'))
            .catch((err) => clerkLog.warn({ err: (err as Error).message }, 'demo logistics round failed'))
            .finally(() => (round = null));
        }, DEMO_CLERK_MS);
        clerk.unref();
        closers.push(async () => {
          clearInterval(clerk);
          await round;
        });
      }
    }
    const line =
      `MQTT: ${embedded ? `embedded broker at ${deviceUrl} (${deviceUrl.includes('@') ? 'the demo device login; ' : ''}${c.mqttUsersFile ? `edge logins from ${c.mqttUsersFile}; ` : ''}listening on ${c.mqttHost})` : redactUrl(c.mqttUrl!)}` +
      `; ingest ${c.ingest ? 'running' : 'off (GEARBRIDGE_INGEST=0)'}${c.simulate ? '; plant simulator running (7 lines, 180 devices)' : ''}` +
      (historyH > 0 ? `, replaying the last ${historyH} h first (SIMULATE_HISTORY_H; progress in the log)` : '');
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
      const ingest = await startIngest({ ...ingestOptions(c, handle, env.config.databaseUrl, mqttUrl, externalAuth(c), env.log, c.mqttVersion), metrics: env.metrics });
      await ingest.connected();
      return {
        lines: [`ingest connected to ${redactUrl(mqttUrl)}${c.ingestShareGroup ? ` (shared group ${c.ingestShareGroup})` : ''}`],
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
    // The broker the server uses: MQTT_URL, else the embedded broker's port with the simulator's login (derived
    // from the secret this process shares with the server).
    let mqttUrl = c.mqttUrl;
    if (!mqttUrl) {
      const u = new URL(localBrokerUrl(c.mqttHost, c.mqttPort));
      const login = derivedLogin(env.config.secret, SIMULATOR_USER);
      u.username = login.username;
      u.password = login.password;
      mqttUrl = u.toString();
    }
    process.exit(await runSimulateCommand(args, { ...process.env, MQTT_URL: mqttUrl }));
  },
};
