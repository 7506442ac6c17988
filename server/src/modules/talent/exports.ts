import {
  TITLES,
  type Activity,
  type PlanItem,
  type SignIn,
  type Visit,
  type Mentorship,
  type Outcome,
  type Demand,
  type Dispatch,
  type Pairing,
  type Person,
  type Secondment,
  type SecondmentReport,
} from '@gearbridge/contracts/talent';
import type { Column } from '../../platform/excel/workbook';
import { LOCAL_OFFSET_MIN } from '../../platform/time';

/** zh and en of the coded values an export shows (the web's own labels live in its translations). */
const L = {
  kind: { cadre: ['党政干部', 'Cadre'], professional: ['专业技术人才', 'Professional'] },
  sector: {
    health: ['卫生', 'Health'],
    education: ['教育', 'Education'],
    agriculture: ['农业', 'Agriculture'],
    cadre: ['党政', 'Government'],
    science: ['科技', 'Science'],
    other: ['其他', 'Other'],
  },
  availability: { available: ['可选派', 'Available'], on_assignment: ['派出中', 'On assignment'], unavailable: ['暂不可派', 'Unavailable'] },
  side: { west: ['城口', 'Chengkou'], east: ['临沂', 'Linyi'] },
  direction: { west_to_east: ['城口 → 临沂', 'Chengkou → Linyi'], east_to_west: ['临沂 → 城口', 'Linyi → Chengkou'] },
  state: { planned: ['未开始', 'Planned'], active: ['在岗', 'Under way'], ended: ['已结束', 'Ended'] },
  fulfilment: { open: ['未满足', 'Open'], partial: ['部分满足', 'Partly fulfilled'], fulfilled: ['已满足', 'Fulfilled'] },
  dispatchStatus: { pending: ['待审批', 'Pending'], approved: ['已批准', 'Approved'], declined: ['未批准', 'Declined'] },
  level: { 1: ['初级', 'Junior'], 2: ['中级', 'Intermediate'], 3: ['副高级', 'Associate senior'], 4: ['正高级', 'Senior'] },
  activityKind: {
    lecture: ['讲座', 'Lecture'],
    open_class: ['公开课', 'Open class'],
    training: ['培训', 'Training'],
    consultation: ['义诊/会诊', 'Consultation'],
    surgery: ['手术', 'Surgery'],
  },
  outcomeKind: { facility: ['建成设施', 'Facility'], discipline: ['学科建设', 'Discipline'], award: ['获奖', 'Award'], other: ['其他', 'Other'] },
  pairingKind: { school: ['学校结对', 'Schools'], hospital: ['医院结对', 'Hospitals'], other: ['其他结对', 'Other'] },
  planArea: {
    organisation: ['组织领导', 'Organisation and leadership'],
    labour: ['劳务协作', 'Labour cooperation'],
    talent: ['人才交流', 'Talent exchange'],
    industry: ['产业合作', 'Industrial cooperation'],
    villages: ['携手奔小康', 'Towns and villages paired'],
    consumption: ['消费扶贫', 'Consumption support'],
    other: ['其他', 'Other'],
  },
  planStatus: {
    not_started: ['未开始', 'Not started'],
    in_progress: ['推进中', 'In progress'],
    done: ['已完成', 'Done'],
    cancelled: ['已取消', 'Cancelled'],
    carried_over: ['已结转下年', 'Carried over'],
  },
  reportKind: { monthly: ['月报', 'Monthly'], quarterly: ['季报', 'Quarterly'], midterm: ['中期小结', 'Mid-term'], final: ['期满总结', 'Final'], other: ['其他', 'Other'] },
  visitKind: { visit: ['高层互访', 'Leadership visit'], joint_meeting: ['联席会议', 'Joint meeting'] },
} as const;
const say = (zh: boolean, pair: readonly [string, string]) => (zh ? pair[0] : pair[1]);
const title = (zh: boolean, code: string | null) => {
  const t = TITLES.find((x) => x.code === code);
  return t ? (zh ? t.zh : t.en) : '';
};

