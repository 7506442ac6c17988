import { METRICS, PLANT, SPARKPLUG_GROUP } from '@gearbridge/plant';
import fc from 'fast-check';
import sp from 'sparkplug-payload';
import wireRoot from 'sparkplug-payload/lib/sparkplugPayloadProto.js';
import { describe, expect, it } from 'vitest';
import { ScannedPayload, encodePayload, scanPayload, type EncodableMetric } from './codec';
import { JSON_NODE, SparkplugHost, pointsOf, type HostResult } from './host';
import { anyMetric, bytesOf, payloadOf, valueFields, type WireMetric } from './test/arbitraries';

// A line of the reference plant: one edge node per line, one device per machine (sim/src/plant.ts).
const G = SPARKPLUG_GROUP;
const N = PLANT[0].node;
const CNC = PLANT[0].devices.find((d) => d.kind === 'cnc')!.code;
const T0 = 1_760_000_000_000;
const lib = sp.get('spBv1.0')!;
const wire = (p: wireRoot.org.eclipse.tahu.protobuf.IPayload) => wireRoot.org.eclipse.tahu.protobuf.Payload.encode(p).finish();

const topic = (type: string, device?: string, node = N) => `spBv1.0/${G}/${type}/${node}${device ? `/${device}` : ''}`;

function nbirth(opts: { seq?: number; bdSeq?: number; ts?: number } = {}): Uint8Array {
  const ts = opts.ts ?? T0;
  return lib.encodePayload({
    timestamp: ts,
    seq: opts.seq ?? 0,
    metrics: [
      { name: 'bdSeq', type: 'Int64', value: opts.bdSeq ?? 0, timestamp: ts },
      { name: 'Node Control/Rebirth', type: 'Boolean', value: false, timestamp: ts },
      { name: 'Properties/Software', alias: 1, type: 'String', value: 'gearbridge-sim', timestamp: ts },
      { name: 'uplink_rssi', alias: 2, type: 'Int32', value: -61, timestamp: ts },
    ],
  });
}

/** The CNC machine's metrics as the simulator declares them, aliases 100 + index. */
const CNC_METRICS = METRICS.cnc;
const alias = (name: string) => 100 + CNC_METRICS.findIndex((m) => m.name === name);
const BIRTH_VALUE = { Int32: 1, Int64: 0, Double: 20.5, Boolean: false, String: '' } as const;

function dbirth(seq: number, ts = T0, aliasOf = alias): Uint8Array {
  return lib.encodePayload({
    timestamp: ts,
    seq,
    metrics: CNC_METRICS.map((m) => ({ name: m.name, alias: aliasOf(m.name), type: m.type, value: BIRTH_VALUE[m.type], timestamp: ts })),
  });
}

/** A DATA (or DDEATH) payload; null leaves the payload timestamp out, undefined the seq. */
function data(seq: number | undefined, metrics: EncodableMetric[], ts: number | null = T0): Uint8Array {
  return encodePayload({ ...(ts === null ? {} : { timestamp: ts }), ...(seq === undefined ? {} : { seq }), metrics });
}

const ndeath = (bdSeq: number) => lib.encodePayload({ metrics: [{ name: 'bdSeq', type: 'Int64', value: bdSeq }] });

/** A host that has seen line-1's NBIRTH (seq 0) and the CNC's DBIRTH (seq 1). */
function birthed(options?: ConstructorParameters<typeof SparkplugHost>[0]) {
  const host = new SparkplugHost(options);
  host.handle(topic('NBIRTH'), nbirth({ bdSeq: 3 }), T0);
  host.handle(topic('DBIRTH', CNC), dbirth(1), T0);
  return host;
}

const decodeCommand = (r: HostResult) => r.commands.map((c) => ({ ...c, payload: lib.decodePayload(c.payload) }));

