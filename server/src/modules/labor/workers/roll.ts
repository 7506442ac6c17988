import ExcelJS from 'exceljs';
import type { Education, SkillLevel, WorkerStatus } from '@gearbridge/contracts/labor';
import { makeIdNumber } from '@gearbridge/contracts/pii';
import { ROLL_COLUMNS } from './importer';
import { ABILITY_LABELS, EDUCATION_LABELS, LEVEL_LABELS, MONITORING_LABELS, STATUS_LABELS, zh } from './labels';
import { occupationName } from './occupations';

/**
 * A synthetic worker roll of 城口县 for the demo: plausible names, valid ID numbers (GB 11643 check digits), real
 * town codes, about 30% registered-poor households. The same seed gives the same file. Nobody in it is real.
 */

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  /** Picks by weight: [[value, weight], …]. */
  const weighted = <T>(xs: readonly (readonly [T, number])[]): T => {
    let r = next() * xs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of xs) if ((r -= w) < 0) return v;
    return xs[xs.length - 1][0];
  };
  return { next, int, pick, weighted };
}

const SURNAMES =
  '王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯董程曹袁邓许沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文向冉';
const MALE = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆林峰建国永志海东兴启久福贵德发成文武';
const FEMALE = '芳娟敏静丽艳娜秀英霞玲燕萍红梅琴云莲兰凤洁琳雪婷倩慧巧翠春桂花珍';
/** Village names are synthetic: the shipped region tree stops at towns (see server/data/regions/README.md). */
const VILLAGES = [
  '东河村',
  '双河村',
  '新华村',
  '金岩村',
  '白鹤村',
  '桃园村',
  '红岩村',
  '青龙村',
  '复兴村',
  '大坪村',
  '柏树村',
  '中坝村',
  '龙洞村',
  '石门村',
  '茶园村',
  '河坝村',
  '梨园村',
  '团结村',
  '先锋村',
  '黄溪村',
];

/** The trades of the demo, with how often Chengkou's workers have them. */
const TRADES: [string, number][] = [
  ['6-29-01-01', 10],
  ['6-29-01-03', 6],
  ['6-29-01-04', 6],
  ['6-29-01-05', 3],
  ['6-29-04-01', 5],
  ['6-29-03-04', 2],
  ['6-18-01-01', 5],
  ['6-18-01-08', 3],
  ['6-18-02-04', 5],
  ['6-22-02-01', 3],
  ['6-31-01-03', 4],
  ['4-03-02-01', 5],
  ['4-03-02-05', 3],
  ['4-10-01-05', 4],
  ['4-10-01-06', 5],
  ['4-10-01-02', 2],
  ['4-07-05-01', 3],
  ['4-02-07-08', 3],
  ['4-02-05-01', 4],
  ['4-02-02-02', 3],
  ['6-30-05-01', 2],
  ['5-01-02-01', 6],
  ['5-01-02-03', 4],
  ['5-03-02-01', 3],
  ['5-03-02-02', 2],
  ['5-05-05-01', 1],
  ['6-04-03', 3],
];
const STATUSES: [WorkerStatus, number][] = [
  ['unemployed', 25],
  ['employed_local', 20],
  ['employed_out_of_province', 30],
  ['self_employed', 8],
  ['public_welfare_post', 7],
  ['in_training', 6],
];
const EDUCATION: [Education, number][] = [
  ['none', 2],
  ['primary', 15],
  ['junior_secondary', 50],
  ['senior_secondary', 15],
  ['secondary_vocational', 12],
  ['college', 6],
];
const LEVELS: [SkillLevel, number][] = [
  ['none', 50],
  ['level5', 25],
  ['level4', 15],
  ['level3', 10],
];
/** Where Chengkou's workers want to work: Linyi (the partner), Qijiang, home, Chongqing as a whole. */
const WANTED_REGIONS: [string[], number][] = [
  [['371300'], 35],
  [['371300', '500110'], 10],
  [['500110'], 15],
  [['500229'], 30],
  [['500000'], 10],
];
const DISABILITIES = ['肢体残疾四级', '视力残疾三级', '听力残疾四级'];

