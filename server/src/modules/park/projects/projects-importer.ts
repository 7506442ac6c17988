import type { z } from 'zod';
import { lockKey } from '../../../platform/db';
import { PROJECT_CATEGORIES, PROJECT_STAGES, ProjectInput, type ProjectCategory, type ProjectStage } from '@gearbridge/contracts/park';
import type { Importer as PlatformImporter, RowError } from '../../../platform/excel/importer';
import { requireStillInScope, rowMessage } from '../../../platform/excel/importer';
import { conflict, zodIssueMessage } from '../../../platform/errors';
import { localDay } from '../../../platform/time';
import type { Database } from '../db';
import { m, type Msg } from '../messages';
import { PP } from '../permissions';
import { insertProject, keepingOrg } from './projects.service';

/**
 * Investment projects from a spreadsheet (招商项目导入) through the platform's importer: a per-row report, nothing
 * written until the officer confirms, then every valid row in one transaction — the project kept by the officer's
 * administration, entering the pipeline at its stage on its day, its first history entry and its audit row, as from
 * the form. Amounts are 亿元 as decimal text (at most 8 decimals: exact to the yuan), never a float.
 */
type Row = { input: ProjectInput & { stage: ProjectStage; reserve: boolean; stageOn: string }; chainLink: string | null };

const issueMessage = (i: z.core.$ZodIssue): Msg => zodIssueMessage(i.code, i.message, i as unknown as Record<string, unknown>);
/** The names the park's people write (the web's zh-CN labels) and the codes, for category and stage. */
const CATEGORY_ZH: Record<ProjectCategory, string> = {
  industrial_sensors: '工业传感器',
  automotive_electronics: '汽车电子',
  new_energy: '新型能源',
  big_data: '大数据',
  five_g: '5G 产业',
  new_materials: '新材料',
  high_end_equipment: '高端装备',
  gear_transmission: '齿轮传动',
  auto_parts: '汽车零部件',
  aluminium: '铝产业',
  other: '其他',
};
const STAGE_ZH: Record<ProjectStage, string> = { lead: '线索', negotiating: '洽谈', signed: '签约', construction: '在建', production: '投产' };
const lookup = <K extends string>(codes: readonly K[], zh: Record<K, string>) => {
  const map = new Map<string, K>();
  for (const c of codes) {
    map.set(c, c);
    map.set(zh[c].replace(/\s+/g, ''), c);
  }
  return (v: string | undefined) => map.get((v ?? '').replace(/\s+/g, '').toLowerCase()) ?? map.get((v ?? '').replace(/\s+/g, ''));
};
const categoryOf = lookup(PROJECT_CATEGORIES, CATEGORY_ZH);
const stageOf = lookup(PROJECT_STAGES, STAGE_ZH);
const YES = new Set(['是', 'y', 'yes', 'true', '1']);
const NO = new Set(['', '否', 'n', 'no', 'false', '0']);
const COLUMN_OF: Record<string, string> = {
  name: '项目名称',
  investor: '投资方',
  amount: '协议金额（亿元）',
  category: '产业类别',
  stage: '阶段',
  stageOn: '阶段日期',
  note: '备注',
};
const blank = (v: string | undefined) => (v?.trim() ? v.trim() : null);

