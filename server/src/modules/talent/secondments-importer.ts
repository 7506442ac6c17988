import { SecondmentInput } from '@gearbridge/contracts/talent';
import type { z } from 'zod';
import { inScope, scopeOf } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { requireStillInScope, rowMessage, type RowError } from '../../platform/excel/importer';
import { zodIssueMessage } from '../../platform/errors';
import { loadPartnerships, sideOf } from './partnership.service';
import { hashes } from './people.service';
import { TP } from './permissions';
import { fromOverlap, getSecondment, lockPerson } from './secondments.service';
import type { Direction, Importer } from './db';
import { m, type Msg } from './messages';

/**
 * Secondments (挂职) from a spreadsheet through the platform's importer: each row names a person of the uploader's
 * side by ID number (and name, as a check), the host unit, post, term and programme. The service's rules apply per
 * row — the person in the uploader's edit scope, the host on the partner side, the end not before the start, and no
 * overlap with the person's other terms nor with another row of the file — and nothing is written until the
 * uploader confirms; then all valid rows in one transaction, each under the person's row lock (the table's trigger
 * refuses an overlap written meanwhile), each with a `talent.secondment.create` audit row (docs/imports.md).
 */
const issueMessage = (i: z.core.$ZodIssue): Msg => zodIssueMessage(i.code, i.message, i as unknown as Record<string, unknown>);
type Row = { personId: string; personName: string; orgId: string; direction: Direction; input: SecondmentInput };

/** YYYY-MM-DD, or the same with / or . and one-digit months and days, or 2019年3月1日. */
export function parseDay(v: string | undefined): string | null {
  const x = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec((v ?? '').trim());
  if (!x) return null;
  const day = `${x[1]}-${x[2].padStart(2, '0')}-${x[3].padStart(2, '0')}`;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day ? day : null;
}

const COL = { idNumber: '身份证号', name: '姓名', hostUnit: '挂职单位', post: '挂职岗位', startsOn: '开始日期', endsOn: '结束日期', programme: '所属项目', note: '备注' };

