import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditPage, AuditQuery, type AuditEntry } from '@gearbridge/contracts/audit';
import { IdParams, Ok, text } from '@gearbridge/contracts/common';
import {
  LocaleInput,
  LoginInput,
  Me,
  Org,
  OrgInput,
  OrgPage,
  OrgPatch,
  OrgQuery,
  PasswordChange,
  Permission,
  ResetPassword,
  RevealResult,
  Role,
  RoleInput,
  RolePatch,
  RoleQuery,
  User,
  UserInput,
  UserPage,
  UserPatch,
  UserQuery,
} from '@gearbridge/contracts/identity';
import { Region, RegionCode, RegionQuery } from '@gearbridge/contracts/regions';
import { actorOf, cookieOptions } from '../../platform/http/app';
import type { PermissionDef } from '../../platform/module';
import { CSRF_COOKIE, SESSION_COOKIE, newToken, type SessionStore } from '../../platform/sessions';
import { auditActionLabel, auditEntityLabel } from '@gearbridge/contracts/messages';
import { toXlsx, type Column } from '../../platform/excel/workbook';
import { sendXlsx } from '../../platform/excel/send';
import { unauthenticated } from '../../platform/errors';
import * as auth from './auth.service';
import * as orgs from './org.service';
import * as users from './user.service';
import * as roles from './role.service';
import * as regions from './region.service';
import { listAudit } from './audit.service';
import { orgColumns, userColumns } from './exports';
import type { ModuleContext } from './db';

export interface IdentityDeps extends ModuleContext {
  sessions: SessionStore;
  permissions: () => PermissionDef[];
}

const Lang = z.object({ lang: z.enum(['zh', 'en']).default('zh') });

