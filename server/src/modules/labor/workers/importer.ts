import { WorkerInput } from '@gearbridge/contracts/labor';
import { rowMessage, type ImportColumn, type RowError } from '../../../platform/excel/importer';
import { inScope, scopeOf } from '../../../platform/authz';
import { forbidden, zodIssueMessage } from '../../../platform/errors';
import { maskIdNumber } from '../../../platform/pii';
import { LP } from '../permissions';
import { m } from '../messages';
import { ABILITY_LABELS, EDUCATION_LABELS, LEVEL_LABELS, MONITORING_LABELS, STATUS_LABELS, options, parseLabel, parseYesNo, splitList } from './labels';
import { checkIdNumber, checkWorkerFields, existingRegions, newWorkerRow, type FieldErrors, type NewWorkerRow } from './worker-input';
import { hashes } from './worker-view';
import { insertWorkers } from './insert-workers';
import type { Importer, ImportEnv } from '../db';

/** What a checked row carries to the confirm: the encrypted row, and a masked preview for the report and audit. */
export type RollRow = {
  row: NewWorkerRow;
  preview: { name: string; idNumber: string; phone: string | null; homeRegionCode: string; status: string; registeredPoor: boolean; skills: string };
};

export const ROLL_COLUMNS: ImportColumn[] = [
  {
    key: 'idNumber',
    zh: '身份证号',
    en: 'ID number',
    required: true,
    hint: {
      zh: '18 位居民身份证号码，校验码须正确；性别和出生日期由号码得出',
      en: '18-character resident ID number with a correct check digit; sex and birth date are taken from it',
    },
    example: '500229199003070012',
  },
  { key: 'name', zh: '姓名', en: 'Name', required: true, example: '王启久' },
  { key: 'phone', zh: '手机号', en: 'Mobile phone', required: false, example: '13800000000' },
  {
    key: 'homeRegionCode',
    zh: '户籍区划代码',
    en: 'Home region code',
    required: true,
    hint: {
      zh: '乡镇（街道）9 位或村 12 位统计用区划代码，须在本单位辖区内，如 500229106（修齐镇）',
      en: "9-digit town or 12-digit village code inside your organisation's region, e.g. 500229106 (修齐镇)",
    },
    example: '500229106',
  },
  {
    key: 'village',
    zh: '村（社区）',
    en: 'Village',
    required: false,
    hint: { zh: '区划树只到乡镇时，填写村名', en: 'The village by name when the region tree stops at the town' },
    example: '东河村',
  },
  { key: 'registeredPoor', zh: '建档立卡', en: 'Registered poor', required: false, hint: { zh: '是 / 否', en: 'yes / no (是 / 否)' }, example: '是' },
  {
    key: 'monitoring',
    zh: '防返贫监测类别',
    en: 'Monitoring category',
    required: false,
    hint: { zh: `${options(MONITORING_LABELS)}，非监测对象留空`, en: 'Unstable / Marginal / Sudden hardship (Chinese names work too); empty if not monitored' },
  },
  {
    key: 'education',
    zh: '文化程度',
    en: 'Education',
    required: false,
    hint: { zh: options(EDUCATION_LABELS), en: 'None / Primary / Junior secondary / Senior secondary / Secondary vocational / College / Bachelor / Postgraduate' },
    example: '初中',
  },
  {
    key: 'skills',
    zh: '技能',
    en: 'Skills',
    required: false,
    hint: {
      zh: '职业编码（职业分类大典 2022），可加“:等级”，多个用；分隔，如 6-18-01-01:四级；6-29-01-01',
      en: 'Occupation codes (2022 classification), optionally ":level", separated by ;, e.g. 6-18-01-01:level4;6-29-01-01',
    },
    example: '6-29-01-01:五级',
  },
  { key: 'certificates', zh: '证书', en: 'Certificates', required: false, hint: { zh: '证书名称，多个用；分隔', en: 'Certificate names separated by ;' } },
  { key: 'workAbility', zh: '劳动能力', en: 'Ability to work', required: false, hint: { zh: options(ABILITY_LABELS), en: 'Full / Partial / Unable' }, example: '完全劳动能力' },
  { key: 'disability', zh: '残疾情况', en: 'Disability', required: false },
  {
    key: 'status',
    zh: '就业状态',
    en: 'Employment status',
    required: false,
    hint: {
      zh: `${options(STATUS_LABELS)}；空为未就业`,
      en: 'Unemployed / Employed locally / Employed out of province / Self-employed / Public-welfare post / In training / Unable to work; empty: unemployed',
    },
    example: '未就业',
  },
  {
    key: 'wantedOccupations',
    zh: '意向职业',
    en: 'Wanted occupations',
    required: false,
    hint: { zh: '职业编码，多个用；分隔', en: 'Occupation codes separated by ;' },
    example: '6-18-01-01',
  },
  {
    key: 'wantedRegions',
    zh: '意向地区',
    en: 'Wanted regions',
    required: false,
    hint: { zh: '区划代码，多个用；分隔，如 371300（临沂市）', en: 'Region codes separated by ;, e.g. 371300 (临沂市)' },
    example: '371300',
  },
  { key: 'minWage', zh: '期望月薪', en: 'Minimum monthly wage', required: false, hint: { zh: '元', en: 'yuan' }, example: '4000' },
  { key: 'needsHousing', zh: '需要住宿', en: 'Needs housing', required: false, hint: { zh: '是 / 否', en: 'yes / no' }, example: '是' },
  { key: 'availableFrom', zh: '可到岗日期', en: 'Available from', required: false, hint: { zh: 'YYYY-MM-DD', en: 'YYYY-MM-DD' }, example: '2026-03-01' },
  {
    key: 'consent',
    zh: '同意向协作地区共享',
    en: 'Consents to sharing',
    required: false,
    hint: {
      zh: '本人是否同意向协作地区提供个人信息：是 / 否；记录为导入人和导入日期',
      en: 'Whether the person consented to sharing personal data with the partner region: yes / no; recorded with the importer and date',
    },
    example: '否',
  },
];

