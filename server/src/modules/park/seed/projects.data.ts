import type { ProjectCategory, ProjectStage } from '@gearbridge/contracts/park';

/**
 * The demo's investment projects. The article (seed/article-zh.txt, third part) gives the park's 2019: 42 signed
 * projects for 242.15亿元; 腾讯云 over 100亿, 金美新材料 over 50亿, five projects over 10亿 (烯宇新材料, 魔方卫星,
 * 金悦通 named); 上海友升铝业's second phase signed at the 2019 ceremony (10亿 high-end aluminium auto parts and a
 * 25亿 aluminium deep-processing park); 30-odd reserve projects (巨大轮毂电机, 互联网产业园, 红岩配套产业园,
 * 环境循环经济产业园 named). The amounts of the named projects beyond "over N亿", the other projects' names,
 * investors and amounts, and every date are synthetic, chosen so that the records sum to the article's figures;
 * the summary is computed from these rows, never stated.
 */
export interface SeedProject {
  name: string;
  investor: string;
  /** 亿元, exact decimal text. */
  amount: string;
  category: ProjectCategory;
  /** The date it was signed (YYYY-MM-DD), or null for a lead / negotiation. */
  signedOn: string | null;
  /** Where it stands today. */
  stage: ProjectStage;
  constructionOn?: string;
  productionOn?: string;
  /** The demo ceremony batch (see BATCHES) it was signed / broke ground / went into production at. */
  signingBatch?: string;
  groundbreakingBatch?: string;
  productionBatch?: string;
  reserve?: boolean;
  /** The investor's organisation in the demo directory. */
  investorOrg?: string;
}

export const CEREMONY_2019 = '2019-11-26';
export const Q1_2019 = '2019-03-28';

/** Ceremony batches: [key, kind, name, held on, place]. */
export const BATCHES: [key: string, kind: 'signing' | 'groundbreaking' | 'production', name: string, heldOn: string, place: string][] = [
  ['2019q1-sign', 'signing', '綦江区2019年一季度招商引资项目集中签约', Q1_2019, '綦江工业园区管委会'],
  ['2019-sign', 'signing', '綦江区2019年招商引资项目集中签约', CEREMONY_2019, '綦江工业园区'],
  ['2019-start', 'groundbreaking', '綦江区2019年招商引资项目集中开工', CEREMONY_2019, '綦江工业园区'],
  ['2019-prod', 'production', '綦江区2019年招商引资项目集中投产', CEREMONY_2019, '綦江工业园区'],
];

const YOUSHENG = '上海友升铝业有限公司';
type Row = [name: string, investor: string, amount: string, category: ProjectCategory, signedOn: string, stage: ProjectStage, extra?: Partial<SeedProject>];