export const projectsImporter: PlatformImporter<Row, Database> = {
  kind: 'park_projects',
  permission: PP.manage,
  sheetName: '招商项目 Projects',
  columns: [
    { key: 'name', zh: '项目名称', en: 'Project', required: true, example: '工业传感器产业化项目' },
    { key: 'investor', zh: '投资方', en: 'Investor', required: true, example: '重庆某某科技有限公司' },
    {
      key: 'amount',
      zh: '协议金额（亿元）',
      en: 'Amount (100M yuan)',
      required: true,
      hint: { zh: '以亿元计，最多 8 位小数（精确到元）；建议以文本格式填写', en: 'In 100 million yuan, at most 8 decimals (exact to the yuan); best entered as text' },
      example: '10.5',
    },
    {
      key: 'category',
      zh: '产业类别',
      en: 'Category',
      required: true,
      hint: { zh: Object.values(CATEGORY_ZH).join(' / '), en: PROJECT_CATEGORIES.join(' / ') },
      example: '工业传感器',
    },
    {
      key: 'stage',
      zh: '阶段',
      en: 'Stage',
      required: false,
      hint: { zh: '线索 / 洽谈 / 签约 / 在建 / 投产，空为线索', en: 'lead / negotiating / signed / construction / production; empty is lead' },
      example: '签约',
    },
    {
      key: 'stageOn',
      zh: '阶段日期',
      en: 'Stage date',
      required: false,
      hint: { zh: '到达该阶段的日期，不晚于今天；空为今天', en: 'The day it reached the stage, not in the future; empty is today' },
      example: '2019-11-26',
    },
    { key: 'reserve', zh: '储备项目', en: 'Reserve', required: false, hint: { zh: '是 / 否', en: 'yes / no' }, example: '否' },
    {
      key: 'chainLink',
      zh: '产业链环节',
      en: 'Chain link',
      required: false,
      hint: { zh: '本园区产业链的环节名称，可写作“产业链/环节”', en: "A link of the park's chains, or “chain/link”" },
    },
    { key: 'note', zh: '备注', en: 'Note', required: false },
  ],
  async check(rows, env) {
    const errors: RowError[] = [];
    const valid: { row: number; data: Row }[] = [];
    // The officer's own administration keeps what is imported (park.manage over it, or 403).
    const org = await keepingOrg(env.db, env.actor, undefined);
    const today = localDay();
    const existing = new Set(
      (await env.db.selectFrom('park_projects').select(['name', 'investor']).where('org_id', '=', org.id).execute()).map((p) => `${p.name}\u0000${p.investor}`),
    );
    const links = await env.db
      .selectFrom('park_chain_links as l')
      .innerJoin('park_chains as c', 'c.id', 'l.chain_id')
      .select(['l.id', 'l.name', 'c.name as chain'])
      .where('c.org_id', '=', org.id)
      .execute();
    const seen = new Map<string, number>();
    for (const r of rows) {
      const err = (column: string, message: Msg) => errors.push({ row: r.row, column, ...rowMessage(message) });
      const v = r.values;
      const bad: [string, Msg][] = [];
      const category = categoryOf(v.category);
      if (!category && blank(v.category)) bad.push(['产业类别', m('park.import.field_unknown_category', { value: v.category!.trim() })]);
      const stage = blank(v.stage) ? stageOf(v.stage) : 'lead';
      if (!stage) bad.push(['阶段', m('park.import.field_unknown_stage', { value: v.stage!.trim() })]);
      const reserveText = (v.reserve ?? '').trim().toLowerCase();
      const reserve = YES.has(reserveText) ? true : NO.has(reserveText) ? false : null;
      if (reserve === null) bad.push(['储备项目', m('park.import.field_yes_no')]);
      const parsed = ProjectInput.safeParse({
        name: v.name,
        investor: v.investor,
        amount: v.amount,
        category: category ?? (blank(v.category) ? 'other' : undefined),
        stage: stage ?? 'lead',
        stageOn: blank(v.stageOn) ?? undefined,
        reserve: reserve ?? false,
        note: blank(v.note),
      });
      // One message a cell: the first of its issues (an amount of bad form is not also said to be zero).
      if (!parsed.success)
        for (const i of parsed.error.issues) {
          const column = COLUMN_OF[String(i.path[0])] ?? String(i.path[0] ?? '');
          if (!bad.some(([c]) => c === column)) bad.push([column, issueMessage(i)]);
        }
      const stageOn = parsed.success ? (parsed.data.stageOn ?? today) : today;
      if (parsed.success && stageOn > today) bad.push(['阶段日期', m('park.field.in_future')]);
      let chainLinkId: string | null = null;
      const linkName = blank(v.chainLink);
      if (linkName) {
        const [a, b] = linkName.includes('/') ? linkName.split('/').map((s) => s.trim()) : [null, linkName];
        const found = links.filter((l) => l.name === b && (a === null || l.chain === a));
        if (found.length === 1) chainLinkId = found[0].id;
        else bad.push(['产业链环节', m(found.length ? 'park.import.field_link_ambiguous' : 'park.chain.field_unknown_link')]);
      }
      if (bad.length) {
        for (const [c, msg] of bad) err(c, msg);
        continue;
      }
      const input = parsed.data!;
      const key = `${input.name}\u0000${input.investor}`;
      if (existing.has(key)) {
        err('项目名称', m('park.import.project_exists'));
        continue;
      }
      if (seen.has(key)) {
        err('项目名称', m('park.import.same_project_as_row', { row: seen.get(key)! }));
        continue;
      }
      seen.set(key, r.row);
      valid.push({ row: r.row, data: { input: { ...input, orgId: org.id, stageOn, chainLinkId }, chainLink: linkName } });
    }
    return { valid, errors };
  },
  async write(trx, rows, env) {
    await requireStillInScope(
      trx,
      env.actor,
      PP.manage,
      rows.map((r) => r.input.orgId!),
    );
    // The check ran at upload; a second confirm of the same sheet (or a project kept since) must not write a project
    // twice: under the organisation's import lock, its projects are read again, and any row now kept refuses the
    // whole import.
    for (const orgId of [...new Set(rows.map((r) => r.input.orgId!))].sort()) {
      await lockKey(trx, `park.projects.import:${orgId}`);
      const kept = await trx
        .selectFrom('park_projects')
        .select(['name', 'investor'])
        .where('org_id', '=', orgId)
        .where(
          'name',
          'in',
          rows.filter((r) => r.input.orgId === orgId).map((r) => r.input.name),
        )
        .execute();
      const keys = new Set(kept.map((p) => `${p.name}\u0000${p.investor}`));
      if (rows.some((r) => r.input.orgId === orgId && keys.has(`${r.input.name}\u0000${r.input.investor}`))) throw conflict(m('park.import.changed'));
    }
    for (const r of rows) await insertProject(trx, env.actor, r.input.orgId!, r.input, 'import');
    return rows.length;
  },
  preview: (r) => ({
    name: r.input.name,
    investor: r.input.investor,
    amount: r.input.amount,
    category: r.input.category,
    stage: r.input.stage,
    stageOn: r.input.stageOn,
    reserve: r.input.reserve,
    chainLink: r.chainLink,
  }),
};
