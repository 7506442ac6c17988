import type { z } from 'zod';
import { ContactInput, EnterpriseInput, type EnterpriseScale } from '@gearbridge/contracts/park';
import { inScope, scopeOf } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import type { Importer as PlatformImporter, RowError } from '../../../platform/excel/importer';
import { requireStillInScope, rowMessage } from '../../../platform/excel/importer';
import { zodIssueMessage } from '../../../platform/errors';
import { maskName, maskPhone } from '../../../platform/pii';
import type { Database } from '../db';
import { industryOf } from '../industries';
import { m, type Msg } from '../messages';
import { PP } from '../permissions';
import { CTX } from './enterprises.service';

/**
 * The park's enterprise registry from a spreadsheet (企业名录导入) through the platform's importer: a per-row report,
 * nothing written until the uploader confirms, then every valid row — the enterprise and, when named, its first
 * contact (encrypted and masked) — in one transaction with its audit rows (docs/imports.md).
 */
type Row = { orgId: string; orgName: string; input: EnterpriseInput; contact: ContactInput | null };

const issueMessage = (i: z.core.$ZodIssue): Msg => zodIssueMessage(i.code, i.message, i as unknown as Record<string, unknown>);
const SCALES: Record<string, EnterpriseScale> = {
  大型: 'large',
  中型: 'medium',
  小型: 'small',
  微型: 'micro',
  large: 'large',
  medium: 'medium',
  small: 'small',
  micro: 'micro',
};
const COLUMN_OF: Record<string, string> = {
  industryCode: '行业代码',
  scale: '规模',
  products: '主要产品',
  zone: '片区',
  building: '楼栋',
  note: '备注',
  name: '联系人',
  title: '联系人职务',
  phone: '联系电话',
};
const blank = (v: string | undefined) => (v?.trim() ? v.trim() : null);