/** The 42 projects signed in 2019 (the article's figures). */
const SIGNED_2019: Row[] = [
  [
    '腾讯云基地项目',
    '腾讯云计算（北京）有限责任公司',
    '100.5',
    'big_data',
    '2019-02-22',
    'production',
    { constructionOn: CEREMONY_2019, productionOn: '2021-06-30', groundbreakingBatch: '2019-start' },
  ],
  [
    '金美新材料项目',
    '重庆金美新材料科技有限公司',
    '50.5',
    'new_materials',
    '2019-05-16',
    'production',
    { constructionOn: CEREMONY_2019, productionOn: '2021-09-28', groundbreakingBatch: '2019-start' },
  ],
  [
    '烯宇新材料石墨烯产业化项目',
    '重庆烯宇新材料科技有限公司',
    '10.5',
    'new_materials',
    Q1_2019,
    'production',
    { signingBatch: '2019q1-sign', constructionOn: '2019-08-08', productionOn: '2020-12-18' },
  ],
  [
    '魔方卫星产业基地项目',
    '重庆魔方卫星科技有限公司',
    '10.8',
    'five_g',
    '2019-07-12',
    'production',
    { constructionOn: CEREMONY_2019, productionOn: '2021-11-25', groundbreakingBatch: '2019-start' },
  ],
  ['金悦通汽车电子项目', '重庆金悦通汽车电子有限公司', '11', 'automotive_electronics', '2019-06-20', 'production', { constructionOn: '2019-10-15', productionOn: '2020-10-30' }],
  [
    '友升高端铝合金汽车零部件项目（二期）',
    YOUSHENG,
    '10',
    'auto_parts',
    CEREMONY_2019,
    'production',
    { signingBatch: '2019-sign', constructionOn: '2020-04-20', productionOn: '2021-07-15', investorOrg: YOUSHENG },
  ],
  [
    '友升铝业精深加工产业园项目（二期）',
    YOUSHENG,
    '25',
    'aluminium',
    CEREMONY_2019,
    'construction',
    { signingBatch: '2019-sign', constructionOn: '2020-09-10', investorOrg: YOUSHENG },
  ],
  [
    '新能源汽车电驱动系统项目',
    '重庆綦能电驱科技有限公司',
    '10.2',
    'new_energy',
    '2019-09-05',
    'production',
    { constructionOn: CEREMONY_2019, productionOn: '2021-03-31', groundbreakingBatch: '2019-start' },
  ],
  [
    '工业压力传感器生产线项目',
    '重庆感知微电子有限公司',
    '0.8',
    'industrial_sensors',
    Q1_2019,
    'production',
    { signingBatch: '2019q1-sign', constructionOn: '2019-06-18', productionOn: '2020-05-20' },
  ],
  [
    '汽车车身控制模块项目',
    '重庆驰控汽车电子有限公司',
    '0.75',
    'automotive_electronics',
    Q1_2019,
    'production',
    { signingBatch: '2019q1-sign', constructionOn: '2019-07-02', productionOn: '2020-06-16' },
  ],
  [
    '动力电池梯次利用项目',
    '重庆储能新源科技有限公司',
    '0.7',
    'new_energy',
    Q1_2019,
    'production',
    { signingBatch: '2019q1-sign', constructionOn: '2019-08-20', productionOn: '2020-09-09' },
  ],
  ['工业互联网数据中心项目', '重庆云齿数据科技有限公司', '0.65', 'big_data', '2019-04-18', 'production', { constructionOn: '2019-09-12', productionOn: '2020-08-26' }],
  [
    '5G通信模组封装测试项目',
    '重庆通远电子有限公司',
    '0.6',
    'five_g',
    '2019-04-25',
    'production',
    { constructionOn: CEREMONY_2019, productionOn: '2020-11-11', groundbreakingBatch: '2019-start' },
  ],
  [
    '精密齿轮锻件项目',
    '重庆綦锻精密机械有限公司',
    '0.6',
    'gear_transmission',
    Q1_2019,
    'production',
    { signingBatch: '2019q1-sign', constructionOn: '2019-05-30', productionOn: CEREMONY_2019, productionBatch: '2019-prod' },
  ],
  ['汽车线束总成项目', '重庆联线汽车电子有限公司', '0.55', 'automotive_electronics', '2019-05-09', 'production', { constructionOn: '2019-08-01', productionOn: '2020-04-28' }],
  ['铝合金轮毂涂装项目', '重庆亮铝表面处理有限公司', '0.5', 'aluminium', '2019-05-23', 'production', { constructionOn: '2019-09-03', productionOn: '2020-07-07' }],
  [
    '光伏支架铝型材项目',
    '重庆阳铝新能源材料有限公司',
    '0.5',
    'new_energy',
    '2019-06-06',
    'production',
    { constructionOn: CEREMONY_2019, productionOn: '2020-10-15', groundbreakingBatch: '2019-start' },
  ],
  ['变速箱壳体精加工项目', '重庆箱体精工有限公司', '0.5', 'gear_transmission', '2019-06-13', 'production', { constructionOn: '2019-09-20', productionOn: '2020-06-30' }],
  [
    '温湿度传感器项目',
    '重庆敏测科技有限公司',
    '0.45',
    'industrial_sensors',
    '2019-06-27',
    'production',
    { constructionOn: CEREMONY_2019, productionOn: '2020-09-25', groundbreakingBatch: '2019-start' },
  ],
  ['车载摄像头模组项目', '重庆视驰汽车电子有限公司', '0.45', 'automotive_electronics', '2019-07-04', 'production', { constructionOn: '2019-10-10', productionOn: '2020-08-18' }],
  ['智能仓储物流装备项目', '重庆綦智装备有限公司', '0.42', 'high_end_equipment', '2019-07-18', 'production', { constructionOn: '2019-10-22', productionOn: '2020-09-01' }],
  [
    '齿轮热处理中心项目',
    '重庆恒温热处理有限公司',
    '0.4',
    'gear_transmission',
    '2019-07-25',
    'production',
    { constructionOn: CEREMONY_2019, productionOn: '2020-07-21', groundbreakingBatch: '2019-start' },
  ],
  ['新能源汽车充电桩项目', '重庆充能科技有限公司', '0.4', 'new_energy', '2019-08-01', 'production', { constructionOn: '2019-10-30', productionOn: '2020-06-05' }],
  ['工业大数据平台项目', '重庆齿链数据服务有限公司', '0.38', 'big_data', '2019-08-08', 'production', { constructionOn: '2019-11-05', productionOn: '2020-05-12' }],
  ['5G基站天线罩项目', '重庆波远通信材料有限公司', '0.36', 'five_g', '2019-08-15', 'production', { constructionOn: '2019-11-12', productionOn: '2020-08-06' }],
  [
    '铝合金保险杠横梁项目',
    '重庆铝安汽车部件有限公司',
    '0.35',
    'auto_parts',
    '2019-08-22',
    'production',
    { constructionOn: CEREMONY_2019, productionOn: '2020-10-20', groundbreakingBatch: '2019-start' },
  ],
  ['位移传感器项目', '重庆精位传感技术有限公司', '0.33', 'industrial_sensors', '2019-08-29', 'production', { constructionOn: '2019-11-19', productionOn: '2020-09-15' }],
  ['电机控制器项目', '重庆芯驱电子有限公司', '0.32', 'automotive_electronics', '2019-09-12', 'production', { constructionOn: '2020-03-16', productionOn: '2021-01-12' }],
  ['再生铝熔铸项目', '重庆再铝资源科技有限公司', '0.3', 'aluminium', '2019-09-19', 'production', { constructionOn: '2020-03-25', productionOn: '2021-02-26' }],
  ['工业机器人集成项目', '重庆綦工机器人有限公司', '0.3', 'high_end_equipment', '2019-09-26', 'production', { constructionOn: '2020-04-08', productionOn: '2020-12-29' }],
  ['汽车制动盘项目', '重庆稳刹汽车零部件有限公司', '0.28', 'auto_parts', '2019-10-10', 'production', { constructionOn: '2020-04-15', productionOn: '2021-03-18' }],
  ['储能电池PACK项目', '重庆蓄能电池系统有限公司', '0.27', 'new_energy', '2019-10-17', 'production', { constructionOn: '2020-05-06', productionOn: '2021-04-20' }],
  ['齿轮检测仪器项目', '重庆量齿仪器有限公司', '0.25', 'industrial_sensors', '2019-10-24', 'production', { constructionOn: '2020-05-19', productionOn: '2021-01-28' }],
  [
    '汽车电子电路板项目',
    '重庆板联电子有限公司',
    '0.25',
    'automotive_electronics',
    CEREMONY_2019,
    'production',
    { signingBatch: '2019-sign', constructionOn: '2020-05-28', productionOn: '2021-05-25' },
  ],
  [
    '云计算运维服务中心项目',
    '重庆云维信息技术有限公司',
    '0.23',
    'big_data',
    CEREMONY_2019,
    'production',
    { signingBatch: '2019-sign', constructionOn: '2020-06-09', productionOn: '2020-12-15' },
  ],
  [
    '铝型材挤压模具项目',
    '重庆铸模精密有限公司',
    '0.22',
    'aluminium',
    CEREMONY_2019,
    'production',
    { signingBatch: '2019-sign', constructionOn: '2020-06-23', productionOn: '2021-04-08' },
  ],
  ['智能网联终端项目', '重庆联驰通信技术有限公司', '0.2', 'five_g', CEREMONY_2019, 'construction', { signingBatch: '2019-sign', constructionOn: '2020-07-14' }],
  [
    '减速机总装项目',
    '重庆稳速传动有限公司',
    '0.2',
    'gear_transmission',
    CEREMONY_2019,
    'production',
    { signingBatch: '2019-sign', constructionOn: '2020-07-28', productionOn: '2021-06-17' },
  ],
  ['氢燃料电池零部件项目', '重庆氢途科技有限公司', '0.35', 'new_energy', CEREMONY_2019, 'signed', { signingBatch: '2019-sign' }],
  ['汽车座椅骨架项目', '重庆舒驰汽车部件有限公司', '0.3', 'auto_parts', '2019-12-12', 'production', { constructionOn: '2020-08-11', productionOn: '2021-07-29' }],
  ['MEMS传感器封装项目', '重庆微感科技有限公司', '0.28', 'industrial_sensors', '2019-12-19', 'construction', { constructionOn: '2020-09-22' }],
  ['数控机床维修再制造项目', '重庆再造机床有限公司', '0.21', 'high_end_equipment', '2019-12-26', 'production', { constructionOn: '2020-10-13', productionOn: '2021-08-24' }],
];

