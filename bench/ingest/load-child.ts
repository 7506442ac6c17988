/**
 * The load generator in a process of its own, as real edge nodes are: the benchmark forks it with the options as
 * JSON in argv and gets back, over IPC (advanced serialisation keeps the typed arrays), every acknowledged message.
 */
import { runLoad, type LoadOptions } from '@gearbridge/sim/loadgen';
import type { LoadReport } from './protocol';

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const r = await runLoad(options);
const report: LoadReport = {
  published: r.published,
  acknowledged: r.acknowledged,
  acknowledgedPoints: r.acknowledgedPoints,
  failed: r.failed,
  durationMs: r.durationMs,
  maxInflight: r.maxInflight,
  devices: r.devices.map((d) => d.device),
  log: {
    length: r.log.length,
    deviceIndex: r.log.deviceIndex.slice(0, r.log.length),
    msgNo: r.log.msgNo.slice(0, r.log.length),
    timestamp: r.log.timestamp.slice(0, r.log.length),
    points: r.log.points.slice(0, r.log.length),
    publishedAt: r.log.publishedAt.slice(0, r.log.length),
    ackedAt: r.log.ackedAt.slice(0, r.log.length),
  },
};
process.send?.(report, () => process.disconnect());
