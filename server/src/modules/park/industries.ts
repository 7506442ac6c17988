import type { Industry } from '@gearbridge/contracts/park';

/**
 * The classes of GB/T 4754-2017 《国民经济行业分类》 (National Bureau of Statistics of China, in force since
 * 2017-10-01; the 2019 amendment No. 1 changes none of these) that the park's enterprises and investment targets
 * fall under: gear transmission and auto parts, aluminium, electronics and sensors, new energy, new materials,
 * aerospace, software and data services. Codes are the section letter and the four-digit class; names as the
 * standard gives them, English ours. A class missing here is added here, with its name from the standard.
 */
const ROWS: [code: string, name: string, nameEn: string][] = [
  ['C3091', '石墨及碳素制品制造', 'Graphite and carbon products'],
  ['C3099', '其他非金属矿物制品制造', 'Other non-metallic mineral products'],
  ['C3216', '铝冶炼', 'Aluminium smelting'],
  ['C3252', '铝压延加工', 'Aluminium rolling and extrusion'],
  ['C3391', '黑色金属铸造', 'Ferrous metal casting'],
  ['C3392', '有色金属铸造', 'Non-ferrous metal casting'],
  ['C3360', '金属表面处理及热处理加工', 'Metal surface and heat treatment'],
  ['C3451', '滚动轴承制造', 'Rolling bearings'],
  ['C3453', '齿轮及齿轮减、变速箱制造', 'Gears, gear reducers and gearboxes'],
  ['C3459', '其他传动部件制造', 'Other transmission components'],
  ['C3484', '机械零部件加工', 'Machined mechanical parts'],
  ['C3611', '汽柴油车整车制造', 'Petrol and diesel vehicles'],
  ['C3612', '新能源车整车制造', 'New-energy vehicles'],
  ['C3670', '汽车零部件及配件制造', 'Motor vehicle parts and accessories'],
  ['C3742', '航天器及运载火箭制造', 'Spacecraft and launch vehicles'],
  ['C3812', '电动机制造', 'Electric motors'],
  ['C3841', '锂离子电池制造', 'Lithium-ion batteries'],
  ['C3849', '其他电池制造', 'Other batteries'],
  ['C3921', '通信系统设备制造', 'Communication system equipment'],
  ['C3922', '通信终端设备制造', 'Communication terminal equipment'],
  ['C3982', '电子电路制造', 'Electronic circuits'],
  ['C3983', '敏感元件及传感器制造', 'Sensitive components and sensors'],
  ['C3985', '电子专用材料制造', 'Electronic materials'],
  ['C3989', '其他电子元件制造', 'Other electronic components'],
  ['C4011', '工业自动控制系统装置制造', 'Industrial automatic control systems'],
  ['I6450', '互联网数据服务', 'Internet data services'],
  ['I6513', '应用软件开发', 'Application software development'],
  ['I6531', '信息系统集成服务', 'Information system integration'],
  ['I6532', '物联网技术服务', 'Internet of Things services'],
  ['N7724', '危险废物治理', 'Hazardous waste treatment'],
  ['N7820', '环境卫生管理', 'Environmental sanitation'],
];

export const INDUSTRIES: Industry[] = ROWS.map(([code, name, nameEn]) => ({ code, name, nameEn, section: code[0] }));
const BY_CODE = new Map(INDUSTRIES.map((i) => [i.code, i]));
export const industryOf = (code: string) => BY_CODE.get(code);