/** One sheet row as the API input, or the column problems that stop it. */
export function parseRollRow(v: Record<string, string>): { input: WorkerInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const label = <K extends string>(col: string, labels: Record<K, string[]>, fallback: K | null): K | null => {
    if (!v[col]) return fallback;
    const k = parseLabel(labels, v[col]);
    if (!k) errors[col] = m('labor.import.unknown_value', { value: v[col], options: options(labels) });
    return k;
  };
  const yesNo = (col: string) => {
    const b = parseYesNo(v[col] ?? '');
    if (b === null) errors[col] = m('labor.import.not_yes_no', { value: v[col] ?? '' });
    return b ?? false;
  };
  const skills = splitList(v.skills ?? '').map((s, i) => {
    const [code, lvl] = s.split(/[:：]/);
    const level = lvl ? parseLabel(LEVEL_LABELS, lvl) : 'none';
    if (!level) errors.skills = m('labor.import.unknown_skill_level', { n: i + 1, level: lvl });
    return { code, level: level ?? 'none' };
  });
  const minWage = v.minWage ? Number(v.minWage) : null;
  if (minWage !== null && (!Number.isInteger(minWage) || minWage < 0)) errors.minWage = m('labor.import.not_whole_yuan', { value: v.minWage });
  const raw = {
    idNumber: v.idNumber,
    name: v.name,
    phone: v.phone || null,
    homeRegionCode: v.homeRegionCode,
    homeVillage: v.village || null,
    registeredPoor: yesNo('registeredPoor'),
    monitoringCategory: label('monitoring', MONITORING_LABELS, null),
    education: label('education', EDUCATION_LABELS, 'junior_secondary'),
    skills,
    certificates: splitList(v.certificates ?? '').map((name) => ({ name })),
    workAbility: label('workAbility', ABILITY_LABELS, 'full'),
    disability: v.disability || null,
    status: label('status', STATUS_LABELS, 'unemployed'),
    needs: {
      occupations: splitList(v.wantedOccupations ?? ''),
      regions: splitList(v.wantedRegions ?? ''),
      minMonthlyWage: minWage,
      needsHousing: yesNo('needsHousing'),
      availableFrom: v.availableFrom || null,
    },
    consentShare: yesNo('consent'),
  };
  if (Object.keys(errors).length) return { input: null, errors };
  const parsed = WorkerInput.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) errors[i.path.join('.') || 'row'] ??= zodIssueMessage(i.code, i.message, i as unknown as Record<string, unknown>);
    return { input: null, errors };
  }
  return { input: parsed.data, errors };
}

