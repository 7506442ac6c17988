import type { SiteCondition, SiteKind, SiteStatus } from '@gearbridge/contracts/park';

/**
 * The demo park's buildings and plots, drawn on space/qijiang-park.geojson by code (invented geometry). The article
 * (third part) says the park brought 120,000 m² of idle plant back to use in 2019 (盘活闲置厂房12万平方米): the six
 * leases of 2019 below, each of a site that stood idle, add up to it. Sites, areas, tenants, terms and rents are
 * synthetic; the tenants are the registry's enterprises, in the buildings the registry names.
 */
export interface SeedSite {
  code: string;
  name: string;
  kind: SiteKind;
  zone: string;
  areaM2: number;
  condition: SiteCondition;
  /** Now; a leased site has its lease. */
  status: Exclude<SiteStatus, 'leased'> | 'leased';
  lease?: { org: string; startsOn: string; endsOn: string; rentMonth: string };
}

export const SEED_SITES: SeedSite[] = [
  { code: 'QH-G1', name: '齿轮产业园 1-3 号厂房', kind: 'building', zone: '桥河组团', areaM2: 68_000, condition: 'good', status: 'in_use' },
  { code: 'QH-G7', name: '齿轮产业园 7 号厂房', kind: 'building', zone: '桥河组团', areaM2: 12_000, condition: 'good', status: 'in_use' },
  {
    code: 'QH-A6',
    name: '汽配园 A6 号厂房',
    kind: 'building',
    zone: '桥河组团',
    areaM2: 18_000,
    condition: 'good',
    status: 'leased',
    lease: { org: '荆江半轴', startsOn: '2019-03-01', endsOn: '2029-02-28', rentMonth: '144000' },
  },
  {
    code: 'QH-B2',
    name: '汽配园 B2 号厂房',
    kind: 'building',
    zone: '桥河组团',
    areaM2: 9_500,
    condition: 'fair',
    status: 'leased',
    lease: { org: '余扬汽配', startsOn: '2019-05-01', endsOn: '2029-04-30', rentMonth: '66500' },
  },
  { code: 'QH-B5', name: '汽配园 B5 号厂房', kind: 'building', zone: '桥河组团', areaM2: 8_000, condition: 'fair', status: 'idle' },
  { code: 'QH-C1', name: '汽配园 C1 号厂房', kind: 'building', zone: '桥河组团', areaM2: 11_000, condition: 'good', status: 'offered' },
  { code: 'BD-QN', name: '电解铝厂区', kind: 'building', zone: '北渡铝产业园', areaM2: 80_000, condition: 'good', status: 'in_use' },
  {
    code: 'BD-YS',
    name: '友升铝业一期厂区',
    kind: 'building',
    zone: '北渡铝产业园',
    areaM2: 36_000,
    condition: 'good',
    status: 'leased',
    lease: { org: '上海友升铝业有限公司', startsOn: '2019-11-26', endsOn: '2039-11-25', rentMonth: '252000' },
  },
  {
    code: 'BD-03',
    name: '铝产业园 3 号地块',
    kind: 'plot',
    zone: '北渡铝产业园',
    areaM2: 30_000,
    condition: 'good',
    status: 'leased',
    lease: { org: '星旭铝业', startsOn: '2019-06-15', endsOn: '2034-06-14', rentMonth: '90000' },
  },
  { code: 'BD-05', name: '铝产业园 5 号厂房', kind: 'building', zone: '北渡铝产业园', areaM2: 14_000, condition: 'poor', status: 'idle' },
  {
    code: 'GN-E2',
    name: '电子信息产业园 2 号楼',
    kind: 'building',
    zone: '古南组团',
    areaM2: 7_500,
    condition: 'good',
    status: 'leased',
    lease: { org: '百科鼎显', startsOn: '2019-08-01', endsOn: '2027-07-31', rentMonth: '75000' },
  },
  {
    code: 'GN-E3',
    name: '电子信息产业园 3 号楼',
    kind: 'building',
    zone: '古南组团',
    areaM2: 19_000,
    condition: 'good',
    status: 'leased',
    lease: { org: '赛之源齿轮', startsOn: '2019-09-01', endsOn: '2029-08-31', rentMonth: '152000' },
  },
  { code: 'GN-E4', name: '电子信息产业园 4 号楼', kind: 'building', zone: '古南组团', areaM2: 6_000, condition: 'good', status: 'offered' },
  { code: 'GN-P1', name: '古南 1 号地块', kind: 'plot', zone: '古南组团', areaM2: 25_000, condition: 'good', status: 'idle' },
];

/** The article's 2019 (盘活闲置厂房12万平方米), read back by the tests. */
export const ARTICLE_REVIVED_2019 = 120_000;
