import { METRICS } from '@gearbridge/plant';
import fc from 'fast-check';
import sp from 'sparkplug-payload';
import wireRoot from 'sparkplug-payload/lib/sparkplugPayloadProto.js';
import { describe, expect, it } from 'vitest';
import {
  DATATYPES,
  PayloadError,
  ScannedPayload,
  decodePayload,
  decodeRawPayload,
  encodePayload,
  interpretMetric,
  scanPayload,
  scannedValue,
  type PayloadErrorReason,
} from './codec';
import { anyMetric, bytesOf, payloadOf, wire as wireBuffer } from './test/arbitraries';

const T0 = 1_760_000_000_000;
const lib = sp.get('spBv1.0')!;
// Hand-made wire payloads for what sparkplug-payload's encoder will not write (other encoders' choices, garbage).
const wire = (p: wireRoot.org.eclipse.tahu.protobuf.IPayload) => wireRoot.org.eclipse.tahu.protobuf.Payload.encode(p).finish();
// 2^64 − 1 as a protobuf varint: a uint64 no JS number holds.
const U64_MAX = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
// A metric { name: 'x', datatype: Int32, int_value: 1, timestamp: 2^64 − 1 } inside a payload, byte by byte.
const metricWithHugeTimestamp = () => {
  const metric = [0x0a, 0x01, 0x78, 0x20, 0x03, 0x50, 0x01, 0x18, ...U64_MAX];
  return new Uint8Array([0x12, metric.length, ...metric]);
};

function reasonOf(fn: () => unknown): PayloadErrorReason | 'no error' | 'other error' {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return e instanceof PayloadError ? e.reason : 'other error';
  }
}