export async function identityRoutes(root: FastifyInstance, d: IdentityDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, cipher, sessions } = d;
  const secure = d.config.secureCookies;

  // ---- authentication -------------------------------------------------------------------------------
  app.get(
    '/auth/csrf',
    { config: { public: true }, schema: { tags: ['auth'], summary: 'CSRF token for sign-in (double-submit cookie)', response: { 200: z.object({ csrfToken: z.string() }) } } },
    async (req, reply) => {
      const token = req.sessionCsrf ?? req.cookies[CSRF_COOKIE] ?? newToken();
      reply.setCookie(CSRF_COOKIE, token, cookieOptions(secure, false));
      return { csrfToken: token };
    },
  );

  app.post('/auth/login', { config: { public: true }, schema: { tags: ['auth'], summary: 'Sign in', body: LoginInput, response: { 200: Me } } }, async (req, reply) => {
    // A browser that still holds a session signs in afresh: that session ends (rotation), so a token that leaked
    // before the sign-in is worth nothing after it.
    const r = await auth.login(db, sessions, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: req.id, previousSessionId: req.sessionId });
    reply.setCookie(SESSION_COOKIE, r.token, { ...cookieOptions(secure, true), expires: r.expiresAt });
    reply.setCookie(CSRF_COOKIE, r.csrfToken, cookieOptions(secure, false));
    const s = await sessions.resolve(r.token);
    if (!s) throw unauthenticated();
    return auth.me(db, { ...s.actor, requestId: req.id, ip: req.ip }, r.csrfToken);
  });

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out', response: { 200: Ok } } }, async (req, reply) => {
    await auth.logout(db, actorOf(req), req.sessionId!);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user, permissions and CSRF token', response: { 200: Me } } }, async (req) =>
    auth.me(db, actorOf(req), req.sessionCsrf!),
  );

  app.post('/auth/password', { schema: { tags: ['auth'], summary: 'Change own password (ends other sessions)', body: PasswordChange, response: { 200: Ok } } }, async (req) => {
    await auth.changePassword(db, sessions, actorOf(req), req.sessionId, req.body);
    return { ok: true as const };
  });

  app.put('/auth/locale', { schema: { tags: ['auth'], summary: 'Remember the interface language', body: LocaleInput, response: { 200: Ok } } }, async (req) => {
    await auth.setLocale(db, actorOf(req), req.body.locale);
    return { ok: true as const };
  });

  // ---- organisations --------------------------------------------------------------------------------
  app.get('/orgs', { schema: { tags: ['organisations'], querystring: OrgQuery, response: { 200: OrgPage } } }, async (req) => {
    const r = await orgs.listOrgs(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });
  app.get(
    '/orgs/export',
    { schema: { tags: ['organisations'], summary: 'Excel export of the filtered list', querystring: OrgQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const items = await orgs.allOrgs(db, actorOf(req), req.query);
      const cols = orgColumns(zh);
      return sendXlsx(reply, 'organisations', zh ? '组织' : 'organisations', await toXlsx(zh ? '组织' : 'Organisations', cols, items));
    },
  );
  app.get('/orgs/:id', { schema: { tags: ['organisations'], params: IdParams, response: { 200: Org } } }, async (req) => orgs.getOrg(db, actorOf(req), req.params.id));
  app.post('/orgs', { schema: { tags: ['organisations'], body: OrgInput, response: { 201: Org } } }, async (req, reply) =>
    reply.status(201).send(await orgs.createOrg(db, actorOf(req), req.body)),
  );
  app.patch('/orgs/:id', { schema: { tags: ['organisations'], params: IdParams, body: OrgPatch, response: { 200: Org } } }, async (req) =>
    orgs.updateOrg(db, actorOf(req), req.params.id, req.body),
  );

  // ---- users ----------------------------------------------------------------------------------------
  app.get('/users', { schema: { tags: ['users'], querystring: UserQuery, response: { 200: UserPage } } }, async (req) => {
    const r = await users.listUsers(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });
  app.get(
    '/users/export',
    { schema: { tags: ['users'], summary: 'Excel export (phones masked)', querystring: UserQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await users.listUsers(db, actorOf(req), { ...req.query, page: 1, pageSize: 50_000 }, zh ? 'zh' : 'en');
      const cols = userColumns(
        zh,
        await regions.regionNames(
          db,
          items.flatMap((u) => u.roles.flatMap((r) => (r.regionCode ? [r.regionCode] : []))),
        ),
      );
      return sendXlsx(reply, 'users', zh ? '用户' : 'users', await toXlsx(zh ? '用户' : 'Users', cols, items));
    },
  );
  app.get('/users/:id', { schema: { tags: ['users'], params: IdParams, response: { 200: User } } }, async (req) => users.getUser(db, actorOf(req), req.params.id));
  app.post('/users', { schema: { tags: ['users'], body: UserInput, response: { 201: User } } }, async (req, reply) =>
    reply.status(201).send(await users.createUser(db, actorOf(req), cipher, req.body)),
  );
  app.patch('/users/:id', { schema: { tags: ['users'], params: IdParams, body: UserPatch, response: { 200: User } } }, async (req) =>
    users.updateUser(db, actorOf(req), cipher, req.params.id, req.body),
  );
  app.post(
    '/users/:id/password',
    { schema: { tags: ['users'], summary: "Set a new password (ends the user's sessions)", params: IdParams, body: ResetPassword, response: { 200: Ok } } },
    async (req) => {
      await users.resetPassword(db, actorOf(req), req.params.id, req.body.password);
      return { ok: true as const };
    },
  );
  app.post(
    '/users/:id/reveal',
    {
      schema: {
        tags: ['users'],
        summary: 'Reveal the clear phone number (permission pii.reveal; audited)',
        params: IdParams,
        body: z.object({ field: z.literal('phone') }),
        response: { 200: RevealResult },
      },
    },
    async (req) => ({
      field: 'phone',
      value: await users.revealPhone(db, actorOf(req), cipher, req.params.id),
    }),
  );

  // ---- roles and permissions ------------------------------------------------------------------------
  app.get('/permissions', { schema: { tags: ['roles'], response: { 200: z.array(Permission) } } }, async () =>
    d.permissions().map((p) => ({ code: p.code, module: p.code.split('.')[0], zh: p.zh, en: p.en })),
  );
  app.get('/roles', { schema: { tags: ['roles'], querystring: RoleQuery, response: { 200: z.array(Role) } } }, async (req) => roles.listRoles(db, actorOf(req), req.query.orgId));
  app.post('/roles', { schema: { tags: ['roles'], body: RoleInput, response: { 201: Role } } }, async (req, reply) =>
    reply.status(201).send(await roles.createRole(db, actorOf(req), d.permissions(), req.body)),
  );
  app.patch('/roles/:id', { schema: { tags: ['roles'], params: IdParams, body: RolePatch, response: { 200: Role } } }, async (req) =>
    roles.updateRole(db, actorOf(req), d.permissions(), req.params.id, req.body),
  );
  app.delete('/roles/:id', { schema: { tags: ['roles'], params: IdParams, response: { 200: Ok } } }, async (req) => {
    await roles.deleteRole(db, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  // ---- regions --------------------------------------------------------------------------------------
  app.get(
    '/regions',
    { schema: { tags: ['regions'], summary: 'Children of a region (top level without parent), or a search', querystring: RegionQuery, response: { 200: z.array(Region) } } },
    async (req) => regions.listRegions(db, req.query),
  );
  app.post(
    '/regions',
    { schema: { tags: ['regions'], summary: 'Add a division, e.g. a village under its town', body: z.object({ code: RegionCode, name: text(50) }), response: { 201: Region } } },
    async (req, reply) => reply.status(201).send(await regions.createRegion(db, actorOf(req), req.body)),
  );

  // ---- audit log ------------------------------------------------------------------------------------
  app.get('/audit', { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditPage } } }, async (req) => {
    const r = await listAudit(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });
  app.get(
    '/audit/export',
    {
      schema: {
        tags: ['audit'],
        summary: 'Excel export of the filtered audit log (at most 50,000 rows)',
        querystring: AuditQuery.omit({ page: true, pageSize: true }).extend(Lang.shape),
      },
    },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const lang = zh ? 'zh' : 'en';
      const { items } = await listAudit(db, actorOf(req), { ...req.query, page: 1, pageSize: 50_000 });
      const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v).slice(0, 32_000));
      const cols: Column<AuditEntry>[] = [
        { key: 'at', header: zh ? '时间' : 'Time', width: 20, value: (e) => new Date(e.at) },
        { key: 'actor', header: zh ? '操作人' : 'Actor', width: 24, value: (e) => e.actorName },
        { key: 'org', header: zh ? '组织' : 'Organisation', width: 28, value: (e) => e.orgName },
        { key: 'action', header: zh ? '操作' : 'Action', width: 22, value: (e) => auditActionLabel(lang, e.action) },
        { key: 'entity', header: zh ? '对象' : 'Entity', value: (e) => auditEntityLabel(lang, e.entity) },
        { key: 'entityId', header: zh ? '对象编号' : 'Entity id', width: 38, value: (e) => e.entityId },
        { key: 'before', header: zh ? '变更前' : 'Before', width: 40, value: (e) => json(e.before) },
        { key: 'after', header: zh ? '变更后' : 'After', width: 40, value: (e) => json(e.after) },
        { key: 'requestId', header: zh ? '请求编号' : 'Request id', width: 38, value: (e) => e.requestId },
        // The codes too, for filtering and for whoever reads the log with other tools.
        { key: 'actionCode', header: zh ? '操作代码' : 'Action code', width: 26, value: (e) => e.action },
        { key: 'entityCode', header: zh ? '对象代码' : 'Entity code', width: 18, value: (e) => e.entity },
      ];
      return sendXlsx(reply, 'audit-log', zh ? '审计日志' : 'audit-log', await toXlsx(zh ? '审计日志' : 'Audit log', cols, items));
    },
  );
}
