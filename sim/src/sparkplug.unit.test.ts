import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DataTemplate,
  decodePayload,
  encodeData,
  encodeDeviceBirth,
  encodeNodeBirth,
  encodeNodeDeath,
  encodePayload,
  parseTopic,
  REBIRTH_METRIC,
  toNumber,
  topic,
  type AliasedMetric,
} from './sparkplug';
import type { MetricType, MetricValue } from '@gearbridge/plant';

const TS = Date.UTC(2025, 0, 6, 8, 0, 0, 123);

const valueArb = (type: MetricType): fc.Arbitrary<MetricValue> =>
  type === 'Boolean'
    ? fc.boolean()
    : type === 'Double'
      ? fc.double({ noNaN: true })
      : type === 'Int32'
        ? fc.integer({ min: 0, max: 2 ** 31 - 1 })
        : type === 'String'
          ? // up to 300 characters of any script: bodies past 127 bytes need a longer length prefix
            fc.string({ unit: 'binary', maxLength: 300 })
          : fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

const metricArb = fc.constantFrom<MetricType>('Int32', 'Int64', 'Double', 'Boolean', 'String').chain((type) =>
  fc.record({
    type: fc.constant(type),
    alias: fc.integer({ min: 0, max: 100_000 }),
    // null is Sparkplug's is_null (an event metric in a DBIRTH)
    value: fc.oneof({ arbitrary: valueArb(type), weight: 5 }, { arbitrary: fc.constant(null), weight: 1 }),
  }),
);