/** WorkerInput field paths back to the sheet's columns, for the report. */
const FIELD_TO_COLUMN: Record<string, string> = {
  homeVillage: 'village',
  monitoringCategory: 'monitoring',
  consentShare: 'consent',
  'needs.occupations': 'wantedOccupations',
  'needs.regions': 'wantedRegions',
  'needs.minMonthlyWage': 'minWage',
  'needs.needsHousing': 'needsHousing',
  'needs.availableFrom': 'availableFrom',
};
function columnOf(field: string): string {
  const parts = field.split('.');
  const key = FIELD_TO_COLUMN[field] ?? FIELD_TO_COLUMN[parts.slice(0, 2).join('.')] ?? FIELD_TO_COLUMN[parts[0]] ?? parts[0];
  return ROLL_COLUMNS.find((c) => c.key === key)?.zh ?? key;
}

/**
 * Checks a county's worker roll. Rows whose ID number is already registered are reported ("already registered,
 * left unchanged") and skipped, so importing the same file twice changes nothing.
 */
export async function checkRoll(rows: { row: number; values: Record<string, string> }[], env: ImportEnv): Promise<{ valid: { row: number; data: RollRow }[]; errors: RowError[] }> {
  const owner = await env.db.selectFrom('organisations').select(['id', 'name', 'region_code']).where('id', '=', env.actor.orgId).executeTakeFirstOrThrow();
  if (!inScope(scopeOf(env.actor, LP.manage), { id: owner.id, regionCode: owner.region_code })) throw forbidden(m('labor.import.own_org_only'));
  // The uploader becomes the workers' caseworker when a user of the bureau (the command line imports as the platform).
  const uploader = await env.db.selectFrom('users').select('org_id').where('id', '=', env.actor.userId).executeTakeFirst();
  const caseworkerId = uploader?.org_id === owner.id ? env.actor.userId : null;
  const errors: RowError[] = [];
  const valid: { row: number; data: RollRow }[] = [];
  const regions = await existingRegions(env.db, rows.flatMap((r) => [r.values.homeRegionCode, ...splitList(r.values.wantedRegions ?? '')]).filter(Boolean));
  const hashOf = (v: string) => hashes.id(env.cipher, v);
  const wanted = rows.map((r) => hashOf(r.values.idNumber));
  const taken = new Set<string>();
  for (let i = 0; i < wanted.length; i += 1000) {
    const chunk = wanted.slice(i, i + 1000);
    for (const t of await env.db.selectFrom('labor_workers').select('id_hash').where('id_hash', 'in', chunk).execute()) taken.add(t.id_hash);
  }
  const seen = new Map<string, number>();
  for (const r of rows) {
    const fail = (fields: FieldErrors) => {
      for (const [k, message] of Object.entries(fields)) errors.push({ row: r.row, column: columnOf(k), ...rowMessage(message) });
    };
    const fieldErrors: FieldErrors = {};
    const id = checkIdNumber(r.values.idNumber, fieldErrors);
    if (!id) {
      fail(fieldErrors);
      continue;
    }
    const h = hashOf(id.number);
    if (seen.has(h)) {
      fail({ idNumber: m('labor.import.same_id_as_row', { row: seen.get(h)! }) });
      continue;
    }
    seen.set(h, r.row);
    if (taken.has(h)) {
      fail({ idNumber: m('labor.import.already_registered') });
      continue;
    }
    const { input, errors: parseErrors } = parseRollRow(r.values);
    if (!input) {
      fail(parseErrors);
      continue;
    }
    checkWorkerFields(input, regions, owner, fieldErrors);
    if (Object.keys(fieldErrors).length) {
      fail(fieldErrors);
      continue;
    }
    const row = newWorkerRow(env.cipher, input, id, owner, env.actor.userId, caseworkerId);
    valid.push({
      row: r.row,
      data: {
        row,
        preview: {
          name: row.name_masked,
          idNumber: maskIdNumber(id.number),
          phone: row.phone_masked ?? null,
          homeRegionCode: input.homeRegionCode,
          status: input.status,
          registeredPoor: input.registeredPoor,
          skills: input.skills.map((s) => s.code).join(';'),
        },
      },
    });
  }
  return { valid, errors };
}

export const workerRollImporter: Importer<RollRow> = {
  kind: 'labor_workers',
  permission: LP.manage,
  sheetName: '劳动力花名册 Worker roll',
  columns: ROLL_COLUMNS,
  check: checkRoll,
  write: (trx, rows, env) => insertWorkers(trx, env.actor, rows, 'labor.worker.import'),
  preview: (r) => ({ ...r.preview }),
};
