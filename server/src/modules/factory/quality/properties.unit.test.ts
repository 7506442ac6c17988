import { SPC_RULE_IDS, type SpcRuleId } from '@gearbridge/contracts/factory';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capability, withinSigmaOf } from './capability';
import { type DfqFile, parseDfq, writeDfq } from './dfq';
import { chartWindow, imrLimits, xbarRLimits, xbarSLimits } from './spc';

// Invariants of the quality functions, checked on generated data.

const value = fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }).map((x) => Math.round(x * 1e4) / 1e4 + 0); // + 0: no -0 (written as 0)
const subgroups = (n: number) => fc.array(fc.array(value, { minLength: n, maxLength: n }), { minLength: 2, maxLength: 30 });
const varied = (gs: number[][]) => gs.some((g) => Math.max(...g) > Math.min(...g));

describe('control limits', () => {
  it('move with the data and keep their σ when every value is shifted by a constant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }).chain(subgroups), fc.double({ min: -500, max: 500, noNaN: true }), (gs, shift) => {
        fc.pre(varied(gs));
        for (const limitsOf of [xbarRLimits, xbarSLimits]) {
          const a = limitsOf(gs);
          const b = limitsOf(gs.map((g) => g.map((x) => x + shift)));
          expect(b.location.centre).toBeCloseTo(a.location.centre + shift, 6);
          expect(b.location.ucl - b.location.centre).toBeCloseTo(a.location.ucl - a.location.centre, 6);
          expect(b.sigma!).toBeCloseTo(a.sigma!, 6);
          expect(b.spread!.centre).toBeCloseTo(a.spread!.centre, 6);
        }
      }),
    );
  });

  it('are symmetric about the centre, the spread chart has LCL ≥ 0, and the X̄ half-width is 3σ̂/√n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 25 }).chain(subgroups), (gs) => {
        fc.pre(varied(gs));
        const n = gs[0]!.length;
        for (const l of [xbarRLimits(gs), xbarSLimits(gs)]) {
          expect(l.location.ucl - l.location.centre).toBeCloseTo(l.location.centre - l.location.lcl, 6);
          expect(l.location.ucl - l.location.centre).toBeCloseTo((3 * l.sigma!) / Math.sqrt(n), 6);
          expect(l.spread!.lcl).toBeGreaterThanOrEqual(0);
          expect(l.spread!.ucl).toBeGreaterThan(l.spread!.centre);
        }
      }),
    );
  });
});

describe('rules', () => {
  it('report only points of the window, the trigger last, and only selected rules', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 3, maxLength: 80 }), fc.subarray([...SPC_RULE_IDS] as SpcRuleId[]), fc.integer({ min: 0, max: 1000 }), (values, rules, start) => {
        fc.pre(values.some((v, i) => i > 0 && v !== values[i - 1]));
        const chart = chartWindow(imrLimits(values), { kind: 'i_mr', values }, rules, { startIndex: start });
        for (const v of chart.violations) {
          expect(rules).toContain(v.rule);
          expect(v.points.at(-1)).toBe(v.trigger);
          expect([...v.points].sort((a, b) => a - b)).toEqual(v.points);
          for (const p of v.points) {
            expect(p).toBeGreaterThanOrEqual(start);
            expect(p).toBeLessThan(start + values.length);
          }
          if (v.chart === 'spread') expect(['we1', 'nelson1']).toContain(v.rule);
        }
      }),
    );
  });
});

describe('capability', () => {
  it('Cpk ≤ Cp and Ppk ≤ Pp for a two-sided specification', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 3, maxLength: 60 }), value, fc.double({ min: 0.001, max: 1000, noNaN: true }), (xs, lsl, width) => {
        fc.pre(xs.some((x, i) => i > 0 && x !== xs[i - 1]));
        const c = capability(xs, { lsl, usl: lsl + width }, withinSigmaOf(imrLimits(xs)));
        expect(c.cpk!).toBeLessThanOrEqual(c.cp! + 1e-9);
        expect(c.ppk!).toBeLessThanOrEqual(c.pp! + 1e-9);
      }),
    );
  });
});

describe('.dfq', () => {
  const text = fc.stringMatching(/^[A-Za-z0-9 ,.#_-]{1,20}$/).map((s) => s.trim() || 'x');
  const time = fc
    .record({ d: fc.integer({ min: 1, max: 28 }), mo: fc.integer({ min: 1, max: 12 }), y: fc.integer({ min: 2000, max: 2099 }), s: fc.integer({ min: 0, max: 86_399 }) })
    .map(({ d, mo, y, s }) => {
      const p = (n: number) => String(n).padStart(2, '0');
      return `${y}-${p(mo)}-${p(d)}T${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
    });
  const file = fc.integer({ min: 1, max: 5 }).chain((nChars) =>
    fc.record({
      part: fc.record({ number: text, title: fc.option(text, { nil: null }) }),
      chars: fc.array(fc.record({ number: text, nominal: fc.option(value, { nil: null }), lsl: fc.option(value, { nil: null }), unit: fc.option(text, { nil: null }) }), {
        minLength: nChars,
        maxLength: nChars,
      }),
      records: fc.array(
        fc.array(
          fc.option(fc.record({ value, attribute: fc.constantFrom(0, 255), measuredAt: fc.option(time, { nil: null }), batch: fc.option(text, { nil: null }) }), { nil: null }),
          {
            minLength: nChars,
            maxLength: nChars,
          },
        ),
        { maxLength: 20 },
      ),
    }),
  );

  it('parse(write(file)) gives back the file', () => {
    fc.assert(
      fc.property(file, ({ part, chars, records }) => {
        const model: DfqFile = {
          part: { number: part.number, title: part.title, fields: { K1001: part.number, ...(part.title === null ? {} : { K1002: part.title }) } },
          characteristics: chars.map((c, i) => {
            const fields: Record<string, string> = { K2001: c.number };
            if (c.nominal !== null) fields.K2101 = String(c.nominal);
            if (c.lsl !== null) fields.K2110 = String(c.lsl);
            if (c.unit !== null) fields.K2142 = c.unit;
            return { index: i + 1, number: c.number, name: null, nominal: c.nominal, lsl: c.lsl, usl: null, unit: c.unit, fields };
          }),
          values: [],
          other: [],
        };
        // Records with no value at all leave no line behind: number the kept ones as a reader would.
        let record = 0;
        for (const row of records) {
          if (row.every((v) => v === null)) continue;
          record++;
          row.forEach((v, i) => {
            if (v === null) return;
            model.values.push({
              characteristic: i + 1,
              record,
              value: v.value,
              attribute: v.attribute,
              measuredAt: v.measuredAt,
              events: null,
              batch: v.batch,
              nest: null,
              operator: null,
              machine: null,
              processParameter: null,
              gauge: null,
            });
          });
        }
        expect(parseDfq(writeDfq(model))).toEqual(model);
      }),
    );
  });
});