describe('sparkplug encoding', () => {
  it('writes DATA payloads byte for byte as sparkplug-payload does', () => {
    fc.assert(
      fc.property(fc.array(metricArb, { maxLength: 30 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 2 ** 42 }), (ms, seq, ts) => {
        const metrics: AliasedMetric[] = ms.map((m, i) => ({ name: `m${i}`, alias: m.alias, type: m.type }));
        const values: MetricValue[] = ms.map((m) => m.value);
        const reference = encodePayload({
          timestamp: ts,
          seq,
          metrics: ms.map((m) => ({ alias: m.alias, timestamp: ts, type: m.type, value: m.value })),
        });
        expect(Buffer.from(encodeData(ts, seq, metrics, values)).equals(Buffer.from(reference))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('sends only the requested metrics, by alias and without names, and they decode to their values', () => {
    const metrics: AliasedMetric[] = [
      { name: 'state', alias: 1, type: 'Int32' },
      { name: 'part_count', alias: 2, type: 'Int64' },
      { name: 'cycle_complete', alias: 3, type: 'Boolean' },
      { name: 'temperature', alias: 300, type: 'Double', unit: '°C' },
    ];
    const decoded = decodePayload(encodeData(TS, 255, metrics, [3, 123_456_789_012, true, 41.7], [1, 3]));
    expect(toNumber(decoded.seq)).toBe(255);
    expect(toNumber(decoded.timestamp)).toBe(TS);
    expect(decoded.metrics?.map((m) => [m.name, toNumber(m.alias), toNumber(m.value), toNumber(m.timestamp)])).toEqual([
      [undefined, 2, 123_456_789_012, TS],
      [undefined, 300, 41.7, TS],
    ]);
  });

  it('births carry bdSeq, the Rebirth control without alias, and every device metric with name, alias and unit', () => {
    const nbirth = decodePayload(encodeNodeBirth(7, TS));
    expect(toNumber(nbirth.seq)).toBe(0);
    expect(nbirth.metrics?.map((m) => [m.name, m.type, m.alias, m.value === false ? false : toNumber(m.value)])).toEqual([
      ['bdSeq', 'Int64', undefined, 7],
      [REBIRTH_METRIC, 'Boolean', undefined, false],
    ]);
    const metrics: AliasedMetric[] = [
      { name: 'state', alias: 10, type: 'Int32' },
      { name: 'temperature', alias: 11, type: 'Double', unit: '°C' },
    ];
    const dbirth = decodePayload(encodeDeviceBirth(TS, 1, metrics, [1, 35.5]));
    expect(toNumber(dbirth.seq)).toBe(1);
    expect(dbirth.metrics?.map((m) => [m.name, toNumber(m.alias), m.type, m.value, toNumber(m.timestamp), m.properties?.engUnit?.value])).toEqual([
      ['state', 10, 'Int32', 1, TS, undefined],
      ['temperature', 11, 'Double', 35.5, TS, '°C'],
    ]);
  });

  it('death certificates carry only the bdSeq and no seq', () => {
    const death = decodePayload(encodeNodeDeath(255));
    expect(death.seq ?? undefined).toBeUndefined();
    expect(death.timestamp ?? undefined).toBeUndefined();
    expect(death.metrics?.map((m) => [m.name, toNumber(m.value)])).toEqual([['bdSeq', 255]]);
    expect(toNumber(decodePayload(encodeNodeDeath(3, TS)).timestamp)).toBe(TS);
  });

  it('builds and parses topics', () => {
    expect(topic('g', 'DDATA', 'line-1', 'L1-CNC01')).toBe('spBv1.0/g/DDATA/line-1/L1-CNC01');
    expect(parseTopic('spBv1.0/g/NBIRTH/line-1')).toEqual({ group: 'g', verb: 'NBIRTH', node: 'line-1' });
    expect(parseTopic('spBv1.0/g/DBIRTH/line-1/L1-CNC01')).toEqual({ group: 'g', verb: 'DBIRTH', node: 'line-1', device: 'L1-CNC01' });
    expect(parseTopic('spBv1.0/STATE/host')).toBeNull();
    expect(parseTopic('spBv1.0/g/DSTUFF/line-1')).toBeNull();
  });
});

describe('DataTemplate (the load generator’s DDATA encoder)', () => {
  const doubleOrBoolean = fc
    .constantFrom<MetricType>('Double', 'Boolean')
    .chain((type) => fc.record({ type: fc.constant(type), alias: fc.integer({ min: 0, max: 100_000 }), value: type === 'Boolean' ? fc.boolean() : fc.double() }));

  it('writes byte for byte what encodeData writes, message after message, across timestamp lengths', () => {
    fc.assert(
      fc.property(
        fc.array(doubleOrBoolean, { minLength: 1, maxLength: 30 }),
        fc.array(
          fc.tuple(
            fc.oneof(fc.integer({ min: 0, max: 2 ** 42 }), fc.integer({ min: TS - 10_000, max: TS + 10_000 })),
            fc.integer({ min: 0, max: 255 }),
            fc.array(fc.double(), { minLength: 30, maxLength: 30 }),
          ),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        (ms, messages) => {
          const metrics: AliasedMetric[] = ms.map((m, i) => ({ name: `m${i}`, alias: m.alias, type: m.type }));
          const template = new DataTemplate(metrics);
          for (const [ts, seq, numbers] of messages) {
            const values: MetricValue[] = ms.map((m, i) => (m.type === 'Boolean' ? numbers[i] > 0 : numbers[i]));
            expect(template.encode(ts, seq, values).equals(encodeData(ts, seq, metrics, values))).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sends real values and timestamps that sparkplug-payload decodes as sent', () => {
    const metrics: AliasedMetric[] = Array.from({ length: 20 }, (_, j) => ({ name: `m${j + 1}`, alias: j + 1, type: 'Double' }));
    const template = new DataTemplate(metrics);
    for (let no = 1; no <= 3; no++) {
      const values = metrics.map((_, j) => (j === 0 ? no : ((no * 31 + j * 17) % 1000) / 10));
      const p = decodePayload(template.encode(TS + no, no, values));
      expect(toNumber(p.timestamp)).toBe(TS + no);
      expect(toNumber(p.seq)).toBe(no);
      expect((p.metrics ?? []).map((m) => [toNumber(m.alias), toNumber(m.timestamp), m.value])).toEqual(values.map((v, j) => [j + 1, TS + no, v]));
    }
  });

  it('falls back to encodeData for types of varying size', () => {
    const metrics: AliasedMetric[] = [
      { name: 'a', alias: 1, type: 'Int32' },
      { name: 'b', alias: 2, type: 'Double' },
    ];
    expect(new DataTemplate(metrics).encode(TS, 5, [7, 1.5]).equals(encodeData(TS, 5, metrics, [7, 1.5]))).toBe(true);
  });
});
