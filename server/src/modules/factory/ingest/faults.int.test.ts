/**
 * The no-loss promise under faults, against a real Mosquitto and PostgreSQL: Sparkplug edge nodes publish DDATA at
 * QoS 1 while the broker restarts, the ingest process is killed with SIGKILL, or PostgreSQL stops; afterwards every
 * point whose PUBACK reached a publisher is in factory_telemetry exactly once (and counted once in the rollups).
 * A flood of malformed messages is dead-lettered while good ones keep flowing.
 *
 * The ingest runs as `gearbridge ingest`, a process of its own. Mosquitto is a private one on a free port, with
 * persistence (a graceful restart keeps the ingest's session) and no queue limit (Mosquitto's default of 1,000
 * queued messages drops what a subscriber that is away cannot take yet). The PostgreSQL stop/start uses a private
 * cluster (initdb in a temporary directory): the machine's shared one serves other tests.
 *
 * Runs only with DATABASE_URL set and Mosquitto installed; the PostgreSQL case also needs initdb and pg_ctl.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { SPARKPLUG_GROUP, type MetricDef } from '@gearbridge/plant';
import { EdgeNode, loadDevices, sparkplug } from '@gearbridge/sim';
import { createPlatform } from '../../../app';
import { loadConfig } from '../../../platform/config';
import { createLogger } from '../../../platform/logger';
import { freshDatabase } from '../../../test/harness';
import type { RawQuery } from '../../../platform/db';
import { rollUp } from './rollups';

const BIN = fileURLToPath(new URL('../../../../bin/gearbridge.mjs', import.meta.url));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const isRoot = process.getuid?.() === 0;
const hasMosquitto = !spawnSync('mosquitto', ['-h']).error;
/** initdb and pg_ctl of the newest PostgreSQL installed the Debian way, if any. */
const pgBin = (() => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const v = readdirSync(root)
    .filter((d) => existsSync(path.join(root, d, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0];
  return v ? path.join(root, v, 'bin') : null;
})();
const canRunPostgres = pgBin !== null && (!isRoot || !spawnSync('runuser', ['--help']).error);

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 20_000, every = 100): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(every);
  }
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

