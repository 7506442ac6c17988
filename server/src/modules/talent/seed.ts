import { makeIdNumber } from '@gearbridge/contracts/pii';
import type { TitleCode } from '@gearbridge/contracts/talent';
import { writeAudit } from '../../platform/audit';
import { maskIdNumber, maskPhone } from '../../platform/pii';
import { localDay } from '../../platform/time';
import { CTX, hashes } from './people.service';
import { seedActivities } from './seed-activities';
import { seedDispatch } from './seed-dispatch';
import { seedPlans } from './seed-plans';
import type { Direction, ModuleContext, Transaction } from './db';

/**
 * The talent demo (synthetic people only: no name of the article's real people). The 2017–2018 secondments are
 * exactly as many as the article reports when counted from the rows (stats.int.test.ts): cadres 城口→临沂 8 and
 * 临沂→城口 3 (from 平邑县), professionals 50 and 120. Besides them: terms under way now (two ending within 30 days),
 * a pool of available Linyi experts, and the school and hospital pairings the article names.
 */
export const DEMO_COUNTS = { cadres: { westToEast: 8, eastToWest: 3 }, professionals: { westToEast: 50, eastToWest: 120 } } as const;

const CK_DEPT = '中共城口县委组织部';
const LY_DEPT = '中共临沂市委组织部';
const PY_DEPT = '中共平邑县委组织部';
const CK_HOSPITALS = ['城口县人民医院', '城口县中医院'];
const CK_SCHOOLS = ['重庆师范大学附属城口实验中学', '城口县职业教育中心', '城口县特殊教育学校'];
const LY_HOSPITALS = ['临沂市中心医院', '临沂市肿瘤医院', '临沂市中医医院'];
const LY_SCHOOLS = ['临沂第一中学', '山东临沂电子科技学校', '临沂市特殊教育中心'];

/** Invented names: common surnames with given-name characters chosen so no combination reads as a known person. */
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [...'沐岚澈霁珂颢骁铮蔚翊璟钰昕琛韬沛煦曦瑾朗湛峤岑弈霆珩澜屹桉芮蕴晗'];

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const HEALTH_SPECIALTIES = ['检验', '微生物检验', '肿瘤内科', '心血管内科', '儿科', '妇产科', '骨科', '腹膜透析', '麻醉', '急诊', '中医内科', '针灸推拿', '医院管理'];
const NURSING_SPECIALTIES = ['护理', '重症护理', '护理管理'];
const EDUCATION_SPECIALTIES = ['语文', '数学', '英语', '物理', '化学', '生物', '职业教育', '特殊教育', '教学管理', '班主任工作', '信息技术'];
const HEALTH_TITLES: TitleCode[] = ['chief_physician', 'associate_chief_physician', 'attending_physician', 'resident_physician'];
const NURSE_TITLES: TitleCode[] = ['chief_nurse', 'associate_chief_nurse', 'nurse_in_charge', 'nurse'];
const TEACHER_TITLES: TitleCode[] = ['professor_teacher', 'senior_teacher', 'first_grade_teacher', 'second_grade_teacher'];
const CK_CADRE_UNITS = [
  '城口县商务委员会',
  '城口县规划和自然资源局',
  '城口县农业农村委员会',
  '城口县教育委员会',
  '城口县卫生健康委员会',
  '城口县文化和旅游发展委员会',
  '城口县扶贫开发办公室',
  '城口县发展和改革委员会',
];
const LY_CADRE_HOSTS = [
  '临沂市商务局',
  '临沂市自然资源和规划局',
  '临沂市农业农村局',
  '临沂市教育局',
  '临沂市卫生健康委员会',
  '临沂市文化和旅游局',
  '临沂市扶贫开发办公室',
  '临沂市发展和改革委员会',
];
const PY_CADRE_UNITS = ['平邑县发展和改革局', '平邑县农业农村局', '平邑县商务局'];

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface PersonSpec {
  org: string;
  kind: 'cadre' | 'professional';
  birthRegion: string;
  unit: string;
  post: string;
  sector: 'health' | 'education' | 'cadre';
  title: TitleCode | null;
  specialties: string[];
  availability?: 'available' | 'on_assignment';
}
interface TermSpec {
  hostOrg: string | null;
  hostUnit: string;
  post: string;
  startsOn: string;
  endsOn: string;
  programme: string | null;
}

