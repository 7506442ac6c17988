import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Batch,
  BatchInput,
  BatchQuery,
  ContactInput,
  ContactParams,
  ContactRevealInput,
  EnterpriseDetail,
  EnterpriseInput,
  EnterprisePage,
  EnterprisePatch,
  EnterpriseQuery,
  EnterpriseYearInput,
  Industry,
  Project,
  ProjectInput,
  ProjectPage,
  ProjectPatch,
  ProjectQuery,
  StageChangeInput,
  StageCounts,
  StageHistoryEntry,
  SummaryQuery,
  YearSummary,
} from '@gearbridge/contracts/park';
import { IdParams } from '@gearbridge/contracts/common';
import { RevealResult } from '@gearbridge/contracts/identity';
import { actorOf } from '../../platform/http/app';
import { requirePermission } from '../../platform/authz';
import * as projects from './projects/projects.service';
import * as batches from './projects/batches.service';
import { stageCounts, yearSummary } from './projects/summary.service';
import * as enterprises from './enterprises/enterprises.service';
import { INDUSTRIES } from './industries';
import { PP } from './permissions';
import { toXlsx } from '../../platform/excel/workbook';
import { sendXlsx } from '../../platform/excel/send';
import { enterpriseColumns, projectColumns } from './exports';
import type { ModuleContext } from './db';

const Lang = z.object({ lang: z.enum(['zh', 'en']).default('zh') });
/** An export is a list a person keeps, not a data dump. */
const EXPORT_MAX = 50_000;

/**
 * The park API under /api/park. Permissions: park.read (lists, details, the summary), park.manage (projects, stages,
 * ceremony batches, the enterprise registry), park.reveal (contacts' clear data, audited); scopes are applied in SQL.
 */
