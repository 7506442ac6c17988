import { localDay } from '../../platform/time';
import type { Transaction } from './db';

/**
 * The demo's annual plans (synthetic but of the kind the two offices draw up each year).
 * - 《2019年度临沂·城口东西扶贫协作工作计划及责任分工》, kept by Linyi, closed at the year's end: its items in the usual
 *   chapters — 组织领导, 劳务协作, 人才交流, 产业合作, 携手奔小康, 消费扶贫 — done as the article tells (the labour
 *   transfer, the microbiology laboratory, the experts and teachers), one cancelled, two carried over (the workshops, the
 *   produce in canteens); the responsible units' notes; two leadership visits and one joint meeting with follow-ups.
 * - This year's plan, kept by Chengkou and open, whose deadlines and notes count from the day the demo is seeded:
 *   some items done, three due within 30 days, two past their deadline (overdue) — `CURRENT_OVERDUE` —, the rest later;
 *   and this year's joint meeting.
 * Touches no figure the statistics count.
 */
export const DEMO_PLAN_TITLE = '2019年度临沂·城口东西扶贫协作工作计划及责任分工';
/** This year's plan's title (the year the demo is seeded). */
export const currentPlanTitle = (year: number) => `${year}年度临沂·城口东西部协作工作计划及责任分工`;
/** The contents of this year's items left past their deadline: the overdue set, whatever day the demo is seeded. */
export const CURRENT_OVERDUE = ['组织城口籍脱贫劳动力赴临沂稳岗就业，做好岗前培训和跟踪服务', '协调临沂企业在城口共建帮扶车间（2019年度结转事项）'];
/** …and those due within the next 30 days. */
export const CURRENT_DUE_SOON = [
  '按城口县人民医院需求清单订单式选派检验、儿科专家',
  '为城口县职业教育中心选派信息技术专业骨干教师',
  '开展微生物检验实验室质量控制培训，完成室间质评',
];
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const MAIN_PARTNERSHIP = '6b1f3c52-0c1a-4c57-9d0e-7a4a1e2f0001';

type Status = 'not_started' | 'in_progress' | 'done' | 'cancelled' | 'carried_over';
type Area = 'organisation' | 'labour' | 'talent' | 'industry' | 'villages' | 'consumption' | 'other';
interface ItemSpec {
  key: string;
  area: Area;
  content: string;
  lead: string;
  with: string[];
  deadline: string;
  status: Status;
  programme?: string;
  notes: [on: string, org: string, text: string, status?: Status][];
}

const CK_DEPT = '中共城口县委组织部';
const LY_DEPT = '中共临沂市委组织部';
const PY_DEPT = '中共平邑县委组织部';
const CK_JOBS = '城口县就业和人才服务局';
const LY_HRSS = '临沂市人力资源和社会保障局';

