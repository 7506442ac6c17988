import { SPC_RULE_IDS, SpcCapability, SpcChart, SpcHistogram, SpcLimits } from '@gearbridge/contracts/factory';
import { describe, expect, it } from 'vitest';
import { capability, histogram, withinSigmaOf } from './capability';
import { QualityInputError } from './errors';
import { chartWindow, imrLimits, pLimits, type SpcData, studyLimits, uLimits, xbarRLimits, xbarSLimits } from './spc';

// SAS/QC User's Guide, PROC SHEWHART, "Creating Range Charts from Raw Data" (data set Disks, sample library
// SHWRCHR): disk-drive test times, six drives in each of 25 lots.
// https://support.sas.com/documentation/cdl/en/qcug/63964/HTML/default/qcug_shewhart_a0000003742.htm
const DISKS = [
  [8.05, 7.9, 8.04, 8.06, 8.01, 7.99],
  [8.03, 8.06, 8.02, 8.02, 7.97, 8.03],
  [8.0, 7.94, 7.97, 7.95, 8.0, 8.01],
  [8.0, 8.06, 8.06, 7.99, 7.97, 7.96],
  [7.93, 8.01, 8.0, 8.09, 8.06, 8.02],
  [7.98, 7.99, 8.01, 8.09, 8.0, 7.97],
  [8.0, 7.94, 7.93, 8.03, 7.93, 8.08],
  [8.01, 7.98, 7.98, 8.07, 8.05, 8.09],
  [7.97, 7.96, 8.01, 8.11, 8.06, 8.07],
  [7.93, 8.03, 8.03, 8.0, 7.93, 8.03],
  [8.0, 8.0, 8.02, 7.92, 7.98, 8.01],
  [7.98, 7.93, 8.01, 7.97, 8.02, 8.0],
  [8.06, 7.93, 7.98, 7.98, 8.02, 7.96],
  [8.05, 7.98, 8.05, 7.99, 7.95, 7.99],
  [7.94, 8.01, 7.97, 8.04, 7.91, 8.03],
  [8.03, 8.03, 8.02, 8.06, 8.0, 7.97],
  [8.03, 7.94, 8.05, 8.05, 8.04, 7.94],
  [7.99, 7.99, 7.86, 7.99, 8.06, 8.03],
  [7.95, 7.96, 7.99, 7.96, 7.94, 8.12],
  [8.03, 8.07, 7.98, 7.97, 8.0, 8.04],
  [8.04, 7.9, 8.03, 8.02, 7.98, 7.97],
  [7.95, 8.05, 7.98, 8.01, 7.97, 8.15],
  [8.06, 8.0, 8.03, 8.02, 7.99, 7.95],
  [7.97, 8.02, 8.0, 7.96, 7.96, 8.0],
  [8.12, 7.97, 7.99, 8.09, 8.05, 8.0],
];

