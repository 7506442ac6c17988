import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PayloadError, type PayloadErrorReason } from '../sparkplug/codec';
import { parseJsonPayload } from './json-format';

const utf8 = (s: string) => new TextEncoder().encode(s);

function reasonOf(fn: () => unknown): PayloadErrorReason | 'no error' | 'other error' {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return e instanceof PayloadError ? e.reason : 'other error';
  }
}

describe('parseJsonPayload', () => {
  it('reads ts in epoch milliseconds and typed metric values', () => {
    expect(parseJsonPayload(utf8('{"ts":1760000000000,"metrics":{"temperature":21.5,"running":true,"program":"O1234","alarm":null}}'))).toEqual({
      ts: 1_760_000_000_000,
      metrics: [
        { name: 'temperature', value: 21.5, type: 'Double' },
        { name: 'running', value: true, type: 'Boolean' },
        { name: 'program', value: 'O1234', type: 'String' },
        { name: 'alarm', value: null, type: 'Unknown' },
      ],
    });
  });

  it('reads ts as an ISO 8601 string with a zone', () => {
    expect(parseJsonPayload(utf8('{"ts":"2026-03-01T08:00:00.250+08:00","metrics":{}}')).ts).toBe(Date.UTC(2026, 2, 1, 0, 0, 0, 250));
    expect(parseJsonPayload(utf8('{"ts":"2026-03-01T00:00:00Z","metrics":{}}')).ts).toBe(Date.UTC(2026, 2, 1));
  });

  it('leaves ts out when the message has none', () => {
    expect(parseJsonPayload(utf8('{"metrics":{"a":1}}'))).toEqual({ metrics: [{ name: 'a', value: 1, type: 'Double' }] });
  });

  it.each([
    ['not JSON', 'temperature=21', 'bad_json'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), 'bad_json'],
    ['an array', '[{"metrics":{}}]', 'bad_json'],
    ['a bare number', '42', 'bad_json'],
    ['no metrics', '{"ts":1}', 'bad_json'],
    ['metrics as an array', '{"metrics":[1,2]}', 'bad_json'],
    ['an unknown key', '{"timestamp":1760000000000,"metrics":{}}', 'bad_json'],
    ['an object value', '{"metrics":{"a":{"v":1}}}', 'wrong_type'],
    ['an array value', '{"metrics":{"a":[1]}}', 'wrong_type'],
    ['a number beyond double range', '{"metrics":{"a":1e999}}', 'wrong_type'],
    ['ts as a boolean', '{"ts":true,"metrics":{}}', 'wrong_type'],
    ['ts with a fraction', '{"ts":1760000000000.5,"metrics":{}}', 'wrong_type'],
    ['a negative ts', '{"ts":-1,"metrics":{}}', 'wrong_type'],
    ['ts as ISO without zone', '{"ts":"2026-03-01T08:00:00","metrics":{}}', 'wrong_type'],
    ['ts as a date in words', '{"ts":"March 1, 2026","metrics":{}}', 'wrong_type'],
    ['an empty metric name', '{"metrics":{"":1}}', 'bad_metric'],
  ])('rejects %s', (_what, input, reason) => {
    expect(reasonOf(() => parseJsonPayload(typeof input === 'string' ? utf8(input) : input))).toBe(reason);
  });

  it('throws nothing but PayloadError, whatever the input (property)', () => {
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 100 }),
      fc.jsonValue().map((v) => utf8(JSON.stringify(v))),
      fc.record({ ts: fc.jsonValue(), metrics: fc.dictionary(fc.string(), fc.jsonValue()) }).map((v) => utf8(JSON.stringify(v))),
    );
    fc.assert(
      fc.property(input, (bytes) => {
        expect(reasonOf(() => parseJsonPayload(bytes))).not.toBe('other error');
      }),
    );
  });
});
