import { OrgInput, type OrgKind, Phone, Password, Username } from '@gearbridge/contracts/identity';
import { passwordProblem } from './password-policy';
import { rowMessage, type RowError } from '../../platform/excel/importer';
import { DomainError, zodIssueMessage, type Msg } from '../../platform/errors';
import type { z } from 'zod';
import { scopeOf } from '../../platform/authz';
import { createOrgIn } from './org.service';
import { insertUser, prepareUser, type PreparedUser } from './user.service';
import { P } from './permissions';
import type { Importer } from './db';
import { m } from './messages';

/** Organisation kinds as people write them in a sheet, in either language. */
export const KIND_LABELS: Record<OrgKind, [string, string]> = {
  enterprise: ['企业', 'Enterprise'],
  government: ['政府部门', 'Government department'],
  park_admin: ['园区管委会', 'Park administration'],
  hospital: ['医院', 'Hospital'],
  school: ['学校', 'School'],
  training_provider: ['培训机构', 'Training provider'],
};
function parseKind(v: string): OrgKind | null {
  const t = v.trim().toLowerCase();
  for (const [k, [zh, en]] of Object.entries(KIND_LABELS)) if (t === k || t === zh || t === en.toLowerCase()) return k as OrgKind;
  return null;
}

/** A zod issue of a cell as a message (the schemas' own keys, or field validation's). */
const issueMessage = (i: z.core.$ZodIssue): Msg => zodIssueMessage(i.code, i.message, i as unknown as Record<string, unknown>);

export const orgImporter: Importer<OrgInput> = {
  kind: 'organisations',
  permission: P.orgManage,
  sheetName: '组织 Organisations',
  columns: [
    { key: 'name', zh: '名称', en: 'Name', required: true, example: '綦江示例机械有限公司' },
    {
      key: 'kind',
      zh: '类型',
      en: 'Kind',
      required: true,
      hint: {
        zh: '企业 / 政府部门 / 园区管委会 / 医院 / 学校 / 培训机构',
        en: 'Enterprise / Government department / Park administration / Hospital / School / Training provider (Chinese names work too)',
      },
      example: '企业',
    },
    {
      key: 'regionCode',
      zh: '区划代码',
      en: 'Region code',
      required: true,
      hint: { zh: 'GB/T 2260 行政区划代码：区县 6 位、乡镇街道 9 位，如 500110（綦江区）', en: 'GB/T 2260 code: 6 digits for a county, 9 for a town, e.g. 500110 (綦江区)' },
      example: '500110',
    },
    {
      key: 'uscc',
      zh: '统一社会信用代码',
      en: 'Unified social credit code',
      required: false,
      hint: { zh: '18 位统一社会信用代码，可不填', en: '18 characters; may be left empty' },
    },
    { key: 'contactName', zh: '联系人', en: 'Contact', required: false },
    { key: 'address', zh: '地址', en: 'Address', required: false },
  ],
  async check(rows, env) {
    const errors: RowError[] = [];
    const valid: { row: number; data: OrgInput }[] = [];
    const scope = scopeOf(env.actor, P.orgManage);
    const regions = new Set((await env.db.selectFrom('regions').select('code').execute()).map((r) => r.code));
    const seenName = new Map<string, number>();
    const seenUscc = new Map<string, number>();
    const names = rows.map((r) => r.values.name);
    const existing = names.length ? await env.db.selectFrom('organisations').select(['name', 'uscc']).execute() : [];
    const takenName = new Set(existing.map((e) => e.name));
    const takenUscc = new Set(existing.map((e) => e.uscc).filter(Boolean));
    for (const r of rows) {
      const err = (column: string, message: Msg) => errors.push({ row: r.row, column, ...rowMessage(message) });
      const kind = parseKind(r.values.kind);
      if (!kind) {
        err(
          '类型',
          m('identity.import.unknown_kind', {
            value: r.values.kind,
            kinds: Object.values(KIND_LABELS)
              .map((l) => l[0])
              .join(' / '),
          }),
        );
        continue;
      }
      const parsed = OrgInput.safeParse({ ...r.values, kind, uscc: r.values.uscc || null, contactName: r.values.contactName || null, address: r.values.address || null });
      if (!parsed.success) {
        // Each bad cell under its column's header, as the person sees it in the sheet.
        for (const i of parsed.error.issues) err(orgImporter.columns.find((c) => c.key === i.path[0])?.zh ?? String(i.path[0] ?? ''), issueMessage(i));
        continue;
      }
      const d = parsed.data;
      if (!regions.has(d.regionCode)) {
        err('区划代码', m('identity.region.unknown_code', { code: d.regionCode }));
        continue;
      }
      if (!scope.all && !scope.regionPrefixes.some((p) => d.regionCode.startsWith(p))) {
        err('区划代码', m('identity.import.region_out_of_scope', { code: d.regionCode }));
        continue;
      }
      if (takenName.has(d.name)) {
        err('名称', m('identity.import.org_name_taken', { name: d.name }));
        continue;
      }
      if (seenName.has(d.name)) {
        err('名称', m('identity.import.same_name_as_row', { row: seenName.get(d.name)! }));
        continue;
      }
      if (d.uscc && takenUscc.has(d.uscc)) {
        err('统一社会信用代码', m('identity.import.uscc_taken', { uscc: d.uscc }));
        continue;
      }
      if (d.uscc && seenUscc.has(d.uscc)) {
        err('统一社会信用代码', m('identity.import.same_uscc_as_row', { row: seenUscc.get(d.uscc)! }));
        continue;
      }
      seenName.set(d.name, r.row);
      if (d.uscc) seenUscc.set(d.uscc, r.row);
      valid.push({ row: r.row, data: d });
    }
    return { valid, errors };
  },
  async write(trx, rows, env) {
    for (const r of rows) await createOrgIn(trx, env.actor, r, 'organisation.import');
    return rows.length;
  },
  preview: (r) => ({ ...r }),
};

