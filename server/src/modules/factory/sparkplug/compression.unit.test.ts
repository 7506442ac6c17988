import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import sp from 'sparkplug-payload';
import { describe, expect, it } from 'vitest';
import { encodePayload } from './codec';
import { COMPRESSED_UUID, MAX_INFLATED_BYTES } from './compression';
import { SparkplugHost } from './host';

// Payload compression as Sparkplug 3.0 ("Payload compression") and Eclipse Tahu's PayloadUtil.compress write it: an
// outer payload with uuid "SPBV1.0_COMPRESSED", the inner payload's bytes compressed in `body`, and a String metric
// "algorithm" (DEFLATE or GZIP; none means DEFLATE). Tahu copies the inner payload's seq onto the wrapper.
const lib = sp.get('spBv1.0')!;
const G = 'grp';
const N = 'node-1';
const D = 'dev-1';
const T0 = 1_760_000_000_000;
const topic = (type: string, device?: string) => `spBv1.0/${G}/${type}/${N}${device ? `/${device}` : ''}`;

type Wrap = { algorithm?: string; seq?: number; compress?: (b: Uint8Array) => Uint8Array };
function compressed(inner: Uint8Array, w: Wrap = {}): Uint8Array {
  const body = (w.compress ?? ((b) => deflateSync(b)))(inner);
  return lib.encodePayload({
    uuid: COMPRESSED_UUID,
    body,
    ...(w.seq === undefined ? {} : { seq: w.seq }),
    metrics: w.algorithm === undefined ? [] : [{ name: 'algorithm', type: 'String', value: w.algorithm }],
  } as never);
}

const nbirth = () =>
  encodePayload({
    timestamp: T0,
    seq: 0,
    metrics: [
      { name: 'bdSeq', type: 'Int64', value: 1n },
      { name: 'Node Control/Rebirth', type: 'Boolean', value: false },
    ],
  });
const dbirth = () => encodePayload({ timestamp: T0, seq: 1, metrics: [{ name: 'temperature', alias: 7, type: 'Double', value: 20, timestamp: T0 }] });
const ddata = (seq: number, value: number, ts = T0 + seq * 1000) => encodePayload({ timestamp: ts, seq, metrics: [{ alias: 7, type: 'Double', value, timestamp: ts }] });

function birthed(fastData = true) {
  const host = new SparkplugHost({ fastData });
  expect(host.handle(topic('NBIRTH'), nbirth(), T0).deadLetters).toEqual([]);
  expect(host.handle(topic('DBIRTH', D), dbirth(), T0).deadLetters).toEqual([]);
  return host;
}
const buf = (b: Uint8Array) => Buffer.from(b);