/** A Mosquitto of our own: persistent sessions survive a graceful restart; nothing is dropped for a slow subscriber. */
class Mosquitto {
  readonly url: string;
  private child: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    private readonly conf: string,
  ) {
    this.url = `mqtt://127.0.0.1:${port}`;
  }

  static async start(): Promise<Mosquitto> {
    const dir = mkdtempSync(path.join(tmpdir(), 'gb-fault-mosquitto-'));
    const port = await freePort();
    const conf = path.join(dir, 'mosquitto.conf');
    writeFileSync(
      conf,
      [
        `listener ${port} 127.0.0.1`,
        'allow_anonymous true',
        'persistence true',
        `persistence_location ${dir}/`,
        'autosave_interval 1',
        'max_queued_messages 0',
        'max_inflight_messages 0',
        'log_dest none',
        // Started as root, Mosquitto switches to the mosquitto user, who may not write our temporary directory.
        ...(isRoot ? ['user root'] : []),
        '',
      ].join('\n'),
    );
    const b = new Mosquitto(port, conf);
    cleanups.push(async () => {
      await b.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });
    await b.run();
    return b;
  }

  async run(): Promise<void> {
    const child = spawn('mosquitto', ['-c', this.conf], { stdio: 'ignore' });
    this.child = child;
    await until(
      `mosquitto on port ${this.port}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`mosquitto exited with ${child.exitCode}`);
        return listening(this.port);
      },
      5_000,
      20,
    );
  }

  /** SIGTERM: Mosquitto writes its sessions and queued messages to the persistence file and exits. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }
}

/** A PostgreSQL cluster of our own that the test may stop and start (initdb refuses root: run as postgres). */
class PrivateCluster {
  readonly url: string;
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {
    this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }

  private static exec(args: string[]): void {
    const [cmd, ...rest] = args;
    const full = path.join(pgBin!, cmd);
    const r = isRoot ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...rest], { encoding: 'utf8' }) : spawnSync(full, rest, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  }

  static async start(): Promise<PrivateCluster> {
    const dir = mkdtempSync(path.join(tmpdir(), 'gb-fault-pg-'));
    if (isRoot) spawnSync('chown', ['postgres:postgres', dir]);
    const port = await freePort();
    const c = new PrivateCluster(dir, port);
    cleanups.push(() => {
      try {
        PrivateCluster.exec(['pg_ctl', '-D', path.join(dir, 'data'), 'stop', '-m', 'immediate']);
      } catch {
        // not running
      }
      rmSync(dir, { recursive: true, force: true });
    });
    PrivateCluster.exec(['initdb', '-D', path.join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync']);
    c.up();
    return c;
  }

  up(): void {
    const opts = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir} -c fsync=off`;
    PrivateCluster.exec(['pg_ctl', '-D', path.join(this.dir, 'data'), '-o', opts, '-l', path.join(this.dir, 'log'), '-w', 'start']);
  }

  /** Fast shutdown: open connections are cut, as in a failover or a restart by the operator. */
  down(): void {
    PrivateCluster.exec(['pg_ctl', '-D', path.join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
  }
}

/**
 * A fresh database with the migrations and the demo plant (its Sparkplug group is registered): a copy of the run's
 * seeded template, or on a private cluster seeded there.
 */
async function seeded(adminUrl?: string): Promise<string> {
  if (!adminUrl) {
    const db = await freshDatabase({}, { seeded: true });
    cleanups.push(() => db.drop());
    return db.config.databaseUrl!;
  }
  const name = `gb_fault_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const config = loadConfig({
    DATABASE_URL: u.toString(),
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gb-fault-data-')),
    GEARBRIDGE_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    GEARBRIDGE_DEMO: '1',
  });
  const platform = await createPlatform(config, { serveWeb: false, logger: createLogger('silent') });
  await platform.close();
  return config.databaseUrl!;
}

/** `gearbridge ingest` as a child process; its output is kept for the failure message. */
class IngestProcess {
  output = '';
  private child: ChildProcess | null = null;
  constructor(
    private readonly databaseUrl: string,
    private readonly mqttUrl: string,
    /** More environment: INGEST_SHARE_GROUP and INGEST_CLIENT_ID for one of several processes, METRICS_PORT. */
    private readonly env: Record<string, string> = {},
  ) {
    cleanups.push(() => this.kill());
  }

  /** Points this process stored (its METRICS_PORT's gearbridge_ingest_points_total). */
  async points(): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${this.env.METRICS_PORT}/metrics`)).text();
    return Number(/^gearbridge_ingest_points_total (\S+)$/m.exec(text)?.[1] ?? 0);
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [BIN, 'ingest'], {
      env: {
        ...process.env,
        DATABASE_URL: this.databaseUrl,
        MQTT_URL: this.mqttUrl,
        MQTT_VERSION: '5',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gb-fault-ingest-')),
        GEARBRIDGE_SECRET: randomBytes(32).toString('hex'),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let connected = false;
    const take = (b: Buffer) => {
      this.output = (this.output + b.toString()).slice(-20_000);
      if (/ingest connected to/.test(this.output)) connected = true;
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    await until(
      'gearbridge ingest to connect',
      () => {
        if (child.exitCode !== null) throw new Error(`gearbridge ingest exited with ${child.exitCode}: ${this.output}`);
        return connected;
      },
      30_000,
      50,
    );
  }

  /** SIGKILL: no flush, no acknowledgement, no clean disconnect. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }
}

const METRICS: MetricDef[] = Array.from({ length: 20 }, (_, j) => ({ name: `m${String(j + 1).padStart(2, '0')}`, type: 'Double' }));

/**
 * Edge nodes of the demo plant publishing DDATA of 20 Doubles at QoS 1, at `rate` messages per second per device;
 * metric m01 carries the message number. Every acknowledged message is logged with its payload timestamp; each
 * node's clock is strictly increasing over births and data, so (device, timestamp) names one message.
 */
class Publisher {
  readonly log: Array<{ device: number; ts: number; msgNo: number }> = [];
  failed = 0;
  readonly devices: Array<{ node: string; device: string }>;
  private readonly nodes: EdgeNode[];
  private readonly place: Array<{ node: number; index: number }> = [];
  private readonly sent: number[];
  private timer: NodeJS.Timeout | null = null;

  constructor(url: string, deviceCount: number, tag: string) {
    this.devices = loadDevices(deviceCount);
    this.sent = this.devices.map(() => 0);
    const nodeNames = [...new Set(this.devices.map((d) => d.node))];
    this.nodes = nodeNames.map((node, n) => {
      const mine = this.devices.flatMap((d, i) => (d.node === node ? [i] : []));
      for (const [index, d] of mine.entries()) this.place[d] = { node: n, index };
      let last = 0;
      return new EdgeNode({
        url,
        group: SPARKPLUG_GROUP,
        node,
        devices: mine.map((d) => ({ id: this.devices[d].device, metrics: METRICS })),
        read: () => METRICS.map(() => 0),
        clientId: `gb-fault-${tag}-${node}`,
        dataQos: 1,
        birthQos: 1,
        reconnectMs: 200,
        maxInflight: 2_000,
        now: () => (last = Math.max(Date.now(), last + 1)),
      });
    });
    cleanups.push(() => this.stop());
  }

  async start(perDevicePerS: number): Promise<void> {
    for (const n of this.nodes) n.start();
    await Promise.all(this.nodes.map((n) => n.waitOnline(10_000)));
    const t0 = performance.now();
    this.timer = setInterval(() => {
      const due = Math.floor(((performance.now() - t0) / 1000) * perDevicePerS);
      this.devices.forEach((_, d) => {
        // An outage is not caught up in a burst: a device that could not send skips those messages.
        this.sent[d] = Math.max(this.sent[d], due - 2);
        while (this.sent[d] < due && this.send(d)) this.sent[d]++;
      });
    }, 10);
  }

  private send(d: number): boolean {
    const { node, index } = this.place[d];
    const en = this.nodes[node];
    const msgNo = this.sent[d] + 1;
    let ts = 0;
    return en.sendData(
      index,
      (seq, timestamp) => {
        ts = timestamp;
        const values = METRICS.map((_, j) => (j === 0 ? msgNo : ((msgNo * 31 + j * 17) % 1000) / 10));
        return sparkplug.encodeData(timestamp, seq, en.metrics[index], values);
      },
      METRICS.length,
      (acknowledged) => (acknowledged ? this.log.push({ device: d, ts, msgNo }) : this.failed++),
    );
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.nodes.map((n) => n.stop(5_000)));
  }
}

/**
 * Every acknowledged message is in the database with all 20 points, m01 equal to its number; per device and
 * metric as many rows as acknowledged messages (the primary key rules out a second copy); the 1-minute rollups
 * count each stored row once, redeliveries included.
 */
async function expectEveryAcknowledgedPointOnce(databaseUrl: string, p: Publisher): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const nums = new Map(
      (await c.query<{ num: number; sp_node: string; sp_device: string }>('select num, sp_node, sp_device from factory_devices where sp_group = $1', [SPARKPLUG_GROUP])).rows.map(
        (r) => [`${r.sp_node}/${r.sp_device}`, r.num],
      ),
    );
    const numOf = p.devices.map((d) => nums.get(`${d.node}/${d.device}`)!);
    const rows = async () =>
      (
        await c.query<{ device_num: number; name: string; ts: number; value: number }>(
          `select t.device_num, m.name, (extract(epoch from t.ts) * 1000)::float8 as ts, t.value
           from factory_telemetry t join factory_metrics m on m.id = t.metric_id
           where t.device_num = any($1) and m.name ~ '^m[0-9]{2}$'`,
          [numOf],
        )
      ).rows;
    const missing = (stored: Awaited<ReturnType<typeof rows>>) => {
      const m01 = new Map(stored.filter((r) => r.name === 'm01').map((r) => [`${r.device_num}@${r.ts}`, r.value]));
      return p.log.filter((a) => m01.get(`${numOf[a.device]}@${a.ts}`) !== a.msgNo);
    };
    // The ingest may still be catching up on what the broker holds for it.
    await until('every acknowledged message to be stored', async () => missing(await rows()).length === 0, 30_000, 250).catch(() => undefined);
    const stored = await rows();
    const lost = missing(stored);
    expect(
      lost.slice(0, 5).map((a) => `${p.devices[a.device].device} #${a.msgNo} @${a.ts}`),
      `${lost.length} of ${p.log.length} acknowledged messages not stored`,
    ).toEqual([]);

    const acked = new Set(p.log.map((a) => `${numOf[a.device]}@${a.ts}`));
    const perDeviceMetric = new Map<string, number>();
    for (const r of stored) {
      if (!acked.has(`${r.device_num}@${r.ts}`)) continue; // a message that reached the broker but whose PUBACK did not come back
      const k = `${r.device_num}/${r.name}`;
      perDeviceMetric.set(k, (perDeviceMetric.get(k) ?? 0) + 1);
    }
    const expected = new Map<string, number>();
    for (const a of p.log) for (const m of METRICS) expected.set(`${numOf[a.device]}/${m.name}`, (expected.get(`${numOf[a.device]}/${m.name}`) ?? 0) + 1);
    expect(Object.fromEntries(perDeviceMetric)).toEqual(Object.fromEntries(expected));

    // The rollups of every marked minute, the current one too (as if two minutes had passed): the job's work.
    const q: RawQuery = async (text, params) => (await c.query(text, params)).rows as never;
    await until(
      'every marked minute to be rolled up',
      async () => {
        await rollUp(q, Date.now() + 120_000);
        return (await q('select 1 from factory_rollup_queue limit 1')).length === 0;
      },
      30_000,
      100,
    );
    const r = await c.query<{ device_num: number; metric_id: number; rows: number; counted: number }>(
      `select t.device_num, t.metric_id, t.rows, coalesce(r.n, 0)::int as counted
       from (select device_num, metric_id, count(*)::int as rows from factory_telemetry where device_num = any($1) group by 1, 2) t
       left join (select device_num, metric_id, sum(n) as n from factory_telemetry_1m where device_num = any($1) group by 1, 2) r using (device_num, metric_id)`,
      [numOf],
    );
    expect(r.rows.filter((x) => x.rows !== x.counted)).toEqual([]);
  } finally {
    await c.end();
  }
}