describe('SparkplugHost: births and data', () => {
  it('turns NBIRTH → DBIRTH → DDATA (aliases only) into points with the right names, values and timestamps', () => {
    const host = new SparkplugHost();
    const nb = host.handle(topic('NBIRTH'), nbirth(), T0 + 5);
    expect(nb.events).toEqual([{ kind: 'online', group: G, node: N, device: null, at: T0 + 5, reason: 'nbirth' }]);
    expect(nb.points).toEqual([
      { group: G, node: N, device: null, metric: 'Properties/Software', ts: T0, value: 'gearbridge-sim', type: 'String' },
      { group: G, node: N, device: null, metric: 'uplink_rssi', ts: T0, value: -61, type: 'Int32' },
    ]);

    const db = host.handle(topic('DBIRTH', CNC), dbirth(1, T0 + 10), T0 + 11);
    expect(db.events).toEqual([{ kind: 'online', group: G, node: N, device: CNC, at: T0 + 11, reason: 'dbirth' }]);
    expect(db.points).toHaveLength(CNC_METRICS.length);
    expect(db.points.find((p) => p.metric === 'spindle_load')).toEqual({
      group: G,
      node: N,
      device: CNC,
      metric: 'spindle_load',
      ts: T0 + 10,
      value: 20.5,
      type: 'Double',
    });

    const dd = host.handle(
      topic('DDATA', CNC),
      data(
        2,
        [
          { alias: alias('spindle_load'), type: 'Double', value: 87.25, timestamp: T0 + 1000 },
          { alias: alias('part_count'), type: 'Int64', value: 1234, timestamp: T0 + 1001 },
          { alias: alias('cycle_complete'), type: 'Boolean', value: true }, // no metric timestamp: the payload's
        ],
        T0 + 1002,
      ),
      T0 + 1500,
    );
    expect(dd).toEqual({
      points: [
        { group: G, node: N, device: CNC, metric: 'spindle_load', ts: T0 + 1000, value: 87.25, type: 'Double' },
        { group: G, node: N, device: CNC, metric: 'part_count', ts: T0 + 1001, value: 1234, type: 'Int64' },
        { group: G, node: N, device: CNC, metric: 'cycle_complete', ts: T0 + 1002, value: true, type: 'Boolean' },
      ],
      deadLetters: [],
      commands: [],
      events: [],
    });
  });

  it('stamps a point with receive time when neither metric nor payload has a timestamp', () => {
    const host = birthed();
    const r = host.handle(topic('DDATA', CNC), data(2, [{ alias: alias('temperature'), type: 'Double', value: 30 }], null), T0 + 42);
    expect(r.points.map((p) => p.ts)).toEqual([T0 + 42]);
  });

  it('resolves NDATA against the NBIRTH table, by alias or by name', () => {
    const host = birthed();
    const r = host.handle(
      topic('NDATA'),
      data(2, [
        { alias: 2, type: 'Int32', value: -70 },
        { name: 'uplink_rssi', type: 'Int32', value: -71 },
      ]),
      T0,
    );
    expect(r.points.map((p) => [p.device, p.metric, p.value])).toEqual([
      [null, 'uplink_rssi', -70],
      [null, 'uplink_rssi', -71],
    ]);
  });

  it('reads a DATA metric without datatype with the type its BIRTH declared', () => {
    const host = birthed();
    // Int32 -5 in the uint32 field, no datatype: as edge nodes that follow "alias only in DATA" send it.
    const r = host.handle(topic('DDATA', CNC), wire({ seq: 2, timestamp: T0, metrics: [{ alias: alias('alarm_code'), intValue: 0xfffffffb }] }), T0);
    expect(r.points).toEqual([{ group: G, node: N, device: CNC, metric: 'alarm_code', ts: T0, value: -5, type: 'Int32' }]);
  });

  it('does not store bdSeq, Node Control/* or transient metrics as points, but keeps historical ones with their time', () => {
    const host = birthed();
    const r = host.handle(
      topic('DDATA', CNC),
      data(2, [
        { alias: alias('temperature'), type: 'Double', value: 31, isTransient: true },
        { alias: alias('temperature'), type: 'Double', value: 29, isHistorical: true, timestamp: T0 - 60_000 },
      ]),
      T0,
    );
    expect(r.points.map((p) => [p.value, p.ts])).toEqual([[29, T0 - 60_000]]);
  });

  // Documented: 64-bit values a JS number cannot hold exactly are kept as their exact decimal string.
  it('keeps an Int64 counter beyond 2^53 as its exact decimal string', () => {
    const host = birthed();
    const r = host.handle(topic('DDATA', CNC), data(2, [{ alias: alias('part_count'), type: 'Int64', value: 2n ** 53n + 1n }]), T0);
    expect(r.points[0]).toMatchObject({ metric: 'part_count', value: '9007199254740993', type: 'Int64' });
  });

  it('tracks online state and last-seen time per node and device', () => {
    const host = birthed();
    host.handle(topic('DDATA', CNC), data(2, [{ alias: alias('state'), type: 'Int32', value: 3 }]), T0 + 9_000);
    expect(host.devices()).toEqual([
      { group: G, node: N, device: null, online: true, lastSeen: T0 + 9_000, since: T0, seqGaps: 0 },
      { group: G, node: N, device: CNC, online: true, lastSeen: T0 + 9_000, since: T0, seqGaps: 0 },
    ]);
  });
});

