import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '@gearbridge/contracts/common';
import {
  AllocationDetail,
  AllocationEntryInput,
  AllocationInput,
  AllocationPage,
  AllocationQuery,
  AllocationWorkerParams,
  PostingRecommendation,
  RecommendationQuery,
  WorkerRecommendation,
} from '@gearbridge/contracts/labor';
import { actorOf } from '../../../platform/http/app';
import * as allocations from './allocations.service';
import * as review from './allocations.review';
import * as matching from './matching.service';
import type { ModuleContext } from '../db';

/**
 * Matching over the database, under /api/labor: recommendations both ways (labor.read; only what the user may see,
 * shared workers in the partner's masked view) and job-fair batch allocations — drafted by the engine, reviewed,
 * then confirmed into referrals (labor.manage).
 */
export function registerMatchingRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, cipher } = ctx;
  const tags = ['labor'];

  app.get(
    '/labor/workers/:id/recommendations',
    {
      schema: {
        tags,
        summary: 'The best active postings for a worker, each with the explanation of its score (labor.read)',
        params: IdParams,
        querystring: RecommendationQuery,
        response: { 200: z.array(PostingRecommendation) },
      },
    },
    async (req) => matching.postingsForWorker(db, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/labor/postings/:id/recommendations',
    {
      schema: {
        tags,
        summary: 'The best job-seeking workers for a posting, with explanations; personal data masked (labor.read)',
        params: IdParams,
        querystring: RecommendationQuery,
        response: { 200: z.array(WorkerRecommendation) },
      },
    },
    async (req) => matching.workersForPosting(db, actorOf(req), cipher, req.params.id, req.query),
  );

  app.get(
    '/labor/allocations',
    { schema: { tags, summary: 'Job-fair allocations of the own scope (labor.read)', querystring: AllocationQuery, response: { 200: AllocationPage } } },
    async (req) => {
      const r = await allocations.listAllocations(db, actorOf(req), req.query);
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.post(
    '/labor/allocations',
    {
      schema: {
        tags,
        summary: 'Run a batch allocation (stable or optimal) and store it as a draft for review (labor.manage)',
        body: AllocationInput,
        response: { 201: AllocationDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await allocations.createAllocation(db, actorOf(req), req.body)),
  );
  app.get(
    '/labor/allocations/:id',
    { schema: { tags, summary: "A draft or confirmed allocation with each pair's score and explanation (labor.read)", params: IdParams, response: { 200: AllocationDetail } } },
    async (req) => allocations.getAllocation(db, actorOf(req), req.params.id),
  );
  app.put(
    '/labor/allocations/:id/workers/:workerId',
    {
      schema: {
        tags,
        summary: 'Move a worker of a draft to another of its postings, or to none (labor.manage)',
        params: AllocationWorkerParams,
        body: AllocationEntryInput,
        response: { 200: AllocationDetail },
      },
    },
    async (req) => review.adjustEntry(db, actorOf(req), req.params.id, req.params.workerId, req.body.postingId),
  );
  app.post(
    '/labor/allocations/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Turn every pair of a draft into a referral, in one transaction; 409 when confirmed already or stale (labor.manage)',
        params: IdParams,
        response: { 200: AllocationDetail },
      },
    },
    async (req) => review.confirmAllocation(db, actorOf(req), req.params.id),
  );
  app.delete('/labor/allocations/:id', { schema: { tags, summary: 'Discard a draft (labor.manage)', params: IdParams, response: { 200: AllocationDetail } } }, async (req) =>
    review.discardAllocation(db, actorOf(req), req.params.id),
  );
}
