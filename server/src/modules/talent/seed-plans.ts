import type { Transaction } from './db';

/**
 * The demo's annual plan (synthetic but of the kind the two offices draw up each year): 《2019年度临沂·城口东西扶贫协作
 * 工作计划及责任分工》 with items in its usual chapters — 组织领导, 劳务协作, 人才交流, 产业合作, 携手奔小康, 消费扶贫 —
 * some done, some still open past their deadline (overdue), one cancelled; the progress notes of the responsible units;
 * two leadership visits and one joint meeting whose follow-ups sit on plan items. Touches no figure the statistics count.
 */
export const DEMO_PLAN_TITLE = '2019年度临沂·城口东西扶贫协作工作计划及责任分工';
const MAIN_PARTNERSHIP = '6b1f3c52-0c1a-4c57-9d0e-7a4a1e2f0001';

type Status = 'not_started' | 'in_progress' | 'done' | 'cancelled';
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
    status: 'in_progress',
    notes: [
      ['2019-05-20', CK_JOBS, '完成第一批岗前培训，学员已赴临沂企业上岗'],
      ['2019-09-30', LY_HRSS, '临沂方提供的岗位信息已发布，第二批对接进行中'],
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
    status: 'in_progress',
    programme: '沂蒙专家智力扶贫工程',
    notes: [
      ['2019-06-10', '城口县人民医院', '实验室场地改造完成，设备采购招标中', 'in_progress'],
      ['2019-11-15', '临沂市中心医院', '驻点专家完成检验人员轮训，设备尚未全部到货'],
    ],
  },
  {
    key: 'workshops',
    area: 'industry',
    content: '引导临沂企业在城口共建扶贫车间，吸纳贫困劳动力就近就业',
    lead: LY_HRSS,
    with: [CK_JOBS],
    deadline: '2019-10-31',
    status: 'not_started',
    notes: [],
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
    status: 'in_progress',
    notes: [['2019-10-18', LY_DEPT, '城口农特产品展销会已在临沂举办，进食堂渠道正在对接']],
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

/** Writes the 2019 plan, its notes, visits and meeting. `org` resolves an organisation's name (throws on unknown). */
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
  const { id: planId } = await trx
    .insertInto('talent_plans')
    .values({ partnership_id: MAIN_PARTNERSHIP, year: 2019, title: DEMO_PLAN_TITLE, org_id: org(LY_DEPT), created_by: users.get('ly.talent') ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const itemIds = new Map<string, string>();
  for (const [k, it] of ITEMS.entries()) {
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
  for (const v of VISITS) {
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
          const item = itemIds.get(key);
          if (!item) throw new Error(`talent demo: plan item ${key} missing`);
          return { visit_id: id, plan_item_id: item, content };
        }),
      )
      .execute();
  }
}
