import type { CertificationKind, RetrofitStatus } from '@gearbridge/contracts/park';

/**
 * The demo's smart retrofits and certifications. The article (seed/article-zh.txt, second part) names the retrofits
 * of 2019 — 荆江半轴's half-shaft line for light electric trucks made numerically controlled, 余扬汽配's high-precision
 * spiral bevel gear line, 星旭铝业's automatic aluminium-panel line — and the certificates: 荆江半轴 a 2019 municipal
 * smart factory; 旗能电铝, 赛之源齿轮, 綦江传动 and 百科鼎显 digital workshops. The gear plant's own figures (output
 * per shift 30 → 70–80, first-pass yield 99 % → 99.99 %) come from its first part. Budgets, subsidies, dates,
 * milestones, scores, certificate numbers and the other figures are synthetic; so is the gear plant's 2020
 * smart-factory certificate (the demo's plant runs the factory module, so its certificate shows live figures).
 */
export interface SeedRetrofit {
  org: string;
  name: string;
  scope: string;
  budget: string;
  subsidy: string;
  status: RetrofitStatus;
  startedOn: string;
  completedOn: string | null;
  /** [output per shift, first-pass yield %, staff per line] before and after. */
  before: [number, string, number];
  after: [number, string, number] | null;
  milestones: [name: string, dueOn: string, doneOn: string | null][];
}

export const SEED_RETROFITS: SeedRetrofit[] = [
  {
    org: '綦江齿轮传动有限公司',
    name: '变速箱壳体智能制造基地',
    scope: '7 条自动化生产线、180 余台智能设备联网（加工中心、清洗机、试漏机、三坐标、激光打标、机器人、AGV），MES 与物流直通',
    budget: '326800000',
    subsidy: '15000000',
    status: 'completed',
    startedOn: '2017-06-01',
    completedOn: '2018-12-28',
    before: [30, '99', 22],
    after: [75, '99.99', 6],
    milestones: [
      ['厂房改造与设备招标', '2017-09-30', '2017-09-26'],
      ['前 4 条线安装调试', '2018-05-31', '2018-06-12'],
      ['7 条线全部联网投产', '2018-12-28', '2018-12-28'],
    ],
  },
  {
    org: '荆江半轴',
    name: '纯电动轻卡半轴生产线数控化改造',
    scope: '半轴生产线：数控车床 6 台、中频淬火机、机器人上下料，在线检测与 MES 数据采集',
    budget: '18600000',
    subsidy: '2790000',
    status: 'completed',
    startedOn: '2019-03-01',
    completedOn: '2019-10-30',
    before: [120, '98.6', 14],
    after: [210, '99.5', 6],
    milestones: [
      ['方案评审', '2019-03-20', '2019-03-18'],
      ['设备到厂安装', '2019-07-31', '2019-08-09'],
      ['试生产与验收', '2019-10-30', '2019-10-30'],
    ],
  },
  {
    org: '余扬汽配',
    name: '高精螺伞齿轮数控智能化生产线',
    scope: '螺旋锥齿轮生产线：数控铣齿机 4 台、热处理自动线、齿轮测量中心，刀具寿命管理',
    budget: '24350000',
    subsidy: '3650000',
    status: 'completed',
    startedOn: '2019-05-06',
    completedOn: '2020-01-15',
    before: [80, '98.2', 12],
    after: [150, '99.6', 5],
    milestones: [
      ['设备选型与采购', '2019-07-15', '2019-07-12'],
      ['铣齿与热处理线联调', '2019-11-30', '2019-12-20'],
      ['验收', '2020-01-15', '2020-01-15'],
    ],
  },
  {
    org: '星旭铝业',
    name: '铝单板自动智能化生产线',
    scope: '铝单板生产线：数控冲剪折弯、自动喷涂线、立体仓库与条码追溯',
    budget: '12800000',
    subsidy: '1920000',
    status: 'in_progress',
    startedOn: '2019-06-15',
    completedOn: null,
    before: [400, '97.5', 18],
    after: null,
    milestones: [
      ['冲剪折弯单元', '2019-12-31', '2019-12-20'],
      ['自动喷涂线', '2020-06-30', null],
      ['立体仓库与追溯', '2020-10-31', null],
    ],
  },
];