/** The export of the people list: exactly what the list shows, ID numbers and phones masked. */
export function personColumns(zh: boolean): Column<Person>[] {
  return [
    { key: 'name', header: zh ? '姓名' : 'Name', width: 10, value: (p) => p.name },
    { key: 'kind', header: zh ? '类别' : 'Kind', width: 12, value: (p) => say(zh, L.kind[p.kind]) },
    { key: 'gender', header: zh ? '性别' : 'Sex', width: 6, value: (p) => (zh ? (p.gender === 'male' ? '男' : '女') : p.gender === 'male' ? 'Male' : 'Female') },
    { key: 'birthYear', header: zh ? '出生年份' : 'Born', width: 8, value: (p) => p.birthYear },
    { key: 'idNumber', header: zh ? '身份证号' : 'ID number', width: 22, value: (p) => p.idNumberMasked },
    { key: 'phone', header: zh ? '手机号' : 'Phone', width: 14, value: (p) => p.phoneMasked },
    { key: 'unit', header: zh ? '工作单位及科室' : 'Unit', width: 28, value: (p) => p.unit },
    { key: 'post', header: zh ? '职务' : 'Post', width: 12, value: (p) => p.post },
    { key: 'title', header: zh ? '职称' : 'Title', width: 14, value: (p) => title(zh, p.titleCode) },
    { key: 'sector', header: zh ? '领域' : 'Sector', width: 8, value: (p) => say(zh, L.sector[p.sector]) },
    { key: 'specialties', header: zh ? '专业特长' : 'Specialties', width: 24, value: (p) => p.specialties.join('；') },
    { key: 'availability', header: zh ? '选派状态' : 'Availability', width: 10, value: (p) => say(zh, L.availability[p.availability]) },
    { key: 'org', header: zh ? '所属单位' : 'Organisation', width: 24, value: (p) => p.orgName },
    { key: 'side', header: zh ? '所属方' : 'Side', width: 8, value: (p) => say(zh, L.side[p.side]) },
  ];
}

export function secondmentColumns(zh: boolean): Column<Secondment>[] {
  return [
    { key: 'person', header: zh ? '挂职人员' : 'Person', width: 10, value: (s) => s.personName },
    { key: 'kind', header: zh ? '类别' : 'Kind', width: 12, value: (s) => say(zh, L.kind[s.personKind]) },
    { key: 'sector', header: zh ? '领域' : 'Sector', width: 8, value: (s) => say(zh, L.sector[s.sector]) },
    { key: 'direction', header: zh ? '方向' : 'Direction', width: 14, value: (s) => say(zh, L.direction[s.direction]) },
    { key: 'home', header: zh ? '派出单位' : 'Home unit', width: 28, value: (s) => s.homeUnit },
    { key: 'homeOrg', header: zh ? '所属单位' : 'Organisation', width: 24, value: (s) => s.homeOrgName },
    { key: 'host', header: zh ? '挂职单位' : 'Host unit', width: 28, value: (s) => s.hostUnit },
    { key: 'post', header: zh ? '挂职岗位' : 'Post', width: 18, value: (s) => s.post },
    { key: 'startsOn', header: zh ? '开始日期' : 'Starts on', width: 12, value: (s) => s.startsOn },
    { key: 'endsOn', header: zh ? '结束日期' : 'Ends on', width: 12, value: (s) => s.endsOn },
    { key: 'state', header: zh ? '状态' : 'State', width: 8, value: (s) => say(zh, L.state[s.state]) },
    { key: 'programme', header: zh ? '所属项目' : 'Programme', width: 22, value: (s) => s.programmeName ?? '' },
    { key: 'reports', header: zh ? '报告数' : 'Reports', width: 8, value: (s) => s.reportCount },
  ];
}

export function pairingColumns(zh: boolean): Column<Pairing>[] {
  return [
    { key: 'east', header: zh ? '临沂单位' : 'Linyi institution', width: 24, value: (p) => p.eastOrgName },
    { key: 'west', header: zh ? '城口单位' : 'Chengkou institution', width: 24, value: (p) => p.westOrgName },
    { key: 'kind', header: zh ? '类型' : 'Kind', width: 10, value: (p) => say(zh, L.pairingKind[p.kind]) },
    { key: 'startedOn', header: zh ? '结对时间' : 'Paired since', width: 12, value: (p) => p.startedOn },
    { key: 'programme', header: zh ? '所属项目' : 'Programme', width: 22, value: (p) => p.programmeName ?? '' },
    {
      key: 'agreements',
      header: zh ? '协议' : 'Agreements',
      width: 48,
      value: (p) => p.agreements.map((a) => `${a.title}（${a.startsOn}—${a.endsOn ?? (zh ? '长期' : 'open-ended')}）`).join('；'),
    },
  ];
}

