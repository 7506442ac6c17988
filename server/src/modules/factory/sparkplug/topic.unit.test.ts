import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEVICE_MESSAGE_TYPES, NODE_MESSAGE_TYPES, isValidId, nodeCommandTopic, parseTopic, stateTopic } from './topic';

describe('parseTopic', () => {
  it.each(NODE_MESSAGE_TYPES)('reads spBv1.0/{group}/%s/{node} as a node message with device null', (type) => {
    expect(parseTopic(`spBv1.0/qijiang-gear/${type}/line-1`)).toEqual({
      kind: 'sparkplug',
      messageType: type,
      group: 'qijiang-gear',
      node: 'line-1',
      device: null,
    });
  });

  it.each(DEVICE_MESSAGE_TYPES)('reads spBv1.0/{group}/%s/{node}/{device} as a device message', (type) => {
    expect(parseTopic(`spBv1.0/qijiang-gear/${type}/line-1/L1-CNC01`)).toEqual({
      kind: 'sparkplug',
      messageType: type,
      group: 'qijiang-gear',
      node: 'line-1',
      device: 'L1-CNC01',
    });
  });

  it('reads the v3.0 host STATE topic', () => {
    expect(parseTopic('spBv1.0/STATE/gearbridge')).toEqual({ kind: 'state', hostId: 'gearbridge' });
  });

  it('reads the JSON device topic gb/v1/{group}/{device}', () => {
    expect(parseTopic('gb/v1/qijiang-gear/L1-LSR01')).toEqual({ kind: 'json', group: 'qijiang-gear', device: 'L1-LSR01' });
  });

  it('keeps ids with spaces, dots and non-ASCII letters', () => {
    expect(parseTopic('spBv1.0/Sparkplug B Devices/DDATA/树莓派 3/v1.2')).toMatchObject({
      group: 'Sparkplug B Devices',
      node: '树莓派 3',
      device: 'v1.2',
    });
  });

  it.each([
    ['a device id on a node message type', 'spBv1.0/g/NDATA/n/d'],
    ['no device id on a device message type', 'spBv1.0/g/DDATA/n'],
    ['an unknown message type', 'spBv1.0/g/NFOO/n'],
    ['a lower-case message type', 'spBv1.0/g/ndata/n'],
    ['an empty group', 'spBv1.0//NDATA/n'],
    ['an empty node', 'spBv1.0/g/NDATA/'],
    ['an empty device', 'spBv1.0/g/DDATA/n/'],
    ['a + in an id', 'spBv1.0/g/NDATA/n+1'],
    ['a # in an id', 'spBv1.0/g#/NDATA/n'],
    ['a NUL in an id', 'spBv1.0/g/NDATA/n\u0000'],
    ['extra segments', 'spBv1.0/g/DDATA/n/d/x'],
    ['a trailing slash', 'spBv1.0/g/NDATA/n/'],
    ['the namespace alone', 'spBv1.0'],
    ['another namespace', 'spAv1.0/g/NDATA/n'],
    ['the pre-3.0 STATE topic', 'STATE/gearbridge'],
    ['an empty host id', 'spBv1.0/STATE/'],
    ['a STATE topic with a wildcard', 'spBv1.0/STATE/+'],
    ['a JSON topic without device', 'gb/v1/g'],
    ['a JSON topic with an extra segment', 'gb/v1/g/d/x'],
    ['another JSON version', 'gb/v2/g/d'],
    ['a JSON topic with an empty device', 'gb/v1/g/'],
    ['the empty topic', ''],
  ])('answers null for %s', (_what, topic) => {
    expect(parseTopic(topic)).toBeNull();
  });

  it('never throws, and what it accepts has valid ids (property)', () => {
    const segment = fc.oneof(fc.constantFrom('spBv1.0', 'gb', 'v1', 'STATE', 'NDATA', 'DDATA', '', '+', '#'), fc.string());
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(segment, { maxLength: 7 }).map((s) => s.join('/')),
        ),
        (topic) => {
          const t = parseTopic(topic);
          if (t === null) return;
          const ids = t.kind === 'state' ? [t.hostId] : t.kind === 'json' ? [t.group, t.device] : [t.group, t.node, ...(t.device === null ? [] : [t.device])];
          expect(ids.every(isValidId)).toBe(true);
        },
      ),
    );
  });

  it('round-trips every valid Sparkplug topic (property)', () => {
    const id = fc.string({ minLength: 1 }).filter(isValidId);
    fc.assert(
      fc.property(id, id, id, fc.constantFrom(...NODE_MESSAGE_TYPES, ...DEVICE_MESSAGE_TYPES), (group, node, device, type) => {
        const isDevice = type.startsWith('D');
        const t = parseTopic(`spBv1.0/${group}/${type}/${node}${isDevice ? `/${device}` : ''}`);
        // A group named STATE with a node-level type is still a Sparkplug topic: STATE topics have three segments.
        expect(t).toEqual({ kind: 'sparkplug', messageType: type, group, node, device: isDevice ? device : null });
      }),
    );
  });
});

describe('command and STATE topics', () => {
  it('builds the NCMD topic of an edge node', () => {
    expect(nodeCommandTopic('qijiang-gear', 'line-1')).toBe('spBv1.0/qijiang-gear/NCMD/line-1');
    expect(parseTopic(nodeCommandTopic('g', 'n'))).toMatchObject({ kind: 'sparkplug', messageType: 'NCMD' });
  });

  it('builds the v3.0 STATE topic of a host application', () => {
    expect(stateTopic('gearbridge')).toBe('spBv1.0/STATE/gearbridge');
  });

  it('refuses ids that would make another topic or a wildcard', () => {
    expect(() => nodeCommandTopic('g', 'line/1')).toThrow(/node/);
    expect(() => nodeCommandTopic('', 'n')).toThrow(/group/);
    expect(() => stateTopic('#')).toThrow(/hostId/);
  });
});
