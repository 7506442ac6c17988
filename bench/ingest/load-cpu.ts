/**
 * `node --import tsx bench/ingest/load-cpu.ts [--rate 300000] [--duration 5] [--rounds 3]`: the load generator's own
 * CPU per message and per point, against a private Mosquitto with no ingest (the broker acknowledges QoS 1 itself),
 * best of `rounds`. The generator runs in this process; its CPU is this process's user + system time over the run.
 */
import { parseArgs } from 'node:util';
import { runLoad } from '@gearbridge/sim/loadgen';
import { startMosquitto } from './services';

const { values: args } = parseArgs({
  options: { rate: { type: 'string', default: '300000' }, duration: { type: 'string', default: '5' }, rounds: { type: 'string', default: '3' } },
});
const broker = await startMosquitto();
try {
  let best = Infinity;
  for (let r = 0; r < Number(args.rounds); r++) {
    const c0 = process.cpuUsage();
    const res = await runLoad({
      url: broker.url,
      group: 'load-cpu',
      devices: 180,
      metrics: 20,
      rate: Number(args.rate),
      durationS: Number(args.duration),
      inflight: 1000,
      record: false,
    });
    const c = process.cpuUsage(c0);
    const us = (c.user + c.system) / res.acknowledged;
    best = Math.min(best, us);
    process.stdout.write(
      `offered ${args.rate} points/s: ${res.acknowledged} messages acknowledged, ${Math.round(res.acknowledgedPointsPerS)} points/s; load generator ${us.toFixed(1)} µs CPU a message (${(us / 20).toFixed(2)} a point; user ${(c.user / 1e6).toFixed(2)} s, system ${(c.system / 1e6).toFixed(2)} s)\n`,
    );
  }
  process.stdout.write(`best: ${best.toFixed(1)} µs a message, ${(best / 20).toFixed(2)} µs a point\n`);
} finally {
  await broker.close();
}
