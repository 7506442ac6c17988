import { mkdirSync, writeFileSync } from 'node:fs';
import { sql, type SqlBool } from 'kysely';
import path from 'node:path';
import type { Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { checkRoll } from '../workers/importer';
import { LP } from '../permissions';
import { generateRoll, rollWorkbook } from '../workers/roll';
import { insertWorkers } from '../workers/insert-workers';
import { seedSupport } from './placements';
import { localDay } from '../../../platform/time';
import type { ModuleContext } from '../db';

export const ROLL_SEED = 20_260_229;
export const ROLL_SIZE = 1000;
export const ROLL_FILE = path.join('demo', 'chengkou-worker-roll.xlsx');
const CK_BUREAU = '城口县就业和人才服务局';
const LY_BUREAU = '临沂市人力资源和社会保障局';

/** Employers in Linyi for the demo's postings: invented names that read like a county's employers (issue #12). */
const LINYI_EMPLOYERS: [string, string][] = [
  ['临沂沂州精工机械有限公司', '371302'],
  ['临沂沂通物流有限公司', '371311'],
  ['临沂沂蒙味食品有限公司', '371312'],
  ['临沂华岳建设工程有限公司', '371371'],
  ['临沂瑞芯电子科技有限公司', '371371'],
  ['平邑蒙阳家政服务有限公司', '371326'],
];

type P = [
  employer: string,
  title: string,
  occupation: string,
  headcount: number,
  wageMin: number,
  wageMax: number,
  extra?: { housing?: boolean; meals?: boolean; subsidy?: number; certs?: string[]; age?: [number, number]; req?: string },
];
const POSTINGS: P[] = [
  [
    '临沂沂州精工机械有限公司',
    '数控车工',
    '6-18-01-01',
    10,
    4500,
    6500,
    { housing: true, meals: true, subsidy: 500, age: [18, 50], req: '能看懂零件图，会用量具；无经验可带薪学徒三个月' },
  ],
  ['临沂沂州精工机械有限公司', '焊工（二保焊）', '6-18-02-04', 8, 5000, 7000, { housing: true, meals: true, subsidy: 500, certs: ['特种作业操作证（焊接与热切割作业）'] }],
  ['临沂沂州精工机械有限公司', '加工中心操作工', '6-18-01-08', 6, 5500, 8000, { housing: true, meals: true, subsidy: 500, age: [20, 45] }],
  ['临沂沂州精工机械有限公司', '设备电工', '6-31-01-03', 3, 5500, 7500, { housing: true, certs: ['特种作业操作证（低压电工作业）'] }],
  ['临沂沂通物流有限公司', '快递员', '4-02-07-08', 20, 5000, 8000, { housing: true, subsidy: 300, age: [18, 50] }],
  ['临沂沂通物流有限公司', '分拣装卸工', '4-02-05-01', 15, 4500, 6000, { housing: true, meals: true, subsidy: 300 }],
  ['临沂沂通物流有限公司', '货车司机', '4-02-02-02', 5, 6000, 9000, { housing: true, certs: ['A2 或 B2 驾驶证'], age: [25, 55] }],
  ['临沂沂通物流有限公司', '仓库管理员', '4-02-06-01', 4, 4500, 5500, { housing: true, meals: true }],
  ['临沂沂通物流有限公司', '叉车司机', '6-30-05-01', 6, 4800, 6500, { housing: true, certs: ['特种设备作业人员证（叉车司机）'] }],
  ['临沂沂蒙味食品有限公司', '面点师', '4-03-02-02', 4, 4500, 6000, { housing: true, meals: true, certs: ['健康证'] }],
  ['临沂沂蒙味食品有限公司', '装卸搬运工', '4-02-05-01', 6, 4200, 5500, { housing: true, meals: true }],
  ['临沂华岳建设工程有限公司', '砌筑工', '6-29-01-01', 15, 6000, 9000, { housing: true, meals: true, subsidy: 600, age: [20, 58] }],
  ['临沂华岳建设工程有限公司', '钢筋工', '6-29-01-04', 12, 6500, 9500, { housing: true, meals: true, subsidy: 600, age: [20, 58] }],
  ['临沂华岳建设工程有限公司', '混凝土工', '6-29-01-03', 10, 6000, 8500, { housing: true, meals: true, subsidy: 600 }],
  ['临沂华岳建设工程有限公司', '架子工', '6-29-01-05', 6, 7000, 10000, { housing: true, meals: true, subsidy: 600, certs: ['特种作业操作证（登高架设作业）'], age: [20, 50] }],
  ['临沂华岳建设工程有限公司', '装饰装修工', '6-29-04-01', 8, 6000, 9000, { housing: true, subsidy: 600 }],
  ['临沂瑞芯电子科技有限公司', '物联网设备安装调试员', '6-25-04-09', 5, 5000, 7000, { housing: true, meals: true, age: [18, 40], req: '高中或中职以上，会使用电脑' }],
  ['临沂瑞芯电子科技有限公司', '维修电工', '6-31-01-03', 4, 5500, 7500, { housing: true, certs: ['特种作业操作证（低压电工作业）'] }],
  ['平邑蒙阳家政服务有限公司', '家政服务员', '4-10-01-06', 20, 4000, 7000, { housing: true, meals: true, subsidy: 400, age: [25, 55] }],
  ['平邑蒙阳家政服务有限公司', '养老护理员', '4-10-01-05', 15, 4500, 6500, { housing: true, meals: true, subsidy: 400, age: [25, 55] }],
  ['平邑蒙阳家政服务有限公司', '育婴员', '4-10-01-02', 10, 5000, 8000, { housing: true, meals: true, subsidy: 400, certs: ['健康证'] }],
  ['平邑蒙阳家政服务有限公司', '家庭厨师', '4-03-02-01', 3, 5000, 7000, { housing: true, meals: true }],
  ['綦江齿轮传动有限公司', '车工（齿轮箱壳体）', '6-18-01-01', 6, 5000, 7000, { meals: true, housing: true }],
  ['綦江齿轮传动有限公司', '加工中心操作工', '6-18-01-08', 8, 5500, 8000, { meals: true, housing: true }],
  ['綦江齿轮传动有限公司', '制齿工', '6-18-01-09', 4, 5500, 7500, { meals: true, housing: true }],
  ['綦江齿轮传动有限公司', '工业机器人运维员', '6-31-01-10', 2, 6500, 9000, { meals: true, req: '中职或大专，机电一体化相关专业' }],
  ['荆江半轴', '半轴车工', '6-18-01-01', 4, 4800, 6500, { meals: true }],
  ['荆江半轴', '磨工', '6-18-01-04', 3, 5000, 6800, { meals: true }],
  ['余扬汽配', '汽车零部件装调工', '6-22-02-01', 10, 4500, 6000, { meals: true, housing: true }],
  ['余扬汽配', '焊工', '6-18-02-04', 5, 5000, 7000, { meals: true, certs: ['特种作业操作证（焊接与热切割作业）'] }],
  ['星旭铝业', '铸造工', '6-18-02-01', 6, 5000, 7000, { meals: true, housing: true }],
];
/** Linyi postings the demo keeps unshared, to show that sharing is explicit. */
const NOT_SHARED = new Set(['仓库管理员', '维修电工']);

const day = (offset: number) => localDay(Date.now() + offset * 86_400_000);

/**
 * Demo data of the labour module, on an empty database: the 1,000-row worker roll of 城口县 written to DATA_DIR as
 * an .xlsx and imported through the importer's own checks; Linyi's and Qijiang's postings; the shares between
 * the two bureaus. ck.admin (the bureau's administrator) gets the caseworker role over the county.
 */
export async function seedLabor(ctx: ModuleContext): Promise<void> {
  const { db, cipher } = ctx;
  const bureau = await db.selectFrom('organisations').select(['id', 'name', 'region_code']).where('name', '=', CK_BUREAU).executeTakeFirst();
  const linyi = await db.selectFrom('organisations').select(['id']).where('name', '=', LY_BUREAU).executeTakeFirst();
  const users = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', 'in', ['ck.caseworker', 'ck.admin', 'ly.officer']).execute();
  const user = (u: string) => users.find((x) => x.username === u);
  const caseworker = user('ck.caseworker');
  if (!bureau || !linyi || !caseworker) return;

  const towns = (await db.selectFrom('regions').select('code').where('parent_code', '=', '500229').where('level', '=', 'town').orderBy('code').execute()).map((t) => t.code);
  const roll = generateRoll({ count: ROLL_SIZE, seed: ROLL_SEED, towns, county: '500229' });
  const buf = await rollWorkbook(roll);
  const file = path.join(ctx.config.dataDir, ROLL_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, buf);

  // The rows go through the importer's own checks, as an upload of the file would (row numbers as in the sheet).
  const rows = roll.map((values, i) => ({ row: i + 2, values }));
  const actor: Actor = {
    userId: caseworker.id,
    username: caseworker.username,
    displayName: caseworker.display_name,
    orgId: bureau.id,
    orgKind: 'government',
    platformAdmin: false,
    grants: [{ roleCode: 'labour_caseworker', permissions: new Set([LP.manage]), regionCode: '500229' }],
    requestId: 'demo-seed',
    ip: null,
  };
  const checked = await checkRoll(rows, { db, cipher, actor });
  if (checked.errors.length) throw new Error(`demo worker roll: row ${checked.errors[0].row}: ${checked.errors[0].message}`);

  const roles = await db.selectFrom('roles').select(['id', 'code']).where('org_id', 'is', null).where('code', '=', 'labour_caseworker').execute();
  await db.transaction().execute(async (trx) => {
    const ckAdmin = user('ck.admin');
    if (ckAdmin && roles[0]) await trx.insertInto('user_roles').values({ user_id: ckAdmin.id, role_id: roles[0].id, region_code: '500229' }).execute();
    await insertWorkers(
      trx,
      null,
      checked.valid.map((v) => v.data),
      'labor.worker.import',
      { auditEach: false },
    );

    const orgIds = new Map((await trx.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.name, o.id]));
    for (const [name, region] of LINYI_EMPLOYERS) {
      const { id } = await trx.insertInto('organisations').values({ name, kind: 'enterprise', region_code: region }).returning('id').executeTakeFirstOrThrow();
      orgIds.set(name, id);
    }
    const regionOf = new Map([...LINYI_EMPLOYERS, ['綦江齿轮传动有限公司', '500110'], ['荆江半轴', '500110'], ['余扬汽配', '500110'], ['星旭铝业', '500110']] as [
      string,
      string,
    ][]);
    const officer = user('ly.officer');
    const shared: { id: string; orgId: string }[] = [];
    for (const [i, [employer, title, occupation, headcount, wageMin, wageMax, x = {}]] of POSTINGS.entries()) {
      const inLinyi = regionOf.get(employer)!.startsWith('3713');
      const { id } = await trx
        .insertInto('labor_postings')
        .values({
          org_id: orgIds.get(employer)!,
          // Linyi's bureau posts for its employers; Qijiang's employers post their own.
          posted_by_org_id: inLinyi ? linyi.id : orgIds.get(employer)!,
          created_by: inLinyi ? (officer?.id ?? null) : null,
          title,
          occupation_code: occupation,
          headcount,
          open_headcount: headcount,
          wage_min: wageMin,
          wage_max: wageMax,
          work_region_code: regionOf.get(employer)!,
          requirements: x.req ?? null,
          required_certificates: x.certs ?? [],
          age_min: x.age?.[0] ?? null,
          age_max: x.age?.[1] ?? null,
          housing: x.housing ?? false,
          meals: x.meals ?? false,
          transport_subsidy: x.subsidy ?? 0,
          valid_from: day(-10 - (i % 7)),
          valid_to: day(60 + (i % 5) * 15),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (inLinyi && !NOT_SHARED.has(title)) shared.push({ id, orgId: orgIds.get(employer)! });
    }
    await trx
      .insertInto('labor_shares')
      .values(
        shared.map((p) => ({
          kind: 'posting' as const,
          posting_id: p.id,
          from_org_id: p.orgId,
          to_org_id: bureau.id,
          shared_by: officer?.id ?? null,
          note: '临沂—城口劳务协作岗位',
        })),
      )
      .execute();
    // Chengkou shares the needs of the workers looking for work in Linyi.
    const seekers = await trx
      .selectFrom('labor_workers')
      .select('id')
      .where('org_id', '=', bureau.id)
      .where('status', 'in', ['unemployed', 'in_training'])
      .where(sql<SqlBool>`'371300' = any(wanted_regions)`)
      .execute();
    if (seekers.length) {
      await trx
        .insertInto('labor_shares')
        .values(seekers.map((w) => ({ kind: 'worker' as const, worker_id: w.id, from_org_id: bureau.id, to_org_id: linyi.id, shared_by: caseworker.id, note: '有意向赴临沂就业' })))
        .execute();
    }
    await writeAudit(trx, null, {
      action: 'labor.demo_seed',
      entity: 'platform',
      orgId: null,
      after: { workers: checked.valid.length, postings: POSTINGS.length, sharedPostings: shared.length, sharedWorkers: seekers.length, file: ROLL_FILE },
    });
  });
  // Placements with follow-ups, alerts, training, workshops, public-welfare posts (placements.ts).
  await seedSupport(ctx);
  // The seed acts through the services as the caseworker so that their rules apply, but nobody clicked: its audit
  // rows are the system's (the log shows 系统, not a caseworker doing 150 things within two seconds).
  await ctx.db.updateTable('audit_log').set({ actor_id: null, actor_name: null }).where('request_id', '=', 'demo-seed').execute();
}