/** Signed in 2018, breaking ground or going into production in 2019 (counted in their own years). */
const SIGNED_2018: Row[] = [
  [
    '齿轮传动系统扩能项目',
    '綦江齿轮传动有限公司',
    '3.2',
    'gear_transmission',
    '2018-05-17',
    'production',
    { constructionOn: '2018-09-10', productionOn: CEREMONY_2019, productionBatch: '2019-prod', investorOrg: '綦江齿轮传动有限公司' },
  ],
  [
    '半轴数控生产线项目',
    '荆江半轴',
    '1.2',
    'auto_parts',
    '2018-06-21',
    'production',
    { constructionOn: '2018-10-16', productionOn: CEREMONY_2019, productionBatch: '2019-prod', investorOrg: '荆江半轴' },
  ],
  [
    '铝合金面板生产线项目',
    '余扬汽配',
    '0.8',
    'auto_parts',
    '2018-08-09',
    'production',
    { constructionOn: '2019-03-12', productionOn: CEREMONY_2019, productionBatch: '2019-prod', investorOrg: '余扬汽配' },
  ],
  [
    '电解铝节能改造项目',
    '旗能电铝有限公司',
    '2.6',
    'aluminium',
    '2018-09-13',
    'production',
    { constructionOn: CEREMONY_2019, productionOn: '2020-11-30', groundbreakingBatch: '2019-start', investorOrg: '旗能电铝有限公司' },
  ],
  [
    '铝板带深加工项目',
    '星旭铝业',
    '1.5',
    'aluminium',
    '2018-11-22',
    'production',
    { constructionOn: CEREMONY_2019, productionOn: '2020-12-22', groundbreakingBatch: '2019-start', investorOrg: '星旭铝业' },
  ],
];

