import { describe, expect, it } from 'vitest';
import { StationEventInput } from './production';

const base = { deviceId: '3f1c2b9e-1d2a-4c3b-8e4f-5a6b7c8d9e0f', serial: 'L1-1', event: 'complete', result: 'OK' } as const;
const many = (n: number, value: (i: number) => unknown) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`C${i}`, value(i)]));

describe('a station report is bounded', () => {
  it('takes up to 50 measurements and 20 lots, refuses more with the field named', () => {
    expect(StationEventInput.safeParse({ ...base, measurements: many(50, (i) => i), lots: many(20, (i) => `LOT-${i}`) }).success).toBe(true);
    const tooMany = StationEventInput.safeParse({ ...base, measurements: many(51, (i) => i), lots: many(21, (i) => `LOT-${i}`) });
    expect(tooMany.success).toBe(false);
    expect(tooMany.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['measurements', 'factory.validation.too_many_measurements'],
      ['lots', 'factory.validation.too_many_lots'],
    ]);
  });
});
