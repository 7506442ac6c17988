import type { z } from 'zod';
import { EnterpriseYearInput } from '@gearbridge/contracts/park';
import { inScope, scopeOf } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import type { Importer as PlatformImporter, RowError } from '../../../platform/excel/importer';
import { requireStillInScope, rowMessage } from '../../../platform/excel/importer';
import { pm, zodIssueMessage } from '../../../platform/errors';
import type { Database } from '../db';
import { m, type Msg } from '../messages';
import { PP } from '../permissions';

/**
 * The registry's yearly figures from a spreadsheet (企业年度经营数据导入): per row a registry enterprise (by name), the
 * year, employees, output value and tax in whole yuan (decimal text: exact). A per-row report, nothing written until
 * the officer confirms; then each row is recorded as `PUT /api/park/enterprises/:id/years` records it — a year
 * already there is replaced — with its audit row (before and after).
 */
type Row = { enterpriseId: string; orgId: string; name: string; year: EnterpriseYearInput; replaces: boolean };

const issueMessage = (i: z.core.$ZodIssue): Msg => zodIssueMessage(i.code, i.message, i as unknown as Record<string, unknown>);
const COLUMN_OF: Record<string, string> = { year: '年度', employees: '从业人数', outputValue: '产值（元）', tax: '税收（元）' };
/** A whole number as the sheet gives it: digits (thousands separators allowed), else the text itself for the schema to refuse. */
const int = (v: string | undefined) => {
  const s = (v ?? '').trim().replace(/[,，\s]/g, '');
  return /^-?\d{1,9}$/.test(s) ? Number(s) : s;
};
const yuan = (v: string | undefined) => (v ?? '').trim().replace(/[,，\s]/g, '');

export const yearsImporter: PlatformImporter<Row, Database> = {
  kind: 'park_enterprise_years',
  permission: PP.manage,
  sheetName: '年度经营数据 Yearly figures',
  columns: [
    {
      key: 'org',
      zh: '企业名称',
      en: 'Enterprise',
      required: true,
      hint: { zh: '已登记在企业名录中的企业', en: 'An enterprise of the registry' },
      example: '綦江齿轮传动有限公司',
    },
    { key: 'year', zh: '年度', en: 'Year', required: true, example: '2019' },
    { key: 'employees', zh: '从业人数', en: 'Employees', required: true, example: '1200' },
    { key: 'outputValue', zh: '产值（元）', en: 'Output value (yuan)', required: true, hint: { zh: '整数元', en: 'Whole yuan' }, example: '286000000' },
    { key: 'tax', zh: '税收（元）', en: 'Tax (yuan)', required: true, hint: { zh: '整数元', en: 'Whole yuan' }, example: '11400000' },
  ],
  async check(rows, env) {
    const errors: RowError[] = [];
    const valid: { row: number; data: Row }[] = [];
    const manage = scopeOf(env.actor, PP.manage);
    const names = [...new Set(rows.map((r) => r.values.org?.trim()).filter((n): n is string => !!n))];
    const found = names.length
      ? await env.db
          .selectFrom('park_enterprises as e')
          .innerJoin('organisations as o', 'o.id', 'e.org_id')
          .select(['e.id', 'e.org_id', 'o.name', 'o.region_code'])
          .where('o.name', 'in', names)
          .execute()
      : [];
    const byName = new Map(found.map((e) => [e.name, e]));
    const ids = found.map((e) => e.id);
    const had = new Set(
      ids.length
        ? (await env.db.selectFrom('park_enterprise_years').select(['enterprise_id', 'year']).where('enterprise_id', 'in', ids).execute()).map(
            (y) => `${y.enterprise_id}/${y.year}`,
          )
        : [],
    );
    const seen = new Map<string, number>();
    for (const r of rows) {
      const err = (column: string, message: Msg) => errors.push({ row: r.row, column, ...rowMessage(message) });
      const v = r.values;
      const e = byName.get(v.org?.trim() ?? '');
      // An enterprise outside the officer's scope is as unknown as one not registered: the report does not tell them apart.
      if (!e || !inScope(manage, { id: e.org_id, regionCode: e.region_code })) {
        err('企业名称', m('park.import.field_not_registered'));
        continue;
      }
      // A year or head count written but not a whole number (12.5, 一千) is told so, not "required".
      const notWhole = (['year', 'employees'] as const).filter((k) => (v[k] ?? '').trim() !== '' && typeof int(v[k]) !== 'number');
      for (const k of notWhole) err(COLUMN_OF[k], pm('validation.not_integer'));
      const parsed = EnterpriseYearInput.safeParse({ year: int(v.year), employees: int(v.employees), outputValue: yuan(v.outputValue), tax: yuan(v.tax) });
      if (!parsed.success || notWhole.length) {
        for (const i of parsed.error?.issues ?? [])
          if (!(notWhole as readonly string[]).includes(String(i.path[0]))) err(COLUMN_OF[String(i.path[0])] ?? String(i.path[0] ?? ''), issueMessage(i));
        continue;
      }
      const key = `${e.id}/${parsed.data.year}`;
      if (seen.has(key)) {
        err('年度', m('park.import.same_year_as_row', { row: seen.get(key)! }));
        continue;
      }
      seen.set(key, r.row);
      valid.push({ row: r.row, data: { enterpriseId: e.id, orgId: e.org_id, name: e.name, year: parsed.data, replaces: had.has(key) } });
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
      const y = r.year;
      const before = await trx
        .selectFrom('park_enterprise_years')
        .select(['year', 'employees', 'output_value_yuan', 'tax_yuan'])
        .where('enterprise_id', '=', r.enterpriseId)
        .where('year', '=', y.year)
        .executeTakeFirst();
      const values = { employees: y.employees, output_value_yuan: y.outputValue, tax_yuan: y.tax };
      await trx
        .insertInto('park_enterprise_years')
        .values({ enterprise_id: r.enterpriseId, year: y.year, ...values })
        .onConflict((oc) => oc.columns(['enterprise_id', 'year']).doUpdateSet(values))
        .execute();
      await writeAudit(trx, env.actor, {
        action: 'park.enterprise.year',
        entity: 'park_enterprise',
        entityId: r.enterpriseId,
        orgId: r.orgId,
        before: before ? { year: before.year, employees: before.employees, outputValue: String(before.output_value_yuan), tax: String(before.tax_yuan) } : null,
        after: { ...y, source: 'import' },
      });
    }
    return rows.length;
  },
  preview: (r) => ({ name: r.name, year: r.year.year, employees: r.year.employees, outputValue: r.year.outputValue, tax: r.year.tax, replaces: r.replaces }),
};
