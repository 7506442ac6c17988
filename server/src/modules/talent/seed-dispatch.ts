import { makeIdNumber } from '@gearbridge/contracts/pii';
import { titleLevel, type TitleCode } from '@gearbridge/contracts/talent';
import { scoreQualification } from '../../shared/matching';
import { maskIdNumber, maskPhone } from '../../platform/pii';
import { localDay } from '../../platform/time';
import { CTX, hashes } from './people.service';
import type { FieldCipher } from '../../platform/pii';
import type { Transaction } from './db';

/**
 * The demo's order-based dispatch (订单式选派) since 2018, as records: Chengkou's hospitals and schools post demand
 * lists in half-year waves, Linyi's officer orders experts who fit them, the sending units approve, and each order's
 * term is a secondment. Counted from the rows they give the article's figures (stats.int.test.ts): 39 medical expert
 * dispatches and 52 teacher dispatches ("50 余人次"). Besides them, today's open demand list of 城口县人民医院 and
 * 城口县职业教育中心, one item partly fulfilled and one order awaiting 临沂市肿瘤医院's approval.
 */
export const DISPATCH_COUNTS = { health: 39, education: 52 } as const;

const WAVES: [from: string, to: string][] = [
  ['2019-03-01', '2019-08-31'],
  ['2019-09-01', '2020-02-29'],
  ['2020-09-01', '2021-02-28'],
  ['2021-03-01', '2021-08-31'],
];
const HOSTS = { health: ['城口县人民医院', '城口县中医院'], education: ['重庆师范大学附属城口实验中学', '城口县职业教育中心', '城口县特殊教育学校'] } as const;
const GOALS = {
  health: '开展临床带教、专题讲座和疑难病例会诊，帮助科室建立规范的诊疗流程，培养能独立开展工作的业务骨干。',
  education: '承担示范课和公开课，指导青年教师备课、上课与教研，帮助学校完善教学管理制度。',
} as const;

/** Experts the current demand list is about (invented names; IDs born 1962–1964, sequence 900+, never the base seed's). */
const EXPERTS: { org: string; name: string; unit: string; title: TitleCode; specialties: string[]; birth: string }[] = [
  { org: '临沂市肿瘤医院', name: '简霁川', unit: '临沂市肿瘤医院 检验科', title: 'associate_chief_physician', specialties: ['微生物检验', '检验'], birth: '1962-04-18' },
  { org: '临沂市中心医院', name: '阮沐青', unit: '临沂市中心医院 检验科', title: 'chief_physician', specialties: ['检验', '微生物检验'], birth: '1963-09-02' },
  { org: '临沂市中心医院', name: '柏知远', unit: '临沂市中心医院 肾内科', title: 'attending_physician', specialties: ['腹膜透析', '肾内科'], birth: '1964-01-27' },
  { org: '临沂市肿瘤医院', name: '季澄宇', unit: '临沂市肿瘤医院 儿科', title: 'associate_chief_physician', specialties: ['儿科'], birth: '1962-11-09' },
];

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface PoolPerson {
  id: string;
  org_id: string;
  specialties: string[];
  title_code: string | null;
  sector: string;
  terms: { from: string; to: string }[];
}