const ITEMS: ItemSpec[] = [
  {
    key: 'meeting',
    area: 'organisation',
    content: '召开两地党政联席会议，研究部署年度东西扶贫协作重点工作，签订年度协作协议',
    lead: LY_DEPT,
    with: [CK_DEPT],
    deadline: '2019-04-30',
    status: 'done',
    notes: [['2019-03-28', LY_DEPT, '联席会议在城口召开，审议通过年度工作计划及责任分工', 'done']],
  },
  {
    key: 'exchange-visits',
    area: 'organisation',
    content: '两地党政主要负责同志开展互访调研，推动协作项目落地',
    lead: CK_DEPT,
    with: [LY_DEPT],
    deadline: '2019-10-31',
    status: 'done',
    notes: [
      ['2019-04-18', CK_DEPT, '临沂市党政代表团来城口考察对接，已形成对接纪要', 'in_progress'],
      ['2019-07-11', CK_DEPT, '城口县党政代表团赴临沂学习考察结束，互访任务完成', 'done'],
    ],
  },
  {
    key: 'labour-transfer',
    area: 'labour',
    content: '组织城口县建档立卡贫困劳动力赴临沂转移就业，开展岗前技能培训和跟踪服务',
    lead: CK_JOBS,
    with: [LY_HRSS],
    deadline: '2019-12-31',
    status: 'done',
    notes: [
      ['2019-05-20', CK_JOBS, '完成第一批岗前培训，学员已赴临沂企业上岗'],
      ['2019-09-30', LY_HRSS, '临沂方提供的岗位信息已发布，第二批对接进行中'],
      ['2019-12-20', CK_JOBS, '两批转移就业完成，建立两地用工需求和就业需求信息库', 'done'],
    ],
  },
  {
    key: 'service-station',
    area: 'labour',
    content: '在临沂设立城口籍务工人员服务站，做好稳岗、维权和返乡服务',
    lead: LY_HRSS,
    with: [CK_JOBS],
    deadline: '2019-09-30',
    status: 'done',
    notes: [['2019-08-26', LY_HRSS, '服务站挂牌运行，安排专人值守', 'done']],
  },
  {
    key: 'cadres',
    area: 'talent',
    content: '选派党政干部双向挂职锻炼，做好挂职干部日常管理和期满考核',
    lead: CK_DEPT,
    with: [LY_DEPT, PY_DEPT],
    deadline: '2019-06-30',
    status: 'done',
    programme: '东西部协作干部双向挂职',
    notes: [['2019-06-20', CK_DEPT, '本年度挂职干部已全部到岗，建立月度报告制度', 'done']],
  },
  {
    key: 'experts',
    area: 'talent',
    content: '实施沂蒙专家智力扶贫工程，按城口县医疗机构需求清单订单式选派医疗专家',
    lead: '临沂市中心医院',
    with: ['城口县人民医院', '临沂市肿瘤医院'],
    deadline: '2019-12-31',
    status: 'done',
    programme: '沂蒙专家智力扶贫工程',
    notes: [
      ['2019-04-30', '城口县人民医院', '需求清单已报临沂方'],
      ['2019-12-20', '临沂市中心医院', '本年度清单内专家已全部到岗，开展讲座和带教', 'done'],
    ],
  },
  {
    key: 'teachers',
    area: 'talent',
    content: '选派骨干教师到城口学校支教，开展公开课和青年教师师徒结对',
    lead: '临沂第一中学',
    with: ['重庆师范大学附属城口实验中学', '山东临沂电子科技学校'],
    deadline: '2019-12-31',
    status: 'done',
    programme: '重师大城口中青蓝工程',
    notes: [
      ['2019-03-15', '重庆师范大学附属城口实验中学', '春季学期支教教师已到校'],
      ['2019-12-25', '临沂第一中学', '全年支教和公开课安排完成', 'done'],
    ],
  },
  {
    key: 'laboratory',
    area: 'talent',
    content: '帮助城口县人民医院建设微生物检验实验室，培养本地检验技术骨干',
    lead: '城口县人民医院',
    with: ['临沂市中心医院'],
    deadline: '2019-11-30',
    status: 'done',
    programme: '沂蒙专家智力扶贫工程',
    notes: [
      ['2019-06-10', '城口县人民医院', '实验室场地改造完成，设备采购招标中', 'in_progress'],
      ['2019-11-15', '临沂市中心医院', '驻点专家完成检验人员轮训，设备尚未全部到货'],
      ['2019-11-28', '城口县人民医院', '设备到货安装，微生物检验实验室建成投入使用', 'done'],
    ],
  },
  {
    key: 'workshops',
    area: 'industry',
    content: '引导临沂企业在城口共建扶贫车间，吸纳贫困劳动力就近就业',
    lead: LY_HRSS,
    with: [CK_JOBS],
    deadline: '2019-10-31',
    status: 'carried_over',
    notes: [
      ['2019-09-25', CK_JOBS, '已梳理城口可用厂房和有意向企业名单'],
      ['2019-12-28', LY_HRSS, '企业选址未定，结转下年度计划继续推进', 'carried_over'],
    ],
  },
  {
    key: 'villages',
    area: 'villages',
    content: '携手奔小康：平邑县乡镇与城口县乡镇结对帮扶，开展村企结对',
    lead: PY_DEPT,
    with: [CK_DEPT],
    deadline: '2019-08-31',
    status: 'done',
    notes: [['2019-08-15', PY_DEPT, '乡镇结对全部完成，签订帮扶协议', 'done']],
  },
  {
    key: 'produce',
    area: 'consumption',
    content: '组织城口农特产品进入临沂市场、机关和学校食堂，拓宽销售渠道',
    lead: LY_DEPT,
    with: [CK_DEPT],
    deadline: '2019-12-31',
    status: 'carried_over',
    notes: [
      ['2019-10-18', LY_DEPT, '城口农特产品展销会已在临沂举办，进食堂渠道正在对接'],
      ['2019-12-30', LY_DEPT, '进机关食堂渠道仍在对接，结转下年度计划', 'carried_over'],
    ],
  },
  {
    key: 'joint-enrolment',
    area: 'talent',
    content: '城口县职业教育中心与山东临沂电子科技学校联合招生、分段培养',
    lead: '城口县职业教育中心',
    with: ['山东临沂电子科技学校'],
    deadline: '2019-09-01',
    status: 'cancelled',
    notes: [['2019-06-28', '城口县职业教育中心', '招生政策不支持跨省分段培养，改为教师跟岗培训', 'cancelled']],
  },
];