export interface RollOptions {
  count: number;
  seed: number;
  /** The county's towns (9-digit codes), from the region tree. */
  towns: string[];
  /** The county code for ID numbers: 500229. */
  county: string;
}

/** The roll as sheet rows keyed by the importer's column keys, values as a person would type them. */
export function generateRoll(o: RollOptions): Record<string, string>[] {
  const r = rng(o.seed);
  const ids = new Set<string>();
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < o.count; i++) {
    const male = r.next() < 0.55;
    const name = r.pick([...SURNAMES]) + (r.next() < 0.7 ? r.pick([...(male ? MALE : FEMALE)]) : '') + r.pick([...(male ? MALE : FEMALE)]);
    let id: string;
    do {
      const birth = `${r.int(1966, 2006)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
      // Sequence digit parity carries the sex: odd for men, even for women.
      const seq = r.int(0, 499) * 2 + (male ? 1 : 0);
      id = makeIdNumber(o.county, birth, seq);
    } while (ids.has(id));
    ids.add(id);
    const ability = r.weighted([
      ['full', 88],
      ['partial', 9],
      ['unable', 3],
    ] as const);
    const status: WorkerStatus = ability === 'unable' ? 'unable_to_work' : r.weighted(STATUSES);
    const skills = Array.from(
      {
        length: r.weighted([
          [0, 15],
          [1, 60],
          [2, 25],
        ] as const),
      },
      () => r.weighted(TRADES),
    );
    const unique = [...new Set(skills)];
    const levels = unique.map(() => r.weighted(LEVELS));
    const wanted = r.next() < 0.8 && unique.length ? [unique[0]] : [r.weighted(TRADES)];
    const poor = r.next() < 0.3;
    rows.push({
      idNumber: id,
      name,
      phone: r.next() < 0.9 ? `1380001${String(i).padStart(4, '0')}` : '',
      homeRegionCode: r.pick(o.towns),
      village: r.pick(VILLAGES),
      registeredPoor: poor ? '是' : '否',
      monitoring: r.next() < (poor ? 0.15 : 0.05) ? zh(MONITORING_LABELS, r.pick(['unstable', 'marginal', 'sudden_hardship'] as const)) : '',
      education: zh(EDUCATION_LABELS, r.weighted(EDUCATION)),
      skills: unique.map((c, k) => (levels[k] === 'none' ? c : `${c}:${zh(LEVEL_LABELS, levels[k])}`)).join('；'),
      certificates: unique.flatMap((c, k) => (levels[k] === 'none' ? [] : [`${occupationName(c)}职业技能等级证书（${zh(LEVEL_LABELS, levels[k])}）`])).join('；'),
      workAbility: zh(ABILITY_LABELS, ability),
      disability: ability === 'full' ? '' : r.pick(DISABILITIES),
      status: zh(STATUS_LABELS, status),
      wantedOccupations: ability === 'unable' ? '' : wanted.join('；'),
      wantedRegions: ability === 'unable' ? '' : r.weighted(WANTED_REGIONS).join('；'),
      minWage: ability === 'unable' ? '' : String(r.int(25, 60) * 100),
      needsHousing: r.next() < 0.6 ? '是' : '否',
      availableFrom: `2026-${String(r.int(1, 6)).padStart(2, '0')}-01`,
      consent: r.next() < 0.6 ? '是' : '否',
    });
  }
  return rows;
}

/** The roll as an .xlsx in the import template's layout (Chinese headers). */
export async function rollWorkbook(rows: Record<string, string>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gearbridge demo';
  const ws = wb.addWorksheet('劳动力花名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ROLL_COLUMNS.map((c) => ({ header: c.zh + (c.required ? '*' : ''), key: c.key, width: c.key === 'idNumber' ? 22 : 14 }));
  ws.getRow(1).font = { bold: true };
  // ID numbers and phones as text: Excel would turn 18 digits into a rounded number.
  for (const key of ['idNumber', 'phone', 'homeRegionCode', 'wantedRegions']) ws.getColumn(key).numFmt = '@';
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