export interface SeedCertification {
  org: string;
  kind: CertificationKind;
  title: string;
  appliedOn: string;
  /** The review's total (spread over the checklist's items), or null before a review. */
  score: number | null;
  decision: { on: string; certificateNo: string; validUntil: string } | null;
  retrofit?: string;
  documents: string[];
}

const DOCS = ['申报书', '智能化改造项目验收报告', '设备联网清单', '生产效率与质量数据对比表'];
export const SEED_CERTIFICATIONS: SeedCertification[] = [
  {
    org: '綦江齿轮传动有限公司',
    kind: 'digital_workshop',
    title: '变速箱壳体机加数字化车间',
    appliedOn: '2019-06-10',
    score: 88,
    decision: { on: '2019-11-20', certificateNo: 'CQ-SZHCJ-2019-031', validUntil: '2022-11-19' },
    retrofit: '变速箱壳体智能制造基地',
    documents: DOCS,
  },
  {
    org: '綦江齿轮传动有限公司',
    kind: 'smart_factory',
    title: '綦江齿轮传动智能制造基地',
    appliedOn: '2020-05-18',
    score: 91,
    decision: { on: '2020-11-25', certificateNo: 'CQ-ZNGC-2020-012', validUntil: '2030-11-24' },
    retrofit: '变速箱壳体智能制造基地',
    documents: DOCS,
  },
  {
    org: '荆江半轴',
    kind: 'smart_factory',
    title: '荆江半轴智能工厂',
    appliedOn: '2019-06-20',
    score: 84,
    decision: { on: '2019-11-20', certificateNo: 'CQ-ZNGC-2019-017', validUntil: '2022-11-19' },
    retrofit: '纯电动轻卡半轴生产线数控化改造',
    documents: DOCS,
  },
  {
    org: '旗能电铝有限公司',
    kind: 'digital_workshop',
    title: '电解铝数字化车间',
    appliedOn: '2019-06-12',
    score: 81,
    decision: { on: '2019-11-20', certificateNo: 'CQ-SZHCJ-2019-032', validUntil: '2022-11-19' },
    documents: DOCS.slice(0, 3),
  },
  {
    org: '赛之源齿轮',
    kind: 'digital_workshop',
    title: '齿轮加工数字化车间',
    appliedOn: '2019-06-14',
    score: 79,
    decision: { on: '2019-11-20', certificateNo: 'CQ-SZHCJ-2019-033', validUntil: '2022-11-19' },
    documents: DOCS.slice(0, 3),
  },
  {
    org: '百科鼎显',
    kind: 'digital_workshop',
    title: '显示模组数字化车间',
    appliedOn: '2019-06-18',
    score: 77,
    decision: { on: '2019-11-20', certificateNo: 'CQ-SZHCJ-2019-034', validUntil: '2022-11-19' },
    documents: DOCS.slice(0, 3),
  },
  {
    org: '余扬汽配',
    kind: 'digital_workshop',
    title: '螺伞齿轮数字化车间',
    appliedOn: '2020-04-08',
    score: 72,
    decision: null,
    retrofit: '高精螺伞齿轮数控智能化生产线',
    documents: DOCS,
  },
  { org: '星旭铝业', kind: 'digital_workshop', title: '铝单板数字化车间', appliedOn: '2020-09-01', score: null, decision: null, documents: DOCS.slice(0, 2) },
];

/** A total spread over a checklist's items in proportion to their maxima, summing exactly to the total. */
export function spread(total: number, items: readonly { code: string; max: number }[]): { code: string; max: number; score: number }[] {
  const out = items.map((i) => ({ ...i, score: Math.min(i.max, Math.floor((i.max * total) / 100)) }));
  let left = total - out.reduce((s, i) => s + i.score, 0);
  for (const i of out) {
    const add = Math.min(left, i.max - i.score);
    i.score += add;
    left -= add;
  }
  return out;
}
