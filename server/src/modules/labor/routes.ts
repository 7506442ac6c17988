import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ConsentInput,
  LaborPartner,
  LaborStats,
  Occupation,
  OccupationQuery,
  Posting,
  PostingInput,
  PostingPage,
  PostingPatch,
  PostingQuery,
  Referral,
  ReferralAdvance,
  ReferralBulkAdvance,
  ReferralBulkResult,
  ReferralInput,
  ReferralPage,
  ReferralQuery,
  Share,
  ShareInput,
  SharePage,
  ShareQuery,
  SharesCreated,
  StatusChangeInput,
  StatusHistoryEntry,
  Worker,
  WorkerInput,
  WorkerPage,
  WorkerPatch,
  WorkerQuery,
  WorkerRevealInput,
} from '@gearbridge/contracts/labor';
import { IdParams, Ok } from '@gearbridge/contracts/common';
import { RevealResult } from '@gearbridge/contracts/identity';
import { actorOf } from '../../platform/http/app';
import { sendCached } from '../../platform/http/cached';
import { laborReadKey } from './read-key';
import { toXlsx } from '../../platform/excel/workbook';
import { sendXlsx } from '../../platform/excel/send';
import { searchOccupations } from './workers/occupations';
import * as workers from './workers/workers.service';
import * as status from './workers/status.service';
import * as postings from './postings/postings.service';
import * as shares from './sharing/shares.service';
import * as referrals from './placement/referrals.service';
import { bulkAdvance } from './placement/referral-steps.service';
import { laborStats } from './stats.service';
import { postingColumns, referralColumns, shareColumns, workerColumns } from './exports';
import { listPartners } from './sharing/partners.service';
import { registerFollowUpRoutes } from './placement/followups.routes';
import { registerMatchingRoutes } from './placement/matching.routes';
import { registerProgrammeRoutes } from './programmes/programmes.routes';
import type { ModuleContext } from './db';

const Lang = z.object({ lang: z.enum(['zh', 'en']).default('zh') });
/** An export is a list a person keeps, not a data dump. */
const EXPORT_MAX = 50_000;

/**
 * The labour API under /api/labor. Permissions: labor.read (lists, details), labor.manage (workers), labor.reveal
 * (clear personal data, audited), labor.post (postings), labor.share (shares); scopes are applied in SQL.
 */
