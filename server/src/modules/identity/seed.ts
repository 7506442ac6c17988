import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FieldCipher } from '../../platform/pii';
import { maskPhone } from '../../platform/pii';
import { writeAudit } from '../../platform/audit';
import { hashPassword } from './passwords';
import type { DB } from './db';

const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/regions');

function csv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path.join(dataDir, file), 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',');
  return lines.map((l) => {
    const cells = l.split(',').map((c) => c.replace(/^"|"$/g, ''));
    return Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
  });
}

/**
 * Loads the shipped division codes (the provinces, cities, counties and towns of the two partner places) into
 * the regions tree. Idempotent: existing codes are left as they are. The data keeps 2- and 4-digit province and
 * city codes; the tree stores the 6-digit GB/T 2260 form (50 → 500000, 3713 → 371300).
 */
export async function seedRegions(db: DB): Promise<number> {
  const rows: { code: string; parent_code: string | null; name: string; level: 'province' | 'city' | 'county' | 'town'; full_name: string }[] = [];
  const full = new Map<string, string>();
  // 市辖区 / 县 are placeholders of Chongqing's city level, not names anyone writes in an address.
  const shown = (name: string) => (name === '市辖区' || name === '县' ? '' : name);
  const join = (parent: string | undefined, name: string) => [parent, shown(name)].filter(Boolean).join(' ');
  for (const p of csv('provinces.csv')) {
    const code = p.code.padEnd(6, '0');
    full.set(code, p.name);
    rows.push({ code, parent_code: null, name: p.name, level: 'province', full_name: p.name });
  }
  for (const c of csv('cities.csv')) {
    const code = c.code.padEnd(6, '0');
    const parent = c.provinceCode.padEnd(6, '0');
    full.set(code, join(full.get(parent), c.name));
    rows.push({ code, parent_code: parent, name: c.name, level: 'city', full_name: full.get(code)! });
  }
  for (const a of csv('areas.csv')) {
    const parent = a.cityCode.padEnd(6, '0');
    full.set(a.code, join(full.get(parent), a.name));
    rows.push({ code: a.code, parent_code: parent, name: a.name, level: 'county', full_name: full.get(a.code)! });
  }
  for (const s of csv('streets.csv')) {
    rows.push({ code: s.code, parent_code: s.areaCode, name: s.name, level: 'town', full_name: join(full.get(s.areaCode), s.name) });
  }
  const existing = new Set((await db.selectFrom('regions').select('code').execute()).map((r) => r.code));
  const fresh = rows.filter((r) => !existing.has(r.code));
  if (fresh.length) await db.insertInto('regions').values(fresh).execute();
  return fresh.length;
}

/** The one password of every demo account, printed at start; the demo is for trying, not for real data. */
export const DEMO_PASSWORD = 'Gearbridge-2026';

type Kind = 'enterprise' | 'government' | 'park_admin' | 'hospital' | 'school' | 'training_provider';
/** Organisations the article names (seed/article-zh.txt), in the places it puts them. */
const DEMO_ORGS: [string, Kind, string][] = [
  ['綦江工业园区管委会', 'park_admin', '500110'],
  ['綦江齿轮传动有限公司', 'enterprise', '500110'],
  ['荆江半轴', 'enterprise', '500110'],
  ['余扬汽配', 'enterprise', '500110'],
  ['星旭铝业', 'enterprise', '500110'],
  ['旗能电铝有限公司', 'enterprise', '500110'],
  ['赛之源齿轮', 'enterprise', '500110'],
  ['百科鼎显', 'enterprise', '500110'],
  ['上海友升铝业有限公司', 'enterprise', '500110'],
  ['城口县就业和人才服务局', 'government', '500229'],
  ['城口县修齐镇社保所', 'government', '500229106'],
  ['城口县人民医院', 'hospital', '500229'],
  ['城口县中医院', 'hospital', '500229'],
  ['城口县职业教育中心', 'school', '500229'],
  ['城口县特殊教育学校', 'school', '500229'],
  ['重庆师范大学附属城口实验中学', 'school', '500229'],
  ['临沂市人力资源和社会保障局', 'government', '371300'],
  ['平邑县人力资源和社会保障局', 'government', '371326'],
  ['临沂市肿瘤医院', 'hospital', '371302'],
  ['临沂市中心医院', 'hospital', '371302'],
  ['临沂市中医医院', 'hospital', '371302'],
  ['山东临沂电子科技学校', 'school', '371302'],
  ['临沂市特殊教育中心', 'school', '371302'],
  ['临沂第一中学', 'school', '371302'],
  ['城口县夏布技能培训中心', 'training_provider', '500229'],
  // The collaboration offices of the talent module (organisation departments).
  ['中共城口县委组织部', 'government', '500229'],
  ['中共临沂市委组织部', 'government', '371300'],
];

