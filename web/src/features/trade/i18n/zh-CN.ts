import type { Shape } from '../../../i18n/shape';
import { tradeAudit } from '@gearbridge/contracts/messages';

// The trade module's pages (SPEC §5, 产业交易): catalogue with facets, product page, storefronts, RFQs and quotes.
const trade = {
  nav: { catalogue: '商品目录', rfqs: '询价', suppliers: '供应商' },
  vertical: { gear: '齿轮', nev_part: '新能源汽车零部件', aluminium: '交通铝材' },
  allVerticals: '全部行业',
  unit: { piece: '件', t: '吨' },
  perUnit: { piece: '元/件', t: '元/吨' },
  attr: {
    gearType: { label: '齿轮类型', options: { spur: '直齿轮', helical: '斜齿轮', spiral_bevel: '螺旋锥齿轮', hypoid: '准双曲面齿轮' } },
    module: { label: '模数' },
    teeth: { label: '齿数' },
    pressureAngle: { label: '压力角' },
    helixAngle: { label: '螺旋角' },
    material: { label: '材料' },
    heatTreatment: {
      label: '热处理',
      options: { carburizing_quenching: '渗碳淬火', carbonitriding: '碳氮共渗', induction_hardening: '感应淬火', nitriding: '渗氮', quench_temper: '调质', none: '无' },
    },
    accuracyGrade: { label: '精度等级（GB/T 10095.1）' },
    partType: {
      label: '零部件类型',
      options: {
        half_shaft: '半轴',
        reducer_gear: '减速器齿轮',
        differential: '差速器',
        motor_housing: '电机壳体',
        battery_tray: '电池托盘',
        subframe: '副车架',
        control_arm: '控制臂',
      },
    },
    vehiclePlatform: { label: '车型平台' },
    standard: { label: '执行标准' },
    alloy: { label: '牌号' },
    temper: { label: '状态' },
    form: { label: '形态', options: { molten: '铝液', ingot: '铝锭', billet: '铝棒', extrusion: '型材', plate: '板材', casting: '铸件' } },
    dimensions: { label: '规格尺寸' },
    tonnage: { label: '吨位' },
  },
  grade: '{{grade}} 级',
  attrPair: '{{label}}：{{value}}',
  catalogue: {
    title: '商品目录',
    subtitle: '齿轮、新能源汽车零部件、交通铝材三大交易平台，按属性筛选',
    search: '搜索名称、零件号或供应商',
    filters: '筛选',
    clear: '清除筛选',
    results: '共 {{count}} 件商品',
    empty: '没有符合条件的商品',
    onRequest: '面议',
    withVat: '含税 {{price}}',
    supplier: '供应商',
    price: '单价（不含税）',
  },
  product: {
    attributes: '技术参数',
    partNumber: '零件号',
    unitPrice: '单价（不含税）',
    unitPriceWithVat: '含税单价（13%）',
    storefront: '进入供应商店铺',
    askQuote: '发起询价',
    inactive: '已下架',
  },
  supplier: { title: '供应商', products: '{{count}} 件商品', region: '所在地区', catalogue: '全部商品' },
  rfq: {
    title: '询价',
    subtitle: '采购方发布询价，报价在截止时间前密封',
    new: '发布询价',
    view: { all: '全部', own: '我发布的', quotable: '可报价' },
    status: { open: '报价中', closed: '已截止', awarded: '已定标', cancelled: '已取消' },
    visibility: { invited: '定向邀请', open: '公开' },
    fields: {
      title: '询价标题',
      vertical: '行业',
      spec: '规格要求',
      quantity: '数量',
      deliveryDate: '交货日期',
      deliveryPlace: '交货地点',
      visibility: '报价范围',
      invited: '邀请供应商',
      deadline: '报价截止时间',
      note: '备注',
      buyer: '采购方',
    },
    sealed: '报价密封至 {{deadline}}，截止前任何人（包括采购方）都看不到报价。',
    sealedSupplier: '你只能看到本单位的报价；其他供应商的报价任何时候都不可见。',
    quoteCount: '{{count}} 份报价',
    noQuotes: '暂无可查看的报价',
    quoted: '已报价',
    empty: '暂无询价',
    created: '询价已发布',
  },
  quote: {
    title: '报价',
    submit: '提交报价',
    revise: '修改报价',
    tiers: '阶梯价格',
    minQuantity: '起订数量',
    unitPrice: '单价（元，不含税）',
    addTier: '添加阶梯',
    leadTimeDays: '交货周期（天）',
    validUntil: '报价有效期至',
    note: '备注',
    supplier: '供应商',
    atQuantity: '按询价数量',
    net: '不含税金额',
    vat: '增值税（13%）',
    gross: '价税合计',
    revision: '第 {{n}} 版',
    saved: '报价已提交',
    days: '{{n}} 天',
  },
};

/** Audit log labels of the trade actions and records (server: trade.*, entity trade_*). */
export const tradeAuditActions = tradeAudit.zh.actions;

/** Everything the trade feature adds to the translations (registered through its manifest). */
const translations = {
  trade,
  nav: { trade: '产业交易' },
  modules: {
    trade: {
      title: '产业交易 · B2B 平台',
      summary: '面向齿轮、新能源汽车零部件和交通铝材三个行业的在线交易，与工厂生产和质量数据打通。',
      users: '采购商、供应商、交易平台运营',
      features: [
        '按行业的商品属性：齿轮（类型、模数、齿数、压力角、螺旋角、材料、热处理、精度等级）、新能源汽车零部件、铝材（牌号、状态、形态含铝液）',
        '每个属性都可筛选，分面计数来自数据库；供应商店铺',
        '询价 → 报价：阶梯价格、交货周期、有效期；报价在截止前密封，供应商之间互不可见',
        '金额精确到分，增值税 13% 按行计算、四舍五入',
        '即将上线：定标生成订单、订单转工厂工单、按交付生成质量证明书、铝液长期供货协议与节省测算、交易看板',
      ],
    },
  },
  audit: { actions: { trade: tradeAuditActions }, entities: tradeAudit.zh.entities },
};

export default translations;

export type TradeMessages = Shape<typeof translations>;