describe('SparkplugHost: seq', () => {
  it('takes the wrap 255 → 0 as in order', () => {
    const host = birthed();
    const results: HostResult[] = [];
    for (let i = 2; i <= 256 + 5; i++) {
      results.push(host.handle(topic('DDATA', CNC), data(i % 256, [{ alias: alias('vibration'), type: 'Double', value: i }]), T0 + i));
    }
    expect(results.flatMap((r) => r.commands)).toEqual([]);
    expect(results.flatMap((r) => r.points)).toHaveLength(260);
    expect(host.devices()[0].seqGaps).toBe(0);
  });

  it('on a gap accepts the data, counts the gap and requests one Rebirth by NCMD', () => {
    const host = birthed();
    const r = host.handle(topic('DDATA', CNC), data(5, [{ alias: alias('state'), type: 'Int32', value: 2 }]), T0 + 100);
    expect(r.points).toHaveLength(1);
    expect(r.deadLetters).toEqual([]);
    expect(decodeCommand(r)).toEqual([
      {
        kind: 'rebirth',
        group: G,
        node: N,
        topic: `spBv1.0/${G}/NCMD/${N}`,
        qos: 0,
        retain: false,
        cause: 'seq_gap',
        payload: { timestamp: expect.anything(), metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: true, timestamp: expect.anything() }] },
      },
    ]);
    expect(Number(lib.decodePayload(r.commands[0].payload).timestamp)).toBe(T0 + 100);
    expect(host.devices()[0].seqGaps).toBe(1);
    // Resynchronised on the received seq: the next message in order is no gap.
    host.handle(topic('DDATA', CNC), data(6, [{ alias: alias('state'), type: 'Int32', value: 1 }]), T0 + 10_000);
    expect(host.devices()[0].seqGaps).toBe(1);
  });

  it('does not request another Rebirth within rebirthIntervalMs, and does after it', () => {
    const host = birthed({ rebirthIntervalMs: 10_000 });
    const gap = (seq: number, now: number) => host.handle(topic('DDATA', CNC), data(seq, [{ alias: alias('state'), type: 'Int32', value: 1 }]), now).commands.length;
    expect(gap(10, T0 + 1_000)).toBe(1);
    expect(gap(20, T0 + 5_000)).toBe(0);
    expect(gap(30, T0 + 10_999)).toBe(0);
    expect(gap(40, T0 + 11_000)).toBe(1);
    expect(host.devices()[0].seqGaps).toBe(4);
  });

  it('uses 5 s as the default interval, and a clock that stepped back does not silence requests', () => {
    const host = birthed();
    const gap = (seq: number, now: number) => host.handle(topic('NDATA'), data(seq, [{ alias: 2, type: 'Int32', value: -60 }]), now).commands.length;
    expect(gap(10, T0 + 1_000)).toBe(1);
    expect(gap(20, T0 + 5_999)).toBe(0);
    expect(gap(30, T0 + 6_000)).toBe(1);
    expect(gap(40, T0 - 3_600_000)).toBe(1);
  });

  it('treats a missing seq as a gap', () => {
    const host = birthed();
    expect(host.handle(topic('NDATA'), data(undefined, [{ alias: 2, type: 'Int32', value: -60 }]), T0).commands).toHaveLength(1);
  });

  it('counts DBIRTH and DDEATH in the sequence', () => {
    const host = birthed();
    const other = PLANT[0].devices[1].code;
    const out = [
      host.handle(topic('DBIRTH', other), dbirth(2), T0),
      host.handle(topic('DDEATH', other), data(3, []), T0),
      host.handle(topic('DDATA', CNC), data(4, [{ alias: alias('state'), type: 'Int32', value: 1 }]), T0),
    ];
    expect(out.flatMap((r) => r.commands)).toEqual([]);
  });

  it("can leave seq unchecked when the process sees only part of a node's messages", () => {
    const host = birthed({ checkSequence: false });
    const r = host.handle(topic('DDATA', CNC), data(77, [{ alias: alias('state'), type: 'Int32', value: 1 }]), T0);
    expect(r.commands).toEqual([]);
    expect(r.points).toHaveLength(1);
  });
});