describe('X̄-R limits (SAS/QC Disks example)', () => {
  const limits = xbarRLimits(DISKS);

  it('match the printed control limits data set Disklim', () => {
    // Printed ("Saving Control Limits", Disklim): _LCLX_ 7.94314, _MEAN_ 8.00307, _UCLX_ 8.06299, _LCLR_ 0,
    // _R_ 0.124, _UCLR_ 0.24847, _STDDEV_ 0.048927, _LIMITN_ 6.
    // https://support.sas.com/documentation/cdl/en/qcug/63964/HTML/default/qcug_shewhart_a0000003745.htm
    // SAS uses d2, d3 unrounded; the cited table's three decimals move the limits by < 5e-5 (4th decimal).
    expect(limits.subgroupSize).toBe(6);
    expect(limits.location.centre).toBeCloseTo(8.00307, 5);
    expect(limits.location.lcl).toBeCloseTo(7.94314, 4);
    expect(limits.location.ucl).toBeCloseTo(8.06299, 4);
    expect(limits.spread!.centre).toBeCloseTo(0.124, 6);
    expect(limits.spread!.lcl).toBe(0);
    expect(limits.spread!.ucl).toBeCloseTo(0.24847, 4);
    expect(limits.sigma!).toBeCloseTo(0.048927, 4);
    expect(limits.sigmaMethod).toBe('rbar_d2');
    expect(limits.studySubgroups).toBe(25);
  });

  it('plots the subgroup means and ranges of the printed summary data set Disksum', () => {
    // Printed Disksum (first five lots): 8.00833/0.16, 8.02167/0.09, 7.97833/0.07, 8.00667/0.10, 8.01833/0.16;
    // lot 25: 8.03667/0.15. https://support.sas.com/documentation/cdl/en/qcug/68161/HTML/default/qcug_shewhart_sect244.htm
    const chart = chartWindow(limits, { kind: 'xbar_r', subgroups: DISKS }, []);
    const printed = [
      [8.00833, 0.16],
      [8.02167, 0.09],
      [7.97833, 0.07],
      [8.00667, 0.1],
      [8.01833, 0.16],
    ];
    printed.forEach(([x, r], i) => {
      expect(chart.location[i]!.value).toBeCloseTo(x!, 5);
      expect(chart.spread[i]!.value).toBeCloseTo(r!, 6);
    });
    expect(chart.location[24]!.value).toBeCloseTo(8.03667, 5);
    expect(chart.spread[24]!.value).toBeCloseTo(0.15, 6);
    // The study itself is in control on both charts (SAS's chart shows no point outside its limits).
    expect(chartWindow(limits, { kind: 'xbar_r', subgroups: DISKS }, ['we1']).violations).toEqual([]);
  });

  it('are frozen: a new window is judged against them, not against itself', () => {
    expect(Object.isFrozen(limits)).toBe(true);
    // SAS's second data set Disks2 (lots 26–45 of the same process), first three lots, charted against Disklim.
    // https://support.sas.com/documentation/onlinedoc/qc/ex_code/141/shwrex2.html
    const window = [
      [7.93, 7.97, 7.89, 7.81, 7.88, 7.92],
      [7.86, 7.91, 7.87, 7.89, 7.83, 7.87],
      [7.93, 7.95, 7.9, 7.89, 7.88, 7.9],
    ];
    const chart = chartWindow(limits, { kind: 'xbar_r', subgroups: window }, ['we1'], { startIndex: 25 });
    expect(chart.limits).toBe(limits);
    expect(chart.location.map((p) => p.ucl)).toEqual([limits.location.ucl, limits.location.ucl, limits.location.ucl]);
    // Lot 27's mean 7.871667 is below the frozen LCL 7.94314 — limits computed from the window would have moved.
    expect(chart.location[1]!.value).toBeCloseTo(7.871667, 6);
    expect(chart.violations.filter((v) => v.chart === 'location').map((v) => v.trigger)).toEqual([25, 26, 27]);
  });

  it('chart a short subgroup with limits from σ̂ and its own n', () => {
    const chart = chartWindow(limits, { kind: 'xbar_r', subgroups: [[8.0, 8.01, 7.99]] }, []);
    const sigma = limits.sigma!;
    expect(chart.location[0]!.ucl).toBeCloseTo(limits.location.centre + (3 * sigma) / Math.sqrt(3), 12);
    // R chart for n = 3: centre d2·σ̂ = 1.693σ̂, UCL (d2 + 3d3)σ̂ = (1.693 + 2.664)σ̂, LCL 0.
    expect(chart.spread[0]!.centre).toBeCloseTo(1.693 * sigma, 12);
    expect(chart.spread[0]!.ucl).toBeCloseTo((1.693 + 3 * 0.888) * sigma, 12);
    expect(chart.spread[0]!.lcl).toBe(0);
  });
});

describe('X̄-S limits', () => {
  it('follow S̄/c4 and A3, B3, B4 (hand computation)', () => {
    // Subgroups {1,2,3} and {2,4,6}: means 2 and 4 → x̄̄ = 3; s = 1 and 2 → S̄ = 1.5.
    // n = 3: c4 = 0.8862 → A3 = 3/(0.8862·√3) = 1.95444, B4 = 1 + 3·√(1 − 0.8862²)/0.8862 = 2.56838, B3 = 0
    // → X̄ limits 3 ± 1.95444·1.5 = 0.06834 … 5.93166; S limits 0 … 3.85257; σ̂ = 1.5/0.8862 = 1.69262.
    const l = xbarSLimits([
      [1, 2, 3],
      [2, 4, 6],
    ]);
    expect(l.location.centre).toBe(3);
    expect(l.location.ucl).toBeCloseTo(5.93166, 4);
    expect(l.location.lcl).toBeCloseTo(0.06834, 4);
    expect(l.spread).toEqual({ centre: 1.5, ucl: expect.closeTo(3.85257, 4), lcl: 0 });
    expect(l.sigma!).toBeCloseTo(1.6926, 4);
    expect(l.sigmaMethod).toBe('sbar_c4');
  });

  it('on the Disks data estimate σ close to R̄/d2 (both estimate the same process σ)', () => {
    const s = xbarSLimits(DISKS);
    const r = xbarRLimits(DISKS);
    expect(Math.abs(s.sigma! - r.sigma!) / r.sigma!).toBeLessThan(0.05);
    expect(s.location.centre).toBeCloseTo(r.location.centre, 12);
    const chart = chartWindow(s, { kind: 'xbar_s', subgroups: DISKS.slice(0, 2) }, []);
    // Lot 1: s of {8.05, 7.90, 8.04, 8.06, 8.01, 7.99}: x̄ = 8.008333, Σ(x−x̄)² = 0.0174833, /5, √ = 0.059133.
    expect(chart.spread[0]!.value).toBeCloseTo(0.059133, 6);
  });
});

