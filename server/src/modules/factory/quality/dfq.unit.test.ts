import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DFQ_LIMITS, type DfqFile, decodeDfq, parseDfq, writeDfq } from './dfq';
import { QualityInputError } from './errors';

const SAMPLE = readFileSync(new URL('../test/housing-op70.dfq', import.meta.url));
const F = '\u0014';
const V = '\u000f';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(QualityInputError);
    const q = e as QualityInputError;
    return { key: q.key, params: q.params, line: q.line };
  }
  throw new Error('not refused');
};

describe('parseDfq: the sample CMM file (OP70 final inspection, two characteristics, value lines)', () => {
  const file = parseDfq(new Uint8Array(SAMPLE));

  it('reads the part and the characteristics with their specification', () => {
    expect(file.part).toEqual({ number: 'QJ-HSG-A01', title: 'Gearbox housing A, rev. C', fields: { K1001: 'QJ-HSG-A01', K1002: 'Gearbox housing A, rev. C' } });
    expect(file.characteristics.map(({ fields: _, ...c }) => c)).toEqual([
      { index: 1, number: 'BORE_D1_F', name: 'Input bearing bore, final', nominal: 62.015, lsl: 62, usl: 62.03, unit: 'mm' },
      // One-sided: perpendicularity has only an upper limit.
      { index: 2, number: 'PERP_BORE', name: 'Bore perpendicularity', nominal: 0.01, lsl: null, usl: 0.03, unit: 'mm' },
    ]);
    expect(file.characteristics[0]!.fields.K2004).toBe('0');
  });

  it('reads every value with its attribute, time, batch and operator; a characteristic left empty is not measured', () => {
    expect(file.values).toHaveLength(15); // 8 parts × 2, less the perpendicularity not measured on part 4
    expect(file.values[0]).toEqual({
      characteristic: 1,
      record: 1,
      value: 62.0158,
      attribute: 0,
      measuredAt: '2026-12-07T08:14:05',
      events: null,
      batch: 'CST-2612-07',
      nest: null,
      operator: 'OP-0412',
      machine: null,
      processParameter: null,
      gauge: null,
    });
    expect(file.values.filter((v) => v.record === 4).map((v) => [v.characteristic, v.value])).toEqual([[1, 62.0171]]);
    expect(file.values.filter((v) => v.characteristic === 2).map((v) => v.value)).toEqual([0.0121, 0.0098, 0.0134, 0.0117, 0.0102, 0.0129, 0.0141]);
  });

  it('writes the file back byte for byte, and what it writes parses to the same model', () => {
    expect(writeDfq(file)).toBe(SAMPLE.toString('utf8'));
    expect(parseDfq(writeDfq(file))).toEqual(file);
  });
});

describe('parseDfq: K-field values (K0001/i lines)', () => {
  // The layout of diribet/aqdef-tools' writer test basicDfq_singlePart_threeCharacteristics.dfq: each value on its
  // own K0001/i line, its time on the K0004/i line after it.
  const keyed = [
    'K0100 2',
    'K1001/1 QJ-HSG-B02',
    'K2001/1 DIST_AXIS',
    'K2101/1 120.0',
    'K2110/1 119.98',
    'K2111/1 120.02',
    'K2001/2 LEAK_RATE',
    'K2111/2 2.0',
    'K2142/0 mm',
    'K2142/2 Pa/s',
    'K0001/1 120.004',
    'K0004/1 07.12.2026/10:01:00',
    'K0001/2 0.83',
    'K0001/1 119.997',
    'K0004/1 7.12.26/10:11',
    'K5111/1 group field kept as is',
  ].join('\n');

  it('numbers each characteristic’s values in order and applies /0 fields to every characteristic without its own', () => {
    const f = parseDfq(keyed);
    expect(f.values.map((v) => [v.characteristic, v.record, v.value, v.measuredAt])).toEqual([
      [1, 1, 120.004, '2026-12-07T10:01:00'],
      [2, 1, 0.83, null],
      [1, 2, 119.997, '2026-12-07T10:11:00'],
    ]);
    expect(f.characteristics.map((c) => c.unit)).toEqual(['mm', 'Pa/s']);
    expect(f.other).toEqual([{ key: 'K5111', index: 1, value: 'group field kept as is' }]);
  });

  it('round-trips through the value-line form', () => {
    const f = parseDfq(keyed);
    const again = parseDfq(writeDfq(f));
    expect(again.values).toEqual(f.values);
    expect(again.characteristics).toEqual(f.characteristics);
    expect(again.other).toEqual(f.other);
    expect(again.part).toEqual(f.part);
  });
});

