import { describe, expect, it } from 'vitest';
import { DEFAULT_BREAKS, DeviceModel, PlantModel, type MachineState } from './model';
import { ALARM_REASONS, deviceMetrics, PLANT_DEVICES, STATE_CODES, type PlantDevice } from '@gearbridge/plant';

// Monday 2025-01-06 08:00 in Qijiang (UTC+8): the start of the morning shift.
const START = Date.UTC(2025, 0, 6, 0, 0);
const ALL = PLANT_DEVICES.map((d) => d.device);
// Long simulated runs: a few seconds on a busy shared machine.
const SLOW = 30_000;
const byCode = (code: string): PlantDevice => ALL.find((d) => d.code === code)!;

function trace(model: PlantModel, steps: number, dt: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < steps; i++) {
    model.step(dt);
    out.push(model.devices.map((d) => d.values().join(',')).join(';'));
  }
  return out;
}

describe('plant model', () => {
  it(
    'is deterministic for a seed and differs between seeds',
    () => {
      const a = trace(new PlantModel(ALL, { seed: 7, startTimeMs: START }), 500, 7);
      const b = trace(new PlantModel(ALL, { seed: 7, startTimeMs: START }), 500, 7);
      const c = trace(new PlantModel(ALL, { seed: 8, startTimeMs: START }), 500, 7);
      expect(b).toEqual(a);
      expect(c).not.toEqual(a);
    },
    SLOW,
  );

  it('gives a device the same behaviour whichever other devices are simulated with it', () => {
    const full = new PlantModel(ALL, { seed: 3, startTimeMs: START });
    const alone = new PlantModel([byCode('L4-CNC07')], { seed: 3, startTimeMs: START });
    const idx = ALL.findIndex((d) => d.code === 'L4-CNC07');
    for (let i = 0; i < 2000; i++) {
      full.step(3);
      alone.step(3);
      expect(alone.devices[0].values()).toEqual(full.devices[idx].values());
    }
  });

  it('reads values without changing the model', () => {
    const a = new DeviceModel(byCode('L1-CNC01'), { seed: 1, startTimeMs: START });
    const b = new DeviceModel(byCode('L1-CNC01'), { seed: 1, startTimeMs: START });
    for (let i = 0; i < 300; i++) {
      for (let k = 0; k < 5; k++) a.values();
      a.step(2);
      b.step(2);
    }
    expect(a.values()).toEqual(b.values());
  });

  it('publishes the metric set of its device with the declared types, event metrics as null between events', () => {
    const model = new PlantModel(ALL, { seed: 1, startTimeMs: START });
    model.step(600);
    for (const d of model.devices) {
      const values = d.values();
      expect(values).toHaveLength(d.metrics.length);
      expect(d.metrics).toEqual(deviceMetrics(d.device));
      d.metrics.forEach((m, i) => {
        const v = values[i];
        if (m.event) expect(v).toBeNull();
        else if (m.type === 'Boolean') expect(typeof v).toBe('boolean');
        else expect(Number.isFinite(v)).toBe(true);
        if (m.type === 'Int32' || m.type === 'Int64') expect(Number.isInteger(v)).toBe(true);
      });
    }
  });

  it(
    'keeps counters monotonic, and pulses cycle_complete exactly in the steps that completed a part',
    () => {
      const model = new PlantModel(ALL.slice(0, 52), { seed: 11, startTimeMs: START });
      const last = model.devices.map((d) => ({ parts: d.partCount, bad: d.badCount }));
      const violations: string[] = [];
      let pulses = 0;
      for (let i = 0; i < 6 * 3600; i++) {
        model.step(1);
        model.devices.forEach((d, k) => {
          const grew = d.partCount > last[k].parts;
          if (d.partCount < last[k].parts || d.badCount < last[k].bad || d.badCount > d.partCount) violations.push(`counters ${d.device.code} @${i}`);
          if (d.value('cycle_complete') !== grew || d.value('part_count') !== d.partCount) violations.push(`pulse ${d.device.code} @${i}`);
          if (grew) pulses++;
          last[k] = { parts: d.partCount, bad: d.badCount };
        });
      }
      expect(violations.slice(0, 5)).toEqual([]);
      expect(pulses).toBeGreaterThan(1000);
    },
    SLOW,
  );

  it(
    'scraps about 1 part in 10,000 handled by a robot over a long run (a line’s units: line.unit.test.ts)',
    () => {
      const fast = ALL.filter((d) => d.kind === 'robot');
      const model = new PlantModel(fast, { seed: 5, startTimeMs: START });
      for (let day = 0; day < 60; day++) model.step(86_400);
      const parts = model.devices.reduce((s, d) => s + d.partCount, 0);
      const bad = model.devices.reduce((s, d) => s + d.badCount, 0);
      expect(parts).toBeGreaterThan(3_000_000);
      // ~300 expected bad parts: ±30 % is five standard deviations.
      expect(bad / parts).toBeGreaterThan(0.7e-4);
      expect(bad / parts).toBeLessThan(1.3e-4);
    },
    SLOW,
  );

  it(
    'cycles every device through all five states, with 5–40 minute repairs and a reason code while down',
    () => {
      const model = new PlantModel(
        ALL.filter((_, i) => i % 5 === 0),
        { seed: 2, startTimeMs: START },
      );
      const seen = model.devices.map(() => new Set<MachineState>());
      const codes = model.devices.map((d) => new Set(ALARM_REASONS.filter((r) => r.kind === d.device.kind).map((r) => r.code)));
      const downSince = model.devices.map(() => -1);
      const repairs: number[] = [];
      const violations: string[] = [];
      const dt = 5;
      for (let t = 0; t < 4 * 86_400; t += dt) {
        model.step(dt);
        model.devices.forEach((d, k) => {
          seen[k].add(d.state);
          if (d.value('state') !== STATE_CODES[d.state]) violations.push(`state ${d.device.code} @${t}`);
          if (d.state === 'down') {
            if (!codes[k].has(d.alarmCode) || d.value('alarm_code') !== d.alarmCode) violations.push(`reason ${d.device.code} @${t}`);
            if (downSince[k] < 0) downSince[k] = t;
          } else {
            if (d.alarmCode !== 0) violations.push(`alarm while ${d.state} ${d.device.code} @${t}`);
            if (downSince[k] >= 0) repairs.push(t - downSince[k]);
            downSince[k] = -1;
          }
        });
      }
      expect(violations.slice(0, 5)).toEqual([]);
      for (const s of seen) expect([...s].sort()).toEqual(['down', 'idle', 'planned_stop', 'running', 'setup']);
      expect(repairs.length).toBeGreaterThan(100);
      expect(Math.min(...repairs)).toBeGreaterThanOrEqual(5 * 60 - dt);
      expect(Math.max(...repairs)).toBeLessThanOrEqual(40 * 60 + dt);
    },
    SLOW,
  );

  it(
    'stops for planned breaks only inside the break windows (local time, a few minutes of stagger)',
    () => {
      const model = new PlantModel(ALL, { seed: 4, startTimeMs: START });
      let stopped = 0;
      for (let t = 0; t < 86_400; t += 20) {
        model.step(20);
        const minute = (((model.devices[0].clockMs / 60_000 + 480) % 1440) + 1440) % 1440;
        const inWindow = DEFAULT_BREAKS.some((b) => {
          const into = (minute - b.startMin + 1440) % 1440;
          return into < b.durationMin + 3.5;
        });
        const planned = model.stateCounts().planned_stop;
        if (!inWindow) expect(planned).toBe(0);
        else stopped = Math.max(stopped, planned);
      }
      expect(stopped).toBeGreaterThan(ALL.length / 2);
    },
    SLOW,
  );

  it(
    'produces at the ideal cycle time or a few percent slower while running',
    () => {
      const model = new PlantModel(ALL.slice(0, 26), { seed: 9, startTimeMs: START });
      const runningS = model.devices.map(() => 0);
      const start = model.devices.map((d) => d.partCount);
      const dt = 2;
      for (let t = 0; t < 86_400; t += dt) {
        model.devices.forEach((d, k) => {
          if (d.state === 'running') runningS[k] += dt;
        });
        model.step(dt);
      }
      model.devices.forEach((d, k) => {
        const ideal = runningS[k] / d.device.idealCycleS;
        const performance = (d.partCount - start[k]) / ideal;
        expect(performance).toBeGreaterThan(0.95);
        expect(performance).toBeLessThan(1.01);
      });
    },
    SLOW,
  );

  it(
    'warms a machine up in the quarter hour before a heat-related breakdown',
    () => {
      const heat = new Set(ALARM_REASONS.filter((r) => r.precursor === 'heat').map((r) => r.code));
      const model = new PlantModel(ALL, { seed: 6, startTimeMs: START });
      const history = model.devices.map(() => [] as number[]);
      const rises: number[] = [];
      const dt = 30;
      const lag = (20 * 60) / dt;
      for (let t = 0; t < 3 * 86_400; t += dt) {
        const before = model.devices.map((d) => d.state);
        model.step(dt);
        model.devices.forEach((d, k) => {
          const h = history[k];
          h.push(d.value('temperature') as number);
          if (before[k] === 'running' && d.state === 'down' && heat.has(d.alarmCode) && h.length > lag + 1) {
            rises.push(h[h.length - 2] - h[h.length - 2 - lag]);
          }
        });
      }
      expect(rises.length).toBeGreaterThan(20);
      const mean = rises.reduce((s, x) => s + x, 0) / rises.length;
      expect(mean).toBeGreaterThan(3);
    },
    SLOW,
  );

  it(
    'drives AGVs to the charger and keeps the battery between 0 and 100 %',
    () => {
      const model = new PlantModel(
        ALL.filter((d) => d.kind === 'agv'),
        { seed: 1, startTimeMs: START },
      );
      let charged = false;
      let low = Infinity;
      let high = -Infinity;
      for (let t = 0; t < 86_400; t += 10) {
        const before = model.devices.map((d) => d.value('battery') as number);
        model.step(10);
        model.devices.forEach((d, k) => {
          const b = d.value('battery') as number;
          low = Math.min(low, b);
          high = Math.max(high, b);
          if (d.state === 'idle' && b > before[k]) charged = true;
        });
      }
      expect(charged).toBe(true);
      expect(low).toBeGreaterThanOrEqual(0);
      expect(high).toBeLessThanOrEqual(100);
    },
    SLOW,
  );

  it('rejects a negative step', () => {
    const d = new DeviceModel(byCode('L1-AGV01'), { seed: 1, startTimeMs: START });
    expect(() => d.step(-1)).toThrow(RangeError);
  });
});

