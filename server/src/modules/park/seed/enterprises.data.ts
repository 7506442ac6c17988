import type { EnterpriseScale } from '@gearbridge/contracts/park';

/**
 * The demo's park enterprises: the article's companies in 綦江 (the identity seed's organisations), with their
 * GB/T 4754-2017 class, scale, products and place in the park. Zones, buildings, yearly figures and contacts are
 * synthetic (contacts' phones from the 13800000000 test block, names invented).
 */
export interface SeedEnterprise {
  org: string;
  industryCode: string;
  scale: EnterpriseScale;
  products: string;
  zone: string;
  building: string;
  /** [year, employees, output value in whole yuan, tax in whole yuan]. */
  years: [number, number, string, string][];
  contacts: [name: string, title: string, phone: string][];
}

export const SEED_ENTERPRISES: SeedEnterprise[] = [
  {
    org: '綦江齿轮传动有限公司',
    industryCode: 'C3453',
    scale: 'large',
    products: '重型汽车变速箱、齿轮及传动部件',
    zone: '桥河组团',
    building: '齿轮产业园 1-3 号厂房',
    years: [
      [2018, 2350, '2860000000', '118000000'],
      [2019, 2410, '3120000000', '126500000'],
    ],
    contacts: [['王立新', '副总经理', '13800000101']],
  },
  {
    org: '荆江半轴',
    industryCode: 'C3670',
    scale: 'medium',
    products: '汽车半轴、轮毂',
    zone: '桥河组团',
    building: '汽配园 A6 号厂房',
    years: [
      [2018, 420, '386000000', '14200000'],
      [2019, 436, '412500000', '15600000'],
    ],
    contacts: [['张建军', '生产部经理', '13800000102']],
  },
  {
    org: '余扬汽配',
    industryCode: 'C3670',
    scale: 'small',
    products: '汽车铝合金面板、冲压件',
    zone: '桥河组团',
    building: '汽配园 B2 号厂房',
    years: [
      [2018, 180, '96000000', '3100000'],
      [2019, 196, '118000000', '3900000'],
    ],
    contacts: [['刘芳', '办公室主任', '13800000103']],
  },
  {
    org: '星旭铝业',
    industryCode: 'C3252',
    scale: 'medium',
    products: '铝板带、铝型材',
    zone: '北渡铝产业园',
    building: '铝产业园 3 号地块',
    years: [
      [2018, 510, '1250000000', '31000000'],
      [2019, 540, '1380000000', '34200000'],
    ],
    contacts: [['陈国强', '总经理助理', '13800000104']],
  },
  {
    org: '旗能电铝有限公司',
    industryCode: 'C3216',
    scale: 'large',
    products: '电解铝、铝液',
    zone: '北渡铝产业园',
    building: '电解铝厂区',
    years: [
      [2018, 1620, '5860000000', '212000000'],
      [2019, 1650, '6120000000', '225000000'],
    ],
    contacts: [['周明', '综合部部长', '13800000105']],
  },
  {
    org: '赛之源齿轮',
    industryCode: 'C3453',
    scale: 'small',
    products: '螺旋锥齿轮、摩托车齿轮',
    zone: '桥河组团',
    building: '齿轮产业园 7 号厂房',
    years: [[2019, 150, '68000000', '2100000']],
    contacts: [['黄磊', '技术部经理', '13800000106']],
  },
  {
    org: '百科鼎显',
    industryCode: 'C3989',
    scale: 'small',
    products: '显示模组、电子元件',
    zone: '古南组团',
    building: '电子信息产业园 2 号楼',
    years: [[2019, 210, '142000000', '4600000']],
    contacts: [['吴静', '行政经理', '13800000107']],
  },
  {
    org: '上海友升铝业有限公司',
    industryCode: 'C3670',
    scale: 'large',
    products: '高端铝合金汽车零部件（保险杠、电池托盘）',
    zone: '北渡铝产业园',
    building: '友升铝业一期厂区',
    years: [
      [2018, 860, '1560000000', '52000000'],
      [2019, 920, '1740000000', '58800000'],
    ],
    contacts: [['徐志刚', '重庆基地总经理', '13800000108']],
  },
];
