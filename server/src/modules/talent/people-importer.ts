import { PersonInput, TITLES, type Sector } from '@gearbridge/contracts/talent';
import { scopeOf, inScope } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { requireStillInScope, rowMessage, type RowError } from '../../platform/excel/importer';
import type { z } from 'zod';
import { zodIssueMessage } from '../../platform/errors';
import { maskIdNumber } from '../../platform/pii';
import { loadPartnerships, sideOf } from './partnership.service';
import { checkId, checkTitle, hashes, personValues } from './people.service';
import { TP } from './permissions';
import type { Importer } from './db';
import { m, type Msg } from './messages';

/**
 * The talent pool from a spreadsheet (人才库导入) through the platform's importer: a per-row report, nothing written
 * until the uploader confirms, then every valid row in one transaction with its audit row (docs/imports.md).
 */
const issueMessage = (i: z.core.$ZodIssue): Msg => zodIssueMessage(i.code, i.message, i as unknown as Record<string, unknown>);
type Row = { orgId: string; input: PersonInput; id: { number: string; sex: 'male' | 'female'; birthDate: string } };

const KINDS: Record<string, PersonInput['kind']> = {
  党政干部: 'cadre',
  干部: 'cadre',
  cadre: 'cadre',
  专业技术人才: 'professional',
  专技人才: 'professional',
  professional: 'professional',
};
const SECTORS: Record<string, Sector> = {
  卫生: 'health',
  医疗: 'health',
  health: 'health',
  教育: 'education',
  education: 'education',
  农业: 'agriculture',
  agriculture: 'agriculture',
  党政: 'cadre',
  cadre: 'cadre',
  科技: 'science',
  science: 'science',
  其他: 'other',
  other: 'other',
};
const lower = (v: string | undefined) => (v ?? '').trim().toLowerCase();