export interface DemoUser {
  username: string;
  name: string;
  org: string;
  role: string;
  /** Further roles in the same organisation (the gear plant's planner also takes its trade orders into production). */
  also?: string[];
  region?: string;
  /** What this account is for, printed at start. */
  note: string;
  /** One of the shop-floor operators the demo plant's line crews are made of (printed at start as one line). */
  crew?: true;
}

/**
 * The gear plant's shop-floor operators besides gear.operator: with them every line and shift of the demo plant
 * has a crew (the factory seed puts the plant's operators on its lines' shifts), so genealogy names who made a
 * unit. Synthetic names, demo accounts like every other.
 */
const CREW_NAMES = '王志强 李海波 张立新 刘春燕 陈晓东 杨国庆 黄丽娟 赵德明 吴文静 周建华 徐永红 孙小军 马玉兰 朱宏伟 胡秀英 郭振华 何桂芳 高明亮 林红梅 罗家乐'.split(' ');
const CREW: DemoUser[] = CREW_NAMES.map((name, i) => ({
  username: `gear.op${String(i + 1).padStart(2, '0')}`,
  name,
  org: '綦江齿轮传动有限公司',
  role: 'operator',
  note: 'shop-floor operator on a line crew',
  crew: true,
}));

/** Synthetic people only: no name of a real person from the article. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', name: '平台管理员', org: '綦江工业园区管委会', role: 'platform_admin', note: 'platform administrator' },
  { username: 'park.officer', name: '李园', org: '綦江工业园区管委会', role: 'park_officer', region: '500110', note: 'park officer, 綦江区' },
  { username: 'park.auditor', name: '赵审', org: '綦江工业园区管委会', role: 'auditor', note: 'auditor of the park administration' },
  { username: 'gear.admin', name: '周齿', org: '綦江齿轮传动有限公司', role: 'org_admin', note: 'org admin, gear plant' },
  { username: 'gear.manager', name: '陈厂', org: '綦江齿轮传动有限公司', role: 'plant_manager', note: 'plant manager' },
  { username: 'gear.quality', name: '吴质', org: '綦江齿轮传动有限公司', role: 'quality_engineer', note: 'quality engineer' },
  { username: 'gear.operator', name: '郑工', org: '綦江齿轮传动有限公司', role: 'operator', note: 'operator' },
  { username: 'yuyang.hr', name: '孙人', org: '余扬汽配', role: 'enterprise_hr', note: 'enterprise HR' },
  { username: 'youshen.buyer', name: '钱采', org: '上海友升铝业有限公司', role: 'buyer', note: 'buyer' },
  { username: 'qineng.supplier', name: '冯供', org: '旗能电铝有限公司', role: 'supplier', note: 'supplier' },
  { username: 'ck.caseworker', name: '刘助', org: '城口县就业和人才服务局', role: 'labour_caseworker', region: '500229', note: 'labour caseworker, 城口县' },
  { username: 'ck.admin', name: '何管', org: '城口县就业和人才服务局', role: 'org_admin', note: 'org admin, Chengkou employment bureau' },
  { username: 'ck.hospital', name: '杨院', org: '城口县人民医院', role: 'org_admin', note: 'org admin, Chengkou hospital' },
  { username: 'ly.officer', name: '韩协', org: '临沂市人力资源和社会保障局', role: 'collaboration_officer', region: '371300', note: 'collaboration officer, 临沂市' },
  { username: 'ly.hospital', name: '马医', org: '临沂市肿瘤医院', role: 'org_admin', note: 'org admin, Linyi tumour hospital' },
  { username: 'ck.talent', name: '程才', org: '中共城口县委组织部', role: 'talent_officer', region: '500229', note: 'talent collaboration officer, 城口县' },
  { username: 'ly.talent', name: '沈协', org: '中共临沂市委组织部', role: 'talent_officer', region: '371300', note: 'talent collaboration officer, 临沂市' },
  { username: 'ck.school', name: '蓝教', org: '重庆师范大学附属城口实验中学', role: 'org_admin', note: 'org admin, Chengkou school (talent institution)' },
  { username: 'ly.school', name: '祁师', org: '临沂第一中学', role: 'org_admin', note: 'org admin, Linyi school (talent institution)' },
  { username: 'gear.sales', name: '蒋销', org: '綦江齿轮传动有限公司', role: 'supplier', note: 'supplier, gear plant (trade)' },
  {
    username: 'gear.planner',
    name: '韩计',
    org: '綦江齿轮传动有限公司',
    role: 'plant_manager',
    also: ['supplier'],
    note: 'production planner of the gear plant: its trade orders into work orders, their certificates',
  },
  { username: 'jingjiang.buyer', name: '沈购', org: '荆江半轴', role: 'buyer', note: 'buyer, half-shaft maker (trade)' },
  { username: 'xingxu.supplier', name: '韦铝', org: '星旭铝业', role: 'supplier', note: 'supplier, aluminium extrusions (trade)' },
  { username: 'park.trade', name: '曹易', org: '綦江工业园区管委会', role: 'trade_operator', region: '500110', note: 'trade platform operator, 綦江区' },
  ...CREW,
];

/** Demo organisations and users, on an empty database only (no organisation yet). Returns false if skipped. */
export async function seedDemo(db: DB, cipher: FieldCipher): Promise<boolean> {
  const any = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  await db.transaction().execute(async (trx) => {
    const orgIds = new Map<string, string>();
    for (const [name, kind, region] of DEMO_ORGS) {
      const { id } = await trx.insertInto('organisations').values({ name, kind, region_code: region }).returning('id').executeTakeFirstOrThrow();
      orgIds.set(name, id);
    }
    const roles = await trx.selectFrom('roles').select(['id', 'code']).where('org_id', 'is', null).execute();
    for (const [i, u] of DEMO_USERS.entries()) {
      // Synthetic numbers from the 13800000000 block, so no real phone is ever shown.
      const phone = `138000000${String(i + 10).padStart(2, '0')}`;
      const { id } = await trx
        .insertInto('users')
        .values({
          org_id: orgIds.get(u.org)!,
          username: u.username,
          display_name: u.name,
          password_hash: hashes[i],
          phone_enc: cipher.encrypt(phone, 'users.phone'),
          phone_hash: cipher.hash(phone),
          phone_masked: maskPhone(phone),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const code of [u.role, ...(u.also ?? [])]) {
        const role = roles.find((r) => r.code === code);
        if (!role) throw new Error(`demo role ${code} missing`);
        await trx
          .insertInto('user_roles')
          .values({ user_id: id, role_id: role.id, region_code: u.region ?? null })
          .execute();
      }
    }
    await writeAudit(trx, null, { action: 'demo.seed', entity: 'platform', orgId: null, after: { organisations: DEMO_ORGS.length, users: DEMO_USERS.length } });
  });
  return true;
}