export async function laborRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, cipher, reads } = ctx;
  const tags = ['labor'];

  // ---- occupations: reference data for every signed-in user -------------------------------------------
  app.get(
    '/labor/occupations',
    { schema: { tags, summary: 'The shipped subset of the 2022 occupational classification', querystring: OccupationQuery, response: { 200: z.array(Occupation) } } },
    async (req) => searchOccupations(req.query),
  );

  // ---- the dashboard's figures ---------------------------------------------------------------------------
  app.get(
    '/labor/stats',
    {
      schema: {
        tags,
        summary: 'Dashboard figures over what the lists show the user: workers by status and home region, active postings, placements per month (labor.read)',
        response: { 200: LaborStats },
      },
    },
    async (req, reply) => sendCached(req, reply, reads, laborReadKey(req, 'stats', null), LaborStats, () => laborStats(db, actorOf(req))),
  );

  // ---- workers ---------------------------------------------------------------------------------------
  app.get(
    '/labor/workers',
    { schema: { tags, summary: 'Workers of the own scope and those partners shared (labor.read); personal data masked', querystring: WorkerQuery, response: { 200: WorkerPage } } },
    async (req, reply) =>
      sendCached(req, reply, reads, laborReadKey(req, 'workers', req.query), WorkerPage, async () => {
        const { page, pageSize, ...filters } = req.query;
        const version = req.dataVersion;
        const r = await workers.listWorkers(db, actorOf(req), cipher, req.query, (compute) =>
          version === null ? compute() : reads.get(laborReadKey(req, 'workers.total', filters), version, async () => String(await compute())).then(Number),
        );
        return { ...r, page, pageSize };
      }),
  );
  app.get(
    '/labor/workers/export',
    { schema: { tags, summary: 'Excel export of the filtered list (masked)', querystring: WorkerQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await workers.listWorkers(db, actorOf(req), cipher, { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'workers', zh ? '劳动力' : 'workers', await toXlsx(zh ? '劳动力' : 'Workers', workerColumns(zh), items));
    },
  );
  app.get('/labor/workers/:id', { schema: { tags, params: IdParams, response: { 200: Worker } } }, async (req, reply) =>
    sendCached(req, reply, reads, laborReadKey(req, 'worker', req.params.id), Worker, () => workers.getWorker(db, actorOf(req), cipher, req.params.id)),
  );
  app.post(
    '/labor/workers',
    { schema: { tags, summary: 'Register a worker (labor.manage); 409 when the ID number is already registered', body: WorkerInput, response: { 201: Worker } } },
    async (req, reply) => reply.status(201).send(await workers.createWorker(db, actorOf(req), cipher, req.body)),
  );
  app.patch(
    '/labor/workers/:id',
    { schema: { tags, summary: 'Edit a worker (labor.manage); status and consent have their own routes', params: IdParams, body: WorkerPatch, response: { 200: Worker } } },
    async (req) => workers.updateWorker(db, actorOf(req), cipher, req.params.id, req.body),
  );
  app.delete('/labor/workers/:id', { schema: { tags, summary: "Erase a worker's record (labor.manage)", params: IdParams, response: { 200: Ok } } }, async (req) => {
    await workers.deleteWorker(db, actorOf(req), cipher, req.params.id);
    return { ok: true as const };
  });
  app.post(
    '/labor/workers/:id/status',
    { schema: { tags, summary: 'Record an employment status change (appends to the history)', params: IdParams, body: StatusChangeInput, response: { 200: Worker } } },
    async (req) => status.changeStatus(db, actorOf(req), cipher, req.params.id, req.body),
  );
  app.get(
    '/labor/workers/:id/history',
    { schema: { tags, summary: 'The employment status history, oldest first (owner side only)', params: IdParams, response: { 200: z.array(StatusHistoryEntry) } } },
    async (req) => status.statusHistory(db, actorOf(req), req.params.id),
  );
  app.put(
    '/labor/workers/:id/consent',
    { schema: { tags, summary: "Record or withdraw the worker's consent to sharing personal data", params: IdParams, body: ConsentInput, response: { 200: Worker } } },
    async (req) => workers.setConsent(db, actorOf(req), cipher, req.params.id, req.body.consent),
  );
  app.post(
    '/labor/workers/:id/reveal',
    { schema: { tags, summary: 'Reveal the clear ID number, phone or name (labor.reveal; audited)', params: IdParams, body: WorkerRevealInput, response: { 200: RevealResult } } },
    async (req) => ({
      field: req.body.field,
      value: await workers.revealWorker(db, actorOf(req), cipher, req.params.id, req.body.field),
    }),
  );

  // ---- postings --------------------------------------------------------------------------------------
  app.get(
    '/labor/postings',
    { schema: { tags, summary: 'Labour demand of the own scope and what partners shared (labor.read)', querystring: PostingQuery, response: { 200: PostingPage } } },
    async (req) => {
      const r = await postings.listPostings(db, actorOf(req), req.query);
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/labor/postings/export',
    { schema: { tags, summary: 'Excel export of the filtered list', querystring: PostingQuery.omit({ page: true, pageSize: true }).extend(Lang.shape) } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await postings.listPostings(db, actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'postings', zh ? '用工需求' : 'postings', await toXlsx(zh ? '用工需求' : 'Postings', postingColumns(zh), items));
    },
  );
  app.get('/labor/postings/:id', { schema: { tags, params: IdParams, response: { 200: Posting } } }, async (req) => postings.getPosting(db, actorOf(req), req.params.id));
  app.post(
    '/labor/postings',
    { schema: { tags, summary: 'Post labour demand for an employer in scope (labor.post)', body: PostingInput, response: { 201: Posting } } },
    async (req, reply) => reply.status(201).send(await postings.createPosting(db, actorOf(req), req.body)),
  );
  app.patch(
    '/labor/postings/:id',
    { schema: { tags, summary: 'Edit or close a posting (labor.post)', params: IdParams, body: PostingPatch, response: { 200: Posting } } },
    async (req) => postings.updatePosting(db, actorOf(req), req.params.id, req.body),
  );

  // ---- shares between the paired regions -----------------------------------------------------------
  app.get('/labor/shares', { schema: { tags, summary: 'Shares made by or to the own scope (labor.read)', querystring: ShareQuery, response: { 200: SharePage } } }, async (req) => {
    const r = await shares.listShares(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });
  app.get(
    '/labor/shares/export',
    {
      schema: {
        tags,
        summary: 'Excel export of the filtered share list (workers by masked name)',
        querystring: ShareQuery.omit({ page: true, pageSize: true }).extend(Lang.shape),
      },
    },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await shares.listShares(db, actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'shares', zh ? '协作共享' : 'shares', await toXlsx(zh ? '协作共享' : 'Shares', shareColumns(zh), items));
    },
  );
  app.get(
    '/labor/partners',
    {
      schema: {
        tags,
        summary: 'Organisations the user may share with: those in a region paired (East–West) with a region of the own labor.share scope',
        response: { 200: z.array(LaborPartner) },
      },
    },
    async (req) => listPartners(db, actorOf(req)),
  );
  app.post(
    '/labor/shares',
    { schema: { tags, summary: "Share workers' needs or postings with a partner organisation (labor.share; audited)", body: ShareInput, response: { 201: SharesCreated } } },
    async (req, reply) => reply.status(201).send(await shares.createShares(db, actorOf(req), req.body)),
  );
  app.delete('/labor/shares/:id', { schema: { tags, summary: 'Revoke a share (labor.share; audited)', params: IdParams, response: { 200: Share } } }, async (req) =>
    shares.revokeShare(db, actorOf(req), req.params.id),
  );

  // ---- referrals -----------------------------------------------------------------------------------
  app.get(
    '/labor/referrals',
    { schema: { tags, summary: "Referrals of the own scope's workers or to its employers' postings (labor.read)", querystring: ReferralQuery, response: { 200: ReferralPage } } },
    async (req) => {
      const r = await referrals.listReferrals(db, actorOf(req), req.query);
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/labor/referrals/export',
    {
      schema: {
        tags,
        summary: 'Excel export of the filtered referral list (workers by masked name)',
        querystring: ReferralQuery.omit({ page: true, pageSize: true }).extend(Lang.shape),
      },
    },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { items } = await referrals.listReferrals(db, actorOf(req), { ...req.query, page: 1, pageSize: EXPORT_MAX });
      return sendXlsx(reply, 'referrals', zh ? '推荐就业' : 'referrals', await toXlsx(zh ? '推荐就业' : 'Referrals', referralColumns(zh), items));
    },
  );
  app.get('/labor/referrals/:id', { schema: { tags, params: IdParams, response: { 200: Referral } } }, async (req) => referrals.getReferral(db, actorOf(req), req.params.id));
  app.post(
    '/labor/referrals',
    { schema: { tags, summary: 'Refer a worker to an open posting (labor.manage over the worker)', body: ReferralInput, response: { 201: Referral } } },
    async (req, reply) => reply.status(201).send(await referrals.createReferral(db, actorOf(req), req.body)),
  );
  app.post(
    '/labor/referrals/:id/advance',
    {
      schema: {
        tags,
        summary: 'Move a referral one step: contacted, interviewed, hired (takes a place), started (sets the status), declined',
        params: IdParams,
        body: ReferralAdvance,
        response: { 200: Referral },
      },
    },
    async (req) => referrals.advanceReferral(db, actorOf(req), cipher, req.params.id, req.body),
  );
  app.post(
    '/labor/referrals/bulk-advance',
    {
      schema: {
        tags,
        summary:
          'One step for many referrals on one day (contacted, interviewed, hired, started, hired_started), one transaction, a result per referral: those that cannot make it are reported and left as they were',
        body: ReferralBulkAdvance,
        response: { 200: ReferralBulkResult },
      },
    },
    async (req) => bulkAdvance(db, actorOf(req), cipher, req.body),
  );

  // Matching and allocations, follow-ups, alerts and retention, training, workshops and public-welfare posts.
  registerMatchingRoutes(root, ctx);
  registerFollowUpRoutes(root, ctx);
  registerProgrammeRoutes(root, ctx);
}