describe('I-MR limits (SAS/QC tires example)', () => {
  // SAS/QC User's Guide, MACONTROL Example 9.4 "Displaying Individual Measurements on an EWMA Chart": steel-belt
  // diameters of 30 tires, limits from PROC SHEWHART IRCHART, printed as data set Tlimits:
  // _LCLI_ 23.8571, _MEAN_ 24.0083, _UCLI_ 24.1596, _LCLR_ 0, _R_ 0.056897, _UCLR_ 0.18585, _STDDEV_ 0.050423.
  // https://support.sas.com/documentation/cdl/en/qcug/63964/HTML/default/qcug_macontrol_a0000000363.htm
  const TIRES = [
    24.05, 23.99, 23.95, 23.93, 23.97, 24.02, 24.06, 24.1, 23.98, 24.03, 23.91, 24.06, 24.06, 23.96, 23.98, 24.06, 24.01, 24.0, 23.93, 23.92, 24.09, 24.11, 24.05, 23.98, 23.98,
    24.06, 24.02, 24.06, 23.97, 23.96,
  ];
  const l = imrLimits(TIRES);

  it('match the printed limits', () => {
    expect(l.location.centre).toBeCloseTo(24.0083, 4);
    // E2 = 3/1.128 = 2.65957 from the table (SAS: 3/1.12838 = 2.65868) widens the limits by 5e-5:
    // LCL 23.85701 and UCL 24.15965 against the printed 23.8571 and 24.1596: equal to 3 decimals.
    expect(l.location.lcl).toBeCloseTo(23.8571, 3);
    expect(l.location.ucl).toBeCloseTo(24.1596, 3);
    expect(l.spread!.centre).toBeCloseTo(0.056897, 6);
    expect(l.spread!.lcl).toBe(0);
    // D4(2) from the table's d2 = 1.128, d3 = 0.853 is 3.2686 (SAS: 3.2665): 0.18597 vs 0.18585, equal to 3 decimals.
    expect(l.spread!.ucl).toBeCloseTo(0.18585, 3);
    expect(l.sigma!).toBeCloseTo(0.050423, 4);
    expect(l.sigmaMethod).toBe('mrbar_d2');
    expect(l.subgroupSize).toBe(1);
  });

  it('charts moving ranges from the second point on', () => {
    const chart = chartWindow(l, { kind: 'i_mr', values: TIRES.slice(0, 3) }, []);
    expect(chart.location.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(chart.spread.map((p) => p.index)).toEqual([1, 2]);
    expect(chart.spread[0]!.value).toBeCloseTo(0.06, 10);
    expect(chart.spread[1]!.value).toBeCloseTo(0.04, 10);
  });
});

describe('p chart', () => {
  // NIST/SEMATECH e-Handbook §6.3.3.2 "Proportions Control Charts", example: 30 wafers, 50 chips each, a chip
  // defective on misregistration; the handbook prints p̄ = 0.2313, UCL = 0.4102, LCL = 0.0524.
  // https://www.itl.nist.gov/div898/handbook/pmc/section3/pmc332.htm — the counts are transcribed from the
  // handbook's table; the stored copy searchable here holds only the page's opening, so they could not be re-read
  // against it. Their total 347/1500 = 0.23133 reproduces the p̄ = .2313 that the page (and exercises quoting it) print.
  const WAFERS = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6].map((count) => ({ count, size: 50 }));

  it('matches the handbook wafer example', () => {
    const l = pLimits(WAFERS);
    expect(l.location.centre).toBeCloseTo(0.2313, 4);
    expect(l.location.ucl).toBeCloseTo(0.4102, 4);
    expect(l.location.lcl).toBeCloseTo(0.0524, 4);
    expect(l.sigma).toBeNull();
    expect(l.averageSize).toBe(50);
    // Wafers 15 (22 of 50 = 0.44) and 23 (24 of 50 = 0.48) are above the UCL.
    const chart = chartWindow(l, { kind: 'p', samples: WAFERS }, ['we1']);
    expect(chart.violations).toEqual([
      { rule: 'we1', chart: 'location', points: [14], trigger: 14 },
      { rule: 'we1', chart: 'location', points: [22], trigger: 22 },
    ]);
  });

  it('plots the proportions SAS prints for its Circuits data (batches of 500)', () => {
    // SAS/QC PCHART "Creating p Charts from Count Data" (Circuits) and the same data as proportions (Cirprop):
    // 5/500 = 0.010, 6 → 0.012, 11 → 0.022, 6 → 0.012, 4 → 0.008, 9 → 0.018, 17 → 0.034.
    // https://support.sas.com/documentation/onlinedoc/qc/ex_code/132/shwpchr.html
    const fails = [5, 6, 11, 6, 4, 9, 17, 10, 12, 9, 8, 7, 7, 15, 8, 18, 12, 16, 4, 7, 17, 12, 8, 7, 15, 6, 8, 12, 7, 9];
    const samples = fails.map((count) => ({ count, size: 500 }));
    const chart = chartWindow(pLimits(samples), { kind: 'p', samples }, []);
    expect(chart.location.slice(0, 7).map((p) => p.value)).toEqual([0.01, 0.012, 0.022, 0.012, 0.008, 0.018, 0.034]);
    // p̄ = 292 / 15,000 (hand sum of the 30 counts).
    expect(chart.limits.location.centre).toBeCloseTo(292 / 15000, 12);
  });

  it('gives each point its own limits when sample sizes vary (hand computation)', () => {
    // 10/100, 20/400, 30/500: p̄ = 60/1000 = 0.06; for n = 100: 0.06 ± 3√(0.06·0.94/100) = 0.06 ± 0.071246
    // → UCL 0.131246, LCL 0 (clamped); n = 400: ± 0.035623 → 0.095623 … 0.024377.
    const samples = [
      { count: 10, size: 100 },
      { count: 20, size: 400 },
      { count: 30, size: 500 },
    ];
    const l = pLimits(samples);
    expect(l.location.centre).toBe(0.06);
    const chart = chartWindow(l, { kind: 'p', samples }, []);
    expect(chart.location[0]).toEqual({ index: 0, value: 0.1, centre: 0.06, ucl: expect.closeTo(0.131246, 6), lcl: 0 });
    expect(chart.location[1]!.ucl).toBeCloseTo(0.095623, 6);
    expect(chart.location[1]!.lcl).toBeCloseTo(0.024377, 6);
  });

  it('has no limits from a study without a nonconforming unit (p̄ = 0), nor a u chart without a defect', () => {
    const none = Array.from({ length: 25 }, () => ({ count: 0, size: 10 }));
    expect(() => pLimits(none)).toThrow(expect.objectContaining({ key: 'factory.spc.no_nonconforming', params: { kind: 'p', count: 25 } }));
    expect(() => uLimits(none)).toThrow(expect.objectContaining({ key: 'factory.spc.no_nonconforming', params: { kind: 'u', count: 25 } }));
    // One is enough to have a centre line: p̄ = 1/250.
    expect(pLimits([{ count: 1, size: 10 }, ...none.slice(1)]).location.centre).toBe(1 / 250);
  });
});