describe('ideal cycle times the machines keep', () => {
  it(
    'never lets a machine beat its ideal cycle time in a shift, from its start on or in any shift after it (OEE performance ≤ 100 %)',
    () => {
      // One of each kind (the long cycles — machining 6 min, CMM 4 min — are where a half-done part showed as 200 %),
      // started mid-shift at 10:37 and run over a whole plant day: at every tenth minute, each shift's parts so far
      // × ideal cycle time fit in that shift's running time.
      const codes = ['L1-CNC01', 'L1-CNC05', 'L2-CMM01', 'L3-WSH02', 'L4-LKT01', 'L5-LSR01', 'L6-ROB02', 'L7-AGV01'];
      const start = START + (2 * 60 + 37) * 60_000;
      const dt = 2;
      let worst = 0;
      for (const code of codes) {
        const d = new DeviceModel(byCode(code), { seed: 11, startTimeMs: start });
        let shiftOf = -1;
        let parts = 0;
        let runS = 0;
        for (let t = 0; t < 26 * 3600; t += dt) {
          const shift = Math.floor(((d.clockMs - START) / 60_000 + 1440) / 480);
          if (shift !== shiftOf) [shiftOf, parts, runS] = [shift, 0, 0];
          const before = d.partCount;
          const running = d.state === 'running';
          d.step(dt);
          if (running) runS += dt;
          parts += d.partCount - before;
          if (t % 600 === 0 && parts > 0) worst = Math.max(worst, (parts * d.device.idealCycleS) / runS);
        }
        expect(d.partCount).toBeGreaterThan(0);
      }
      // Running time is sampled every 2 s, so allow that much per part boundary; the machines run ~2 % slow.
      expect(worst).toBeLessThanOrEqual(1.01);
      expect(worst).toBeGreaterThan(0.9);
    },
    SLOW,
  );
});