interface VisitSpec {
  kind: 'visit' | 'joint_meeting';
  direction: 'west_to_east' | 'east_to_west' | null;
  org: string;
  title: string;
  startsOn: string;
  endsOn: string;
  delegation: string;
  places: string;
  decisions: string;
  followUps: [item: string, content: string][];
}

const VISITS: VisitSpec[] = [
  {
    kind: 'joint_meeting',
    direction: null,
    org: CK_DEPT,
    title: '2019年临沂·城口东西扶贫协作党政联席会议',
    startsOn: '2019-03-28',
    endsOn: '2019-03-28',
    delegation: '临沂市委、市政府分管负责同志，城口县委、县政府主要负责同志，两地组织、人社、卫健、教育部门负责同志',
    places: '城口县',
    decisions: '审议通过年度工作计划及责任分工；明确干部挂职和专家选派安排；议定微生物检验实验室建设由两院共同推进',
    followUps: [
      ['cadres', '年度挂职干部6月底前到岗'],
      ['laboratory', '两院制定实验室建设方案并报联席会议办公室'],
    ],
  },
  {
    kind: 'visit',
    direction: 'east_to_west',
    org: LY_DEPT,
    title: '临沂市党政代表团赴城口县考察对接',
    startsOn: '2019-04-16',
    endsOn: '2019-04-18',
    delegation: '临沂市委主要负责同志带队，市委组织部、市人社局、市卫健委、市教育局负责同志',
    places: '城口县人民医院、重庆师范大学附属城口实验中学、城口县修齐镇',
    decisions: '扩大医疗专家订单式选派；支持城口建设扶贫车间；加强两地学校结对',
    followUps: [
      ['experts', '按城口县人民医院需求清单补足专家'],
      ['workshops', '临沂市人社局牵头梳理有意向企业名单'],
    ],
  },
  {
    kind: 'visit',
    direction: 'west_to_east',
    org: CK_DEPT,
    title: '城口县党政代表团赴临沂市学习考察',
    startsOn: '2019-07-09',
    endsOn: '2019-07-11',
    delegation: '城口县委主要负责同志带队，县委组织部、县就业和人才服务局、县卫健委、县教委负责同志',
    places: '临沂市中心医院、临沂第一中学、临沂商城',
    decisions: '建立劳务输出常态化对接机制；推动城口农特产品进入临沂市场',
    followUps: [
      ['labour-transfer', '两地人社部门每季度交换岗位和求职信息'],
      ['produce', '临沂方协调农产品展销场地'],
    ],
  },
];

