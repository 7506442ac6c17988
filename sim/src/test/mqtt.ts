/**
 * Test helpers: an embedded Aedes broker on a free port, the machine's Mosquitto, and a plain mqtt.js subscriber
 * that records every Sparkplug message of a group in arrival order.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Aedes } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import { decodePayload, encodePayload, parseTopic, REBIRTH_METRIC, toNumber, topic, type ParsedTopic, type UPayload } from '../sparkplug';

export const MOSQUITTO_URL = 'mqtt://127.0.0.1:1883';

export interface TestBroker {
  name: string;
  url: string;
  /** Clients that connected since the start (Aedes only). */
  connections: () => number;
  close: () => Promise<void>;
}

export async function startAedes(port = 0): Promise<TestBroker & { port: number }> {
  const broker = await Aedes.createBroker();
  let connections = 0;
  broker.on('client', () => connections++);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as net.AddressInfo).port;
  return {
    name: 'aedes',
    port: actual,
    url: `mqtt://127.0.0.1:${actual}`,
    connections: () => connections,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}

export function mosquitto(): TestBroker {
  return { name: 'mosquitto', url: MOSQUITTO_URL, connections: () => -1, close: async () => undefined };
}

/**
 * A Mosquitto of our own on a free port (the machine's one on 1883 must not be restarted): `crash` kills it with
 * SIGKILL, as a power cut would; start it again with the same port. `unlimitedQueues` lifts Mosquitto's default
 * limits on queued and in-flight messages per client (1,000 queued): with them, a subscriber that falls behind on a
 * loaded machine loses messages at the broker, which is not what a test of the publisher is about.
 */
export async function startMosquitto(port = 0, opts: { unlimitedQueues?: boolean } = {}): Promise<TestBroker & { port: number; crash: () => Promise<void> }> {
  const chosen = port || (await freePort());
  let args = ['-p', String(chosen)];
  if (opts.unlimitedQueues) {
    const conf = path.join(mkdtempSync(path.join(tmpdir(), 'gb-sim-mosquitto-')), 'mosquitto.conf');
    writeFileSync(conf, [`listener ${chosen} 127.0.0.1`, 'allow_anonymous true', 'max_queued_messages 0', 'max_inflight_messages 0', 'log_dest none', ''].join('\n'));
    args = ['-c', conf];
  }
  const child = spawn('mosquitto', args, { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 5_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(chosen, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`mosquitto did not start on port ${chosen}`);
    await sleep(20);
  }
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    name: 'mosquitto (own)',
    port: chosen,
    url: `mqtt://127.0.0.1:${chosen}`,
    connections: () => -1,
    crash: () => stop('SIGKILL'),
    close: () => stop('SIGTERM'),
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A Sparkplug group id no other test run uses. */
export function uniqueGroup(label: string): string {
  return `simtest-${label}-${randomUUID().slice(0, 8)}`;
}

export interface Captured extends ParsedTopic {
  topic: string;
  payload: UPayload;
  seq: number | undefined;
  /** bdSeq metric of NBIRTH / NDEATH. */
  bdSeq: number | undefined;
  qos: number;
}

export interface Capture {
  messages: Captured[];
  client: MqttClient;
  of: (verb: ParsedTopic['verb']) => Captured[];
  waitFor: (predicate: (messages: Captured[]) => boolean, timeoutMs?: number, what?: string) => Promise<void>;
  /** Publishes NCMD Node Control/Rebirth = true to a node, as a host application does. */
  requestRebirth: (node: string) => Promise<void>;
  close: () => Promise<void>;
}

export async function capture(url: string, group: string): Promise<Capture> {
  const client = await mqtt.connectAsync(url, { clientId: `simtest-sub-${randomUUID().slice(0, 8)}`, clean: true, reconnectPeriod: 0 });
  const messages: Captured[] = [];
  client.on('message', (t, payload, packet) => {
    const parsed = parseTopic(t);
    if (!parsed || parsed.verb === 'NCMD' || parsed.verb === 'DCMD') return;
    const decoded = decodePayload(payload);
    const bd = decoded.metrics?.find((m) => m.name === 'bdSeq');
    messages.push({
      ...parsed,
      topic: t,
      payload: decoded,
      seq: decoded.seq === undefined || decoded.seq === null ? undefined : toNumber(decoded.seq),
      bdSeq: bd ? toNumber(bd.value) : undefined,
      qos: packet.qos,
    });
  });
  await client.subscribeAsync(`spBv1.0/${group}/#`, { qos: 1 });
  const waitFor = async (predicate: (m: Captured[]) => boolean, timeoutMs = 10_000, what = 'condition') => {
    const end = Date.now() + timeoutMs;
    while (!predicate(messages)) {
      if (Date.now() > end)
        throw new Error(
          `timed out waiting for ${what}; got ${messages.length} messages: ${messages
            .slice(-5)
            .map((m) => `${m.verb} ${m.device ?? m.node} seq=${m.seq}`)
            .join(', ')}`,
        );
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return {
    messages,
    client,
    of: (verb) => messages.filter((m) => m.verb === verb),
    waitFor,
    requestRebirth: async (node) => {
      const payload = encodePayload({ timestamp: Date.now(), metrics: [{ name: REBIRTH_METRIC, type: 'Boolean', value: true }] });
      await client.publishAsync(topic(group, 'NCMD', node), Buffer.from(payload), { qos: 0 });
    },
    close: () => client.endAsync(),
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