describe('u chart', () => {
  it('matches Montgomery’s personal-computer example', () => {
    // Montgomery, Introduction to SQC, §7.3 (control chart for nonconformities per unit): 20 samples of 5
    // computers with 193 nonconformities in all; printed ū = 1.93, UCL = 3.79, LCL = 0.07. The per-sample counts
    // are transcribed from the book (not available to re-read here); the limits depend only on their total and
    // n = 5, which reproduce the printed figures.
    const counts = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5];
    const samples = counts.map((count) => ({ count, size: 5 }));
    const l = uLimits(samples);
    expect(l.location.centre).toBeCloseTo(1.93, 2);
    expect(l.location.ucl).toBeCloseTo(3.79, 2);
    expect(l.location.lcl).toBeCloseTo(0.07, 2);
    expect(chartWindow(l, { kind: 'u', samples }, ['we1']).violations).toEqual([]);
  });

  it('accepts fractional inspection units and varying sizes', () => {
    // 3 defects in 2.5 units and 9 in 7.5: ū = 12/10 = 1.2; for 2.5 units 1.2 ± 3√(1.2/2.5) = 1.2 ± 2.078461.
    const samples = [
      { count: 3, size: 2.5 },
      { count: 9, size: 7.5 },
    ];
    const chart = chartWindow(uLimits(samples), { kind: 'u', samples }, []);
    expect(chart.location[0]).toEqual({ index: 0, value: 1.2, centre: 1.2, ucl: expect.closeTo(3.278461, 6), lcl: 0 });
  });
});