/** The export of the demand list: each item with its fulfilment and what is missing. */
export function demandColumns(zh: boolean): Column<Demand>[] {
  return [
    { key: 'org', header: zh ? '需求单位' : 'Host institution', width: 22, value: (d) => d.orgName },
    { key: 'title', header: zh ? '需求岗位' : 'Demand', width: 22, value: (d) => d.title },
    { key: 'sector', header: zh ? '领域' : 'Sector', width: 8, value: (d) => say(zh, L.sector[d.sector]) },
    { key: 'specialties', header: zh ? '专业' : 'Specialties', width: 22, value: (d) => d.specialties.join('；') },
    { key: 'minLevel', header: zh ? '最低职称' : 'Minimum title', width: 10, value: (d) => (d.minLevel ? say(zh, L.level[d.minLevel as 1 | 2 | 3 | 4]) : '') },
    { key: 'headcount', header: zh ? '需求人数' : 'Headcount', width: 8, value: (d) => d.headcount },
    { key: 'startsOn', header: zh ? '开始' : 'From', width: 12, value: (d) => d.startsOn },
    { key: 'endsOn', header: zh ? '结束' : 'To', width: 12, value: (d) => d.endsOn },
    { key: 'approved', header: zh ? '已批准' : 'Approved', width: 8, value: (d) => d.approved },
    { key: 'pending', header: zh ? '待审批' : 'Pending', width: 8, value: (d) => d.pending },
    { key: 'fulfilment', header: zh ? '满足情况' : 'Fulfilment', width: 10, value: (d) => say(zh, L.fulfilment[d.fulfilment]) },
    { key: 'missing', header: zh ? '尚缺' : 'Missing', width: 18, value: (d) => [d.missing ? String(d.missing) : '', d.missingSpecialties.join('；')].filter(Boolean).join(' · ') },
    { key: 'goals', header: zh ? '帮扶目标' : 'Goals', width: 36, value: (d) => d.goals },
  ];
}

/** The export of the dispatch orders. */
export function dispatchColumns(zh: boolean): Column<Dispatch>[] {
  return [
    { key: 'person', header: zh ? '选派人员' : 'Person', width: 10, value: (x) => x.personName },
    { key: 'sending', header: zh ? '派出单位' : 'Sending unit', width: 22, value: (x) => x.sendingOrgName },
    { key: 'host', header: zh ? '需求单位' : 'Host institution', width: 22, value: (x) => x.hostOrgName },
    { key: 'demand', header: zh ? '需求岗位' : 'Demand', width: 22, value: (x) => x.demandTitle },
    { key: 'score', header: zh ? '匹配分' : 'Score', width: 8, value: (x) => x.score },
    { key: 'status', header: zh ? '状态' : 'Status', width: 10, value: (x) => say(zh, L.dispatchStatus[x.status]) },
    { key: 'startsOn', header: zh ? '开始' : 'From', width: 12, value: (x) => x.startsOn },
    { key: 'endsOn', header: zh ? '结束' : 'To', width: 12, value: (x) => x.endsOn },
    { key: 'term', header: zh ? '任期' : 'Term', width: 10, value: (x) => (x.termState ? say(zh, L.state[x.termState]) : '') },
  ];
}

const chinaTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The export of the activities: each with its sign-in count. */
export function activityColumns(zh: boolean): Column<Activity>[] {
  return [
    { key: 'title', header: zh ? '活动' : 'Activity', width: 28, value: (a) => a.title },
    { key: 'kind', header: zh ? '类型' : 'Kind', width: 10, value: (a) => say(zh, L.activityKind[a.kind]) },
    { key: 'sector', header: zh ? '领域' : 'Sector', width: 8, value: (a) => say(zh, L.sector[a.sector]) },
    { key: 'direction', header: zh ? '方向' : 'Direction', width: 14, value: (a) => say(zh, L.direction[a.direction]) },
    { key: 'org', header: zh ? '登记单位' : 'Kept by', width: 22, value: (a) => a.orgName },
    { key: 'venue', header: zh ? '地点' : 'Venue', width: 20, value: (a) => a.venue },
    { key: 'startsAt', header: zh ? '开始（北京时间）' : 'Starts (China time)', width: 18, value: (a) => chinaTime(a.startsAt) },
    { key: 'speaker', header: zh ? '主讲/带教' : 'Speaker', width: 10, value: (a) => a.speakerName ?? '' },
    { key: 'signIns', header: zh ? '签到人数' : 'Signed in', width: 10, value: (a) => a.signInCount },
  ];
}