export async function seedTalent(ctx: ModuleContext): Promise<void> {
  const { db, cipher } = ctx;
  if (await db.selectFrom('talent_people').select('id').limit(1).executeTakeFirst()) return;
  const rnd = prng(20_170_901);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const usedNames = new Set<string>();
  const name = () => {
    for (;;) {
      const n = pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.7 ? pick(GIVEN) : '');
      if (usedNames.has(n)) continue;
      usedNames.add(n);
      return n;
    }
  };

  await db.transaction().execute(async (trx) => {
    const { id: pyDept } = await trx.insertInto('organisations').values({ name: PY_DEPT, kind: 'government', region_code: '371326' }).returning('id').executeTakeFirstOrThrow();
    const orgIds = new Map((await trx.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.name, o.id]));
    orgIds.set(PY_DEPT, pyDept);
    const org = (n: string) => {
      const id = orgIds.get(n);
      if (!id) throw new Error(`talent demo: organisation ${n} missing`);
      return id;
    };
    const programmes = new Map((await trx.selectFrom('talent_programmes').select(['id', 'name']).execute()).map((p) => [p.name, p.id]));

    // Institutions keep their own experts: the demo's hospital and school administrators get the institution role.
    const role = await trx.selectFrom('roles').select('id').where('org_id', 'is', null).where('code', '=', 'talent_institution').executeTakeFirst();
    const users = await trx.selectFrom('users').select('id').where('username', 'in', ['ck.hospital', 'ly.hospital', 'ck.school', 'ly.school']).execute();
    if (role && users.length)
      await trx
        .insertInto('user_roles')
        .values(users.map((u) => ({ user_id: u.id, role_id: role.id, region_code: null })))
        .execute();

    let seq = 0;
    const people: { spec: PersonSpec; term: TermSpec | null }[] = [];
    const professional = (ownerSide: 'west' | 'east', health: boolean): PersonSpec => {
      const org = pick(ownerSide === 'west' ? (health ? CK_HOSPITALS : CK_SCHOOLS) : health ? LY_HOSPITALS : LY_SCHOOLS);
      const nurse = health && rnd() < 0.25;
      const specialties = health ? (nurse ? [pick(NURSING_SPECIALTIES)] : [pick(HEALTH_SPECIALTIES), pick(HEALTH_SPECIALTIES)]) : [pick(EDUCATION_SPECIALTIES)];
      return {
        org,
        kind: 'professional',
        birthRegion: ownerSide === 'west' ? '500229' : '371302',
        unit: health ? `${org} ${nurse ? '护理部' : `${specialties[0]}科`}` : org,
        post: health ? (nurse ? '护士' : '医生') : '教师',
        sector: health ? 'health' : 'education',
        title: pick(health ? (nurse ? NURSE_TITLES : HEALTH_TITLES) : TEACHER_TITLES),
        specialties: [...new Set(specialties)],
      };
    };
    const span = (year0: number, year1: number) => {
      const start = Date.UTC(year0, 0, 1) + Math.floor(rnd() * ((Date.UTC(year1, 11, 1) - Date.UTC(year0, 0, 1)) / 86_400_000)) * 86_400_000;
      return new Date(start).toISOString().slice(0, 10);
    };

    // 2017–2018 cadres: 城口 → 临沂, a year each; 平邑 → 城口, from autumn 2018.
    for (let i = 0; i < DEMO_COUNTS.cadres.westToEast; i++) {
      const startsOn = i < 5 ? '2017-03-15' : '2018-09-15';
      people.push({
        spec: { org: CK_DEPT, kind: 'cadre', birthRegion: '500229', unit: CK_CADRE_UNITS[i], post: '副科长', sector: 'cadre', title: null, specialties: ['东西部协作'] },
        term: { hostOrg: null, hostUnit: LY_CADRE_HOSTS[i], post: '科长助理（挂职）', startsOn, endsOn: addDays(startsOn, 364), programme: '东西部协作干部双向挂职' },
      });
    }
    for (let i = 0; i < DEMO_COUNTS.cadres.eastToWest; i++) {
      people.push({
        spec: { org: PY_DEPT, kind: 'cadre', birthRegion: '371326', unit: PY_CADRE_UNITS[i], post: '副局长', sector: 'cadre', title: null, specialties: ['东西部协作'] },
        term: { hostOrg: null, hostUnit: '城口县扶贫开发办公室', post: '副主任（挂职）', startsOn: '2018-09-10', endsOn: '2019-09-09', programme: '东西部协作干部双向挂职' },
      });
    }
    // 2017–2018 professionals: 城口 → 临沂 to learn (three to six months), 临沂 → 城口 to support (half a year).
    for (let i = 0; i < DEMO_COUNTS.professionals.westToEast; i++) {
      const spec = professional('west', i % 2 === 0);
      const startsOn = span(2017, 2018);
      people.push({
        spec,
        term: {
          hostOrg: pick(spec.sector === 'health' ? LY_HOSPITALS : LY_SCHOOLS),
          hostUnit: '',
          post: '进修学习',
          startsOn,
          endsOn: addDays(startsOn, 90 + Math.floor(rnd() * 90)),
          programme: spec.sector === 'education' ? '重师大城口中青蓝工程' : null,
        },
      });
    }
    for (let i = 0; i < DEMO_COUNTS.professionals.eastToWest; i++) {
      const spec = professional('east', i % 3 !== 0);
      const startsOn = span(2017, 2018);
      people.push({
        spec,
        term: {
          hostOrg: pick(spec.sector === 'health' ? CK_HOSPITALS : CK_SCHOOLS),
          hostUnit: '',
          post: spec.sector === 'health' ? '驻点帮扶专家' : '支教教师',
          startsOn,
          endsOn: addDays(startsOn, 180),
          programme: spec.sector === 'health' && startsOn >= '2018-01-01' ? '沂蒙专家智力扶贫工程' : null,
        },
      });
    }
    // Terms under way today: two Linyi experts whose half year ends within 30 days, a Chengkou cadre with months left.
    const today = localDay();
    for (const [daysLeft, health] of [
      [9, true],
      [24, false],
    ] as const) {
      const spec = { ...professional('east', health), availability: 'on_assignment' as const };
      const endsOn = addDays(today, daysLeft);
      people.push({
        spec,
        term: {
          hostOrg: pick(health ? CK_HOSPITALS : CK_SCHOOLS),
          hostUnit: '',
          post: health ? '驻点帮扶专家' : '支教教师',
          startsOn: addDays(endsOn, -181),
          endsOn,
          programme: health ? '沂蒙专家智力扶贫工程' : null,
        },
      });
    }
    people.push({
      spec: {
        org: CK_DEPT,
        kind: 'cadre',
        birthRegion: '500229',
        unit: '城口县农业农村委员会',
        post: '科长',
        sector: 'cadre',
        title: null,
        specialties: ['产业协作'],
        availability: 'on_assignment',
      },
      term: { hostOrg: LY_DEPT, hostUnit: '', post: '干部科副科长（挂职）', startsOn: addDays(today, -200), endsOn: addDays(today, 165), programme: '东西部协作干部双向挂职' },
    });
    // The pool a host's demand list will be matched against: Linyi experts without a term now.
    for (let i = 0; i < 24; i++) people.push({ spec: professional('east', i % 3 !== 2), term: null });

    for (const { spec, term } of people) {
      const rndDays = Math.floor(rnd() * 365 * 25);
      const birth = new Date(Date.UTC(1965, 0, 1) + rndDays * 86_400_000).toISOString().slice(0, 10);
      const idNumber = makeIdNumber(spec.birthRegion, birth, 100 + (seq % 800));
      const phone = `1390000${String(seq).padStart(4, '0')}`;
      seq++;
      const { id } = await trx
        .insertInto('talent_people')
        .values({
          org_id: org(spec.org),
          kind: spec.kind,
          name: name(),
          id_enc: cipher.encrypt(idNumber, CTX.id),
          id_hash: hashes.id(cipher, idNumber),
          id_masked: maskIdNumber(idNumber),
          phone_enc: cipher.encrypt(phone, CTX.phone),
          phone_hash: hashes.phone(cipher, phone),
          phone_masked: maskPhone(phone),
          gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
          birth_date: birth,
          unit: spec.unit,
          post: spec.post,
          title_code: spec.title,
          specialties: spec.specialties,
          sector: spec.sector,
          availability: spec.availability ?? 'available',
          note: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (term) await insertTerm(trx, id, org(spec.org), spec.birthRegion.startsWith('5002') ? 'west_to_east' : 'east_to_west', term, org, programmes);
    }

    // Reports of the terms under way.
    const current = await trx.selectFrom('talent_secondments').select(['id', 'starts_on']).where('ends_on', '>=', today).where('starts_on', '<=', today).execute();
    for (const s of current) {
      await trx
        .insertInto('talent_secondment_reports')
        .values([
          { secondment_id: s.id, reported_on: addDays(s.starts_on, 30), kind: 'monthly', summary: '到岗一个月：熟悉科室与学校情况，确定帮扶重点和带教对象。' },
          { secondment_id: s.id, reported_on: addDays(s.starts_on, 90), kind: 'midterm', summary: '中期小结：完成专题讲座与业务培训，带教对象已能独立开展常规工作。' },
        ])
        .execute();
    }

    // 结对共建 (article): 临沂市中心医院 ↔ 城口县人民医院, 中医院 ↔ 中医院; schools of both sides.
    const pairs: [kind: 'hospital' | 'school', west: string, east: string, programme: string | null][] = [
      ['hospital', '城口县人民医院', '临沂市中心医院', '沂蒙专家智力扶贫工程'],
      ['hospital', '城口县中医院', '临沂市中医医院', '沂蒙专家智力扶贫工程'],
      ['school', '城口县职业教育中心', '山东临沂电子科技学校', null],
      ['school', '城口县特殊教育学校', '临沂市特殊教育中心', null],
      ['school', '重庆师范大学附属城口实验中学', '临沂第一中学', '重师大城口中青蓝工程'],
    ];
    for (const [kind, west, east, programme] of pairs) {
      const { id } = await trx
        .insertInto('talent_pairings')
        .values({ kind, west_org_id: org(west), east_org_id: org(east), programme_id: programme ? (programmes.get(programme) ?? null) : null, started_on: '2018-03-01' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('talent_pairing_agreements')
        .values({
          pairing_id: id,
          title: `${east}与${west}结对共建协议`,
          signed_on: '2018-03-01',
          starts_on: '2018-03-01',
          ends_on: '2020-12-31',
          document_name: '结对共建协议（签字盖章版）.pdf',
        })
        .execute();
    }
    await seedDispatch(trx, cipher, org, programmes);
    await seedActivities(trx, cipher, org, programmes);
    await seedPlans(trx, org, programmes);
    await writeAudit(trx, null, { action: 'talent.demo_seed', entity: 'platform', orgId: null, after: { people: people.length, pairings: pairs.length } });
  });
}

async function insertTerm(trx: Transaction, personId: string, orgId: string, direction: Direction, t: TermSpec, org: (n: string) => string, programmes: Map<string, string>) {
  await trx
    .insertInto('talent_secondments')
    .values({
      person_id: personId,
      org_id: orgId,
      direction,
      host_org_id: t.hostOrg ? org(t.hostOrg) : null,
      host_unit: t.hostUnit || t.hostOrg || '',
      post: t.post,
      starts_on: t.startsOn,
      ends_on: t.endsOn,
      programme_id: t.programme ? (programmes.get(t.programme) ?? null) : null,
    })
    .execute();
}