/** The reserve (储备项目): leads and negotiations, not signed; the first four as the article names them. */
const RESERVE: [name: string, investor: string, amount: string, category: ProjectCategory, stage: ProjectStage][] = [
  ['巨大轮毂电机项目', '巨大轮毂电机（意向投资方）', '20', 'new_energy', 'negotiating'],
  ['互联网产业园项目', '互联网产业园（意向投资方）', '15', 'big_data', 'negotiating'],
  ['红岩配套产业园项目', '红岩配套产业园（意向投资方）', '12', 'auto_parts', 'negotiating'],
  ['环境循环经济产业园项目', '环境循环经济产业园（意向投资方）', '8', 'other', 'negotiating'],
  ['车规级芯片封测项目', '重庆芯程半导体有限公司', '6', 'automotive_electronics', 'lead'],
  ['激光雷达项目', '重庆光测智能科技有限公司', '3', 'automotive_electronics', 'lead'],
  ['智能齿轮箱研发中心项目', '重庆智齿研究院有限公司', '1.5', 'gear_transmission', 'negotiating'],
  ['铝基复合材料项目', '重庆铝复材料有限公司', '4', 'new_materials', 'lead'],
  ['分布式光伏项目', '重庆晴能光伏有限公司', '1.2', 'new_energy', 'lead'],
  ['边缘计算节点项目', '重庆边云信息技术有限公司', '0.8', 'big_data', 'lead'],
  ['5G专网设备项目', '重庆专联通信有限公司', '1.6', 'five_g', 'negotiating'],
  ['振动传感器项目', '重庆振感科技有限公司', '0.6', 'industrial_sensors', 'lead'],
  ['新能源汽车热管理项目', '重庆热控汽车部件有限公司', '2.2', 'automotive_electronics', 'negotiating'],
  ['高强铝合金型材项目', '重庆强铝新材料有限公司', '3.5', 'aluminium', 'lead'],
  ['齿轮钢锻造项目', '重庆锻钢精密有限公司', '2.8', 'gear_transmission', 'lead'],
  ['碳纤维部件项目', '重庆碳驰复合材料有限公司', '2', 'new_materials', 'lead'],
  ['换电站设备项目', '重庆换能科技有限公司', '1.1', 'new_energy', 'lead'],
  ['工业软件研发中心项目', '重庆工软信息技术有限公司', '0.5', 'big_data', 'lead'],
  ['北斗定位终端项目', '重庆星导科技有限公司', '0.9', 'five_g', 'lead'],
  ['汽车转向系统项目', '重庆稳向汽车部件有限公司', '2.4', 'auto_parts', 'negotiating'],
  ['压铸一体化车身项目', '重庆一体压铸科技有限公司', '5', 'aluminium', 'lead'],
  ['智能检测装备项目', '重庆检智装备有限公司', '0.7', 'high_end_equipment', 'lead'],
  ['氢能加注站项目', '重庆氢源能源有限公司', '1.3', 'new_energy', 'lead'],
  ['汽车音响系统项目', '重庆声驰电子有限公司', '0.6', 'automotive_electronics', 'lead'],
  ['气体传感器项目', '重庆嗅测科技有限公司', '0.4', 'industrial_sensors', 'lead'],
  ['数字孪生工厂服务项目', '重庆孪生智造科技有限公司', '0.3', 'big_data', 'lead'],
  ['精密轴承项目', '重庆精轴科技有限公司', '1.8', 'gear_transmission', 'lead'],
  ['石墨烯散热膜项目', '重庆烯散热材料有限公司', '1.2', 'new_materials', 'lead'],
  ['废铝回收分拣中心项目', '重庆回铝环保科技有限公司', '0.9', 'aluminium', 'lead'],
  ['电池材料前驱体项目', '重庆锂源材料有限公司', '6.5', 'new_energy', 'lead'],
  ['智能座舱域控制器项目', '重庆座舱智能科技有限公司', '2.5', 'automotive_electronics', 'lead'],
  ['5G工业网关项目', '重庆网关通信有限公司', '0.5', 'five_g', 'lead'],
];

const row = (r: Row): SeedProject => ({ name: r[0], investor: r[1], amount: r[2], category: r[3], signedOn: r[4], stage: r[5], ...r[6] });

export const SEED_PROJECTS: SeedProject[] = [
  ...SIGNED_2019.map(row),
  ...SIGNED_2018.map(row),
  ...RESERVE.map(([name, investor, amount, category, stage]): SeedProject => ({ name, investor, amount, category, signedOn: null, stage, reserve: true })),
];

/** What the article says of 2019, for the test that the summary computed from the records reproduces it. */
export const ARTICLE_2019 = { signedCount: 42, signedAmount: '242.15', over100: 1, over50: 1, over10: 5, reserveAtLeast: 30 } as const;