/** The export of the outcomes. */
export function outcomeColumns(zh: boolean): Column<Outcome>[] {
  return [
    { key: 'title', header: zh ? '成果' : 'Outcome', width: 30, value: (o) => o.title },
    { key: 'kind', header: zh ? '类型' : 'Kind', width: 10, value: (o) => say(zh, L.outcomeKind[o.kind]) },
    { key: 'org', header: zh ? '单位' : 'Organisation', width: 22, value: (o) => o.orgName },
    { key: 'achievedOn', header: zh ? '日期' : 'Date', width: 12, value: (o) => o.achievedOn },
    { key: 'programme', header: zh ? '所属项目' : 'Programme', width: 20, value: (o) => o.programmeName ?? '' },
    { key: 'description', header: zh ? '说明' : 'Description', width: 40, value: (o) => o.description ?? '' },
  ];
}

/** The export of the mentorships: one row per mentorship, its mentees and latest log. */
export function mentorshipColumns(zh: boolean): Column<Mentorship>[] {
  return [
    { key: 'mentor', header: zh ? '师傅' : 'Mentor', width: 10, value: (x) => x.mentorName },
    { key: 'mentorUnit', header: zh ? '师傅单位' : "Mentor's unit", width: 24, value: (x) => x.mentorUnit },
    { key: 'mentees', header: zh ? '徒弟' : 'Mentees', width: 24, value: (x) => x.mentees.map((e) => e.name).join('、') },
    { key: 'org', header: zh ? '登记单位' : 'Kept by', width: 22, value: (x) => x.orgName },
    { key: 'sector', header: zh ? '领域' : 'Sector', width: 8, value: (x) => say(zh, L.sector[x.sector]) },
    { key: 'direction', header: zh ? '方向' : 'Direction', width: 14, value: (x) => say(zh, L.direction[x.direction]) },
    { key: 'startsOn', header: zh ? '开始' : 'From', width: 12, value: (x) => x.startsOn },
    { key: 'endsOn', header: zh ? '结束' : 'To', width: 12, value: (x) => x.endsOn ?? '' },
    { key: 'goals', header: zh ? '带教目标' : 'Goals', width: 36, value: (x) => x.goals },
    { key: 'logs', header: zh ? '日志数' : 'Logs', width: 8, value: (x) => x.logs.length },
    { key: 'outcomes', header: zh ? '成果' : 'Outcomes', width: 30, value: (x) => x.outcomes.map((o) => o.title).join('；') },
  ];
}

