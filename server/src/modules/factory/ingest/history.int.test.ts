import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { previousShiftStart, Simulator } from '@gearbridge/sim';
import { startTestApp, type TestApp } from '../../../test/harness';
import { createLogger } from '../../../platform/logger';
import { parseModuleConfig } from '../../../platform/config';
import { localDay } from '../../../platform/time';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker';
import { startIngest, type Ingest } from './service';
import { FactoryConfigSchema } from '../config';
import { factoryContext, factoryDb, factoryHandle } from '../db';
import { startFactoryRuntime } from '../runtime';
import { monitorSpc } from '../production/quality.service';

/**
 * The demo's history (SimulatorOptions.history, runtime.ts): the simulator replays the recent past through MQTT and
 * the ingest, so the previous shift has its records — and a restarted demo does not replay again.
 */
const TEST_SECRET = 'factory-test-secret-0123456789abcdef';
const H = 3_600_000;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function until<T>(check: () => Promise<T | undefined | false>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not in time`);
}

const db = () => t.platform.handle.db;
const rowsBefore = async (ms: number) =>
  Number(
    (
      await db()
        .selectFrom('factory_telemetry')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('ts', '<', new Date(ms))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the demo history', () => {
  it('replays the past on the first start of an empty demo database, and not again on a restart', async () => {
    const logged: string[] = [];
    const log = createLogger(
      'info',
      new Writable({
        write(chunk, _enc, done) {
          logged.push(String(chunk));
          done();
        },
      }),
    );
    const start = () =>
      startFactoryRuntime(
        factoryContext({
          ...t.platform.ctx,
          config: { ...t.platform.ctx.config, demo: true },
          log,
          // A registry of its own per start (the ingest registers its metrics once per registry).
          metrics: new Registry(),
          moduleConfig: parseModuleConfig(FactoryConfigSchema, { MQTT_PORT: '0', GEARBRIDGE_SIMULATE: '1', SIMULATE_HISTORY_H: '0.2' }),
        }),
      );
    const first = Date.now();
    expect(await rowsBefore(first + H)).toBe(0);
    const runtime = await start();
    try {
      expect(runtime.lines[0]).toContain('replaying the last 0.2 h first');
      await until(async () => logged.some((l) => l.includes('the simulator is live')), 120_000, 'replay done');
    } finally {
      await runtime.stop();
    }
    // Telemetry of the 12 minutes before the start, and the progress in the log: one line per tenth and the end.
    const past = await rowsBefore(first - 60_000);
    expect(past).toBeGreaterThan(1000);
    const progress = logged.filter((l) => l.includes('plant history')).map((l) => JSON.parse(l) as { percent: number; cpuS: number });
    // 12 steps of 60 s: the tenths are passed at 17 %, 25 % … (one line each), then 100 % at the end.
    expect(progress.slice(0, -1).map((p) => Math.floor(p.percent / 10))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(progress.at(-1)!.percent).toBe(100);
    expect(progress.at(-1)!.cpuS).toBeGreaterThan(0);
    // Nothing of the replay is refused: no unit event of a birth's very millisecond collides with the birth's nulls.
    const letters = await db().selectFrom('factory_dead_letters').select(['reason', 'detail']).execute();
    expect(letters).toEqual([]);

    // Restarted on the same database: live at once, nothing stamped before this start added.
    logged.length = 0;
    // What the first run wrote up to a second before the restart (its last live data may be stamped closer).
    const again = Date.now();
    const before = await rowsBefore(again - 1_000);
    const second = await start();
    try {
      expect(second.lines[0]).not.toContain('replaying');
      expect(second.lines[0]).toContain('plant simulator running');
      await until(async () => (await rowsBefore(Date.now() + H)) > before + 500, 60_000, 'live telemetry');
    } finally {
      await second.stop();
    }
    expect(await rowsBefore(again - 1_000)).toBe(before);
    expect(logged.some((l) => l.includes('plant history'))).toBe(false);
  }, 180_000);

  it("gives the previous shift the article's figures from its records: 70–80 housings, NOK rare, OEE, SPC studies", async () => {
    // Line 1 alone (its 26 devices), from 2 h before the previous shift (the line fills up) to now.
    const broker: EmbeddedBroker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', secret: TEST_SECRET });
    const url = `mqtt://${broker.platform.username}:${broker.platform.password}@127.0.0.1:${broker.port}`;
    const ingest: Ingest = await startIngest({
      handle: factoryHandle(t.platform.handle),
      databaseUrl: t.platform.ctx.config.databaseUrl,
      mqttUrl: url,
      log: createLogger('silent'),
      protocolVersion: 4,
      hostId: 'history-test',
    });
    await ingest.connected();
    const now = Date.now();
    const from = previousShiftStart(now);
    const sim = new Simulator({
      url: `mqtt://${broker.simulator.username}:${broker.simulator.password}@127.0.0.1:${broker.port}`,
      devices: 26,
      seed: 7,
      clientIdPrefix: `history-test-${process.pid}`,
      history: { fromMs: from },
    });
    try {
      sim.start();
      await sim.caughtUp;
      // Everything the broker acknowledged is committed.
      await until(async () => sim.nodes.every((n) => n.inflight === 0) && ingest.pipeline.pendingAgeMs() === 0, 60_000, 'ingest caught up');
    } finally {
      await sim.stop();
      await ingest.close();
      await broker.close();
    }
    const stats = sim.stats();
    expect(stats.refused).toBe(0);
    expect(stats.failed).toBe(0);

    // The previous shift is the one that began 2 h after the replay did; find it in the report's shifts by its start.
    const manager = await t.login('gear.manager');
    const l1 = ((await manager.get('/api/factory/lines')).json() as { id: string; code: string }[]).find((l) => l.code === 'L1')!;
    const shiftStart = new Date(from + 2 * H).toISOString();
    let report: { output: { good: number; nok: number; firstPassYield: number | null }; oee: unknown; hourly: { good: number }[] } | undefined;
    for (const day of [localDay(from + 2 * H), localDay(from + 2 * H - 24 * H)]) {
      for (const code of ['A', 'B', 'C']) {
        const r = (await manager.get(`/api/factory/shift-report?lineId=${l1.id}&day=${day}&shift=${code}`)).json();
        if (r.shift?.start === shiftStart && !r.shift.inProgress) report = r;
      }
    }
    expect(report, `no report of the shift from ${shiftStart}`).toBeDefined();
    // The article: 70–80 housings a line and shift; 1 in 10,000 NOK (≈ 100 ppm), so none or one in a shift.
    expect(report!.output.good).toBeGreaterThanOrEqual(70);
    expect(report!.output.good).toBeLessThanOrEqual(80);
    expect(report!.output.nok).toBeLessThanOrEqual(1);
    expect(report!.output.firstPassYield).toBeGreaterThanOrEqual(0.98);
    // Every hour of the shift made housings (the line was full from the start), and OEE was computed from its states.
    expect(report!.hourly.every((h) => h.good > 0)).toBe(true);
    expect(report!.oee).not.toBeNull();
    // Enough subgroups for the first SPC study of line 1's characteristics.
    const spc = await monitorSpc(factoryDb(db()));
    expect(spc.studies).toBeGreaterThan(0);
  }, 600_000);
});