describe('decodePayload', () => {
  it('decodes a plant DBIRTH written by sparkplug-payload: numbers, not Longs, for timestamps, seq and aliases', () => {
    const sample = { Int32: 3, Int64: 1_234_567, Double: 41.5, Boolean: true, String: 'OK' } as const;
    const buf = lib.encodePayload({
      timestamp: T0,
      seq: 1,
      metrics: METRICS.cnc.map((m, i) => ({ name: m.name, alias: 100 + i, type: m.type, value: sample[m.type], timestamp: T0 - i })),
    });
    const p = decodePayload(buf);
    expect(p.timestamp).toBe(T0);
    expect(p.seq).toBe(1);
    expect(p.metrics).toHaveLength(METRICS.cnc.length);
    p.metrics.forEach((m, i) => {
      const def = METRICS.cnc[i];
      expect(m).toEqual({
        name: def.name,
        alias: 100 + i,
        type: def.type,
        timestamp: T0 - i,
        value: sample[def.type],
        isNull: false,
        isHistorical: false,
        isTransient: false,
        unsupported: false,
      });
    });
  });

  it.each([
    ['Int8', -23],
    ['Int8', 127],
    ['Int16', -300],
    ['Int32', -5],
    ['Int32', 2_147_483_647],
    ['UInt8', 255],
    ['UInt16', 65_535],
    ['UInt32', 3_000_000_000],
    ['Int64', -5],
    ['Int64', 2 ** 53 - 1],
    ['UInt64', 2 ** 53 - 1],
    ['DateTime', T0],
    ['Float', 1.5],
    ['Double', -0.125],
    ['Boolean', false],
    ['String', '主轴过载'],
    ['Text', 'long text'],
    ['UUID', '123e4567-e89b-12d3-a456-426614174000'],
  ] as const)('round-trips %s %s through sparkplug-payload', (type, value) => {
    const [m] = decodePayload(lib.encodePayload({ metrics: [{ name: 'x', type, value }] })).metrics;
    expect(m).toMatchObject({ type, value, isNull: false });
  });

  it('reads what sparkplug-payload 1.0.3 misreads: Int8 -23 sent as 0xE9, a missing Int32 value', () => {
    const buf = wire({
      metrics: [
        { name: 'x', datatype: 1, intValue: 0xe9 },
        { name: 'y', datatype: 3 },
      ],
    });
    expect(lib.decodePayload(buf).metrics!.map((m) => m.value)).toEqual([233, 0]);
    expect(decodePayload(buf).metrics.map((m) => m.value)).toEqual([-23, null]);
  });

  it('accepts a negative Int8 encoded in its own width (0xE9) or sign-extended to 32 bits (0xFFFFFFE9)', () => {
    for (const intValue of [0xe9, 0xffffffe9]) {
      expect(decodePayload(wire({ metrics: [{ name: 'x', datatype: 1, intValue }] })).metrics[0].value).toBe(-23);
    }
    expect(decodePayload(wire({ metrics: [{ name: 'x', datatype: 2, intValue: 0xfed4 }] })).metrics[0].value).toBe(-300);
  });

  it('rejects integers outside their type range as bad_metric', () => {
    expect(reasonOf(() => decodePayload(wire({ metrics: [{ name: 'x', datatype: 5, intValue: 256 }] })))).toBe('bad_metric');
    expect(reasonOf(() => decodePayload(wire({ metrics: [{ name: 'x', datatype: 1, intValue: 0xffff0000 }] })))).toBe('bad_metric');
  });

  // Documented behaviour for 64-bit integers a JS number cannot hold exactly: the exact decimal string.
  it.each([
    ['Int64', 2n ** 53n + 1n, '9007199254740993'],
    ['Int64', -(2n ** 63n), '-9223372036854775808'],
    ['UInt64', 2n ** 64n - 1n, '18446744073709551615'],
  ] as const)('decodes %s %s beyond 2^53 as its exact decimal string', (type, value, text) => {
    const [m] = decodePayload(encodePayload({ metrics: [{ name: 'big', type, value }] })).metrics;
    expect(m).toMatchObject({ type, value: text });
  });

  it('round-trips any Int64 exactly: a number when safe, else a decimal string (property)', () => {
    fc.assert(
      fc.property(fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n), (v) => {
        const [m] = decodePayload(encodePayload({ metrics: [{ name: 'x', type: 'Int64', value: v }] })).metrics;
        const safe = v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER);
        expect(m.value).toBe(safe ? Number(v) : v.toString());
      }),
    );
  });

  it('round-trips any Int32 and UInt32 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.nat({ max: 2 ** 32 - 1 }), (i, u) => {
        const p = decodePayload(
          encodePayload({
            metrics: [
              { name: 'i', type: 'Int32', value: i },
              { name: 'u', type: 'UInt32', value: u },
            ],
          }),
        );
        expect(p.metrics.map((m) => m.value)).toEqual([i, u]);
      }),
    );
  });

  it('reads is_null as a null value of the declared type', () => {
    const [m] = decodePayload(lib.encodePayload({ metrics: [{ name: 'x', type: 'Double', value: null }] })).metrics;
    expect(m).toMatchObject({ type: 'Double', value: null, isNull: true });
  });

  it('reads a metric with no value and no is_null as null rather than dropping the payload', () => {
    const [m] = decodePayload(wire({ metrics: [{ name: 'x', datatype: 3 }] })).metrics;
    expect(m).toMatchObject({ type: 'Int32', value: null, isNull: true });
  });

  it('marks DataSet, Bytes and Template metrics unsupported with a null value', () => {
    const buf = lib.encodePayload({
      metrics: [
        { name: 'ds', type: 'DataSet', value: { numOfColumns: 1, columns: ['a'], types: ['Int32'], rows: [[1]] } },
        { name: 'raw', type: 'Bytes', value: new Uint8Array([1, 2]) },
        { name: 'tpl', type: 'Template', value: { isDefinition: true, metrics: [] } },
      ],
    });
    expect(decodePayload(buf).metrics.map((m) => [m.type, m.unsupported, m.value])).toEqual([
      ['DataSet', true, null],
      ['Bytes', true, null],
      ['Template', true, null],
    ]);
  });

  it('carries is_historical and is_transient', () => {
    const [m] = decodePayload(encodePayload({ metrics: [{ name: 'x', type: 'Int32', value: 1, isHistorical: true, isTransient: true }] })).metrics;
    expect(m).toMatchObject({ isHistorical: true, isTransient: true });
  });

  it.each([
    ['bytes that are no protobuf', new Uint8Array([0xff, 0xff, 0xff, 0xff]), 'bad_protobuf'],
    ['a truncated payload', lib.encodePayload({ timestamp: T0, metrics: [{ name: 'x', type: 'String', value: 'abc' }] }).slice(0, -2), 'bad_protobuf'],
    ['a payload timestamp beyond 2^53', new Uint8Array([0x08, ...U64_MAX]), 'bad_protobuf'],
    ['a seq beyond 2^53', new Uint8Array([0x18, ...U64_MAX]), 'bad_protobuf'],
    ['a metric with neither name nor alias', wire({ metrics: [{ datatype: 3, intValue: 1 }] }), 'bad_metric'],
    ['an unknown datatype', wire({ metrics: [{ name: 'x', datatype: 99, intValue: 1 }] }), 'bad_metric'],
    ['the Unknown datatype', wire({ metrics: [{ name: 'x', datatype: 0, intValue: 1 }] }), 'bad_metric'],
    ['a metric timestamp beyond 2^53', metricWithHugeTimestamp(), 'bad_metric'],
    ['a metric without datatype', wire({ metrics: [{ alias: 4, intValue: 1 }] }), 'bad_metric'],
    ['two value fields', wire({ metrics: [{ name: 'x', datatype: 3, intValue: 1, stringValue: 'a' }] }), 'bad_metric'],
    ['a Boolean carried as a string', wire({ metrics: [{ name: 'x', datatype: 11, stringValue: 'true' }] }), 'wrong_type'],
    ['a String carried as a double', wire({ metrics: [{ name: 'x', datatype: 12, doubleValue: 1 }] }), 'wrong_type'],
    ['an Int32 carried as a double', wire({ metrics: [{ name: 'x', datatype: 3, doubleValue: 1 }] }), 'wrong_type'],
  ])('throws PayloadError for %s', (_what, buf, reason) => {
    expect(reasonOf(() => decodePayload(buf))).toBe(reason);
  });

  it('decodes an empty buffer as an empty payload (protobuf cannot tell it from garbage)', () => {
    expect(decodePayload(new Uint8Array())).toEqual({ metrics: [] });
  });

  it('throws nothing but PayloadError, whatever the bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(reasonOf(() => decodePayload(bytes))).not.toBe('other error');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decodeRawPayload and interpretMetric', () => {
  it('leave a DATA metric without datatype to be read with the type BIRTH declared', () => {
    const raw = decodeRawPayload(wire({ seq: 7, metrics: [{ alias: 4, intValue: 0xfffffffb, timestamp: T0 }] }));
    expect(raw.seq).toBe(7);
    expect(raw.metrics[0]).toMatchObject({ alias: 4, timestamp: T0 });
    expect(raw.metrics[0].datatype).toBeUndefined();
    expect(interpretMetric(raw.metrics[0], 3)).toMatchObject({ alias: 4, type: 'Int32', value: -5 });
    expect(interpretMetric(raw.metrics[0], 7)).toMatchObject({ type: 'UInt32', value: 4_294_967_291 });
  });
});