/** The export of the plan items: responsible units, deadline, status, the overdue flag and the latest progress note. */
export function planItemColumns(zh: boolean): Column<PlanItem>[] {
  return [
    { key: 'year', header: zh ? '年度' : 'Year', width: 8, value: (x) => x.year },
    { key: 'seq', header: zh ? '序号' : 'No.', width: 6, value: (x) => x.seq },
    { key: 'area', header: zh ? '工作板块' : 'Area', width: 14, value: (x) => say(zh, L.planArea[x.area]) },
    { key: 'content', header: zh ? '工作内容' : 'Content', width: 48, value: (x) => x.content },
    { key: 'lead', header: zh ? '牵头单位' : 'Lead unit', width: 22, value: (x) => x.leadOrgName },
    { key: 'units', header: zh ? '责任单位' : 'Responsible units', width: 36, value: (x) => x.units.map((u) => u.name).join('、') },
    { key: 'deadline', header: zh ? '完成时限' : 'Deadline', width: 12, value: (x) => x.deadline },
    { key: 'status', header: zh ? '状态' : 'Status', width: 10, value: (x) => say(zh, L.planStatus[x.status]) },
    { key: 'overdue', header: zh ? '逾期' : 'Overdue', width: 8, value: (x) => (x.overdue ? (zh ? '是' : 'yes') : '') },
    { key: 'programme', header: zh ? '所属项目' : 'Programme', width: 20, value: (x) => x.programmeName ?? '' },
    {
      key: 'carried',
      header: zh ? '结转' : 'Carry-over',
      width: 22,
      value: (x) =>
        [
          x.carriedFrom ? (zh ? `由${x.carriedFrom.year}年度第${x.carriedFrom.seq}项结转` : `from ${x.carriedFrom.year} item ${x.carriedFrom.seq}`) : '',
          x.carriedTo ? (zh ? `列入${x.carriedTo.year}年度第${x.carriedTo.seq}项` : `into ${x.carriedTo.year} item ${x.carriedTo.seq}`) : '',
        ]
          .filter(Boolean)
          .join('；'),
    },
    {
      key: 'latest',
      header: zh ? '最新进展' : 'Latest progress',
      width: 40,
      value: (x) => {
        const n = x.notes[x.notes.length - 1];
        return n ? `${n.notedOn} ${n.orgName}：${n.text}` : '';
      },
    },
    { key: 'followUps', header: zh ? '会议跟进' : 'Follow-ups', width: 30, value: (x) => x.followUps.map((f) => `${f.startsOn} ${f.visitTitle}：${f.content}`).join('；') },
  ];
}

/** The export of the visits and joint meetings. */
export function visitColumns(zh: boolean): Column<Visit>[] {
  return [
    { key: 'kind', header: zh ? '类型' : 'Kind', width: 12, value: (x) => say(zh, L.visitKind[x.kind]) },
    { key: 'title', header: zh ? '名称' : 'Title', width: 36, value: (x) => x.title },
    { key: 'direction', header: zh ? '方向' : 'Direction', width: 14, value: (x) => (x.direction ? say(zh, L.direction[x.direction]) : '') },
    { key: 'startsOn', header: zh ? '开始' : 'From', width: 12, value: (x) => x.startsOn },
    { key: 'endsOn', header: zh ? '结束' : 'To', width: 12, value: (x) => x.endsOn },
    { key: 'delegation', header: zh ? '代表团' : 'Delegation', width: 36, value: (x) => x.delegation },
    { key: 'places', header: zh ? '考察地点' : 'Places visited', width: 30, value: (x) => x.places },
    { key: 'decisions', header: zh ? '议定事项' : 'Decisions', width: 40, value: (x) => x.decisions },
    { key: 'followUps', header: zh ? '跟进事项' : 'Follow-ups', width: 40, value: (x) => x.followUps.map((f) => f.content).join('；') },
    { key: 'org', header: zh ? '登记单位' : 'Kept by', width: 22, value: (x) => x.orgName },
  ];
}

/** The export of an activity's sign-ins (the keeping side; phones masked as in the list). */
export function signInColumns(zh: boolean): Column<SignIn>[] {
  return [
    { key: 'name', header: zh ? '姓名' : 'Name', width: 12, value: (x) => x.name },
    { key: 'unit', header: zh ? '单位' : 'Unit', width: 30, value: (x) => x.unit },
    { key: 'phone', header: zh ? '手机号（脱敏）' : 'Phone (masked)', width: 16, value: (x) => x.phoneMasked },
    {
      key: 'at',
      header: zh ? '签到时间（北京时间）' : 'Signed in at (China time)',
      width: 20,
      value: (x) => new Date(Date.parse(x.createdAt) + LOCAL_OFFSET_MIN * 60_000).toISOString().slice(0, 16).replace('T', ' '),
    },
  ];
}

/** The export of a term's reports, oldest first. */
export function reportColumns(zh: boolean): Column<SecondmentReport>[] {
  return [
    { key: 'reportedOn', header: zh ? '报告日期' : 'Reported on', width: 12, value: (x) => x.reportedOn },
    { key: 'kind', header: zh ? '报告类型' : 'Kind', width: 12, value: (x) => say(zh, L.reportKind[x.kind]) },
    { key: 'summary', header: zh ? '内容' : 'Summary', width: 60, value: (x) => x.summary },
    { key: 'by', header: zh ? '填报人' : 'Filed by', width: 12, value: (x) => x.createdByName ?? '' },
  ];
}
