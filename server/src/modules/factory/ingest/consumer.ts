import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Packet } from 'mqtt-packet';
import type { Logger } from '../../../platform/logger';

/** Releases the broker's copy of one message: called only once the message's effects are committed. */
export type Ack = () => void;

export interface ConsumerOptions {
  url: string;
  clientId: string;
  /** Topic filters this client gets every message of. */
  topics: string[];
  /**
   * Topic filters shared with the other ingest processes, as $share/<group>/<filter>: the broker gives each message
   * to one of them. On the same connection as `topics`, so a client receives a node's messages of both in the order
   * the node sent them (a DATA before the DEATH that followed it).
   */
  shared?: { group: string; topics: string[] };
  /** MQTT 5 lets us ask the broker for a larger in-flight window (Receive Maximum) than 3.1.1's broker default. */
  protocolVersion?: 4 | 5;
  receiveMaximum?: number;
  log: Logger;
  /** A promise holds the next message back until it settles: backpressure down to the broker's TCP window. */
  onMessage(topic: string, payload: Buffer, ack: Ack): void | Promise<void>;
  /** Extra options (will message, credentials). */
  extra?: Partial<IClientOptions>;
}

/** mqtt.js's own debug output (`debug` package), wanted when DEBUG names it. */
export const mqttDebug = () => /mqttjs|\*/.test(process.env.DEBUG ?? '');
const quiet = () => {};

type SendPacket = (packet: Packet, cb?: (err?: Error) => void, cbStorePut?: () => void) => void;

/**
 * An MQTT subscriber that acknowledges a QoS 1 message only when told to, after the batch holding it committed.
 *
 * mqtt.js sends PUBACK as soon as `handleMessage` calls back, and will not read the next packet before that;
 * holding the callback would process one message at a time. So handleMessage calls back at once and the
 * PUBACK it triggers is held here instead of written, until `ack()`. The session is persistent (clean: false),
 * so messages whose PUBACK never left — because the process died or the connection dropped — are redelivered.
 */
export function startConsumer(opts: ConsumerOptions): { client: MqttClient; close(): Promise<void>; connected(): Promise<void> } {
  const v5 = (opts.protocolVersion ?? 5) === 5;
  const client = mqtt.connect(opts.url, {
    clientId: opts.clientId,
    clean: false,
    protocolVersion: v5 ? 5 : 4,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    // mqtt.js logs several debug lines a packet; off unless DEBUG asks for them (measured: bench/ingest/receive-cpu.ts).
    ...(mqttDebug() ? {} : { log: quiet }),
    ...(v5 ? { properties: { sessionExpiryInterval: 7 * 24 * 3600, receiveMaximum: opts.receiveMaximum ?? 2000 } } : {}),
    ...opts.extra,
  });
  const internals = client as unknown as { _sendPacket: SendPacket };
  const send = internals._sendPacket.bind(client);
  // PUBACKs waiting for their commit, by packet id; a connection generation tells stale acks from live ones.
  let generation = 0;
  const held = new Map<number, Packet>();
  internals._sendPacket = (packet, cb, cbStorePut) => {
    if (packet.cmd === 'puback' && packet.messageId !== undefined) {
      held.set(packet.messageId, packet);
      cb?.();
      return;
    }
    send(packet, cb, cbStorePut);
  };
  client.handleMessage = (packet, done) => {
    const qos = packet.qos;
    const id = packet.messageId;
    const gen = generation;
    const ack: Ack =
      qos === 1 && id !== undefined
        ? () => {
            // After a reconnect the broker redelivers; acknowledging the old packet id would ack something else.
            if (gen !== generation) return;
            const p = held.get(id);
            if (!p) return;
            held.delete(id);
            send(p);
          }
        : () => {};
    let later: Promise<void> | undefined;
    try {
      later = opts.onMessage(packet.topic, packet.payload as Buffer, ack) ?? undefined;
    } finally {
      if (later)
        later.then(
          () => done(),
          () => done(),
        );
      else done();
    }
  };
  client.on('close', () => {
    generation++;
    held.clear();
  });
  let connects = 0;
  client.on('connect', (connack) => {
    // The first connection is in the start banner ("ingest running"); a reconnection is news.
    opts.log[connects++ === 0 ? 'debug' : 'info']({ sessionPresent: connack.sessionPresent }, connects === 1 ? 'ingest connected to broker' : 'ingest reconnected to broker');
    const filters = [...opts.topics, ...(opts.shared?.topics.map((t) => `$share/${opts.shared!.group}/${t}`) ?? [])];
    // Re-subscribing on every connect is harmless with a kept session, and needed when the broker lost it.
    client.subscribe(filters, { qos: 1 }, (err) => {
      if (err) opts.log.error({ err }, 'subscribe failed');
    });
  });
  client.on('error', (err) => opts.log.warn({ err: err.message }, 'mqtt error'));
  return {
    client,
    connected: () =>
      new Promise((resolve, reject) => {
        if (client.connected) return resolve();
        const onErr = (err: Error) => {
          client.off('connect', onOk);
          reject(err);
        };
        const onOk = () => {
          client.off('error', onErr);
          resolve();
        };
        client.once('connect', onOk);
        client.once('error', onErr);
      }),
    // Connected: a clean disconnect once what is in flight is sent (the held acknowledgements released before it).
    // Away: at once, or end would wait for a broker that may not come back.
    close: () => new Promise((resolve) => client.end(!client.connected, {}, () => resolve())),
  };
}
