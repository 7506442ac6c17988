/**
 * Random Sparkplug B payloads on the wire for property tests (codec.unit.test.ts, host.unit.test.ts): every
 * datatype and value field, aliases, names, nulls, historical and transient flags, timestamps, 64-bit values past
 * 2^53, properties and the other fields the fast scanner leaves to the library, and now and then a damaged byte
 * string. Written with the generated protobuf classes of sparkplug-payload, so any field combination can occur,
 * not only the ones its own encoder writes.
 */
import fc from 'fast-check';
import wireRoot from 'sparkplug-payload/lib/sparkplugPayloadProto.js';

export type WireMetric = wireRoot.org.eclipse.tahu.protobuf.Payload.IMetric;
export type WirePayload = wireRoot.org.eclipse.tahu.protobuf.IPayload;

export const T0 = 1_760_000_000_000;
/** Writes a payload; protobufjs gives a Buffer under Node, as MQTT does. */
export const wire = (p: WirePayload): Buffer => Buffer.from(wireRoot.org.eclipse.tahu.protobuf.Payload.encode(p).finish());

// protobufjs writes any {low, high} as a uint64; its declared type is the `long` package's class.
type Long = Exclude<NonNullable<WireMetric['longValue']>, number>;
const toLong = (v: bigint) => ({ low: Number(v & 0xffffffffn) | 0, high: Number((v >> 32n) & 0xffffffffn) | 0, unsigned: true }) as unknown as Long;

/** A uint64 field: small, around 2^32, up to 2^53, or anything up to 2^64 − 1 (as protobufjs's {low, high}). */
export const u64 = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 300 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 2 ** 33 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(toLong) },
);
const timestamp = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: T0 - 86_400_000, max: T0 + 86_400_000 }) }, { weight: 1, arbitrary: u64 });
const text = fc.oneof(
  fc.constantFrom('m01', 'state', 'alarm_code', 'bdSeq', 'Node Control/Rebirth', 'Device Control/x', 'Properties/v', '温度', ''),
  fc.string({ maxLength: 6, unit: 'binary' }),
);
const uint32 = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0xffffffe9, 0xffffff80, 0x80, 0x8000, 0xffff8000));

/** One value field, several (invalid), or none. */
export const valueFields: fc.Arbitrary<Partial<WireMetric>> = fc.oneof(
  fc.record({ intValue: uint32 }),
  fc.record({ longValue: u64 }),
  fc.record({ floatValue: fc.float() }),
  fc.record({ doubleValue: fc.double() }),
  fc.record({ booleanValue: fc.boolean() }),
  fc.record({ stringValue: text }),
  fc.record({ bytesValue: fc.uint8Array({ maxLength: 4 }) }),
  fc.constant({}),
  fc.record({ intValue: uint32, doubleValue: fc.double() }),
);

/** Any metric: each field there or not; properties or a DataSet now and then. */
export const anyMetric: fc.Arbitrary<WireMetric> = fc
  .tuple(
    fc.record(
      {
        name: text,
        alias: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 12 }) }, { weight: 1, arbitrary: u64 }),
        timestamp,
        datatype: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 15 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }) }),
        isHistorical: fc.boolean(),
        isTransient: fc.boolean(),
        isNull: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    valueFields,
    fc.oneof(
      { weight: 8, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: fc.constant<Partial<WireMetric>>({ properties: { keys: ['engUnit'], values: [{ type: 12, stringValue: '°C' }] } }) },
      { weight: 1, arbitrary: fc.constant<Partial<WireMetric>>({ datasetValue: { numOfColumns: 0, columns: [], types: [], rows: [] } }) },
    ),
  )
  .map(([base, value, extra]) => ({ ...base, ...value, ...extra }));

export function payloadOf(metrics: fc.Arbitrary<WireMetric>): fc.Arbitrary<WirePayload> {
  return fc
    .tuple(
      fc.record({ timestamp, seq: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 255 }) }, { weight: 1, arbitrary: u64 }) }, { requiredKeys: [] }),
      fc.array(metrics, { maxLength: 8 }),
      fc.oneof(
        { weight: 10, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.constant({ uuid: 'x' }) },
        { weight: 1, arbitrary: fc.constant({ body: new Uint8Array([1]) }) },
      ),
    )
    .map(([head, ms, extra]) => ({ ...head, metrics: ms, ...extra }));
}

/** The bytes of a payload, now and then cut short or with one byte changed. */
export function bytesOf(payloads: fc.Arbitrary<WirePayload>): fc.Arbitrary<Buffer> {
  return fc
    .tuple(payloads.map(wire), fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.nat({ max: 255 })) }), fc.boolean())
    .map(([b, damage, cut]) => {
      if (!damage || b.length === 0) return b;
      const i = damage[0] % b.length;
      if (cut) return b.subarray(0, i);
      const c = Buffer.from(b);
      c[i] = damage[1];
      return c;
    });
}