/** This year's items: deadlines and notes in days from the seeding day (notes never after it). */
interface CurrentSpec extends Omit<ItemSpec, 'deadline' | 'notes'> {
  due: number;
  notes: [days: number, org: string, text: string, status?: Status][];
}
const CURRENT: CurrentSpec[] = [
  {
    key: 'meeting',
    area: 'organisation',
    content: '召开年度党政联席会议，审议年度协作工作计划及责任分工',
    lead: LY_DEPT,
    with: [CK_DEPT],
    due: -110,
    status: 'done',
    notes: [[-125, LY_DEPT, '联席会议召开，年度工作计划及责任分工审议通过', 'done']],
  },
  {
    key: 'cadres',
    area: 'talent',
    content: '选派新一批党政干部双向挂职，落实月度报告和期满考核',
    lead: CK_DEPT,
    with: [LY_DEPT, PY_DEPT],
    due: -60,
    status: 'done',
    programme: '东西部协作干部双向挂职',
    notes: [[-66, CK_DEPT, '挂职干部已全部到岗，月度报告按时报送', 'done']],
  },
  {
    key: 'labour',
    area: 'labour',
    content: CURRENT_OVERDUE[0],
    lead: CK_JOBS,
    with: [LY_HRSS],
    due: -14,
    status: 'in_progress',
    notes: [[-40, CK_JOBS, '第一批岗前培训完成，第二批报名人数不足，正在动员']],
  },
  {
    key: 'workshops',
    area: 'industry',
    content: CURRENT_OVERDUE[1],
    lead: LY_HRSS,
    with: [CK_JOBS],
    due: -35,
    status: 'in_progress',
    notes: [[-50, LY_HRSS, '两家企业已实地考察，厂房租赁协议尚未签订']],
  },
  {
    key: 'experts',
    area: 'talent',
    content: CURRENT_DUE_SOON[0],
    lead: '临沂市中心医院',
    with: ['城口县人民医院', '临沂市肿瘤医院'],
    due: 20,
    status: 'in_progress',
    programme: '沂蒙专家智力扶贫工程',
    notes: [
      [-45, '城口县人民医院', '需求清单已报临沂方'],
      [-10, '临沂市中心医院', '腹膜透析专家一名已到岗，儿科专家待派出单位审批'],
    ],
  },
  {
    key: 'teachers',
    area: 'talent',
    content: CURRENT_DUE_SOON[1],
    lead: '山东临沂电子科技学校',
    with: ['城口县职业教育中心'],
    due: 9,
    status: 'not_started',
    programme: '重师大城口中青蓝工程',
    notes: [[-21, '城口县职业教育中心', '需求清单已发布，等待临沂方确认人选']],
  },
  {
    key: 'laboratory',
    area: 'talent',
    content: CURRENT_DUE_SOON[2],
    lead: '城口县人民医院',
    with: ['临沂市中心医院'],
    due: 28,
    status: 'in_progress',
    programme: '沂蒙专家智力扶贫工程',
    notes: [[-15, '城口县人民医院', '质控培训已开展两期，室间质评样本已寄出']],
  },
  {
    key: 'mentoring',
    area: 'talent',
    content: '深化青年教师师徒结对，组织结对教师赴临沂跟岗学习',
    lead: '重庆师范大学附属城口实验中学',
    with: ['临沂第一中学'],
    due: 75,
    status: 'in_progress',
    programme: '重师大城口中青蓝工程',
    notes: [[-30, '重庆师范大学附属城口实验中学', '第一批结对教师跟岗学习结束']],
  },
  {
    key: 'produce',
    area: 'consumption',
    content: '拓宽城口农特产品在临沂的销售渠道，进入机关和学校食堂（2019年度结转事项）',
    lead: LY_DEPT,
    with: [CK_DEPT],
    due: 45,
    status: 'in_progress',
    notes: [[-25, LY_DEPT, '已有三家机关食堂签订采购意向']],
  },
  {
    key: 'villages',
    area: 'villages',
    content: '平邑县乡镇与城口县乡镇开展结对回访，更新帮扶协议',
    lead: PY_DEPT,
    with: [CK_DEPT],
    due: 120,
    status: 'not_started',
    notes: [],
  },
  {
    key: 'summary',
    area: 'other',
    content: '总结年度协作工作，形成工作报告报两地党委政府',
    lead: CK_DEPT,
    with: [LY_DEPT],
    due: 150,
    status: 'not_started',
    notes: [],
  },
];
const CURRENT_MEETING = {
  title: (year: number) => `${year}年临沂·城口东西部协作党政联席会议`,
  days: -125,
  delegation: '城口县委、县政府主要负责同志，临沂市委、市政府分管负责同志，两地组织、人社、卫健、教育部门负责同志',
  places: '临沂市',
  decisions: '审议年度工作计划及责任分工；明确帮扶车间建设责任单位和时限；扩大检验、儿科专家订单式选派',
  followUps: [
    ['workshops', '临沂市人社局牵头落实企业和厂房'],
    ['experts', '两院按需求清单补足检验、儿科专家'],
  ] as [string, string][],
};

/**
 * Writes the 2019 plan (closed), its notes, visits and meeting, and this year's plan and meeting counted from the
 * seeding day. `org` resolves an organisation's name (throws on unknown).
 */
