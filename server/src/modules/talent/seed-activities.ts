import { sql, type SqlBool } from 'kysely';
import { maskPhone, type FieldCipher } from '../../platform/pii';
import { newSignInToken } from './activities.service';
import { hashes } from './people.service';
import { localDay } from '../../platform/time';
import type { Transaction } from './db';

/**
 * The demo's activities, sign-ins, mentoring and outcomes since 2018, Linyi supporting Chengkou (synthetic people
 * only). Counted from the rows they give the article's figures (stats.int.test.ts): 56 lectures ("50 余场"), 86
 * medical staff trained — distinct phones signed in to trainings ("80 余人") —, 53 open classes ("50 余场") and 102
 * young teachers mentored ("102 余名"); and its outcomes: a microbiology laboratory and a small peritoneal-dialysis
 * centre built, a team award and an individual third prize at the municipal laboratory skills contest.
 */
export const ACTIVITY_COUNTS = { lectures: 56, trained: 86, openClasses: 53, mentored: 102 } as const;
/** The years after the article with activities, to the seeding day's: from 2022. */
export const RECENT_FROM = 2022;
/** This year's activities, days before the seeding day (lecture, lecture, open class, training, lecture, open class, …). */
const RECENT_DAYS = [4, 11, 18, 33, 52, 67, 96, 130, 170] as const;

const TOPICS = {
  lecture: [
    '临床微生物标本规范采集',
    '抗菌药物合理使用',
    '肿瘤靶向治疗进展',
    '急性胸痛的早期识别',
    '儿童常见呼吸道疾病诊治',
    '腹膜透析患者居家管理',
    '院内感染防控',
    '危重症早期预警',
  ],
  training: ['检验科室内质控培训', '新生儿复苏技能培训', '腹膜透析置管护理培训', '急诊急救技能培训'],
  open_class: ['高三数学复习示范课', '初中物理实验探究课', '英语阅读教学公开课', '语文群文阅读示范课', '信息技术项目式教学课', '特殊教育个别化教学课'],
} as const;
const SURNAMES = [...'冉向谭邓秦彭熊庞涂蒲汪宋付卢舒黎龚雷曾蒋'];
const GIVEN = [...'晓雨思佳明睿欣悦浩然子涵俊宇梓萱雅静宏伟嘉怡'];

