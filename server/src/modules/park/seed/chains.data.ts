import type { ChainTier } from '@gearbridge/contracts/park';

/**
 * The demo park's industrial chains (产业链图谱). The article names the park's chains (gears, automotive parts,
 * aluminium; the strategic emerging industries: sensors, automotive electronics, new energy, big data, 5G, new
 * materials) and one link across them: 旗能电铝 selling molten aluminium straight to 上海友升, 300 元/t saved. The
 * links, which registry enterprise sits on which, and which project fills which missing link are the demo's own.
 */
export interface SeedLink {
  name: string;
  tier: ChainTier;
  enterprises: string[];
  projects: string[];
}
export interface SeedChain {
  code: string;
  name: string;
  links: SeedLink[];
}

const link = (name: string, tier: ChainTier, enterprises: string[] = [], projects: string[] = []): SeedLink => ({ name, tier, enterprises, projects });
const GEAR = '綦江齿轮传动有限公司';
const YOUSHENG = '上海友升铝业有限公司';

export const SEED_CHAINS: SeedChain[] = [
  {
    code: 'gear',
    name: '齿轮传动产业链',
    links: [
      link('齿轮钢与锻件', 'upstream', [], ['精密齿轮锻件项目', '齿轮钢锻造项目']),
      link('检测与研发', 'upstream', [], ['齿轮检测仪器项目', '智能齿轮箱研发中心项目']),
      link('齿轮加工与热处理', 'midstream', [GEAR, '赛之源齿轮', '余扬汽配'], ['齿轮热处理中心项目']),
      link('变速箱总成', 'midstream', [GEAR], ['减速机总装项目', '齿轮传动系统扩能项目', '变速箱壳体精加工项目']),
      link('重卡整车配套', 'downstream', [], ['红岩配套产业园项目']),
      link('齿轮电商交易', 'downstream'),
    ],
  },
  {
    code: 'auto_parts',
    name: '汽车零部件产业链',
    links: [
      link('半轴与轮毂', 'midstream', ['荆江半轴'], ['铝合金轮毂涂装项目', '汽车制动盘项目']),
      link('铝合金车身件', 'midstream', [YOUSHENG], ['友升高端铝合金汽车零部件项目（二期）', '铝合金保险杠横梁项目', '压铸一体化车身项目']),
      link('汽车电子', 'midstream', [], ['金悦通汽车电子项目', '汽车车身控制模块项目', '车载摄像头模组项目', '智能座舱域控制器项目']),
      link('新能源三电', 'downstream', [], ['新能源汽车电驱动系统项目', '巨大轮毂电机项目', '电机控制器项目']),
    ],
  },
  {
    code: 'aluminium',
    name: '铝产业链',
    links: [
      link('电解铝', 'upstream', ['旗能电铝有限公司'], ['电解铝节能改造项目']),
      link('再生铝', 'upstream', [], ['再生铝熔铸项目', '废铝回收分拣中心项目']),
      link('铝液直供与熔铸', 'midstream', [YOUSHENG]),
      link('铝板带与型材', 'midstream', ['星旭铝业'], ['铝板带深加工项目', '高强铝合金型材项目', '光伏支架铝型材项目', '铝型材挤压模具项目']),
      link('铝精深加工', 'downstream', [], ['友升铝业精深加工产业园项目（二期）']),
      link('交通用铝交易', 'downstream'),
    ],
  },
  {
    code: 'new_materials',
    name: '新材料产业链',
    links: [
      link('石墨烯', 'upstream', [], ['烯宇新材料石墨烯产业化项目', '石墨烯散热膜项目']),
      link('新型功能材料', 'midstream', [], ['金美新材料项目', '电池材料前驱体项目']),
      link('复合材料部件', 'downstream', [], ['碳纤维部件项目', '铝基复合材料项目']),
    ],
  },
  {
    code: 'big_data',
    name: '大数据与电子信息产业链',
    links: [
      link('电子信息制造', 'upstream', ['百科鼎显'], ['5G通信模组封装测试项目', 'MEMS传感器封装项目', '车规级芯片封测项目']),
      link('工业传感器', 'upstream', [], ['工业压力传感器生产线项目', '温湿度传感器项目', '位移传感器项目', '振动传感器项目', '气体传感器项目']),
      link('云计算与数据中心', 'midstream', [], ['腾讯云基地项目', '工业互联网数据中心项目', '云计算运维服务中心项目', '边缘计算节点项目']),
      link('工业互联网平台', 'downstream', [], ['工业大数据平台项目', '数字孪生工厂服务项目', '互联网产业园项目']),
    ],
  },
];

/** Edges between links, [chain code, link] → [chain code, link], with a note. */
export const SEED_EDGES: [from: [string, string], to: [string, string], note: string | null][] = [
  [['gear', '齿轮钢与锻件'], ['gear', '齿轮加工与热处理'], null],
  [['gear', '检测与研发'], ['gear', '齿轮加工与热处理'], null],
  [['gear', '齿轮加工与热处理'], ['gear', '变速箱总成'], null],
  [['gear', '变速箱总成'], ['gear', '重卡整车配套'], null],
  [['gear', '变速箱总成'], ['gear', '齿轮电商交易'], null],
  [['auto_parts', '半轴与轮毂'], ['gear', '重卡整车配套'], null],
  [['auto_parts', '铝合金车身件'], ['auto_parts', '新能源三电'], null],
  [['auto_parts', '汽车电子'], ['auto_parts', '新能源三电'], null],
  [['aluminium', '电解铝'], ['aluminium', '铝液直供与熔铸'], '电解铝液直供，每吨节省电费和人工费 300 元'],
  [['aluminium', '再生铝'], ['aluminium', '铝液直供与熔铸'], null],
  [['aluminium', '铝液直供与熔铸'], ['auto_parts', '铝合金车身件'], '铝液直供上海友升，生产铝合金保险杠等汽车零部件'],
  [['aluminium', '铝液直供与熔铸'], ['aluminium', '铝板带与型材'], null],
  [['aluminium', '铝板带与型材'], ['aluminium', '铝精深加工'], null],
  [['aluminium', '铝精深加工'], ['aluminium', '交通用铝交易'], null],
  [['new_materials', '石墨烯'], ['new_materials', '新型功能材料'], null],
  [['new_materials', '新型功能材料'], ['new_materials', '复合材料部件'], null],
  [['new_materials', '复合材料部件'], ['auto_parts', '铝合金车身件'], null],
  [['big_data', '电子信息制造'], ['auto_parts', '汽车电子'], null],
  [['big_data', '工业传感器'], ['big_data', '云计算与数据中心'], null],
  [['big_data', '云计算与数据中心'], ['big_data', '工业互联网平台'], null],
  [['big_data', '工业互联网平台'], ['gear', '齿轮电商交易'], '腾讯云：世界齿轮电商交易平台'],
  [['big_data', '工业互联网平台'], ['aluminium', '交通用铝交易'], '腾讯云：交通用铝电商交易平台'],
];
