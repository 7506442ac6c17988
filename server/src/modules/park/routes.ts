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
  Certification,
  CertificationInput,
  CertificationPage,
  CertificationQuery,
  DecisionInput,
  PlantLive,
  Retrofit,
  RetrofitInput,
  RetrofitPage,
  RetrofitPatch,
  RetrofitQuery,
  ReviewInput,
  LeaseEndInput,
  LeaseInput,
  ParkPlan,
  SiteDetail,
  SiteInput,
  SitePage,
  SitePatch,
  SiteQuery,
  SpaceSummary,
  ChainMap,
  LinkEnterpriseInput,
  LinkEnterpriseParams,
  ParkDashboard,
  ChainInput,
  ChainPatch,
  LinkInput,
  LinkPatch,
  EdgeInput,
  EdgeParams,
  LinkOrder,
} from '@gearbridge/contracts/park';
import { IdParams } from '@gearbridge/contracts/common';
import { RevealResult } from '@gearbridge/contracts/identity';
import { actorOf } from '../../platform/http/app';
import { requirePermission } from '../../platform/authz';
import * as projects from './projects/projects.service';
import * as batches from './projects/batches.service';
import { stageCounts, yearSummary } from './projects/summary.service';
import * as enterprises from './enterprises/enterprises.service';
import * as retrofits from './retrofits/retrofits.service';
import * as certs from './retrofits/certifications.service';
import { certificationFileRoutes } from './retrofits/certification-files.routes';
import * as space from './space/space.service';
import * as chains from './chains/chains.service';
import { dashboard } from './dashboard/dashboard.service';
import { INDUSTRIES } from './industries';
import { PP } from './permissions';
import { toXlsx } from '../../platform/excel/workbook';
import { sendXlsx } from '../../platform/excel/send';
import { enterpriseColumns, projectColumns } from './exports';
import { summaryPdf, summaryXlsx } from './projects/summary.export';
import { sendDownload } from '../../platform/excel/send';
import { PDF_MIME } from '../../platform/pdf/document';
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

  app.get(
    '/park/dashboard',
    {
      schema: {
        tags,
        summary: 'The dashboard and 大屏: pipeline by stage and category, signed per year, chain coverage, space, retrofits and certifications (park.read)',
        response: { 200: ParkDashboard },
      },
    },
    async (req) => dashboard(db, actorOf(req)),
  );

  app.get('/park/summary/export', { schema: { tags, summary: "The year's summary as Excel (park.read)", querystring: SummaryQuery.extend(Lang.shape) } }, async (req, reply) => {
    requirePermission(actorOf(req), PP.read);
    const s = await yearSummary(db, actorOf(req), req.query.year);
    const zh = req.query.lang === 'zh';
    return sendXlsx(reply, `investment-summary-${s.year}`, zh ? `${s.year}年招商统计` : `investment-summary-${s.year}`, await summaryXlsx(s, zh));
  });
  app.get(
    '/park/summary/pdf',
    { schema: { tags, summary: "The year's summary as one A4 page, fonts embedded (park.read)", querystring: SummaryQuery.extend(Lang.shape) } },
    async (req, reply) => {
      requirePermission(actorOf(req), PP.read);
      const s = await yearSummary(db, actorOf(req), req.query.year);
      const zh = req.query.lang === 'zh';
      return sendDownload(reply, PDF_MIME, 'pdf', `investment-summary-${s.year}`, zh ? `${s.year}年招商统计` : `investment-summary-${s.year}`, await summaryPdf(s, zh));
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

  // ---- smart retrofits and certifications --------------------------------------------------------------------------
  app.get(
    '/park/retrofits',
    { schema: { tags, summary: 'Smart-retrofit projects of the own scope (park.read)', querystring: RetrofitQuery, response: { 200: RetrofitPage } } },
    async (req) => ({ ...(await retrofits.listRetrofits(db, actorOf(req), req.query)), ...page(req.query) }),
  );
  app.post(
    '/park/retrofits',
    { schema: { tags, summary: "Record an enterprise's smart-retrofit project (park.apply)", body: RetrofitInput, response: { 201: Retrofit } } },
    async (req, reply) => reply.status(201).send(await retrofits.createRetrofit(db, actorOf(req), req.body)),
  );
  app.get('/park/retrofits/:id', { schema: { tags, summary: 'A smart-retrofit project (park.read)', params: IdParams, response: { 200: Retrofit } } }, async (req) =>
    retrofits.getRetrofit(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/park/retrofits/:id',
    { schema: { tags, summary: 'Edit a smart-retrofit project, its milestones and figures (park.apply)', params: IdParams, body: RetrofitPatch, response: { 200: Retrofit } } },
    async (req) => retrofits.updateRetrofit(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/park/certifications',
    {
      schema: { tags, summary: 'Certification applications and certificates of the own scope (park.read)', querystring: CertificationQuery, response: { 200: CertificationPage } },
    },
    async (req) => ({ ...(await certs.listCertifications(db, actorOf(req), req.query)), ...page(req.query) }),
  );
  app.post(
    '/park/certifications',
    { schema: { tags, summary: 'Apply for 市级智能工厂 or 数字化车间 (park.apply; audited)', body: CertificationInput, response: { 201: Certification } } },
    async (req, reply) => reply.status(201).send(await certs.applyCertification(db, actorOf(req), req.body)),
  );
  app.get('/park/certifications/:id', { schema: { tags, summary: 'A certification (park.read)', params: IdParams, response: { 200: Certification } } }, async (req) =>
    certs.getCertification(db, actorOf(req), req.params.id),
  );
  app.post(
    '/park/certifications/:id/review',
    { schema: { tags, summary: 'Score the application against its checklist (park.manage; audited)', params: IdParams, body: ReviewInput, response: { 200: Certification } } },
    async (req) => certs.reviewCertification(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/park/certifications/:id/decision',
    { schema: { tags, summary: 'Certify or reject after the review (park.manage; audited)', params: IdParams, body: DecisionInput, response: { 200: Certification } } },
    async (req) => certs.decideCertification(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/park/certifications/:id/live',
    {
      schema: {
        tags,
        summary: "A certified plant's live OEE, first-pass yield and output per shift, from the factory module's interface (park.read)",
        params: IdParams,
        response: { 200: PlantLive },
      },
    },
    // Read at request time: the factory module may not be deployed.
    async (req) => certs.plantLive(db, actorOf(req), req.params.id, ctx.interfaces.factory),
  );
  await certificationFileRoutes(root, ctx);

  // ---- plant space: buildings, plots and leases ------------------------------------------------------------------
  app.get(
    '/park/plan',
    { schema: { tags, summary: "The park's plan as GeoJSON, each site's feature named by its code (park.read)", response: { 200: ParkPlan } } },
    async (req) => {
      requirePermission(actorOf(req), PP.read);
      return space.PLAN;
    },
  );
  app.get(
    '/park/space/summary',
    { schema: { tags, summary: 'Space by status and the area revived per year, from the records (park.read)', response: { 200: SpaceSummary } } },
    async (req) => space.spaceSummary(db, actorOf(req)),
  );
  app.get(
    '/park/sites',
    { schema: { tags, summary: 'Buildings and plots of the own scope with their running lease (park.read)', querystring: SiteQuery, response: { 200: SitePage } } },
    async (req) => ({ ...(await space.listSites(db, actorOf(req), req.query)), ...page(req.query) }),
  );
  app.post('/park/sites', { schema: { tags, summary: 'Record a building or plot (park.manage)', body: SiteInput, response: { 201: SiteDetail } } }, async (req, reply) =>
    reply.status(201).send(await space.createSite(db, actorOf(req), req.body)),
  );
  app.get('/park/sites/:id', { schema: { tags, summary: 'A building or plot with its leases (park.read)', params: IdParams, response: { 200: SiteDetail } } }, async (req) =>
    space.getSite(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/park/sites/:id',
    { schema: { tags, summary: 'Edit a building or plot; leased only through a lease (park.manage)', params: IdParams, body: SitePatch, response: { 200: SiteDetail } } },
    async (req) => space.updateSite(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/park/sites/:id/leases',
    { schema: { tags, summary: 'Lease the site to a registry enterprise (park.manage; audited)', params: IdParams, body: LeaseInput, response: { 201: SiteDetail } } },
    async (req, reply) => reply.status(201).send(await space.leaseSite(db, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/park/sites/:id/lease-end',
    { schema: { tags, summary: "End the site's running lease (park.manage; audited)", params: IdParams, body: LeaseEndInput, response: { 200: SiteDetail } } },
    async (req) => space.endLease(db, actorOf(req), req.params.id, req.body),
  );

  // ---- the industrial-chain map ------------------------------------------------------------------------------------
  app.get(
    '/park/chains',
    { schema: { tags, summary: 'Industrial chains with their links, enterprises, projects and missing links (park.read)', response: { 200: ChainMap } } },
    async (req) => chains.chainMap(db, actorOf(req)),
  );
  app.post(
    '/park/chains/links/:id/enterprises',
    { schema: { tags, summary: 'Put a registry enterprise on a chain link (park.manage; audited)', params: IdParams, body: LinkEnterpriseInput, response: { 200: ChainMap } } },
    async (req) => chains.addLinkEnterprise(db, actorOf(req), req.params.id, req.body.enterpriseId),
  );
  app.delete(
    '/park/chains/links/:id/enterprises/:enterpriseId',
    { schema: { tags, summary: 'Take an enterprise off a chain link (park.manage; audited)', params: LinkEnterpriseParams, response: { 200: ChainMap } } },
    async (req) => chains.removeLinkEnterprise(db, actorOf(req), req.params.id, req.params.enterpriseId),
  );
  app.post(
    '/park/chains',
    { schema: { tags, summary: 'Create an industrial chain of the administration (park.manage; audited)', body: ChainInput, response: { 201: ChainMap } } },
    async (req, reply) => reply.status(201).send(await chains.createChain(db, actorOf(req), req.body)),
  );
  app.patch(
    '/park/chains/:id',
    { schema: { tags, summary: 'Rename a chain (park.manage; audited)', params: IdParams, body: ChainPatch, response: { 200: ChainMap } } },
    async (req) => chains.renameChain(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/park/chains/:id/links',
    { schema: { tags, summary: 'Add a link to a chain (park.manage; audited)', params: IdParams, body: LinkInput, response: { 201: ChainMap } } },
    async (req, reply) => reply.status(201).send(await chains.createLink(db, actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/park/chains/links/:id',
    { schema: { tags, summary: 'Rename a link or change its tier (park.manage; audited)', params: IdParams, body: LinkPatch, response: { 200: ChainMap } } },
    async (req) => chains.updateLink(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/park/chains/edges',
    { schema: { tags, summary: 'Connect two links of the administration’s chains (park.manage; audited)', body: EdgeInput, response: { 201: ChainMap } } },
    async (req, reply) => reply.status(201).send(await chains.addEdge(db, actorOf(req), req.body)),
  );
  app.delete(
    '/park/chains/links/:id',
    {
      schema: {
        tags,
        summary: 'Delete a link with its supply edges; 409 while enterprises are on it or projects fill it (park.manage; audited)',
        params: IdParams,
        response: { 200: ChainMap },
      },
    },
    async (req) => chains.deleteLink(db, actorOf(req), req.params.id),
  );
  app.delete(
    '/park/chains/:id',
    {
      schema: {
        tags,
        summary: 'Delete a chain with its links and their edges; 409 while a link holds enterprises or projects (park.manage; audited)',
        params: IdParams,
        response: { 200: ChainMap },
      },
    },
    async (req) => chains.deleteChain(db, actorOf(req), req.params.id),
  );
  app.put(
    '/park/chains/:id/order',
    {
      schema: { tags, summary: 'Order a chain’s links within their tiers: every link once (park.manage; audited)', params: IdParams, body: LinkOrder, response: { 200: ChainMap } },
    },
    async (req) => chains.orderLinks(db, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/park/chains/edges/:from/:to',
    { schema: { tags, summary: 'Remove the connection between two links (park.manage; audited)', params: EdgeParams, response: { 200: ChainMap } } },
    async (req) => chains.removeEdge(db, actorOf(req), req.params.from, req.params.to),
  );
}
