import { describe, expect, it } from 'vitest';
import { CSV_LIMITS, parseMeasurementCsv } from './csv';
import { QualityInputError } from './errors';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(QualityInputError);
    return { key: (e as QualityInputError).key, params: (e as QualityInputError).params };
  }
  throw new Error('not refused');
};

describe('parseMeasurementCsv', () => {
  it('reads rows with their line, converting the time to UTC', () => {
    const rows = parseMeasurementCsv(
      '\uFEFFserial,characteristic,value,measured_at\r\nQJA01-0000123,BORE_D1,62.0158,2026-12-07T08:14:05+08:00\r\n"QJA01-0000124","LEAK_RATE",0.83,2026-12-07T00:20:00Z\r\n',
    );
    expect(rows).toEqual([
      { line: 2, serial: 'QJA01-0000123', characteristic: 'BORE_D1', value: 62.0158, measuredAt: '2026-12-07T00:14:05.000Z' },
      { line: 3, serial: 'QJA01-0000124', characteristic: 'LEAK_RATE', value: 0.83, measuredAt: '2026-12-07T00:20:00.000Z' },
    ]);
  });

  it('takes the columns in any order, in Chinese too, and a quoted field with a comma or a quote', () => {
    const rows = parseMeasurementCsv('测量值,测量时间,序列号,特性\n-0.5,2026-12-07 08:00+0800,"A,""1""",FLAT\n\n');
    expect(rows).toEqual([{ line: 2, serial: 'A,"1"', characteristic: 'FLAT', value: -0.5, measuredAt: '2026-12-07T00:00:00.000Z' }]);
  });

  it('refuses bad rows naming the line', () => {
    const h = 'serial,characteristic,value,measured_at\n';
    expect(refusal(() => parseMeasurementCsv('serial,value\n1,2\n'))).toEqual({ key: 'factory.csv.header', params: {} });
    expect(refusal(() => parseMeasurementCsv(`${h}A,B,1\n`))).toEqual({ key: 'factory.csv.columns', params: { line: 2, count: 3 } });
    expect(refusal(() => parseMeasurementCsv(`${h}A,B,1,2026-12-07T08:00:00Z\n,B,1,2026-12-07T08:00:00Z\n`))).toEqual({
      key: 'factory.csv.required',
      params: { line: 3, field: 'serial' },
    });
    expect(refusal(() => parseMeasurementCsv(`${h}A,B,1.2.3,2026-12-07T08:00:00Z\n`))).toEqual({
      key: 'factory.import.bad_number',
      params: { line: 2, field: 'value', value: '1.2.3' },
    });
    // No offset: which time zone the plant meant is unknown.
    expect(refusal(() => parseMeasurementCsv(`${h}A,B,1,2026-12-07T08:00:00\n`)).key).toBe('factory.csv.bad_time');
    expect(refusal(() => parseMeasurementCsv(`${h}A,B,1,2026-02-30T08:00:00Z\n`)).key).toBe('factory.csv.bad_time');
    expect(refusal(() => parseMeasurementCsv(`${h}"A,B,1,2026-12-07T08:00:00Z\n`))).toEqual({ key: 'factory.csv.quote', params: { line: 2 } });
    expect(refusal(() => parseMeasurementCsv(`${h}A\u0000,B,1,2026-12-07T08:00:00Z\n`)).key).toBe('factory.import.control_character');
    expect(refusal(() => parseMeasurementCsv(h)).key).toBe('factory.import.empty');
  });

  it('is bounded', () => {
    const h = 'serial,characteristic,value,measured_at\n';
    const row = 'A,B,1,2026-12-07T08:00:00Z\n';
    expect(refusal(() => parseMeasurementCsv(h + row.repeat(3), { ...CSV_LIMITS, lines: 3 })).key).toBe('factory.import.too_many_lines');
    expect(refusal(() => parseMeasurementCsv(h + row.repeat(10), { ...CSV_LIMITS, bytes: 100 })).key).toBe('factory.import.too_large');
    expect(refusal(() => parseMeasurementCsv(`${h}${'x'.repeat(300)},B,1,2026-12-07T08:00:00Z\n`))).toEqual({
      key: 'factory.import.field_too_long',
      params: { line: 2, max: 255 },
    });
  });
});