describe('parseDfq refuses bad input with a message key and the line', () => {
  const head = 'K1001 P-1\nK2001/1 C1\n';

  it('lines that are neither K-fields nor values', () => {
    expect(refusal(() => parseDfq(`${head}hello world\n`))).toEqual({ key: 'factory.dfq.bad_line', params: { line: 3 }, line: 3 });
    expect(refusal(() => parseDfq(`${head}K20X1/1 x\n`)).key).toBe('factory.dfq.bad_key');
    expect(refusal(() => parseDfq(`${head}${['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'].join(F)}\n`)).key).toBe('factory.dfq.bad_line');
  });

  it('values of a characteristic that is not described', () => {
    expect(refusal(() => parseDfq(`${head}1.5${V}2.5\n`))).toEqual({ key: 'factory.dfq.unknown_characteristic', params: { line: 3, index: 2 }, line: 3 });
    expect(refusal(() => parseDfq(`${head}K0001/3 1.0\n`)).params).toEqual({ line: 3, index: 3 });
    expect(refusal(() => parseDfq(`${head}K0004/1 07.12.2026/10:00:00\n`)).key).toBe('factory.dfq.unknown_characteristic');
  });

  it('numbers and dates that are not', () => {
    expect(refusal(() => parseDfq(`${head}1,5${F}0\n`))).toEqual({ key: 'factory.import.bad_number', params: { line: 3, field: 'K0001', value: '1,5' }, line: 3 });
    expect(refusal(() => parseDfq('K1001 P\nK2001/1 C\nK2110/1 abc\n')).params).toEqual({ line: 3, field: 'K2110', value: 'abc' });
    expect(refusal(() => parseDfq(`${head}1.5${F}0${F}31.02.2026/10:00:00\n`))).toEqual({
      key: 'factory.dfq.bad_date',
      params: { line: 3, value: '31.02.2026/10:00:00' },
      line: 3,
    });
    expect(refusal(() => parseDfq(`${head}1.5${F}0${F}07.12.2026/24:00:00\n`)).key).toBe('factory.dfq.bad_date');
  });

  it('a second part, control characters, a file with no characteristic', () => {
    expect(refusal(() => parseDfq(`${head}K1001/2 P-2\n`))).toEqual({ key: 'factory.dfq.one_part', params: { line: 3, key: 'K1001/2' }, line: 3 });
    expect(refusal(() => parseDfq(`${head}1.5\u0000\n`)).key).toBe('factory.import.control_character');
    expect(refusal(() => parseDfq(`K1001 P-1 ${F}\nK2001/1 C1\n`)).key).toBe('factory.import.control_character');
    expect(refusal(() => parseDfq('K1001 P-1\n'))).toEqual({ key: 'factory.dfq.no_characteristics', params: {}, line: null });
  });

  it('files past the bounds: size, lines, characteristics, values, field length', () => {
    const small = { ...DFQ_LIMITS, bytes: 100, lines: 5, characteristics: 2, values: 3, field: 10 };
    expect(refusal(() => parseDfq('K1001 P\n'.repeat(20), small))).toEqual({ key: 'factory.import.too_large', params: { max: 100 }, line: null });
    expect(refusal(() => decodeDfq(new Uint8Array(101), small)).key).toBe('factory.import.too_large');
    expect(refusal(() => parseDfq(`${head}1\n2\n3\n4\n`, small)).key).toBe('factory.import.too_many_lines');
    expect(refusal(() => parseDfq(`${head}K2001/2 C2\nK2001/3 C3\n`, small))).toEqual({ key: 'factory.dfq.too_many_characteristics', params: { line: 4, max: 2 }, line: 4 });
    expect(refusal(() => parseDfq(`${head}1\n2\n3\n`, { ...small, values: 2 })).key).toBe('factory.import.too_many_values');
    expect(refusal(() => parseDfq('K1001 P-1234567890\n', small))).toEqual({ key: 'factory.import.field_too_long', params: { line: 1, max: 10 }, line: 1 });
    // Blank lines after the last allowed line are not counted against the bound.
    expect(parseDfq(`${head}1\n2\n3\n\n\n`, small).values).toHaveLength(3);
  });
});

describe('decodeDfq', () => {
  it('reads UTF-8, and Windows-1252 when the bytes are not UTF-8', () => {
    expect(parseDfq(new TextEncoder().encode('K1001 壳体\nK2001/1 C\n')).part.number).toBe('壳体');
    // 0xB5 is µ in Windows-1252 and not valid UTF-8 on its own.
    const latin = new Uint8Array([...new TextEncoder().encode('K1001 P\nK2001/1 C\nK2142/1 '), 0xb5, 0x6d, 0x0a]);
    expect(parseDfq(latin).characteristics[0]!.unit).toBe('µm');
  });
});

describe('writeDfq', () => {
  it('writes changed typed properties over the fields, and leaves out what is null', () => {
    const f: DfqFile = parseDfq('K1001 P\nK2001/1 C\nK2101/1 1.50\nK2110/1 1.0\n');
    expect(writeDfq(f)).toContain('K2101/1 1.50\r\n'); // unchanged: the file's spelling is kept
    const changed = { ...f, characteristics: [{ ...f.characteristics[0]!, nominal: 1.6, lsl: null }] };
    const out = writeDfq(changed);
    expect(out).toContain('K2101/1 1.6\r\n');
    expect(out).not.toContain('K2110');
  });
});
