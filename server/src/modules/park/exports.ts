import type { Enterprise, Project, ProjectCategory, ProjectStage } from '@gearbridge/contracts/park';
import type { Column } from '../../platform/excel/workbook';

/** The Excel exports of the project list and the registry: what the lists show, in the reader's language. */
const STAGE: Record<ProjectStage, [zh: string, en: string]> = {
  lead: ['线索', 'Lead'],
  negotiating: ['洽谈', 'Negotiating'],
  signed: ['签约', 'Signed'],
  construction: ['在建', 'Under construction'],
  production: ['投产', 'In production'],
};
export const CATEGORY: Record<ProjectCategory, [zh: string, en: string]> = {
  industrial_sensors: ['工业传感器', 'Industrial sensors'],
  automotive_electronics: ['汽车电子', 'Automotive electronics'],
  new_energy: ['新型能源', 'New energy'],
  big_data: ['大数据', 'Big data'],
  five_g: ['5G 产业', '5G'],
  new_materials: ['新材料', 'New materials'],
  high_end_equipment: ['高端装备', 'High-end equipment'],
  gear_transmission: ['齿轮传动', 'Gear transmission'],
  auto_parts: ['汽车零部件', 'Auto parts'],
  aluminium: ['铝产业', 'Aluminium'],
  other: ['其他', 'Other'],
};
const SCALE: Record<Enterprise['scale'], [zh: string, en: string]> = { large: ['大型', 'Large'], medium: ['中型', 'Medium'], small: ['小型', 'Small'], micro: ['微型', 'Micro'] };
const BATCH = { signing: ['集中签约', 'Signing'], groundbreaking: ['集中开工', 'Ground-breaking'], production: ['集中投产', 'Start of production'] } as const;
const word = (zh: boolean, pair: readonly [string, string]) => (zh ? pair[0] : pair[1]);

/** Amounts stay exact decimal text (亿元): a spreadsheet number would be a binary double. */
export function projectColumns(zh: boolean): Column<Project>[] {
  return [
    { key: 'name', header: zh ? '项目名称' : 'Project', width: 34, value: (p) => p.name },
    { key: 'investor', header: zh ? '投资方' : 'Investor', width: 30, value: (p) => p.investor },
    { key: 'amount', header: zh ? '协议投资额（亿元）' : 'Agreed investment (100M yuan)', width: 16, value: (p) => p.amount },
    { key: 'category', header: zh ? '产业类别' : 'Category', width: 14, value: (p) => word(zh, CATEGORY[p.category]) },
    { key: 'stage', header: zh ? '所处阶段' : 'Stage', width: 12, value: (p) => word(zh, STAGE[p.stage]) },
    { key: 'reserve', header: zh ? '储备项目' : 'Reserve', width: 8, value: (p) => (p.reserve ? (zh ? '是' : 'Yes') : zh ? '否' : 'No') },
    { key: 'lead', header: zh ? '线索日期' : 'Lead on', width: 12, kind: 'date', value: (p) => p.stageDates.lead },
    { key: 'signed', header: zh ? '签约日期' : 'Signed on', width: 12, kind: 'date', value: (p) => p.stageDates.signed },
    { key: 'construction', header: zh ? '开工日期' : 'Construction from', width: 12, kind: 'date', value: (p) => p.stageDates.construction },
    { key: 'production', header: zh ? '投产日期' : 'Production from', width: 12, kind: 'date', value: (p) => p.stageDates.production },
    { key: 'batches', header: zh ? '集中仪式' : 'Ceremonies', width: 40, value: (p) => p.batches.map((b) => `${word(zh, BATCH[b.kind])} ${b.heldOn}`).join('；') },
  ];
}

export function enterpriseColumns(zh: boolean): Column<Enterprise>[] {
  return [
    { key: 'name', header: zh ? '企业' : 'Enterprise', width: 28, value: (e) => e.name },
    { key: 'industryCode', header: zh ? '行业代码' : 'Industry code', width: 10, value: (e) => e.industryCode },
    { key: 'industry', header: zh ? '行业（GB/T 4754-2017）' : 'Industry (GB/T 4754-2017)', width: 26, value: (e) => (zh ? e.industryName : e.industryNameEn) },
    { key: 'scale', header: zh ? '规模' : 'Size', width: 8, value: (e) => word(zh, SCALE[e.scale]) },
    { key: 'products', header: zh ? '主要产品' : 'Main products', width: 30, value: (e) => e.products },
    { key: 'zone', header: zh ? '园区组团' : 'Zone', width: 14, value: (e) => e.zone },
    { key: 'building', header: zh ? '厂房' : 'Building', width: 20, value: (e) => e.building },
    { key: 'year', header: zh ? '最近年度' : 'Latest year', width: 10, value: (e) => e.latest?.year },
    { key: 'employees', header: zh ? '从业人员' : 'Employees', width: 10, value: (e) => e.latest?.employees },
    { key: 'output', header: zh ? '产值（元）' : 'Output (yuan)', width: 16, value: (e) => e.latest?.outputValue },
    { key: 'tax', header: zh ? '税收（元）' : 'Tax (yuan)', width: 14, value: (e) => e.latest?.tax },
  ];
}