export const enterprisesImporter: PlatformImporter<Row, Database> = {
  kind: 'park_enterprises',
  permission: PP.manage,
  sheetName: '企业名录 Enterprises',
  columns: [
    {
      key: 'org',
      zh: '企业名称',
      en: 'Enterprise',
      required: true,
      hint: { zh: '平台内企业组织的名称', en: 'The name of an enterprise organisation on the platform' },
      example: '綦江齿轮传动有限公司',
    },
    {
      key: 'industryCode',
      zh: '行业代码',
      en: 'Industry code',
      required: true,
      hint: { zh: 'GB/T 4754-2017 小类，如 C3453', en: 'GB/T 4754-2017 class, e.g. C3453' },
      example: 'C3453',
    },
    { key: 'scale', zh: '规模', en: 'Scale', required: true, hint: { zh: '大型 / 中型 / 小型 / 微型', en: 'Large / Medium / Small / Micro' }, example: '中型' },
    { key: 'products', zh: '主要产品', en: 'Products', required: false },
    { key: 'zone', zh: '片区', en: 'Zone', required: false },
    { key: 'building', zh: '楼栋', en: 'Building', required: false },
    { key: 'note', zh: '备注', en: 'Note', required: false },
    { key: 'contactName', zh: '联系人', en: 'Contact', required: false, hint: { zh: '加密保存、脱敏显示', en: 'Stored encrypted, shown masked' } },
    { key: 'contactTitle', zh: '联系人职务', en: 'Contact title', required: false },
    { key: 'contactPhone', zh: '联系电话', en: 'Contact phone', required: false },
  ],
  async check(rows, env) {
    const errors: RowError[] = [];
    const valid: { row: number; data: Row }[] = [];
    const manage = scopeOf(env.actor, PP.manage);
    const names = [...new Set(rows.map((r) => r.values.org?.trim()).filter((n): n is string => !!n))];
    const orgs = names.length ? await env.db.selectFrom('organisations').select(['id', 'name', 'kind', 'region_code']).where('name', 'in', names).execute() : [];
    const byName = new Map(orgs.map((o) => [o.name, o]));
    const ids = orgs.map((o) => o.id);
    const registered = new Set(ids.length ? (await env.db.selectFrom('park_enterprises').select('org_id').where('org_id', 'in', ids).execute()).map((r) => r.org_id) : []);
    const seen = new Map<string, number>();
    for (const r of rows) {
      const err = (column: string, message: Msg) => errors.push({ row: r.row, column, ...rowMessage(message) });
      const v = r.values;
      const org = byName.get(v.org?.trim() ?? '');
      if (!org) {
        err('企业名称', m('park.org.unknown'));
        continue;
      }
      if (org.kind !== 'enterprise') {
        err('企业名称', m('park.enterprise.field_not_enterprise'));
        continue;
      }
      if (!inScope(manage, { id: org.id, regionCode: org.region_code })) {
        err('企业名称', m('park.import.out_of_scope'));
        continue;
      }
      if (registered.has(org.id)) {
        err('企业名称', m('park.enterprise.duplicate'));
        continue;
      }
      if (seen.has(org.id)) {
        err('企业名称', m('park.import.same_enterprise_as_row', { row: seen.get(org.id)! }));
        continue;
      }
      const parsed = EnterpriseInput.safeParse({
        orgId: org.id,
        industryCode: v.industryCode,
        scale: SCALES[v.scale?.trim() ?? ''] ?? SCALES[(v.scale ?? '').trim().toLowerCase()] ?? v.scale,
        products: blank(v.products),
        zone: blank(v.zone),
        building: blank(v.building),
        note: blank(v.note),
      });
      const contact =
        blank(v.contactName) || blank(v.contactPhone) ? ContactInput.safeParse({ name: v.contactName ?? '', title: blank(v.contactTitle), phone: blank(v.contactPhone) }) : null;
      const issues = [...(parsed.success ? [] : parsed.error.issues), ...(contact && !contact.success ? contact.error.issues : [])];
      if (issues.length) {
        for (const i of issues) err(COLUMN_OF[String(i.path[0])] ?? String(i.path[0] ?? ''), issueMessage(i));
        continue;
      }
      const input = parsed.data!;
      if (!industryOf(input.industryCode)) {
        err('行业代码', m('park.enterprise.field_unknown_industry', { code: input.industryCode }));
        continue;
      }
      seen.set(org.id, r.row);
      valid.push({ row: r.row, data: { orgId: org.id, orgName: org.name, input, contact: contact?.data ?? null } });
    }
    return { valid, errors };
  },
  async write(trx, rows, env) {
    await requireStillInScope(
      trx,
      env.actor,
      PP.manage,
      rows.map((r) => r.orgId),
    );
    for (const r of rows) {
      const { id } = await trx
        .insertInto('park_enterprises')
        .values({
          org_id: r.orgId,
          industry_code: r.input.industryCode,
          scale: r.input.scale,
          products: r.input.products || null,
          zone: r.input.zone || null,
          building: r.input.building || null,
          note: r.input.note || null,
          created_by: env.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, env.actor, {
        action: 'park.enterprise.create',
        entity: 'park_enterprise',
        entityId: id,
        orgId: r.orgId,
        after: { name: r.orgName, industryCode: r.input.industryCode, scale: r.input.scale, source: 'import' },
      });
      const c = r.contact;
      if (!c) continue;
      const name = c.name.trim();
      const { id: contactId } = await trx
        .insertInto('park_contacts')
        .values({
          enterprise_id: id,
          name_enc: env.cipher.encrypt(name, CTX.name),
          name_masked: maskName(name),
          title: c.title || null,
          phone_enc: c.phone ? env.cipher.encrypt(c.phone, CTX.phone) : null,
          phone_masked: c.phone ? maskPhone(c.phone) : null,
          created_by: env.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, env.actor, {
        action: 'park.enterprise.contact_add',
        entity: 'park_contact',
        entityId: contactId,
        orgId: r.orgId,
        after: { enterpriseId: id, nameMasked: maskName(name), title: c.title ?? null, phoneMasked: c.phone ? maskPhone(c.phone) : null, source: 'import' },
      });
    }
    return rows.length;
  },
  preview: (r) => ({
    name: r.orgName,
    industryCode: r.input.industryCode,
    scale: r.input.scale,
    zone: r.input.zone ?? null,
    contact: r.contact ? maskName(r.contact.name.trim()) : null,
  }),
};
