import { addDays } from '../placement/retention';
import type { SeedEnv } from './placements';
import * as training from '../programmes/training.service';
import * as programmes from '../programmes/workshops-posts.service';
import { today } from '../workers/worker-input';
import type { ModuleContext } from '../db';

/**
 * Demo training classes (夏布编织, 数控车床操作, 养老护理) with participants and certificates, two employment-assistance
 * workshops with their workers, five public-welfare posts — written through the services, so the workers' status
 * history (in training, employed, public-welfare post) and the audit trail come out as they would from the API.
 */
type ClassPlan = {
  title: string;
  occupationCode: string;
  provider: { org: string } | { name: string };
  from: number;
  to: number;
  place: string;
  capacity: number;
  people: number;
  passed: number;
  failed: number;
  certificate?: { name: string; prefix: string };
};
const CLASSES: ClassPlan[] = [
  {
    title: '夏布编织技能培训班（第三期）',
    occupationCode: '6-04-03',
    provider: { org: '城口县夏布技能培训中心' },
    from: -75,
    to: -45,
    place: '城口县修齐镇夏布传承基地',
    capacity: 15,
    people: 12,
    passed: 10,
    failed: 1,
    certificate: { name: '夏布编织工职业技能等级证书（五级/初级工）', prefix: 'CKXB-2026-' },
  },
  {
    title: '数控车床操作培训班',
    occupationCode: '6-18-01-01',
    provider: { org: '城口县职业教育中心' },
    from: -140,
    to: -100,
    place: '城口县职业教育中心实训楼',
    capacity: 12,
    people: 10,
    passed: 9,
    failed: 1,
    certificate: { name: '车工职业技能等级证书（五级/初级工）', prefix: 'CKCNC-2026-' },
  },
  {
    title: '养老护理员培训班（东西部协作订单班）',
    occupationCode: '4-10-01-05',
    provider: { name: '城口县康乐养老护理职业培训学校' },
    from: -10,
    to: 20,
    place: '城口县葛城街道社区服务中心',
    capacity: 20,
    people: 8,
    passed: 0,
    failed: 0,
  },
];

const WORKSHOPS = [
  {
    name: '修齐镇夏布就业帮扶车间',
    enterpriseName: '城口县巴山夏布制品有限公司',
    regionCode: '500229106',
    products: '夏布、夏布服饰、夏布工艺品',
    address: '修齐镇东河村',
    people: 4,
  },
  { name: '巴山镇电子元件就业帮扶车间', enterpriseName: '重庆渝城电子有限公司', regionCode: '500229102', products: '电子线束、连接器组装', address: '巴山镇集镇', people: 4 },
];

const year = today().slice(0, 4);
const POSTS = [
  {
    postName: '生态护林员',
    unitName: '城口县修齐镇人民政府',
    regionCode: '500229106',
    fundingSource: '东西部协作资金',
    termFrom: `${year}-01-01`,
    termTo: `${year}-12-31`,
    monthlySubsidy: 1000,
  },
  {
    postName: '乡村保洁员',
    unitName: '城口县巴山镇人民政府',
    regionCode: '500229102',
    fundingSource: '东西部协作资金',
    termFrom: `${year}-01-01`,
    termTo: `${year}-12-31`,
    monthlySubsidy: 800,
  },
  {
    postName: '农村公路养护员',
    unitName: '城口县坪坝镇人民政府',
    regionCode: '500229103',
    fundingSource: '东西部协作资金',
    termFrom: `${year}-03-01`,
    termTo: `${Number(year) + 1}-02-28`,
    monthlySubsidy: 1200,
  },
  {
    postName: '治安巡逻员',
    unitName: '城口县庙坝镇人民政府',
    regionCode: '500229104',
    fundingSource: '县级财政资金',
    termFrom: `${year}-01-01`,
    termTo: `${year}-12-31`,
    monthlySubsidy: 900,
  },
  {
    postName: '水利设施管护员',
    unitName: '城口县明通镇人民政府',
    regionCode: '500229105',
    fundingSource: '东西部协作资金',
    termFrom: `${Number(year) - 1}-01-01`,
    termTo: `${Number(year) - 1}-12-31`,
    monthlySubsidy: 800,
  },
];

export async function seedProgrammes(ctx: ModuleContext, env: SeedEnv): Promise<void> {
  const { db, cipher } = ctx;
  const { actor } = env;
  const day = today();
  const people = env.pool.map((w) => w.id);
  let next = 0;
  const take = (n: number) => people.slice(next, (next += n));
  const orgs = new Map((await db.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.name, o.id]));

  for (const c of CLASSES) {
    const cls = await training.createClass(db, actor, {
      title: c.title,
      occupationCode: c.occupationCode,
      startsOn: addDays(day, c.from),
      endsOn: addDays(day, c.to),
      place: c.place,
      capacity: c.capacity,
      ...('org' in c.provider ? { providerOrgId: orgs.get(c.provider.org) } : { providerName: c.provider.name }),
    });
    const enrolled = [];
    for (const workerId of take(c.people)) enrolled.push(await training.enrol(db, actor, cipher, cls.id, { workerId, enrolledOn: cls.startsOn }));
    if (c.to >= 0) continue; // still running: everyone is in training
    for (const [i, p] of enrolled.entries()) {
      const result = i < c.passed ? 'passed' : i < c.passed + c.failed ? 'failed' : 'dropped';
      await training.complete(db, actor, cipher, p.id, { result, completedOn: cls.endsOn, note: result === 'dropped' ? '家中有事，中途退出' : null });
      // One who passed is still waiting for the certificate.
      if (result === 'passed' && c.certificate && i < c.passed - 1) {
        await training.certify(db, actor, p.id, {
          name: c.certificate.name,
          number: `${c.certificate.prefix}${String(i + 1).padStart(4, '0')}`,
          issuedOn: addDays(cls.endsOn, 15),
          level: 'level5',
        });
      }
    }
  }

  for (const s of WORKSHOPS) {
    const w = await programmes.createWorkshop(db, actor, {
      name: s.name,
      enterpriseName: s.enterpriseName,
      regionCode: s.regionCode,
      products: s.products,
      address: s.address,
      recognisedOn: addDays(day, -400),
    });
    for (const [i, workerId] of take(s.people).entries()) await programmes.joinWorkshop(db, actor, cipher, w.id, { workerId, joinedOn: addDays(day, -300 + i * 30) });
  }

  const holders = take(POSTS.length);
  for (const [i, p] of POSTS.entries())
    await programmes.createPost(db, actor, cipher, { ...p, holderWorkerId: holders[i], note: '东西部协作公益性岗位，优先安置建档立卡脱贫劳动力' });
}