describe('SparkplugHost: a new NBIRTH', () => {
  it("takes the devices offline at the NBIRTH's own time — a replay's, an hour back — never later than it arrived", () => {
    const host = birthed();
    const back = host.handle(topic('NBIRTH'), nbirth({ bdSeq: 3, ts: T0 - 3_600_000 }), T0 + 5);
    expect(back.events[0]).toEqual({ kind: 'offline', group: G, node: N, device: CNC, at: T0 - 3_600_000, reason: 'node_birth' });
    const again = birthed();
    const ahead = again.handle(topic('NBIRTH'), nbirth({ bdSeq: 3, ts: T0 + 3_600_000 }), T0 + 5);
    expect(ahead.events[0]).toEqual({ kind: 'offline', group: G, node: N, device: CNC, at: T0 + 5, reason: 'node_birth' });
  });

  it('resets seq and aliases, and holds devices offline until their new DBIRTH', () => {
    const host = birthed();
    for (let i = 2; i < 60; i++) host.handle(topic('DDATA', CNC), data(i, [{ alias: alias('state'), type: 'Int32', value: 1 }]), T0);

    const nb = host.handle(topic('NBIRTH'), nbirth({ bdSeq: 3, ts: T0 + 1 }), T0 + 1);
    expect(nb.events).toEqual([
      { kind: 'offline', group: G, node: N, device: CNC, at: T0 + 1, reason: 'node_birth' },
      { kind: 'online', group: G, node: N, device: null, at: T0 + 1, reason: 'nbirth' },
    ]);
    expect(nb.commands).toEqual([]);
    // The old session's alias no longer resolves: the device has no BIRTH in this session.
    const early = host.handle(topic('DDATA', CNC), data(1, [{ alias: alias('state'), type: 'Int32', value: 1 }]), T0 + 2);
    expect(early.deadLetters.map((d) => d.reason)).toEqual(['no_birth']);

    // The new DBIRTH numbers the metrics differently: seq 2 follows the NBIRTH's 0 and the early message's 1.
    const reversed = (name: string) => 200 - CNC_METRICS.findIndex((m) => m.name === name);
    const db = host.handle(topic('DBIRTH', CNC), dbirth(2, T0 + 3, reversed), T0 + 3);
    expect(db.commands).toEqual([]);
    const dd = host.handle(topic('DDATA', CNC), data(3, [{ alias: reversed('temperature'), type: 'Double', value: 55 }]), T0 + 4);
    expect(dd.commands).toEqual([]);
    expect(dd.points.map((p) => [p.metric, p.value])).toEqual([['temperature', 55]]);
  });

  it('dead-letters an NBIRTH that gives one alias to two metrics, leaving the node without a BIRTH', () => {
    const host = new SparkplugHost();
    const buf = lib.encodePayload({
      timestamp: T0,
      seq: 0,
      metrics: [
        { name: 'a', alias: 1, type: 'Int32', value: 1 },
        { name: 'b', alias: 1, type: 'Int32', value: 2 },
      ],
    });
    const r = host.handle(topic('NBIRTH'), buf, T0);
    expect(r).toMatchObject({ points: [], events: [], deadLetters: [{ reason: 'bad_metric' }] });
    expect(host.devices()).toEqual([]);
  });
});