type UserRow = PreparedUser & { display: { username: string; displayName: string; org: string; phone: string | null; roles: string } };

export const userImporter: Importer<UserRow> = {
  kind: 'users',
  permission: P.userManage,
  sheetName: '用户 Users',
  columns: [
    { key: 'username', zh: '登录名', en: 'Username', required: true, hint: { zh: '3–40 位字母、数字或 . - _', en: '3–40 letters, digits, . - _' }, example: 'zhang.san' },
    { key: 'displayName', zh: '姓名', en: 'Display name', required: true, example: '张三' },
    {
      key: 'org',
      zh: '所属组织',
      en: 'Organisation',
      required: true,
      hint: { zh: '与平台登记的组织名称完全一致，或填统一社会信用代码', en: 'The organisation name exactly as registered, or its credit code' },
      example: '綦江齿轮传动有限公司',
    },
    {
      key: 'password',
      zh: '初始密码',
      en: 'Initial password',
      required: true,
      hint: {
        zh: '至少 10 位，不可为常见密码，不可包含登录名或姓名；本人首次登录后应修改',
        en: 'At least 10 characters, not a common password, not containing the username or name; the person should change it at first sign-in',
      },
      example: 'Change-me-2026',
    },
    { key: 'phone', zh: '手机号', en: 'Mobile phone', required: false, example: '13800000000' },
    {
      key: 'roles',
      zh: '角色代码',
      en: 'Role codes',
      required: false,
      hint: { zh: '多个角色用逗号分隔，如 operator,quality_engineer', en: 'Comma-separated, e.g. operator,quality_engineer' },
      example: 'operator',
    },
  ],
  async check(rows, env) {
    const errors: RowError[] = [];
    const valid: { row: number; data: UserRow }[] = [];
    const orgs = await env.db.selectFrom('organisations').select(['id', 'name', 'uscc']).execute();
    const roles = await env.db.selectFrom('roles').select(['id', 'code', 'org_id']).execute();
    const taken = new Set((await env.db.selectFrom('users').select('username').execute()).map((u) => u.username));
    const seen = new Map<string, number>();
    for (const r of rows) {
      const err = (column: string, message: Msg) => errors.push({ row: r.row, column, ...rowMessage(message) });
      const username = Username.safeParse(r.values.username);
      if (!username.success) {
        err('登录名', issueMessage(username.error.issues[0]));
        continue;
      }
      if (taken.has(username.data)) {
        err('登录名', m('identity.import.username_taken', { username: username.data }));
        continue;
      }
      if (seen.has(username.data)) {
        err('登录名', m('identity.import.same_username_as_row', { row: seen.get(username.data)! }));
        continue;
      }
      const pw = Password.safeParse(r.values.password);
      if (!pw.success) {
        err('初始密码', issueMessage(pw.error.issues[0]));
        continue;
      }
      const weak = passwordProblem(pw.data, { username: username.data, displayName: r.values.displayName });
      if (weak) {
        err('初始密码', weak);
        continue;
      }
      const phone = r.values.phone ? Phone.safeParse(r.values.phone) : null;
      if (phone && !phone.success) {
        err('手机号', issueMessage(phone.error.issues[0]));
        continue;
      }
      const org = orgs.find((o) => o.name === r.values.org || (o.uscc && o.uscc === r.values.org.toUpperCase()));
      if (!org) {
        err('所属组织', m('identity.import.no_org_named', { org: r.values.org }));
        continue;
      }
      const codes = r.values.roles.split(/[,，;；\s]+/).filter(Boolean);
      const grants = [];
      let bad = false;
      for (const code of codes) {
        const role = roles.find((x) => x.code === code && (x.org_id === null || x.org_id === org.id));
        if (!role) {
          err('角色代码', m('identity.import.unknown_role_code', { code }));
          bad = true;
          break;
        }
        grants.push({ roleId: role.id, regionCode: null });
      }
      if (bad) continue;
      try {
        const prepared = await prepareUser(env.db, env.actor, env.cipher, {
          orgId: org.id,
          username: username.data,
          displayName: r.values.displayName,
          phone: phone?.data ?? null,
          password: pw.data,
          locale: 'zh-CN',
          roles: grants,
        });
        seen.set(username.data, r.row);
        valid.push({
          row: r.row,
          data: { ...prepared, display: { username: username.data, displayName: r.values.displayName, org: org.name, phone: prepared.row.phone_masked, roles: codes.join(',') } },
        });
      } catch (e) {
        if (e instanceof DomainError) {
          err('所属组织', { key: e.key, ...(e.params ? { params: e.params } : {}), text: e.message });
          continue;
        }
        throw e;
      }
    }
    return { valid, errors };
  },
  async write(trx, rows, env) {
    for (const r of rows) await insertUser(trx, env.actor, { row: r.row, roles: r.roles }, 'user.import');
    return rows.length;
  },
  preview: (r) => ({ ...r.display }),
};