describe('encodePayload', () => {
  it('writes the Rebirth command as sparkplug-payload reads it', () => {
    const buf = encodePayload({ timestamp: T0, metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }] });
    const decoded = lib.decodePayload(buf);
    expect(decoded.metrics).toEqual([{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }]);
    expect(Number(decoded.timestamp)).toBe(T0);
  });

  it('writes alias-only metrics without a name', () => {
    const [m] = decodeRawPayload(encodePayload({ seq: 3, metrics: [{ alias: 9, type: 'Double', value: 2.5 }] })).metrics;
    expect(m.name).toBeUndefined();
    expect(m.alias).toBe(9);
  });
});

describe('scanPayload (the fast scanner)', () => {
  /** What the library's path makes of a metric, in the scanner's terms. */
  const envelope = (s: ScannedPayload, i: number) => ({
    name: s.name[i],
    alias: s.alias[i] === -1 ? undefined : s.alias[i],
    timestamp: s.ts[i] === -1 ? undefined : s.ts[i],
    datatype: s.datatype[i] === -1 ? undefined : s.datatype[i],
    isNull: s.isNull[i],
    isHistorical: s.isHistorical[i],
    isTransient: s.isTransient[i],
  });

  it('reads every payload it takes exactly as sparkplug-payload does, and every value as interpretMetric does', () => {
    let total = 0;
    let taken = 0;
    let values = 0;
    const s = new ScannedPayload();
    fc.assert(
      fc.property(bytesOf(payloadOf(anyMetric)), (buf) => {
        total++;
        if (!scanPayload(buf, s)) return;
        taken++;
        const raw = decodeRawPayload(buf); // the library must read what the scanner took
        expect(s.timestamp === -1 ? undefined : s.timestamp).toBe(raw.timestamp);
        expect(s.seq === -1 ? undefined : s.seq).toBe(raw.seq);
        expect(s.count).toBe(raw.metrics.length);
        raw.metrics.forEach((m, i) => {
          const { wire: _, ...rest } = m;
          expect(envelope(s, i)).toEqual({ name: undefined, alias: undefined, timestamp: undefined, datatype: undefined, ...rest });
          for (let d = 1; d < DATATYPES.length; d++) {
            const fast = scannedValue(s, i, d);
            if (fast === undefined) continue; // left to the library
            values++;
            const slow = interpretMetric(m, d); // must not throw where the scanner read a value
            expect(slow.unsupported).toBe(false);
            expect(fast).toBe(slow.value);
            expect(slow.isNull).toBe(fast === null);
          }
        });
      }),
      { numRuns: 4000 },
    );
    // Not vacuous: the random metrics mix every field (most payloads hold one the scanner leaves), yet it takes
    // about a fifth of them whole and reads thousands of values.
    expect(taken / total).toBeGreaterThan(0.1);
    expect(values).toBeGreaterThan(2000);
  });

  it('takes the scalar metrics edge nodes send, by alias or name, with every scalar type in its own field', () => {
    const scalars: Array<[string, number, object, unknown]> = [
      ['Int8', 1, { intValue: 0xe9 }, -23],
      ['Int8 sign-extended', 1, { intValue: 0xffffffe9 }, -23],
      ['Int16', 2, { intValue: 0xfed4 }, -300],
      ['Int32', 3, { intValue: 0xfffffffb }, -5],
      ['Int64', 4, { longValue: 1_234_567 }, 1_234_567],
      ['UInt8', 5, { intValue: 200 }, 200],
      ['UInt16', 6, { intValue: 65_535 }, 65_535],
      ['UInt32', 7, { intValue: 0xffffffff }, 0xffffffff],
      ['UInt64', 8, { longValue: Number.MAX_SAFE_INTEGER }, Number.MAX_SAFE_INTEGER],
      ['Float', 9, { floatValue: 1.5 }, 1.5],
      ['Double', 10, { doubleValue: -0.1 }, -0.1],
      ['Boolean', 11, { booleanValue: true }, true],
      ['String', 12, { stringValue: '主轴 ok' }, '主轴 ok'],
      ['DateTime', 13, { longValue: T0 }, T0],
      ['Text', 14, { stringValue: '' }, ''],
      ['UUID', 15, { stringValue: 'a-b' }, 'a-b'],
      ['null', 10, { isNull: true }, null],
    ];
    const s = new ScannedPayload();
    for (const [what, datatype, value, expected] of scalars) {
      const buf = wireBuffer({
        timestamp: T0,
        seq: 4,
        metrics: [
          { alias: 7, timestamp: T0 + 1, datatype, ...value },
          { name: 'x', datatype, isHistorical: true, ...value },
        ],
      });
      expect(scanPayload(buf, s), what).toBe(true);
      expect([scannedValue(s, 0, datatype), scannedValue(s, 1, datatype)], what).toEqual([expected, expected]);
      expect(interpretMetric(decodeRawPayload(buf).metrics[0], datatype).value, what).toEqual(expected);
    }
  });

  it('leaves to the library what it does not read: properties, DataSets, 64-bit values past 2^53, garbage', () => {
    const s = new ScannedPayload();
    const cases: Array<[string, Buffer]> = [
      ['properties', wireBuffer({ metrics: [{ name: 'a', datatype: 10, doubleValue: 1, properties: { keys: ['engUnit'], values: [{ type: 12, stringValue: 'mm' }] } }] })],
      ['DataSet', wireBuffer({ metrics: [{ name: 'a', datatype: 16, datasetValue: { numOfColumns: 0, columns: [], types: [], rows: [] } }] })],
      ['uuid', wireBuffer({ uuid: 'u', metrics: [] })],
      ['uint64 past 2^53', Buffer.from([0x12, 0x0c, 0x10, 0x01, 0x58, ...U64_MAX])],
      ['two value fields', wireBuffer({ metrics: [{ alias: 1, intValue: 1, doubleValue: 2 }] })],
      ['no name, no alias', wireBuffer({ metrics: [{ datatype: 10, doubleValue: 2 }] })],
      ['truncated', wireBuffer({ timestamp: T0, metrics: [{ alias: 1, doubleValue: 2 }] }).subarray(0, 12)],
      ['invalid UTF-8', Buffer.from([0x12, 0x03, 0x0a, 0x01, 0xff])],
    ];
    for (const [what, buf] of cases) expect(scanPayload(buf, s), what).toBe(false);
  });
});