describe('SparkplugHost: deaths', () => {
  it("ignores an NDEATH whose bdSeq is not the current NBIRTH's (a late will of an earlier session)", () => {
    const host = birthed();
    expect(host.handle(topic('NDEATH'), ndeath(2), T0 + 1)).toEqual({ points: [], deadLetters: [], commands: [], events: [] });
    expect(host.devices().every((d) => d.online)).toBe(true);
  });

  it('takes the node and all its devices offline on the matching NDEATH', () => {
    const host = birthed();
    const r = host.handle(topic('NDEATH'), ndeath(3), T0 + 7);
    expect(r.events).toEqual([
      { kind: 'offline', group: G, node: N, device: null, at: T0 + 7, reason: 'ndeath' },
      { kind: 'offline', group: G, node: N, device: CNC, at: T0 + 7, reason: 'node_death' },
    ]);
    expect(host.devices().map((d) => [d.device, d.online, d.since, d.lastSeen])).toEqual([
      [null, false, T0 + 7, T0],
      [CNC, false, T0 + 7, T0],
    ]);
    // A second copy of the will changes nothing.
    expect(host.handle(topic('NDEATH'), ndeath(3), T0 + 8).events).toEqual([]);
    // Data after the death needs a new BIRTH.
    const late = host.handle(topic('DDATA', CNC), data(2, [{ alias: alias('state'), type: 'Int32', value: 1 }]), T0 + 9);
    expect(late.deadLetters.map((d) => d.reason)).toEqual(['no_birth']);
    expect(late.commands.map((c) => c.cause)).toEqual(['no_birth']);
  });

  it('ignores an NDEATH for a node it never saw', () => {
    expect(new SparkplugHost().handle(topic('NDEATH'), ndeath(0), T0)).toEqual({ points: [], deadLetters: [], commands: [], events: [] });
  });

  it('takes one device offline on DDEATH, leaving the node online', () => {
    const host = birthed();
    const r = host.handle(topic('DDEATH', CNC), data(2, []), T0 + 3);
    expect(r.events).toEqual([{ kind: 'offline', group: G, node: N, device: CNC, at: T0 + 3, reason: 'ddeath' }]);
    expect(host.devices().map((d) => [d.device, d.online])).toEqual([
      [null, true],
      [CNC, false],
    ]);
    const after = host.handle(topic('DDATA', CNC), data(3, [{ alias: alias('state'), type: 'Int32', value: 1 }]), T0 + 4);
    expect(after.deadLetters.map((d) => d.reason)).toEqual(['no_birth']);
  });
});