export async function seedPlans(trx: Transaction, org: (name: string) => string, programmes: Map<string, string>): Promise<void> {
  const users = new Map(
    (await trx.selectFrom('users').select(['id', 'username']).where('username', 'in', ['ck.talent', 'ly.talent', 'ck.hospital', 'ck.school', 'ly.school']).execute()).map((u) => [
      u.username,
      u.id,
    ]),
  );
  const author: Record<string, string | undefined> = {
    [CK_DEPT]: users.get('ck.talent'),
    [LY_DEPT]: users.get('ly.talent'),
    城口县人民医院: users.get('ck.hospital'),
    重庆师范大学附属城口实验中学: users.get('ck.school'),
    临沂第一中学: users.get('ly.school'),
  };
  const writeItems = async (planId: string, items: ItemSpec[]) => {
    const itemIds = new Map<string, string>();
    for (const [k, it] of items.entries()) {
      const { id } = await trx
        .insertInto('talent_plan_items')
        .values({
          plan_id: planId,
          seq: k + 1,
          area: it.area,
          content: it.content,
          lead_org_id: org(it.lead),
          deadline: it.deadline,
          status: it.status,
          programme_id: it.programme ? (programmes.get(it.programme) ?? null) : null,
          created_by: author[it.lead] ?? null,
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      itemIds.set(it.key, id);
      await trx
        .insertInto('talent_plan_item_units')
        .values([it.lead, ...it.with].map((n) => ({ item_id: id, org_id: org(n) })))
        .execute();
      if (it.notes.length)
        await trx
          .insertInto('talent_plan_notes')
          .values(it.notes.map(([on, by, text, status]) => ({ item_id: id, org_id: org(by), noted_on: on, text, status: status ?? null, created_by: author[by] ?? null })))
          .execute();
    }
    return itemIds;
  };
  const { id: planId } = await trx
    .insertInto('talent_plans')
    .values({
      partnership_id: MAIN_PARTNERSHIP,
      year: 2019,
      title: DEMO_PLAN_TITLE,
      org_id: org(LY_DEPT),
      created_by: users.get('ly.talent') ?? null,
      closed_at: new Date('2020-01-15T02:00:00Z'),
      closed_by: users.get('ly.talent') ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const itemIds = await writeItems(planId, ITEMS);
  const today = localDay();
  const year = Number(today.slice(0, 4));
  const { id: currentId } = await trx
    .insertInto('talent_plans')
    .values({
      partnership_id: MAIN_PARTNERSHIP,
      year,
      title: currentPlanTitle(year),
      org_id: org(CK_DEPT),
      created_by: users.get('ck.talent') ?? null,
      closed_at: null,
      closed_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const currentIds = await writeItems(
    currentId,
    CURRENT.map(({ due, notes, ...it }) => ({
      ...it,
      deadline: addDays(today, due),
      notes: notes.map(([days, by, text, status]) => [addDays(today, days), by, text, status] as ItemSpec['notes'][number]),
    })),
  );
  const meeting: VisitSpec = {
    kind: 'joint_meeting',
    direction: null,
    org: CK_DEPT,
    title: CURRENT_MEETING.title(year),
    startsOn: addDays(today, CURRENT_MEETING.days),
    endsOn: addDays(today, CURRENT_MEETING.days),
    delegation: CURRENT_MEETING.delegation,
    places: CURRENT_MEETING.places,
    decisions: CURRENT_MEETING.decisions,
    followUps: CURRENT_MEETING.followUps,
  };
  for (const [v, ids] of [...VISITS.map((v) => [v, itemIds] as const), [meeting, currentIds] as const]) {
    const { id } = await trx
      .insertInto('talent_visits')
      .values({
        partnership_id: MAIN_PARTNERSHIP,
        org_id: org(v.org),
        kind: v.kind,
        direction: v.direction,
        title: v.title,
        starts_on: v.startsOn,
        ends_on: v.endsOn,
        delegation: v.delegation,
        places: v.places,
        decisions: v.decisions,
        created_by: author[v.org] ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('talent_visit_followups')
      .values(
        v.followUps.map(([key, content]) => {
          const item = ids.get(key);
          if (!item) throw new Error(`talent demo: plan item ${key} missing`);
          return { visit_id: id, plan_item_id: item, content };
        }),
      )
      .execute();
  }
}
