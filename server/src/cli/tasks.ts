import type { Actor } from '../platform/authz';
import { toXlsx } from '../platform/excel/workbook';
import * as imports from '../platform/excel/imports';
import { writeAudit } from '../platform/audit';
import { narrowDb } from '../platform/db';
import type { PlatformDatabase } from '../platform/db/tables';
import { hashPassword, identityDb, passwordProblem, listOrgs, listUsers, orgColumns, regionNames, userColumns } from '../modules/identity';
import { modules, type Platform } from '../app';
import { invalid, conflict, pm, zodIssueMessage } from '../platform/errors';
import type { z } from 'zod';
import { Password, Username } from '@gearbridge/contracts/identity';

/**
 * The CLI acts as the platform itself (someone with shell access to the server already holds its keys).
 * Its audit rows name it "cli", so they are told apart from people.
 */
export async function systemActor(p: Platform): Promise<Actor> {
  const admin = await p.handle.db
    .selectFrom('users as u')
    .innerJoin('user_roles as ur', 'ur.user_id', 'u.id')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select(['u.id', 'u.org_id'])
    .where('r.code', '=', 'platform_admin')
    .orderBy('u.created_at')
    .executeTakeFirst();
  if (!admin) throw invalid(pm('platform.cli.no_admin'));
  return {
    userId: admin.id,
    username: 'cli',
    displayName: 'gearbridge CLI',
    orgId: admin.org_id,
    orgKind: 'government',
    platformAdmin: true,
    grants: [],
    requestId: `cli-${process.pid}`,
    ip: null,
  };
}

export async function runExport(p: Platform, kind: 'orgs' | 'users', lang: 'zh' | 'en') {
  const actor = await systemActor(p);
  const zh = lang === 'zh';
  if (kind === 'orgs') {
    const { items } = await listOrgs(identityDb(p.handle.db), actor, { page: 1, pageSize: 50_000 });
    return { buf: await toXlsx(zh ? '组织' : 'Organisations', orgColumns(zh), items), count: items.length };
  }
  const db = identityDb(p.handle.db);
  const { items } = await listUsers(db, actor, { page: 1, pageSize: 50_000 }, lang);
  const regions = await regionNames(
    db,
    items.flatMap((u) => u.roles.flatMap((r) => (r.regionCode ? [r.regionCode] : []))),
  );
  return { buf: await toXlsx(zh ? '用户' : 'Users', userColumns(zh, regions), items), count: items.length };
}

/** An organisation by its exact name or id. */
async function organisation(p: Platform, nameOrId: string) {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(nameOrId);
  const org = await p.handle.db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where((eb) => (uuid ? eb.or([eb('name', '=', nameOrId), eb('id', '=', nameOrId)]) : eb('name', '=', nameOrId)))
    .executeTakeFirst();
  if (!org) throw invalid(pm('platform.cli.unknown_org', { org: nameOrId }));
  return org;
}

/**
 * Checks a sheet with the platform's importer and prints the per-row report; writes the valid rows only when
 * `doConfirm`. `org`: the organisation the rows belong to, for kinds that import into one (labor_workers: the
 * bureau keeping the roll); the command acts there as the platform.
 */
export async function runImport(p: Platform, kind: string, fileName: string, buf: Buffer, doConfirm: boolean, print: (s: string) => void, org?: string) {
  const importers = modules.flatMap((m) => m.importers ?? []);
  const importer = importers.find((i) => i.kind === kind);
  if (!importer) throw invalid(pm('platform.cli.unknown_import_kind', { kind, kinds: importers.map((i) => i.kind).join(', ') }));
  const actor = await systemActor(p);
  if (org) {
    const o = await organisation(p, org);
    actor.orgId = o.id;
    print(`Importing into ${o.name}`);
  }
  const env = { db: narrowDb<PlatformDatabase>()(p.handle.db), cipher: p.ctx.cipher, actor };
  const report = await imports.upload(env, importer, fileName, buf);
  print(`${report.totalRows} rows: ${report.validRows} valid, ${report.totalRows - report.validRows} with errors`);
  for (const e of report.errors) print(`  row ${e.row} [${e.column}]: ${e.message}`);
  if (!report.validRows) {
    await imports.discard(env, report.id);
    throw invalid(pm('platform.cli.nothing_to_write', { file: fileName }));
  }
  if (!doConfirm) {
    await imports.discard(env, report.id);
    print('Nothing written. Run again with --confirm to write the valid rows.');
    return;
  }
  const r = await imports.confirm(env, importers, report.id);
  print(`${r.written} rows written in one transaction.`);
}

const issueMessage = (i: z.core.$ZodIssue) => zodIssueMessage(i.code, i.message, i as unknown as Record<string, unknown>);

export async function createAdmin(p: Platform, usernameIn: string, passwordIn: string, orgName: string) {
  const username = Username.safeParse(usernameIn);
  if (!username.success) throw invalid(pm('platform.cli.admin_invalid'), { username: issueMessage(username.error.issues[0]) });
  const password = Password.safeParse(passwordIn);
  if (!password.success) throw invalid(pm('platform.cli.admin_invalid'), { password: issueMessage(password.error.issues[0]) });
  const weak = passwordProblem(password.data, { username: username.data });
  if (weak) throw invalid(pm('platform.cli.admin_invalid'), { password: weak });
  const hash = await hashPassword(password.data);
  await p.handle.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('users').select('id').where('username', '=', username.data).executeTakeFirst())
      throw conflict(pm('platform.cli.username_taken', { username: username.data }));
    let org = await trx.selectFrom('organisations').select('id').where('name', '=', orgName).executeTakeFirst();
    // A fresh installation has no organisation: the operator's own is created at the top of the tree.
    org ??= await trx.insertInto('organisations').values({ name: orgName, kind: 'government', region_code: '500000' }).returning('id').executeTakeFirstOrThrow();
    const role = await trx.selectFrom('roles').select('id').where('code', '=', 'platform_admin').where('org_id', 'is', null).executeTakeFirstOrThrow();
    const { id } = await trx
      .insertInto('users')
      .values({ org_id: org.id, username: username.data, display_name: username.data, password_hash: hash })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('user_roles').values({ user_id: id, role_id: role.id, region_code: null }).execute();
    await writeAudit(trx, null, { action: 'user.create_admin', entity: 'user', entityId: id, orgId: org.id, after: { username: username.data, via: 'cli' } });
  });
}
