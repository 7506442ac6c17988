import type { SigmaMethod, SpcChartKind, SpcRuleId } from '@gearbridge/contracts/factory';

// SPC words for the quality pages (SPEC §1 quality; docs/spc.md): chart kinds, rules, σ estimates, capability. Part of ./zh-CN.ts.
const kinds: Record<SpcChartKind, string> = {
  xbar_r: '均值-极差图（X̄-R）',
  xbar_s: '均值-标准差图（X̄-S）',
  i_mr: '单值-移动极差图（I-MR）',
  p: '不合格品率图（p）',
  u: '单位缺陷数图（u）',
};
const rules: Record<SpcRuleId, string> = {
  we1: '西电 1：1 点超出 3σ 控制限',
  we2: '西电 2：连续 3 点中有 2 点在同侧 2σ 以外',
  we3: '西电 3：连续 5 点中有 4 点在同侧 1σ 以外',
  we4: '西电 4：连续 8 点在中心线同侧',
  nelson1: '尼尔森 1：1 点超出 3σ 控制限',
  nelson2: '尼尔森 2：连续 9 点在中心线同侧',
  nelson3: '尼尔森 3：连续 6 点递增或递减',
  nelson4: '尼尔森 4：连续 14 点上下交替',
  nelson5: '尼尔森 5：连续 3 点中有 2 点在同侧 2σ 以外',
  nelson6: '尼尔森 6：连续 5 点中有 4 点在同侧 1σ 以外',
  nelson7: '尼尔森 7：连续 15 点在 1σ 以内',
  nelson8: '尼尔森 8：连续 8 点在 1σ 以外且分布在两侧',
};
const sigma: Record<SigmaMethod, string> = {
  rbar_d2: '组内 σ = R̄/d₂',
  sbar_c4: '组内 σ = S̄/c₄',
  mrbar_d2: '组内 σ = MR̄/d₂',
};

const spc = {
  spc: {
    kinds,
    rules,
    sigma,
    westernElectric: '西电规则',
    nelson: '尼尔森规则',
    centre: '中心线',
    ucl: '上控制限',
    lcl: '下控制限',
    usl: '规格上限',
    lsl: '规格下限',
    nominal: '名义值',
    location: { xbar_r: '均值', xbar_s: '均值', i_mr: '单值', p: '不合格品率', u: '单位缺陷数' },
    spread: { xbar_r: '极差', xbar_s: '标准差', i_mr: '移动极差' },
    overallSigma: '整体 σ（样本标准差）',
    capability: '过程能力',
    performance: '过程性能',
    cp: 'Cp',
    cpk: 'Cpk',
    pp: 'Pp',
    ppk: 'Ppk',
    oneSided: '单侧规格：只计算存在的一侧',
    frozen: '控制限由阶段 I 研究计算后固定，不随新数据重新计算',
    outOfSpec: '超出规格 {{count}} 个',
  },
};

export default spc;