export const secondmentsImporter: Importer<Row> = {
  kind: 'talent_secondments',
  permission: TP.edit,
  sheetName: '挂职 Secondments',
  columns: [
    { key: 'name', zh: COL.name, en: 'Name', required: true, example: '示例干部', hint: { zh: '须与身份证号对应的人员一致', en: 'Must match the person of the ID number' } },
    {
      key: 'idNumber',
      zh: COL.idNumber,
      en: 'ID number',
      required: true,
      hint: { zh: '人才库中本方人员的身份证号', en: 'ID number of a person of your side in the talent pool' },
    },
    {
      key: 'hostUnit',
      zh: COL.hostUnit,
      en: 'Host unit',
      required: true,
      example: '临沂市商务局',
      hint: { zh: '对方地区的单位；与平台内单位同名时自动关联', en: 'A unit of the partner region; linked when a platform organisation has this name' },
    },
    { key: 'post', zh: COL.post, en: 'Post', required: true, example: '科长助理（挂职）' },
    { key: 'startsOn', zh: COL.startsOn, en: 'Starts on', required: true, example: '2019-03-15', hint: { zh: 'YYYY-MM-DD', en: 'YYYY-MM-DD' } },
    {
      key: 'endsOn',
      zh: COL.endsOn,
      en: 'Ends on',
      required: true,
      example: '2020-03-14',
      hint: { zh: 'YYYY-MM-DD；同一人员的挂职期不得重叠', en: "YYYY-MM-DD; a person's terms may not overlap" },
    },
    { key: 'programme', zh: COL.programme, en: 'Programme', required: false, hint: { zh: '如 东西部协作干部双向挂职', en: 'e.g. 东西部协作干部双向挂职' } },
    { key: 'note', zh: COL.note, en: 'Note', required: false, hint: { zh: '500 字以内', en: 'Up to 500 characters' } },
  ],
  async check(rows, env) {
    const errors: RowError[] = [];
    const valid: { row: number; data: Row }[] = [];
    const pairs = await loadPartnerships(env.db);
    const edit = scopeOf(env.actor, TP.edit);
    const idHashes = [...new Set(rows.map((r) => hashes.id(env.cipher, r.values.idNumber ?? '')))];
    const people = idHashes.length
      ? await env.db
          .selectFrom('talent_people as p')
          .innerJoin('organisations as o', 'o.id', 'p.org_id')
          .select(['p.id', 'p.name', 'p.id_hash', 'p.org_id', 'o.region_code'])
          .where('p.id_hash', 'in', idHashes)
          .execute()
      : [];
    const terms = people.length
      ? await env.db
          .selectFrom('talent_secondments')
          .select(['person_id', 'starts_on', 'ends_on'])
          .where(
            'person_id',
            'in',
            people.map((p) => p.id),
          )
          .execute()
      : [];
    const orgs = await env.db.selectFrom('organisations').select(['id', 'name', 'region_code']).execute();
    const programmes = await env.db.selectFrom('talent_programmes').select(['id', 'name']).execute();
    /** The terms of the file's earlier valid rows, per person. */
    const inFile = new Map<string, { row: number; startsOn: string; endsOn: string }[]>();
    for (const r of rows) {
      const err = (column: string, message: Msg) => errors.push({ row: r.row, column, ...rowMessage(message) });
      const v = r.values;
      const person = people.find((p) => p.id_hash === hashes.id(env.cipher, v.idNumber ?? ''));
      if (!person) {
        err(COL.idNumber, m('talent.import.unknown_person'));
        continue;
      }
      if (!inScope(edit, { id: person.org_id, regionCode: person.region_code })) {
        err(COL.idNumber, m('talent.person.partner_read_only'));
        continue;
      }
      if ((v.name ?? '').trim() !== person.name) {
        err(COL.name, m('talent.import.name_mismatch', { name: person.name }));
        continue;
      }
      const side = sideOf(pairs, person.region_code);
      if (!side) {
        err(COL.idNumber, m('talent.org.not_in_partnership'));
        continue;
      }
      const startsOn = parseDay(v.startsOn);
      const endsOn = parseDay(v.endsOn);
      const programme = v.programme?.trim() ? programmes.find((g) => g.name === v.programme.trim()) : undefined;
      if (!startsOn) err(COL.startsOn, m('talent.import.bad_date', { value: v.startsOn ?? '' }));
      if (!endsOn) err(COL.endsOn, m('talent.import.bad_date', { value: v.endsOn ?? '' }));
      if (v.programme?.trim() && !programme) err(COL.programme, m('talent.import.unknown_programme', { value: v.programme.trim() }));
      if (!startsOn || !endsOn || (v.programme?.trim() && !programme)) continue;
      // The host: a platform organisation of the partner side by that name, or the name alone.
      const hostName = (v.hostUnit ?? '').trim();
      const host = orgs.find((o) => o.name === hostName && sideOf(pairs, o.region_code) === (side === 'west' ? 'east' : 'west'));
      const parsed = SecondmentInput.safeParse({
        personId: person.id,
        hostOrgId: host?.id ?? null,
        hostUnit: hostName,
        post: v.post,
        startsOn,
        endsOn,
        programmeId: programme?.id ?? null,
        note: v.note?.trim() || null,
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues) err(secondmentsImporter.columns.find((c) => c.key === i.path[0])?.zh ?? String(i.path[0] ?? ''), issueMessage(i));
        continue;
      }
      if (endsOn < startsOn) {
        err(COL.endsOn, m('talent.field.on_or_after', { date: startsOn }));
        continue;
      }
      const other = terms.find((x) => x.person_id === person.id && x.starts_on <= endsOn && x.ends_on >= startsOn);
      if (other) {
        err(COL.startsOn, m('talent.import.overlap', { startsOn: other.starts_on, endsOn: other.ends_on }));
        continue;
      }
      const earlier = (inFile.get(person.id) ?? []).find((x) => x.startsOn <= endsOn && x.endsOn >= startsOn);
      if (earlier) {
        err(COL.startsOn, m('talent.import.overlap_row', { row: earlier.row }));
        continue;
      }
      inFile.set(person.id, [...(inFile.get(person.id) ?? []), { row: r.row, startsOn, endsOn }]);
      valid.push({
        row: r.row,
        data: { personId: person.id, personName: person.name, orgId: person.org_id, direction: side === 'west' ? 'west_to_east' : 'east_to_west', input: parsed.data },
      });
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
      await lockPerson(trx, r.personId);
      let id: string;
      try {
        ({ id } = await trx
          .insertInto('talent_secondments')
          .values({
            person_id: r.personId,
            org_id: r.orgId,
            direction: r.direction,
            host_org_id: r.input.hostOrgId ?? null,
            host_unit: r.input.hostUnit,
            post: r.input.post,
            starts_on: r.input.startsOn,
            ends_on: r.input.endsOn,
            programme_id: r.input.programmeId ?? null,
            note: r.input.note || null,
            created_by: env.actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow());
      } catch (err) {
        throw fromOverlap(err);
      }
      const after = await getSecondment(trx, env.actor, id);
      await writeAudit(trx, env.actor, { action: 'talent.secondment.create', entity: 'talent_secondment', entityId: id, orgId: r.orgId, after: { ...after, source: 'import' } });
    }
    return rows.length;
  },
  preview: (r) => ({ name: r.personName, hostUnit: r.input.hostUnit, post: r.input.post, startsOn: r.input.startsOn, endsOn: r.input.endsOn, direction: r.direction }),
};
