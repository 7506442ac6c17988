import type { FactoryMessages } from './zh-CN';

type Spc = Pick<FactoryMessages['factory'], 'spc'>;

// SPC words in English; same keys as zh-CN.spc.ts.
const spc: Spc = {
  spc: {
    kinds: {
      xbar_r: 'X̄-R chart (means and ranges)',
      xbar_s: 'X̄-S chart (means and standard deviations)',
      i_mr: 'I-MR chart (individuals and moving ranges)',
      p: 'p chart (proportion nonconforming)',
      u: 'u chart (defects per unit)',
    },
    rules: {
      we1: 'WE 1: one point beyond the 3σ limits',
      we2: 'WE 2: two of three in a row beyond 2σ, same side',
      we3: 'WE 3: four of five in a row beyond 1σ, same side',
      we4: 'WE 4: eight in a row on one side of the centre line',
      nelson1: 'Nelson 1: one point beyond the 3σ limits',
      nelson2: 'Nelson 2: nine in a row on one side of the centre line',
      nelson3: 'Nelson 3: six in a row steadily increasing or decreasing',
      nelson4: 'Nelson 4: fourteen in a row alternating up and down',
      nelson5: 'Nelson 5: two of three in a row beyond 2σ, same side',
      nelson6: 'Nelson 6: four of five in a row beyond 1σ, same side',
      nelson7: 'Nelson 7: fifteen in a row within 1σ',
      nelson8: 'Nelson 8: eight in a row beyond 1σ, on both sides',
    },
    sigma: {
      rbar_d2: 'within σ = R̄/d₂',
      sbar_c4: 'within σ = S̄/c₄',
      mrbar_d2: 'within σ = MR̄/d₂',
    },
    westernElectric: 'Western Electric rules',
    nelson: 'Nelson rules',
    centre: 'Centre line',
    ucl: 'UCL',
    lcl: 'LCL',
    usl: 'USL',
    lsl: 'LSL',
    nominal: 'Nominal',
    location: { xbar_r: 'Mean', xbar_s: 'Mean', i_mr: 'Individual', p: 'Proportion nonconforming', u: 'Defects per unit' },
    spread: { xbar_r: 'Range', xbar_s: 'Standard deviation', i_mr: 'Moving range' },
    overallSigma: 'Overall σ (sample standard deviation)',
    capability: 'Capability',
    performance: 'Performance',
    cp: 'Cp',
    cpk: 'Cpk',
    pp: 'Pp',
    ppk: 'Ppk',
    oneSided: 'One-sided specification: only the side that exists',
    frozen: 'Limits come from a phase-I study and stay fixed; new data does not recompute them',
    outOfSpec: '{{count}} out of specification',
  },
};

export default spc;