describe('SparkplugHost: dead letters', () => {
  it('dead-letters a whole DDATA with one unknown alias and requests a Rebirth', () => {
    const host = birthed();
    const r = host.handle(
      topic('DDATA', CNC),
      data(2, [
        { alias: alias('temperature'), type: 'Double', value: 30 },
        { alias: 999, type: 'Double', value: 1 },
      ]),
      T0 + 1,
    );
    expect(r.points).toEqual([]);
    expect(r.deadLetters).toEqual([{ topic: topic('DDATA', CNC), reason: 'unknown_alias', detail: 'alias 999 is not in the DBIRTH', at: T0 + 1 }]);
    expect(r.commands.map((c) => [c.cause, c.topic])).toEqual([['unknown_alias', `spBv1.0/${G}/NCMD/${N}`]]);
  });

  it('dead-letters data from a node with no NBIRTH seen and requests a Rebirth, once per interval', () => {
    const host = new SparkplugHost();
    const msg = () => data(17, [{ alias: 1, type: 'Double', value: 1 }]);
    const first = host.handle(topic('DDATA', CNC), msg(), T0);
    expect(first.deadLetters).toEqual([{ topic: topic('DDATA', CNC), reason: 'no_birth', detail: `DDATA from edge node ${N} without its NBIRTH`, at: T0 }]);
    expect(first.commands.map((c) => c.cause)).toEqual(['no_birth']);
    expect(host.handle(topic('NDATA'), msg(), T0 + 1).commands).toEqual([]);
    expect(host.handle(topic('DBIRTH', CNC), dbirth(1), T0 + 2).deadLetters.map((d) => d.reason)).toEqual(['no_birth']);
  });

  it('dead-letters DDATA from a device with no DBIRTH and requests a Rebirth of its node', () => {
    const host = birthed();
    const r = host.handle(topic('DDATA', 'L1-CNC99'), data(2, [{ alias: 1, type: 'Double', value: 1 }]), T0);
    expect(r.deadLetters.map((d) => [d.reason, d.detail])).toEqual([['no_birth', 'DDATA from device L1-CNC99 without its DBIRTH']]);
    expect(r.commands.map((c) => [c.node, c.cause])).toEqual([[N, 'no_birth']]);
  });

  it('dead-letters a metric whose type differs from its BIRTH as wrong_type', () => {
    const host = birthed();
    const r = host.handle(topic('DDATA', CNC), data(2, [{ alias: alias('state'), type: 'Double', value: 1.5 }]), T0);
    expect(r.deadLetters.map((d) => [d.reason, d.detail])).toEqual([['wrong_type', 'metric "state" is Double but Int32 in the DBIRTH']]);
    expect(r.commands.map((c) => c.cause)).toEqual(['wrong_type']);
  });

  it.each([
    ['garbage on an NBIRTH topic', topic('NBIRTH'), new Uint8Array([0xde, 0xad, 0xbe, 0xef]), 'bad_protobuf'],
    ['garbage on a DDATA topic', topic('DDATA', CNC), new Uint8Array([0xff, 0xff, 0xff]), 'bad_protobuf'],
    ['a topic that fits no format', 'factory/line-1/temperature', new Uint8Array([1]), 'unknown_topic'],
    ['a Sparkplug topic with a wildcard in it', 'spBv1.0/g/NDATA/#', new Uint8Array(), 'unknown_topic'],
    ['JSON that is not JSON', 'gb/v1/qijiang-gear/L1-LSR01', new TextEncoder().encode('{oops'), 'bad_json'],
    ['JSON with an object as value', 'gb/v1/qijiang-gear/L1-LSR01', new TextEncoder().encode('{"metrics":{"t":{"v":1}}}'), 'wrong_type'],
  ])('dead-letters %s', (_what, t, payload, reason) => {
    const r = birthed().handle(t, payload, T0);
    expect(r.deadLetters).toEqual([{ topic: t, reason, detail: expect.any(String), at: T0 }]);
    expect(r.points).toEqual([]);
  });

  it("ignores commands and STATE messages, its own or another host's, whatever their payload", () => {
    const host = birthed();
    const empty = { points: [], deadLetters: [], commands: [], events: [] };
    for (const t of [topic('NCMD'), topic('DCMD', CNC), 'spBv1.0/STATE/gearbridge', 'spBv1.0/STATE/ignition']) {
      expect(host.handle(t, new Uint8Array([0xff, 0x00]), T0)).toEqual(empty);
    }
  });

  it('never throws and never fails internally, whatever arrives on whatever topic (property)', () => {
    const id = fc.constantFrom(G, N, CNC, 'x', '');
    const type = fc.constantFrom('NBIRTH', 'NDATA', 'NDEATH', 'NCMD', 'DBIRTH', 'DDATA', 'DDEATH', 'DCMD', 'STATE', 'junk');
    const anyTopic = fc.oneof(
      fc.string(),
      fc.tuple(type, id, id).map(([t, n, d]) => `spBv1.0/${G}/${t}/${n}${t.startsWith('D') ? `/${d}` : ''}`),
      id.map((d) => `gb/v1/${G}/${d}`),
    );
    const anyPayload = fc.oneof(
      fc.uint8Array({ maxLength: 120 }),
      fc.constantFrom(nbirth(), dbirth(1), ndeath(3), data(2, [{ alias: alias('state'), type: 'Int32', value: 1 }])),
      fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v))),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(anyTopic, anyPayload, fc.integer({ min: 0, max: 2 ** 45 })), { maxLength: 30 }), (messages) => {
        const host = birthed();
        for (const [t, payload, now] of messages) {
          const r = host.handle(t, payload, now);
          expect(r.deadLetters.filter((d) => d.reason === 'internal_error')).toEqual([]);
          if (r.deadLetters.length > 0) expect(r.points).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('SparkplugHost: JSON devices', () => {
  it('turns a JSON message into points under the JSON_NODE node, online with its first message', () => {
    const host = new SparkplugHost();
    const t = 'gb/v1/qijiang-gear/L1-LSR01';
    const first = host.handle(t, new TextEncoder().encode('{"ts":1760000000000,"metrics":{"temperature":24.5,"marking":true}}'), T0 + 50);
    expect(first.points).toEqual([
      { group: G, node: JSON_NODE, device: 'L1-LSR01', metric: 'temperature', ts: T0, value: 24.5, type: 'Double' },
      { group: G, node: JSON_NODE, device: 'L1-LSR01', metric: 'marking', ts: T0, value: true, type: 'Boolean' },
    ]);
    expect(first.events).toEqual([{ kind: 'online', group: G, node: JSON_NODE, device: 'L1-LSR01', at: T0 + 50, reason: 'first_message' }]);
    const second = host.handle(t, new TextEncoder().encode('{"metrics":{"temperature":25}}'), T0 + 60);
    expect(second.events).toEqual([]);
    expect(second.points.map((p) => p.ts)).toEqual([T0 + 60]);
    expect(host.devices()).toEqual([{ group: G, node: JSON_NODE, device: 'L1-LSR01', online: true, lastSeen: T0 + 60, since: T0 + 50, seqGaps: 0 }]);
  });

  it('sends a silent JSON device offline as of its last message, once, and online again with its next one', () => {
    const host = new SparkplugHost();
    const msg = new TextEncoder().encode('{"metrics":{"temperature":25}}');
    host.handle('gb/v1/qijiang-gear/L1-LSR01', msg, T0);
    host.handle('gb/v1/qijiang-gear/L1-LSR02', msg, T0 + 200_000);
    // 5 minutes after LSR01's message: LSR01 is silent past the timeout, LSR02 is not.
    expect(host.sweep(T0 + 299_999, 300_000).events).toEqual([]);
    expect(host.sweep(T0 + 300_000, 300_000).events).toEqual([{ kind: 'offline', group: G, node: JSON_NODE, device: 'L1-LSR01', at: T0, reason: 'silent' }]);
    expect(host.sweep(T0 + 310_000, 300_000).events).toEqual([]);
    expect(host.devices().map((d) => d.device)).toEqual(['L1-LSR02']);
    const back = host.handle('gb/v1/qijiang-gear/L1-LSR01', msg, T0 + 400_000);
    expect(back.events).toEqual([{ kind: 'online', group: G, node: JSON_NODE, device: 'L1-LSR01', at: T0 + 400_000, reason: 'first_message' }]);
  });
});

describe('SparkplugHost.stateMessage', () => {
  it('gives the v3.0 STATE birth and will: retained, QoS 1, JSON {online, timestamp}', () => {
    const host = new SparkplugHost();
    const birth = host.stateMessage('gearbridge', true, T0);
    expect(birth).toEqual({ topic: 'spBv1.0/STATE/gearbridge', payload: '{"online":true,"timestamp":1760000000000}', qos: 1, retain: true });
    expect(JSON.parse(host.stateMessage('gearbridge', false, T0).payload)).toEqual({ online: false, timestamp: T0 });
  });
});

describe('SparkplugHost: the fast DATA path', () => {
  // A DBIRTH of six metrics with random scalar types (and a control and a transient one), then random DATA.
  const BIRTH_TYPES = fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 6, maxLength: 6 });
  const NAMES = ['m01', 'state', 'alarm_code', 'Device Control/Reboot', 'temp', 'note'];
  const birthOf = (types: number[]) =>
    wire({
      timestamp: T0,
      seq: 1,
      metrics: types.map((datatype, i) => ({ name: NAMES[i], alias: i + 1, datatype, timestamp: T0, isNull: true, isTransient: i === 5 })),
    });
  /** A value in the field a datatype goes in (Int64 now and then in the uint32 field). */
  const valueFor = (datatype: number): fc.Arbitrary<Partial<WireMetric>> => {
    if ([4, 8, 13].includes(datatype)) return fc.oneof(fc.record({ longValue: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }) }), fc.record({ intValue: fc.nat() }));
    if (datatype <= 7) return fc.record({ intValue: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 0xffffffff })) });
    if (datatype <= 10) return fc.oneof(fc.record({ doubleValue: fc.double() }), fc.record({ floatValue: fc.float() }));
    if (datatype === 11) return fc.record({ booleanValue: fc.boolean() });
    return fc.record({ stringValue: fc.string({ maxLength: 4 }) });
  };
  /** DATA metrics mostly as an edge node sends them: a BIRTH alias (or name), its type or none, its value field. */
  const plausible = (types: number[]): fc.Arbitrary<WireMetric> =>
    fc
      .tuple(
        fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 1, arbitrary: fc.constant(-1) }),
        fc.boolean(),
        fc.record({ timestamp: fc.integer({ min: T0, max: T0 + 10_000 }), isHistorical: fc.boolean(), isTransient: fc.boolean(), isNull: fc.boolean() }, { requiredKeys: [] }),
        fc.oneof({ weight: 6, arbitrary: fc.constant('none') }, { weight: 4, arbitrary: fc.constant('birth') }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 15 }) }),
      )
      .chain(([i, byName, rest, typed]) => {
        const id = i === -1 ? { alias: 7 } : byName ? { name: NAMES[i] } : { alias: i + 1 };
        const datatype = typed === 'none' ? undefined : typed === 'birth' ? types[Math.max(0, i)] : typed;
        const value = fc.oneof({ weight: 15, arbitrary: valueFor(datatype ?? types[Math.max(0, i)]) }, { weight: 1, arbitrary: valueFields });
        return value.map((v) => ({ ...id, ...rest, ...(datatype === undefined ? {} : { datatype }), ...v }));
      });
  const dataMessage = (types: number[]) =>
    fc.record({
      to: fc.constantFrom('DDATA', 'DDATA', 'DDATA', 'NDATA', 'DDATA-other'),
      payload: bytesOf(payloadOf(fc.oneof({ weight: 15, arbitrary: plausible(types) }, { weight: 1, arbitrary: anyMetric }))),
    });

  it('gives exactly what the library path gives: points, dead letters, rebirths, events, seq gaps (property)', () => {
    let fastPoints = 0;
    const scratch = new ScannedPayload();
    const session = BIRTH_TYPES.chain((types) => fc.tuple(fc.constant(types), fc.array(dataMessage(types), { minLength: 1, maxLength: 12 })));
    fc.assert(
      fc.property(session, fc.boolean(), ([types, messages], checkSequence) => {
        const hosts = [new SparkplugHost({ checkSequence }), new SparkplugHost({ checkSequence, fastData: false })];
        for (const h of hosts) {
          h.handle(topic('NBIRTH'), nbirth({ bdSeq: 1 }), T0);
          h.handle(topic('DBIRTH', CNC), birthOf(types), T0);
        }
        messages.forEach((m, k) => {
          const t = m.to === 'NDATA' ? topic('NDATA') : m.to === 'DDATA-other' ? topic('DDATA', 'nobody') : topic('DDATA', CNC);
          const now = T0 + 20_000 + k * 1000;
          const [fast, slow] = hosts.map((h) => h.handle(t, m.payload, now));
          expect(fast).toEqual(slow);
          // Points the fast path produced: a payload the scanner takes, to a device born, resolved without a dead letter.
          if (m.to === 'DDATA' && scanPayload(m.payload, scratch) && !fast.deadLetters.length) fastPoints += fast.points.length;
        });
        expect(hosts[0].devices()).toEqual(hosts[1].devices());
      }),
      { numRuns: 1000 },
    );
    expect(fastPoints).toBeGreaterThan(300); // ~700 in 1,000 sessions: not vacuous
  });

  it('reads the load generator’s DDATA (20 Doubles by alias) into columns without the library', () => {
    const host = birthed();
    const metrics = CNC_METRICS.map((m, i) => ({ alias: alias(m.name), type: m.type, value: m.type === 'Boolean' ? i % 2 === 0 : i, timestamp: T0 + 5 }));
    const buf = Buffer.from(data(2, metrics, T0 + 5));
    const r = host.read(topic('DDATA', CNC), buf, T0 + 9);
    expect(r.deadLetters).toEqual([]);
    expect(pointsOf(r.points)).toEqual(host.handle(topic('DDATA', CNC), buf, T0 + 9).points);
    expect(r.points).toMatchObject({ group: G, node: N, device: CNC, length: CNC_METRICS.length });
  });
});
