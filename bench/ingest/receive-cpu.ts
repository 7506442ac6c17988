/**
 * `node --import tsx bench/ingest/receive-cpu.ts [--rate 300000] [--duration 5]`: the ingest's CPU a message before
 * the database — the MQTT consumer (mqtt.js, PUBACK held and released) alone, then with the Sparkplug host's
 * `read` — against a private Mosquitto fed by the load generator in a process of its own. Each message is
 * acknowledged as soon as it is read (no batches, no COPY), so this is the receiving side's share of the path.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startConsumer } from '../../server/src/modules/factory/ingest/consumer';
import { SparkplugHost } from '../../server/src/modules/factory/sparkplug/host';
import { createLogger } from '../../server/src/platform/logger';
import { startMosquitto } from './services';

const { values: args } = parseArgs({ options: { rate: { type: 'string', default: '300000' }, duration: { type: 'string', default: '5' } } });
const broker = await startMosquitto();
const log = createLogger('warn');

function load(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(
      fileURLToPath(new URL('./load-child.ts', import.meta.url)),
      [JSON.stringify({ url: broker.url, group: 'rx', devices: 180, metrics: 20, rate: Number(args.rate), durationS: Number(args.duration), record: false })],
      {
        execArgv: ['--import', 'tsx'],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
}

try {
  for (const mode of ['consumer only', 'consumer + host.read', 'consumer only', 'consumer + host.read'] as const) {
    const host = new SparkplugHost();
    let messages = 0;
    let points = 0;
    // Released together after the messages read in one go, as a batch's commit releases them (not inside onMessage:
    // the consumer holds a PUBACK only once onMessage has returned).
    let acks: Array<() => void> = [];
    const release = () => {
      const due = acks;
      acks = [];
      for (const a of due) a();
    };
    const consumer = startConsumer({
      url: broker.url,
      clientId: `rx-${Date.now()}`,
      topics: ['spBv1.0/#'],
      protocolVersion: 5,
      log,
      onMessage: (topic, payload, ack) => {
        messages++;
        if (mode !== 'consumer only') points += host.read(topic, payload, Date.now()).points.length;
        if (acks.push(ack) === 1) setImmediate(release);
      },
    });
    await consumer.connected();
    await new Promise((r) => setTimeout(r, 300));
    const c0 = process.cpuUsage();
    await load();
    await new Promise((r) => setTimeout(r, 500));
    const c = process.cpuUsage(c0);
    const us = (c.user + c.system) / messages;
    process.stdout.write(`${mode.padEnd(22)} ${messages} messages${points ? `, ${points} points` : ''}: ${us.toFixed(1)} µs CPU a message (${(us / 20).toFixed(2)} a point)\n`);
    await consumer.close();
  }
} finally {
  await broker.close();
}