describe('bad input is refused with a message key and changes nothing', () => {
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(QualityInputError);
      return { key: (e as QualityInputError).key, params: (e as QualityInputError).params };
    }
    throw new Error('no error');
  };

  it('studies', () => {
    expect(err(() => xbarRLimits([[1, 2]]))).toEqual({ key: 'factory.spc.too_few_subgroups', params: { min: 2, count: 1 } });
    expect(err(() => xbarRLimits([[1], [2]]))).toEqual({ key: 'factory.spc.subgroup_size', params: { index: 1, size: 1, min: 2, max: 25 } });
    expect(
      err(() =>
        xbarRLimits([
          [1, 2, 3],
          [1, 2],
        ]),
      ),
    ).toEqual({ key: 'factory.spc.unequal_subgroups', params: { index: 2, size: 2, expected: 3 } });
    expect(
      err(() =>
        xbarSLimits([
          [1, Number.NaN],
          [1, 2],
        ]),
      ).key,
    ).toBe('factory.spc.not_finite');
    expect(
      err(() =>
        xbarRLimits([
          [1, 1],
          [2, 2],
        ]),
      ).key,
    ).toBe('factory.spc.no_variation');
    expect(err(() => imrLimits([5, 5, 5])).key).toBe('factory.spc.no_variation');
    expect(
      err(() =>
        pLimits([
          { count: 3, size: 2 },
          { count: 1, size: 2 },
        ]),
      ),
    ).toEqual({ key: 'factory.spc.bad_count', params: { index: 1, count: 3, size: 2 } });
    expect(
      err(() =>
        uLimits([
          { count: 1.5, size: 2 },
          { count: 1, size: 2 },
        ]),
      ).key,
    ).toBe('factory.spc.bad_count');
    expect(err(() => imrLimits(new Array(10_001).fill(1))).key).toBe('factory.spc.too_many_points');
  });

  it('charts', () => {
    const l = studyLimits({ kind: 'i_mr', values: [1, 2, 3] });
    expect(err(() => chartWindow(l, { kind: 'p', samples: [{ count: 1, size: 2 }] }, []))).toEqual({ key: 'factory.spc.kind_mismatch', params: { limits: 'i_mr', kind: 'p' } });
    expect(err(() => chartWindow(l, { kind: 'i_mr', values: [1, Number.POSITIVE_INFINITY] }, [])).key).toBe('factory.spc.not_finite');
    // Limits read back from storage without σ are a defect, not the user's input.
    expect(() => chartWindow({ ...l, sigma: null }, { kind: 'i_mr', values: [1, 2] }, [])).toThrow(TypeError);
  });
});

describe('results fit the contracts the API and the web use', () => {
  it('limits, charts, capability and histogram of every kind parse with their zod schemas', () => {
    const studies: SpcData[] = [
      { kind: 'xbar_r', subgroups: DISKS },
      { kind: 'xbar_s', subgroups: DISKS },
      { kind: 'i_mr', values: DISKS.map((g) => g[0]!) },
      { kind: 'p', samples: DISKS.map((_, i) => ({ count: i % 4, size: 50 })) },
      { kind: 'u', samples: DISKS.map((_, i) => ({ count: i % 5, size: 2 })) },
    ];
    for (const study of studies) {
      const limits = studyLimits(study);
      expect(limits.kind).toBe(study.kind);
      expect(SpcLimits.parse(limits)).toEqual(limits);
      const chart = chartWindow(limits, study, [...SPC_RULE_IDS]);
      expect(SpcChart.parse(chart)).toEqual(chart);
      expect(JSON.parse(JSON.stringify(chart))).toEqual(chart);
    }
    const values = DISKS.flat();
    const cap = capability(values, { lsl: 7.85, usl: null }, withinSigmaOf(xbarRLimits(DISKS)));
    expect(SpcCapability.parse(cap)).toEqual(cap);
    const h = histogram(values, { lsl: 7.85, usl: 8.15 });
    expect(SpcHistogram.parse(h)).toEqual(h);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(150);
  });
});