export async function seedDispatch(trx: Transaction, cipher: FieldCipher, org: (name: string) => string, programmes: Map<string, string>): Promise<void> {
  const users = new Map((await trx.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const officer = users.get('ly.talent') ?? null;

  // Linyi's professionals with their terms so far, in a fixed order (by ID hash: stable, and not by name).
  const rows = await trx
    .selectFrom('talent_people as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .where('o.region_code', 'like', '3713%')
    .where('p.kind', '=', 'professional')
    .select(['p.id', 'p.org_id', 'p.specialties', 'p.title_code', 'p.sector', 'p.availability'])
    .orderBy('p.id_hash')
    .execute();
  const terms = await trx.selectFrom('talent_secondments').select(['person_id', 'starts_on', 'ends_on']).execute();
  const pool: PoolPerson[] = rows
    .filter((r) => r.availability !== 'on_assignment')
    .map((r) => ({ ...r, terms: terms.filter((t) => t.person_id === r.id).map((t) => ({ from: t.starts_on, to: t.ends_on })) }));

  const insertTerm = async (p: PoolPerson, hostOrg: string, hostName: string, post: string, from: string, to: string, programme: string | null) => {
    const { id } = await trx
      .insertInto('talent_secondments')
      .values({
        person_id: p.id,
        org_id: p.org_id,
        direction: 'east_to_west',
        host_org_id: hostOrg,
        host_unit: hostName,
        post,
        starts_on: from,
        ends_on: to,
        programme_id: programme,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    p.terms.push({ from, to });
    return id;
  };

  // The waves: per sector, the free people of the wave grouped by their first specialty into one demand item each.
  for (const sector of ['health', 'education'] as const) {
    const total = DISPATCH_COUNTS[sector];
    const programme = programmes.get(sector === 'health' ? '沂蒙专家智力扶贫工程' : '重师大城口中青蓝工程') ?? null;
    let left = total;
    for (let w = 0; w < WAVES.length; w++) {
      const [from, to] = WAVES[w];
      const n = Math.ceil(left / (WAVES.length - w));
      left -= n;
      const chosen = pool.filter((p) => p.sector === sector && !p.terms.some((t) => t.from <= to && t.to >= from)).slice(0, n);
      if (chosen.length < n) throw new Error(`talent demo: ${n} ${sector} experts free in ${from}, ${chosen.length} found`);
      const groups = new Map<string, PoolPerson[]>();
      for (const p of chosen) groups.set(p.specialties[0], [...(groups.get(p.specialties[0]) ?? []), p]);
      let h = 0;
      for (const [specialty, people] of groups) {
        const hostName = HOSTS[sector][h++ % HOSTS[sector].length];
        const levels = people.map((p) => titleLevel(p.title_code) ?? 1);
        const minLevel = Math.min(...levels);
        const issuedAt = new Date(`${addDays(from, -30)}T09:00:00+08:00`);
        const { id: demandId } = await trx
          .insertInto('talent_demands')
          .values({
            org_id: org(hostName),
            title: sector === 'health' ? `${specialty}帮扶专家` : `${specialty}骨干教师`,
            sector,
            specialties: [specialty],
            min_level: minLevel,
            headcount: people.length,
            starts_on: from,
            ends_on: to,
            goals: GOALS[sector],
            programme_id: programme,
            created_at: new Date(`${addDays(from, -60)}T10:00:00+08:00`),
            updated_at: new Date(`${addDays(from, -60)}T10:00:00+08:00`),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const p of people) {
          const past = p.terms.filter((t) => t.to < from).length;
          const explanation = scoreQualification(
            { id: p.id, specialties: p.specialties, level: titleLevel(p.title_code), busy: p.terms, pastAssignments: past },
            { id: demandId, specialties: [specialty], minLevel, startsOn: from, endsOn: to, open: people.length },
          );
          const secondmentId = await insertTerm(p, org(hostName), hostName, sector === 'health' ? '订单式选派专家' : '订单式选派骨干教师', from, to, programme);
          await trx
            .insertInto('talent_dispatches')
            .values({
              demand_id: demandId,
              person_id: p.id,
              org_id: p.org_id,
              status: 'approved',
              score: explanation.total,
              explanation: JSON.stringify(explanation),
              issued_by: officer,
              issued_at: issuedAt,
              decided_at: new Date(issuedAt.getTime() + 3 * 86_400_000),
              secondment_id: secondmentId,
            })
            .execute();
        }
      }
    }
  }

  // Today's demand list. The experts it is about first (Linyi's, available).
  let seq = 900;
  const experts: PoolPerson[] = [];
  for (const e of EXPERTS) {
    const idNumber = makeIdNumber('371302', e.birth, seq);
    const phone = `139000${String(seq).padStart(5, '0')}`;
    seq++;
    const { id } = await trx
      .insertInto('talent_people')
      .values({
        org_id: org(e.org),
        kind: 'professional',
        name: e.name,
        id_enc: cipher.encrypt(idNumber, CTX.id),
        id_hash: hashes.id(cipher, idNumber),
        id_masked: maskIdNumber(idNumber),
        phone_enc: cipher.encrypt(phone, CTX.phone),
        phone_hash: hashes.phone(cipher, phone),
        phone_masked: maskPhone(phone),
        gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
        birth_date: e.birth,
        unit: e.unit,
        post: '医生',
        title_code: e.title,
        specialties: e.specialties,
        sector: 'health',
        availability: 'available',
        note: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    experts.push({ id, org_id: org(e.org), specialties: e.specialties, title_code: e.title, sector: 'health', terms: [] });
  }
  const today = localDay();
  const from = addDays(today, 45);
  const to = addDays(from, 181);
  const hospital = org('城口县人民医院');
  const demand = async (v: { host: string; title: string; sector: 'health' | 'education'; specialties: string[]; minLevel: number | null; headcount: number; goals: string }) =>
    (
      await trx
        .insertInto('talent_demands')
        .values({
          org_id: v.host,
          title: v.title,
          sector: v.sector,
          specialties: v.specialties,
          min_level: v.minLevel,
          headcount: v.headcount,
          starts_on: from,
          ends_on: to,
          goals: v.goals,
          programme_id: programmes.get(v.sector === 'health' ? '沂蒙专家智力扶贫工程' : '重师大城口中青蓝工程') ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  await demand({
    host: hospital,
    title: '微生物检验实验室建设专家',
    sector: 'health',
    specialties: ['微生物检验', '检验'],
    minLevel: 3,
    headcount: 1,
    goals: '指导建成微生物检验实验室：布局与生物安全、标本采集和培养流程、药敏试验，带出两名能独立操作的检验人员。',
  });
  const dialysis = await demand({
    host: hospital,
    title: '腹膜透析中心带教专家',
    sector: 'health',
    specialties: ['腹膜透析'],
    minLevel: 2,
    headcount: 2,
    goals: '建成小型腹膜透析中心，规范置管与随访，培训护理人员，让尿毒症患者就近透析。',
  });
  const paediatrics = await demand({
    host: hospital,
    title: '儿科骨干带教专家',
    sector: 'health',
    specialties: ['儿科'],
    minLevel: 3,
    headcount: 1,
    goals: '提升儿科常见病和危重症救治能力，开展新生儿复苏培训。',
  });
  await demand({
    host: org('城口县职业教育中心'),
    title: '信息技术专业骨干教师',
    sector: 'education',
    specialties: ['信息技术'],
    minLevel: 2,
    headcount: 2,
    goals: '帮助建设计算机应用专业课程和实训室，指导青年教师参加技能大赛。',
  });
  // 腹膜透析: one of two approved (a planned term); 儿科: an order awaiting 临沂市肿瘤医院's approval.
  const order = async (demandId: string, p: PoolPerson, specialties: string[], minLevel: number, headcount: number, approved: boolean) => {
    const explanation = scoreQualification(
      { id: p.id, specialties: p.specialties, level: titleLevel(p.title_code), busy: p.terms, pastAssignments: 0 },
      { id: demandId, specialties, minLevel, startsOn: from, endsOn: to, open: headcount },
    );
    const secondmentId = approved ? await insertTerm(p, hospital, '城口县人民医院', '订单式选派专家', from, to, programmes.get('沂蒙专家智力扶贫工程') ?? null) : null;
    await trx
      .insertInto('talent_dispatches')
      .values({
        demand_id: demandId,
        person_id: p.id,
        org_id: p.org_id,
        status: approved ? 'approved' : 'pending',
        score: explanation.total,
        explanation: JSON.stringify(explanation),
        issued_by: officer,
        decided_at: approved ? new Date() : null,
        secondment_id: secondmentId,
      })
      .execute();
  };
  await order(dialysis, experts[2], ['腹膜透析'], 2, 2, true);
  await order(paediatrics, experts[3], ['儿科'], 3, 1, false);
}