const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function seedActivities(trx: Transaction, cipher: FieldCipher, org: (name: string) => string, programmes: Map<string, string>): Promise<void> {
  let r = 20_180_301;
  const rnd = () => {
    r = (r * 1_664_525 + 1_013_904_223) >>> 0;
    return r / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const used = new Set<string>();
  const name = () => {
    for (;;) {
      const n = pick(SURNAMES) + pick(GIVEN) + pick(GIVEN);
      if (!used.has(n)) {
        used.add(n);
        return n;
      }
    }
  };
  const health = programmes.get('沂蒙专家智力扶贫工程') ?? null;
  const education = programmes.get('重师大城口中青蓝工程') ?? null;
  const hospitals = ['城口县人民医院', '城口县中医院'];
  const schools = ['重庆师范大学附属城口实验中学', '城口县职业教育中心', '城口县特殊教育学校'];
  // Linyi's experts who served terms in Chengkou (the speakers), by sector.
  const speakers = await trx
    .selectFrom('talent_secondments as s')
    .innerJoin('talent_people as p', 'p.id', 's.person_id')
    .where('s.direction', '=', 'east_to_west')
    .where('p.kind', '=', 'professional')
    .where('s.starts_on', '>=', '2018-01-01')
    .where('s.starts_on', '<=', '2021-12-31')
    .select(['p.id', 'p.sector', 's.starts_on', 's.ends_on'])
    .orderBy('s.starts_on')
    .orderBy('p.id_hash')
    .execute();
  const speakerFor = (sector: 'health' | 'education', k: number) => {
    const list = speakers.filter((s) => s.sector === sector);
    const s = list[k % list.length];
    return s ? { id: s.id, day: addDays(s.starts_on, 20 + ((k * 7) % 120)) } : null;
  };
  // Chengkou's staff who sign in: name, unit, phone (1390002xxxx, never a person of the talent pool).
  const staff = Array.from({ length: 220 }, (_, i) => ({ name: name(), unit: i < 140 ? pick(hospitals) : pick(schools), phone: `1390002${String(i).padStart(4, '0')}` }));
  const signIns = async (activityId: string, people: typeof staff, when: Date) => {
    if (!people.length) return;
    await trx
      .insertInto('talent_signins')
      .values(
        people.map((p, i) => ({
          activity_id: activityId,
          name: p.name,
          unit: p.unit,
          phone_enc: cipher.encrypt(p.phone, 'talent_signins.phone'),
          phone_hash: hashes.phone(cipher, p.phone),
          phone_masked: maskPhone(p.phone),
          created_at: new Date(when.getTime() + i * 20_000),
        })),
      )
      .execute();
  };
  const activity = async (v: { kind: 'lecture' | 'training' | 'open_class'; k: number; title: string; host: string; sector: 'health' | 'education' }) => {
    const sp = speakerFor(v.sector, v.k);
    const day = sp?.day ?? addDays('2019-03-01', v.k * 11);
    const startsAt = at(day, v.kind === 'training' ? 9 : 15);
    const { id } = await trx
      .insertInto('talent_activities')
      .values({
        org_id: org(v.host),
        kind: v.kind,
        title: v.title,
        sector: v.sector,
        direction: 'east_to_west',
        venue: v.kind === 'open_class' ? `${v.host} 录播教室` : `${v.host} 学术报告厅`,
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + (v.kind === 'training' ? 6 : 2) * 3_600_000),
        speaker_id: sp?.id ?? null,
        programme_id: v.sector === 'health' ? health : education,
        signin_token: newSignInToken(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, startsAt };
  };

  // Lectures at the hospitals: the medical staff who came signed in (12–30 each).
  for (let k = 0; k < ACTIVITY_COUNTS.lectures; k++) {
    const a = await activity({ kind: 'lecture', k, title: `专题讲座：${TOPICS.lecture[k % TOPICS.lecture.length]}`, host: hospitals[k % 2], sector: 'health' });
    const n = 12 + Math.floor(rnd() * 19);
    const start = Math.floor(rnd() * 100);
    await signIns(a.id, staff.slice(start, start + n), a.startsAt);
  }
  // Trainings: every one of the first 86 staff trained at least once, nobody else (people trained = distinct phones).
  const trainees = staff.slice(0, ACTIVITY_COUNTS.trained);
  for (let k = 0; k < 8; k++) {
    const a = await activity({ kind: 'training', k: 100 + k, title: TOPICS.training[k % TOPICS.training.length], host: hospitals[k % 2], sector: 'health' });
    const group = trainees.filter((_, i) => i % 8 === k || (i + 3) % 8 === k);
    await signIns(a.id, group, a.startsAt);
  }
  // Open classes at the schools, teachers signing in (8–25 each).
  for (let k = 0; k < ACTIVITY_COUNTS.openClasses; k++) {
    const a = await activity({
      kind: 'open_class',
      k,
      title: `公开课：${TOPICS.open_class[k % TOPICS.open_class.length]}`,
      host: schools[k % schools.length],
      sector: 'education',
    });
    const n = 8 + Math.floor(rnd() * 18);
    const start = 140 + Math.floor(rnd() * 55);
    await signIns(a.id, staff.slice(start, start + n), a.startsAt);
  }

  // 传帮带: Linyi teachers each mentoring three young Chengkou teachers (34 × 3 = 102), with logs.
  const teachers = speakers.filter((s) => s.sector === 'education');
  const mentorships = Math.ceil(ACTIVITY_COUNTS.mentored / 3);
  let left = ACTIVITY_COUNTS.mentored;
  for (let k = 0; k < mentorships; k++) {
    const t = teachers[k % teachers.length];
    const school = schools[k % schools.length];
    const { id } = await trx
      .insertInto('talent_mentorships')
      .values({
        org_id: org(school),
        mentor_id: t.id,
        sector: 'education',
        direction: 'east_to_west',
        starts_on: t.starts_on,
        ends_on: t.ends_on,
        goals: '一学期内独立完成一节校级公开课，掌握说课、评课与单元教学设计。',
        programme_id: education,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const n = Math.min(3, left);
    left -= n;
    await trx
      .insertInto('talent_mentees')
      .values(Array.from({ length: n }, () => ({ mentorship_id: id, name: name(), unit: school })))
      .execute();
    await trx
      .insertInto('talent_mentoring_logs')
      .values([
        { mentorship_id: id, logged_on: addDays(t.starts_on, 14), summary: '听课两节，共同修改教学设计，确定本学期成长目标。' },
        { mentorship_id: id, logged_on: addDays(t.starts_on, 75), summary: '徒弟完成校内汇报课，师傅点评并示范同课异构。' },
      ])
      .execute();
  }

  // The laboratory story: a Linyi laboratory head mentors three Chengkou laboratory staff for half a year.
  const lab = await trx
    .selectFrom('talent_people as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .where('o.name', '=', '临沂市肿瘤医院')
    .where(sql<SqlBool>`'检验' = any(p.specialties)`)
    .select('p.id')
    .orderBy('p.id_hash')
    .executeTakeFirst();
  let labMentorship: string | null = null;
  if (lab) {
    ({ id: labMentorship } = await trx
      .insertInto('talent_mentorships')
      .values({
        org_id: org('城口县人民医院'),
        mentor_id: lab.id,
        sector: 'health',
        direction: 'east_to_west',
        starts_on: '2018-09-01',
        ends_on: '2019-02-28',
        goals: '带教检验科青年医生掌握微生物培养、药敏试验与靶向治疗相关检测，参加全市检验技能大赛。',
        programme_id: health,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
    await trx
      .insertInto('talent_mentees')
      .values(Array.from({ length: 3 }, () => ({ mentorship_id: labMentorship!, name: name(), unit: '城口县人民医院 检验科' })))
      .execute();
    await trx
      .insertInto('talent_mentoring_logs')
      .values({ mentorship_id: labMentorship, logged_on: '2018-11-20', summary: '完成大赛理论与操作模拟训练三轮，逐项纠正操作细节。' })
      .execute();
  }

  // After the article the collaboration goes on: each year from 2022 to the seeding day's, lectures and a training
  // at the hospitals, open classes and a mentorship at the schools, by Linyi's experts who served there, none dated
  // after the seeding day (this year's counted back from it, the latest a few days before). Nothing falls in
  // 2018–2021: the article's figures, counted over those years, stay exactly as they are (stats.int.test.ts).
  const today = localDay();
  const lastYear = Number(today.slice(0, 4));
  const dates: { day: string; k: number }[] = [];
  const before = addDays(today, -RECENT_DAYS[RECENT_DAYS.length - 1]);
  for (let year = RECENT_FROM; year <= lastYear; year++)
    for (let k = 0; k < RECENT_DAYS.length; k++) {
      const day = addDays(`${year}-01-01`, 20 + k * 40);
      if (day < before) dates.push({ day, k });
    }
  for (const [k, d] of RECENT_DAYS.entries()) dates.push({ day: addDays(today, -d), k });
  for (const { day, k } of dates) {
    if (day < `${RECENT_FROM}-01-01`) continue;
    const year = Number(day.slice(0, 4));
    const kind = k % 3 === 2 ? 'open_class' : k === 3 ? 'training' : 'lecture';
    const sector = kind === 'open_class' ? 'education' : 'health';
    const host = sector === 'health' ? hospitals[(year + k) % 2] : schools[(year + k) % schools.length];
    const title =
      kind === 'open_class'
        ? `公开课：${TOPICS.open_class[(year + k) % TOPICS.open_class.length]}`
        : kind === 'training'
          ? TOPICS.training[year % TOPICS.training.length]
          : `专题讲座：${TOPICS.lecture[(year + k) % TOPICS.lecture.length]}`;
    const list = speakers.filter((x) => x.sector === sector);
    const startsAt = at(day, kind === 'training' ? 9 : 15);
    const { id } = await trx
      .insertInto('talent_activities')
      .values({
        org_id: org(host),
        kind,
        title,
        sector,
        direction: 'east_to_west',
        venue: kind === 'open_class' ? `${host} 录播教室` : `${host} 学术报告厅`,
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + (kind === 'training' ? 6 : 2) * 3_600_000),
        speaker_id: list.length ? list[(year * 7 + k) % list.length].id : null,
        programme_id: sector === 'health' ? health : education,
        signin_token: newSignInToken(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pool = sector === 'health' ? staff.slice(0, 140) : staff.slice(140);
    const start = Math.floor(rnd() * (pool.length - 30));
    await signIns(id, pool.slice(start, start + 10 + Math.floor(rnd() * 15)), startsAt);
  }
  // …and a Linyi teacher mentoring three young Chengkou teachers each spring term since 2022 (begun by the seeding day).
  const mentors = speakers.filter((x) => x.sector === 'education');
  for (let year = RECENT_FROM; year <= lastYear && mentors.length; year++) {
    const startsOn = `${year}-03-01`;
    if (startsOn > today) break;
    const school = schools[year % schools.length];
    const { id } = await trx
      .insertInto('talent_mentorships')
      .values({
        org_id: org(school),
        mentor_id: mentors[year % mentors.length].id,
        sector: 'education',
        direction: 'east_to_west',
        starts_on: startsOn,
        ends_on: `${year}-08-31`,
        goals: '一学期内独立完成一节校级公开课，掌握说课、评课与单元教学设计。',
        programme_id: education,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('talent_mentees')
      .values(Array.from({ length: 3 }, () => ({ mentorship_id: id, name: name(), unit: school })))
      .execute();
    const logs = [
      { mentorship_id: id, logged_on: addDays(startsOn, 14), summary: '听课两节，共同修改教学设计，确定本学期成长目标。' },
      { mentorship_id: id, logged_on: addDays(startsOn, 75), summary: '徒弟完成校内汇报课，师傅点评并示范同课异构。' },
    ].filter((l) => l.logged_on <= today);
    if (logs.length) await trx.insertInto('talent_mentoring_logs').values(logs).execute();
  }

  await trx
    .insertInto('talent_outcomes')
    .values([
      {
        org_id: org('城口县人民医院'),
        kind: 'facility',
        title: '微生物检验实验室建成',
        achieved_on: '2019-06-28',
        description: '在临沂专家指导下建成，开展细菌培养与药敏试验，标本不再外送。',
        programme_id: health,
      },
      {
        org_id: org('城口县人民医院'),
        kind: 'facility',
        title: '小型腹膜透析中心建成',
        achieved_on: '2019-10-15',
        description: '尿毒症患者可在县内置管与透析随访。',
        programme_id: health,
      },
      {
        org_id: org('城口县人民医院'),
        kind: 'award',
        title: '全市医学检验知识与技能大赛 团体优秀奖',
        achieved_on: '2019-05-18',
        description: '临沂专家带领本院三名医护人员参赛。',
        programme_id: health,
        mentorship_id: labMentorship,
      },
      {
        org_id: org('城口县人民医院'),
        kind: 'award',
        title: '全市医学检验知识与技能大赛 个人三等奖',
        achieved_on: '2019-05-18',
        description: '检验科青年医生，经“传帮带”培养。',
        programme_id: health,
        mentorship_id: labMentorship,
      },
    ])
    .execute();
}