async function deadLetters(databaseUrl: string): Promise<Array<{ reason: string; n: number }>> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return (await c.query<{ reason: string; n: number }>('select reason, sum(messages)::int as n from factory_dead_letters group by reason order by reason')).rows;
  } finally {
    await c.end();
  }
}

// CI (GEARBRIDGE_REQUIRE_SERVICES=1) must run these tests: there a missing mosquitto or PostgreSQL binary fails.
describe.runIf(process.env.GEARBRIDGE_REQUIRE_SERVICES === '1')('what the fault tests need (required in CI)', () => {
  it('has mosquitto, and initdb/pg_ctl of a Debian PostgreSQL usable from this user', () => {
    expect(hasMosquitto, 'mosquitto is not installed (apt-get install mosquitto)').toBe(true);
    expect(canRunPostgres, 'no PostgreSQL binaries under /usr/lib/postgresql, or runuser missing when root').toBe(true);
  });
});

describe.runIf(!!process.env.DATABASE_URL && hasMosquitto)('ingest under faults: real Mosquitto, real PostgreSQL, gearbridge ingest as a process', () => {
  it('loses nothing when the broker restarts mid-stream (SIGTERM, then the same port and persistence)', async () => {
    const [broker, databaseUrl] = await Promise.all([Mosquitto.start(), seeded()]);
    const ingest = new IngestProcess(databaseUrl, broker.url);
    await ingest.start();
    const pub = new Publisher(broker.url, 24, 'broker');
    await pub.start(40);
    await sleep(2_000);
    await broker.stop('SIGTERM');
    await sleep(1_000);
    await broker.run();
    await sleep(3_000);
    await pub.stop();
    expect(pub.log.length).toBeGreaterThan(24 * 40 * 3);
    await expectEveryAcknowledgedPointOnce(databaseUrl, pub);
    expect(await deadLetters(databaseUrl)).toEqual([]);
  });

  it('loses nothing when the ingest process is killed with SIGKILL mid-stream and started again', async () => {
    const [broker, databaseUrl] = await Promise.all([Mosquitto.start(), seeded()]);
    const ingest = new IngestProcess(databaseUrl, broker.url);
    await ingest.start();
    const pub = new Publisher(broker.url, 24, 'kill');
    await pub.start(40);
    await sleep(2_000);
    await ingest.kill();
    await sleep(1_500); // the broker keeps the ingest's session and queues what arrives meanwhile
    await ingest.start();
    await sleep(3_000);
    await pub.stop();
    expect(pub.failed).toBe(0);
    await expectEveryAcknowledgedPointOnce(databaseUrl, pub);
    expect(await deadLetters(databaseUrl), ingest.output).toEqual([]);
  });

  it('two ingest processes on one shared subscription: one killed with SIGKILL mid-stream, the other carries on, the killed one restarted resumes its session; every acknowledged point once', async () => {
    const [broker, databaseUrl] = await Promise.all([Mosquitto.start(), seeded()]);
    const [portA, portB] = [await freePort(), await freePort()];
    const a = new IngestProcess(databaseUrl, broker.url, { INGEST_SHARE_GROUP: 'ingest', INGEST_CLIENT_ID: 'a', METRICS_PORT: String(portA) });
    const b = new IngestProcess(databaseUrl, broker.url, { INGEST_SHARE_GROUP: 'ingest', INGEST_CLIENT_ID: 'b', METRICS_PORT: String(portB) });
    await Promise.all([a.start(), b.start()]);
    const pub = new Publisher(broker.url, 24, 'share');
    await pub.start(40);
    await sleep(2_000);
    // The broker shares the data between the two: each stores a part, and together about what was sent once.
    const [fromA, fromB] = [await a.points(), await b.points()];
    expect(fromA, a.output).toBeGreaterThan(0);
    expect(fromB, b.output).toBeGreaterThan(0);
    expect(fromA + fromB).toBeLessThan(pub.log.length * 20 * 1.5);
    await a.kill();
    const before = await b.points();
    await sleep(2_000);
    expect(await b.points(), 'the survivor goes on storing').toBeGreaterThan(before);
    await a.start(); // as systemd's Restart= does: the same client id takes up the session the broker kept
    await sleep(2_000);
    await pub.stop();
    expect(pub.failed).toBe(0);
    await expectEveryAcknowledgedPointOnce(databaseUrl, pub);
    expect(await deadLetters(databaseUrl), `${a.output}\n${b.output}`).toEqual([]);
  });

  it.runIf(canRunPostgres)('loses nothing when PostgreSQL stops mid-stream (fast shutdown) and starts again', async () => {
    const [broker, cluster] = await Promise.all([Mosquitto.start(), PrivateCluster.start()]);
    const databaseUrl = await seeded(cluster.url);
    const ingest = new IngestProcess(databaseUrl, broker.url);
    await ingest.start();
    const pub = new Publisher(broker.url, 24, 'pg');
    await pub.start(40);
    await sleep(2_000);
    cluster.down();
    await sleep(2_000);
    cluster.up();
    await sleep(3_000);
    await pub.stop();
    expect(pub.failed).toBe(0);
    await expectEveryAcknowledgedPointOnce(databaseUrl, pub);
    expect(await deadLetters(databaseUrl), ingest.output).toEqual([]);
  });

  it('dead-letters a flood of malformed messages while the good ones keep flowing', async () => {
    const [broker, databaseUrl] = await Promise.all([Mosquitto.start(), seeded()]);
    const ingest = new IngestProcess(databaseUrl, broker.url);
    await ingest.start();
    const pub = new Publisher(broker.url, 24, 'flood');
    await pub.start(40);
    const junk = await mqtt.connectAsync(broker.url, { clientId: `gb-fault-junk-${randomBytes(3).toString('hex')}` });
    cleanups.push(() => junk.endAsync(true));
    // Not protobuf (an ASCII 'g' is field 12 with wire type 7, which does not exist), not JSON, and JSON of the
    // wrong shape; on the topics of real nodes and devices, between their good messages.
    const kinds: Array<(i: number) => [string, string]> = [
      (i) => [`spBv1.0/${SPARKPLUG_GROUP}/DDATA/line-1/L1-CNC01`, `garbage ${i}`],
      (i) => [`spBv1.0/${SPARKPLUG_GROUP}/NDATA/line-2`, `garbage ${i}`],
      (i) => [`gb/v1/${SPARKPLUG_GROUP}/L1-CNC02`, `{not json ${i}`],
      (i) => [`gb/v1/${SPARKPLUG_GROUP}/L1-CNC03`, JSON.stringify({ metrics: { spindle_load: { nested: i } } })],
    ];
    const GARBAGE = 4_000;
    for (let i = 0; i < GARBAGE; i += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, k) => junk.publishAsync(...kinds[(i + k) % kinds.length](i + k), { qos: 1 })));
      await sleep(10);
    }
    await sleep(1_000);
    await pub.stop();
    expect(pub.failed).toBe(0);
    await expectEveryAcknowledgedPointOnce(databaseUrl, pub);
    await until('every malformed message to be dead-lettered', async () => (await deadLetters(databaseUrl)).reduce((s, r) => s + r.n, 0) >= GARBAGE, 20_000, 200);
    const reasons = await deadLetters(databaseUrl);
    expect(
      reasons.reduce((s, r) => s + r.n, 0),
      JSON.stringify(reasons),
    ).toBe(GARBAGE);
  });
});
