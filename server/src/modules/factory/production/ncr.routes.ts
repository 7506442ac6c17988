import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Ncr, NcrCancelInput, NcrCloseInput, NcrDetail, NcrDispositionInput, NcrInput, NcrPage, NcrQuery } from '@gearbridge/contracts/factory';
import { IdParams } from '@gearbridge/contracts/common';
import { actorOf } from '../../../platform/http/app';
import type { ModuleContext } from '../db';
import * as ncr from './ncr.service';

/**
 * Nonconformance records: list (filters, paging) and read with factory.read in scope; create, disposition, approve a
 * concession, close and cancel with factory.quality in the plant's own organisation.
 */
export function registerNcrRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['factory: nonconformance'];

  app.get('/factory/ncrs', { schema: { tags, querystring: NcrQuery, response: { 200: NcrPage } } }, async (req) => ncr.listNcrs(db, actorOf(req), req.query));
  app.get('/factory/ncrs/:id', { schema: { tags, params: IdParams, response: { 200: NcrDetail } } }, async (req) => ncr.getNcr(db, actorOf(req), req.params.id));
  app.post('/factory/ncrs', { schema: { tags, summary: 'Record a nonconformance; its units go on hold', body: NcrInput, response: { 201: Ncr } } }, async (req, reply) =>
    reply.code(201).send(await ncr.createNcr(db, actorOf(req), req.body)),
  );
  app.post(
    '/factory/ncrs/:id/disposition',
    { schema: { tags, summary: 'Rework, scrap, use as is (needs approval) or return to supplier', params: IdParams, body: NcrDispositionInput, response: { 200: Ncr } } },
    async (req) => ncr.dispositionNcr(db, actorOf(req), req.params.id, req.body),
  );
  app.post('/factory/ncrs/:id/approve', { schema: { tags, summary: 'Approve a use-as-is concession (a second person)', params: IdParams, response: { 200: Ncr } } }, async (req) =>
    ncr.approveNcr(db, actorOf(req), req.params.id),
  );
  app.post('/factory/ncrs/:id/close', { schema: { tags, params: IdParams, body: NcrCloseInput, response: { 200: Ncr } } }, async (req) =>
    ncr.closeNcr(db, actorOf(req), req.params.id, req.body),
  );
  app.post('/factory/ncrs/:id/cancel', { schema: { tags, params: IdParams, body: NcrCancelInput, response: { 200: Ncr } } }, async (req) =>
    ncr.cancelNcr(db, actorOf(req), req.params.id, req.body),
  );
}