export const peopleImporter: Importer<Row> = {
  kind: 'talent_people',
  permission: TP.edit,
  sheetName: '人才库 Talent pool',
  columns: [
    { key: 'name', zh: '姓名', en: 'Name', required: true, example: '示例专家' },
    { key: 'kind', zh: '类别', en: 'Kind', required: true, hint: { zh: '党政干部 / 专业技术人才', en: 'Cadre / Professional' }, example: '专业技术人才' },
    { key: 'idNumber', zh: '身份证号', en: 'ID number', required: true, hint: { zh: '18 位，加密保存', en: '18 characters; stored encrypted' } },
    { key: 'phone', zh: '手机号', en: 'Phone', required: false },
    {
      key: 'org',
      zh: '所属单位',
      en: 'Organisation',
      required: false,
      hint: { zh: '平台内单位名称；不填则为导入人所在单位', en: "An organisation's name on the platform; empty: the uploader's" },
    },
    { key: 'unit', zh: '工作单位及科室', en: 'Unit', required: true, example: '临沂市中心医院 检验科' },
    { key: 'post', zh: '职务', en: 'Post', required: true, example: '医生' },
    { key: 'title', zh: '职称', en: 'Title', required: false, hint: { zh: '如 主治医师、高级教师', en: 'e.g. 主治医师 / Attending physician' } },
    {
      key: 'sector',
      zh: '领域',
      en: 'Sector',
      required: true,
      hint: { zh: '卫生 / 教育 / 农业 / 党政 / 科技 / 其他', en: 'Health / Education / Agriculture / Government / Science / Other' },
      example: '卫生',
    },
    { key: 'specialties', zh: '专业特长', en: 'Specialties', required: false, hint: { zh: '多项用、或；分隔', en: 'Separate several with 、 or ;' } },
  ],
  async check(rows, env) {
    const errors: RowError[] = [];
    const valid: { row: number; data: Row }[] = [];
    const pairs = await loadPartnerships(env.db);
    const edit = scopeOf(env.actor, TP.edit);
    const orgs = await env.db.selectFrom('organisations').select(['id', 'name', 'region_code']).execute();
    const byName = new Map(orgs.map((o) => [o.name, o]));
    const own = orgs.find((o) => o.id === env.actor.orgId);
    const idHashes = rows.map((r) => hashes.id(env.cipher, r.values.idNumber ?? ''));
    const taken = new Set(idHashes.length ? (await env.db.selectFrom('talent_people').select('id_hash').where('id_hash', 'in', idHashes).execute()).map((x) => x.id_hash) : []);
    const seen = new Map<string, number>();
    for (const r of rows) {
      const err = (column: string, message: Msg) => errors.push({ row: r.row, column, ...rowMessage(message) });
      const v = r.values;
      const org = v.org ? byName.get(v.org.trim()) : own;
      if (!org) {
        err('所属单位', m('talent.org.unknown'));
        continue;
      }
      if (!inScope(edit, { id: org.id, regionCode: org.region_code })) {
        err('所属单位', m('talent.person.partner_read_only'));
        continue;
      }
      if (!sideOf(pairs, org.region_code)) {
        err('所属单位', m('talent.org.not_in_partnership'));
        continue;
      }
      const title = v.title ? TITLES.find((x) => x.zh === v.title.trim() || lower(x.en) === lower(v.title) || x.code === v.title.trim()) : undefined;
      if (v.title && !title) {
        err('职称', m('talent.import.unknown_title', { value: v.title }));
        continue;
      }
      const parsed = PersonInput.safeParse({
        kind: KINDS[v.kind?.trim()] ?? KINDS[lower(v.kind)] ?? v.kind,
        name: v.name,
        idNumber: v.idNumber,
        phone: v.phone || null,
        unit: v.unit,
        post: v.post,
        titleCode: title?.code ?? null,
        sector: SECTORS[v.sector?.trim()] ?? SECTORS[lower(v.sector)] ?? v.sector,
        specialties: (v.specialties ?? '')
          .split(/[、;；,，]/)
          .map((s) => s.trim())
          .filter(Boolean),
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues) err(peopleImporter.columns.find((c) => c.key === i.path[0])?.zh ?? String(i.path[0] ?? ''), issueMessage(i));
        continue;
      }
      const fields: Record<string, Msg> = {};
      const id = checkId(parsed.data.idNumber, fields);
      checkTitle(parsed.data.titleCode, parsed.data.sector, fields);
      if (!id || Object.keys(fields).length) {
        for (const [k, msg] of Object.entries(fields)) err(k === 'titleCode' ? '职称' : '身份证号', msg);
        continue;
      }
      const hash = hashes.id(env.cipher, id.number);
      if (taken.has(hash)) {
        err('身份证号', m('talent.person.duplicate'));
        continue;
      }
      if (seen.has(hash)) {
        err('身份证号', m('talent.import.same_id_as_row', { row: seen.get(hash)! }));
        continue;
      }
      seen.set(hash, r.row);
      valid.push({ row: r.row, data: { orgId: org.id, input: parsed.data, id } });
    }
    return { valid, errors };
  },
  async write(trx, rows, env) {
    await requireStillInScope(
      trx,
      env.actor,
      TP.edit,
      rows.map((r) => r.orgId),
    );
    for (const r of rows) {
      const { id } = await trx
        .insertInto('talent_people')
        .values({ ...personValues(env.cipher, r.orgId, r.input, r.id), created_by: env.actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, env.actor, {
        action: 'talent.person.create',
        entity: 'talent_person',
        entityId: id,
        orgId: r.orgId,
        after: { name: r.input.name, idNumberMasked: maskIdNumber(r.id.number), unit: r.input.unit, source: 'import' },
      });
    }
    return rows.length;
  },
  preview: (r) => ({ name: r.input.name, idNumber: maskIdNumber(r.id.number), unit: r.input.unit, sector: r.input.sector, titleCode: r.input.titleCode }),
};