export async function parkRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, cipher } = ctx;
  const tags = ['park'];
  const page = <T extends { page: number; pageSize: number }>(q: T) => ({ page: q.page, pageSize: q.pageSize });

  // ---- reference data ----------------------------------------------------------------------------------------
  app.get('/park/industries', { schema: { tags, summary: 'The shipped GB/T 4754-2017 classes (park.read)', response: { 200: z.array(Industry) } } }, async (req) => {
    requirePermission(actorOf(req), PP.read);
    return INDUSTRIES;
  });

  // ---- investment projects -------------------------------------------------------------------------------------
  app.get(
    '/park/projects',
    { schema: { tags, summary: 'Investment projects of the own scope (park.read)', querystring: ProjectQuery, response: { 200: ProjectPage } } },
    async (req) => {
      requirePermission(actorOf(req), PP.read);
      return { ...(await projects.listProjects(db, actorOf(req), req.query)), ...page(req.query) };
    },
  );
  app.get(
    '/park/projects/export',
    { schema: { tags, summary: 'Excel export of the filtered project list (park.read)', querystring: ProjectQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      requirePermission(actorOf(req), PP.read);
      const zh = req.query.lang === 'zh';
      const { items } = await projects.listProjects(db, actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'projects', zh ? '招商项目' : 'projects', await toXlsx(zh ? '招商项目' : 'Projects', projectColumns(zh), items));
    },
  );
  app.get('/park/projects/stages', { schema: { tags, summary: 'Projects of the own scope by current stage (park.read)', response: { 200: StageCounts } } }, async (req) => {
    requirePermission(actorOf(req), PP.read);
    return stageCounts(db, actorOf(req));
  });
  app.post('/park/projects', { schema: { tags, summary: 'Record an investment project (park.manage)', body: ProjectInput, response: { 201: Project } } }, async (req, reply) =>
    reply.status(201).send(await projects.createProject(db, actorOf(req), req.body)),
  );
  app.get('/park/projects/:id', { schema: { tags, summary: 'An investment project (park.read)', params: IdParams, response: { 200: Project } } }, async (req) =>
    projects.getProject(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/park/projects/:id',
    { schema: { tags, summary: 'Edit a project; the stage moves only through /stage (park.manage)', params: IdParams, body: ProjectPatch, response: { 200: Project } } },
    async (req) => projects.updateProject(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/park/projects/:id/stage',
    {
      schema: {
        tags,
        summary: 'Move a project forward, or back with a reason (park.manage; audited)',
        params: IdParams,
        body: StageChangeInput,
        response: { 200: Project },
      },
    },
    async (req) => projects.changeStage(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/park/projects/:id/stages',
    { schema: { tags, summary: "A project's stage history (park.read)", params: IdParams, response: { 200: z.array(StageHistoryEntry) } } },
    async (req) => projects.stageHistory(db, actorOf(req), req.params.id),
  );

  // ---- ceremony batches and the yearly summary -----------------------------------------------------------------
  app.get(
    '/park/batches',
    { schema: { tags, summary: 'Ceremony batches of the own scope (park.read)', querystring: BatchQuery, response: { 200: z.array(Batch) } } },
    async (req) => {
      requirePermission(actorOf(req), PP.read);
      return batches.listBatches(db, actorOf(req), req.query.year);
    },
  );
  app.post(
    '/park/batches',
    { schema: { tags, summary: 'Hold a ceremony batch; its projects reach its stage that day (park.manage)', body: BatchInput, response: { 201: Batch } } },
    async (req, reply) => reply.status(201).send(await batches.createBatch(db, actorOf(req), req.body)),
  );
  app.get('/park/batches/:id', { schema: { tags, summary: 'A ceremony batch (park.read)', params: IdParams, response: { 200: Batch } } }, async (req) =>
    batches.getBatch(db, actorOf(req), req.params.id),
  );
  app.get(
    '/park/summary',
    { schema: { tags, summary: "The year's investment summary from the records of the own scope (park.read)", querystring: SummaryQuery, response: { 200: YearSummary } } },
    async (req) => {
      requirePermission(actorOf(req), PP.read);
      return yearSummary(db, actorOf(req), req.query.year);
    },
  );

  // ---- the enterprise registry -----------------------------------------------------------------------------------
  app.get(
    '/park/enterprises',
    { schema: { tags, summary: 'Park enterprises of the own scope (park.read)', querystring: EnterpriseQuery, response: { 200: EnterprisePage } } },
    async (req) => {
      requirePermission(actorOf(req), PP.read);
      return { ...(await enterprises.listEnterprises(db, actorOf(req), req.query)), ...page(req.query) };
    },
  );
  app.get(
    '/park/enterprises/export',
    { schema: { tags, summary: 'Excel export of the filtered registry (park.read)', querystring: EnterpriseQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      requirePermission(actorOf(req), PP.read);
      const zh = req.query.lang === 'zh';
      const { items } = await enterprises.listEnterprises(db, actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'enterprises', zh ? '园区企业名录' : 'park-enterprises', await toXlsx(zh ? '园区企业' : 'Enterprises', enterpriseColumns(zh), items));
    },
  );
  app.post(
    '/park/enterprises',
    { schema: { tags, summary: 'Register an enterprise organisation in the park (park.manage)', body: EnterpriseInput, response: { 201: EnterpriseDetail } } },
    async (req, reply) => reply.status(201).send(await enterprises.createEnterprise(db, actorOf(req), req.body)),
  );
  app.get(
    '/park/enterprises/:id',
    { schema: { tags, summary: 'An enterprise with its years and masked contacts (park.read)', params: IdParams, response: { 200: EnterpriseDetail } } },
    async (req) => enterprises.getEnterprise(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/park/enterprises/:id',
    { schema: { tags, summary: 'Edit an enterprise entry (park.manage)', params: IdParams, body: EnterprisePatch, response: { 200: EnterpriseDetail } } },
    async (req) => enterprises.updateEnterprise(db, actorOf(req), req.params.id, req.body),
  );
  app.put(
    '/park/enterprises/:id/years',
    {
      schema: { tags, summary: "Record a year's employees, output value and tax (park.manage)", params: IdParams, body: EnterpriseYearInput, response: { 200: EnterpriseDetail } },
    },
    async (req) => enterprises.putYear(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/park/enterprises/:id/contacts',
    { schema: { tags, summary: 'Add a contact person; name and phone stored encrypted (park.manage)', params: IdParams, body: ContactInput, response: { 201: EnterpriseDetail } } },
    async (req, reply) => reply.status(201).send(await enterprises.addContact(db, actorOf(req), cipher, req.params.id, req.body)),
  );
  app.post(
    '/park/enterprises/:id/contacts/:contactId/reveal',
    { schema: { tags, summary: "A contact's clear name or phone (park.reveal; audited)", params: ContactParams, body: ContactRevealInput, response: { 200: RevealResult } } },
    async (req) => ({
      field: req.body.field,
      value: await enterprises.revealContact(db, actorOf(req), cipher, req.params.id, req.params.contactId, req.body.field),
    }),
  );
}