describe('compressed Sparkplug payloads', () => {
  for (const [name, wrap] of [
    ['DEFLATE (zlib, as Tahu and pako write it)', { algorithm: 'DEFLATE' }],
    ['GZIP', { algorithm: 'GZIP', compress: (b: Uint8Array) => gzipSync(b) }],
    ['no algorithm metric: DEFLATE', {}],
    ['a raw DEFLATE stream without the zlib header', { algorithm: 'DEFLATE', compress: (b: Uint8Array) => deflateRawSync(b) }],
    ['lower-case algorithm name', { algorithm: 'gzip', compress: (b: Uint8Array) => gzipSync(b) }],
  ] as Array<[string, Wrap]>) {
    it(`reads ${name} as if it had come plain, on both the scanner's and the library's host`, () => {
      for (const fast of [true, false]) {
        const plain = birthed(fast).handle(topic('DDATA', D), buf(ddata(2, 41.5)), T0 + 5);
        const host = birthed(fast);
        const r = host.handle(topic('DDATA', D), buf(compressed(ddata(2, 41.5), wrap)), T0 + 5);
        expect(r).toEqual(plain);
        expect(r.points).toEqual([{ group: G, node: N, device: D, metric: 'temperature', ts: T0 + 2000, value: 41.5, type: 'Double' }]);
        // Its seq (2, after the DBIRTH's 1) is no gap: no rebirth request, and the next plain DATA is in order too.
        expect(r.commands).toEqual([]);
        expect(host.handle(topic('DDATA', D), buf(ddata(3, 42)), T0 + 6).commands).toEqual([]);
        expect(host.devices().find((d) => d.device === null)?.seqGaps).toBe(0);
      }
    });
  }

  it('takes the seq from the wrapper when the inner payload has none (Tahu copies it there)', () => {
    const host = birthed();
    const inner = encodePayload({ timestamp: T0, metrics: [{ alias: 7, type: 'Double', value: 1, timestamp: T0 }] });
    const r = host.handle(topic('DDATA', D), buf(compressed(inner, { seq: 2 })), T0);
    expect([r.deadLetters, r.commands, r.points.length]).toEqual([[], [], 1]);
  });

  it('reads compressed BIRTHs and DEATHs too', () => {
    const host = new SparkplugHost();
    expect(host.handle(topic('NBIRTH'), buf(compressed(nbirth(), { algorithm: 'GZIP', compress: (b) => gzipSync(b) })), T0).events).toEqual([
      { kind: 'online', group: G, node: N, device: null, at: T0, reason: 'nbirth' },
    ]);
    const birth = host.handle(topic('DBIRTH', D), buf(compressed(dbirth())), T0);
    expect(birth.points.map((p) => p.metric)).toEqual(['temperature']);
    const death = host.handle(topic('NDEATH'), buf(compressed(encodePayload({ metrics: [{ name: 'bdSeq', type: 'Int64', value: 1n }] }))), T0 + 1);
    expect(death.events.map((e) => [e.kind, e.device])).toEqual([
      ['offline', null],
      ['offline', D],
    ]);
  });

  const rejected = (payload: Uint8Array) => {
    const host = birthed();
    const r = host.handle(topic('DDATA', D), buf(payload), T0);
    expect(r.points).toEqual([]);
    expect(r.deadLetters).toHaveLength(1);
    return r.deadLetters[0];
  };

  it('dead-letters an unknown algorithm, naming it', () => {
    const d = rejected(compressed(ddata(2, 1), { algorithm: 'BROTLI' }));
    expect(d.reason).toBe('bad_compression');
    expect(d.detail).toContain('"BROTLI"');
  });

  it('dead-letters a corrupt body, an empty one, and an algorithm that is not a String', () => {
    expect(rejected(compressed(ddata(2, 1), { compress: () => Buffer.from('definitely not deflate') })).reason).toBe('bad_compression');
    const zipped = gzipSync(ddata(2, 1));
    expect(rejected(compressed(ddata(2, 1), { algorithm: 'GZIP', compress: () => zipped.subarray(0, zipped.length - 9) })).detail).toContain('cannot be decompressed');
    expect(rejected(lib.encodePayload({ uuid: COMPRESSED_UUID, metrics: [] } as never)).detail).toBe('compressed payload without a body');
    const numeric = lib.encodePayload({ uuid: COMPRESSED_UUID, body: deflateSync(ddata(2, 1)), metrics: [{ name: 'algorithm', type: 'Int32', value: 1 }] } as never);
    expect(rejected(numeric).reason).toBe('bad_compression');
  });

  it('dead-letters a body that would inflate past the limit (a zip bomb) without inflating it all', () => {
    // 1 KiB more than the limit of zeros deflates to about 17 KB.
    const bomb = deflateSync(Buffer.alloc(MAX_INFLATED_BYTES + 1024));
    expect(bomb.length).toBeLessThan(100_000);
    const d = rejected(compressed(Buffer.alloc(0), { compress: () => bomb }));
    expect(d).toMatchObject({ reason: 'bad_compression', detail: `DEFLATE body inflates past ${MAX_INFLATED_BYTES} bytes` });
  });

  it('dead-letters a compressed payload inside a compressed payload', () => {
    expect(rejected(compressed(compressed(ddata(2, 1)))).detail).toBe('a compressed payload inside a compressed payload');
  });

  it('a damaged inner payload is a bad_protobuf dead letter like a damaged plain one', () => {
    expect(rejected(compressed(Buffer.from([0x12, 0xff, 0xff]))).reason).toBe('bad_protobuf');
  });
});
