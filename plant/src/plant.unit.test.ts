import { describe, expect, it } from 'vitest';
import { ALARM_REASONS, METRICS, PLANT, PLANT_DEVICE_COUNT, PLANT_DEVICES, STATE_CODES, type DeviceKind } from './index';

describe('the demo plant', () => {
  it('has 7 lines and 180 devices with unique codes, listed line by line', () => {
    expect(PLANT).toHaveLength(7);
    expect(PLANT_DEVICE_COUNT).toBe(180);
    expect(PLANT_DEVICES).toHaveLength(180);
    expect(new Set(PLANT_DEVICES.map((d) => d.device.code)).size).toBe(180);
    expect(new Set(PLANT.map((l) => l.node)).size).toBe(7);
    expect(PLANT_DEVICES[0].line.code).toBe('L1');
    expect(PLANT_DEVICES[179].line.code).toBe('L7');
    for (const { line, device } of PLANT_DEVICES) expect(device.code.startsWith(`${line.code}-`)).toBe(true);
  });

  it('gives every kind the common metrics once each, state and alarm_code as Int32', () => {
    for (const [kind, metrics] of Object.entries(METRICS) as [DeviceKind, (typeof METRICS)[DeviceKind]][]) {
      const names = metrics.map((m) => m.name);
      expect(new Set(names).size, kind).toBe(names.length);
      for (const common of ['state', 'alarm_code', 'part_count', 'bad_count', 'cycle_complete', 'temperature']) expect(names, kind).toContain(common);
      expect(metrics.find((m) => m.name === 'state')?.type).toBe('Int32');
      expect(metrics.find((m) => m.name === 'alarm_code')?.type).toBe('Int32');
    }
    expect(new Set(Object.values(STATE_CODES)).size).toBe(Object.keys(STATE_CODES).length);
  });

  it('has unique alarm codes, each for a kind of machine the plant has, named in Chinese and English', () => {
    expect(new Set(ALARM_REASONS.map((r) => r.code)).size).toBe(ALARM_REASONS.length);
    const kinds = new Set(PLANT_DEVICES.map((d) => d.device.kind));
    for (const r of ALARM_REASONS) {
      expect(kinds.has(r.kind), String(r.code)).toBe(true);
      expect(r.zh.length * r.en.length, String(r.code)).toBeGreaterThan(0);
    }
    // Every kind of machine can break down for at least one reason.
    for (const kind of kinds)
      expect(
        ALARM_REASONS.some((r) => r.kind === kind),
        kind,
      ).toBe(true);
  });
});
