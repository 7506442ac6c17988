import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '@gearbridge/contracts/common';
import {
  CompletionInput,
  EnrolInput,
  Participant,
  TrainingCertificateInput,
  TrainingClass,
  TrainingClassInput,
  TrainingClassPage,
  TrainingClassPatch,
  TrainingClassQuery,
  TrainingProvider,
  WelfarePost,
  WelfarePostInput,
  WelfarePostPage,
  WelfarePostPatch,
  WelfarePostQuery,
  WorkshopDetail,
  WorkshopInput,
  WorkshopJoinInput,
  WorkshopLeaveInput,
  WorkshopPage,
  WorkshopPatch,
  WorkshopQuery,
  WorkshopWorkerParams,
} from '@gearbridge/contracts/labor';
import { actorOf } from '../../../platform/http/app';
import * as training from './training.service';
import * as programmes from './workshops-posts.service';
import type { ModuleContext } from '../db';

/**
 * Training classes and participants, employment-assistance workshops and public-welfare posts, under /api/labor.
 * Each record belongs to the bureau keeping it: labor.read over it to see, labor.manage to change; workers appear
 * only by their masked names.
 */
export function registerProgrammeRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, cipher } = ctx;
  const tags = ['labor'];
  const page = <T extends { page: number; pageSize: number }>(q: T) => ({ page: q.page, pageSize: q.pageSize });

  // ---- training -------------------------------------------------------------------------------------------
  app.get(
    '/labor/training/providers',
    { schema: { tags, summary: 'Training providers and schools in scope, and provider names used before (labor.read)', response: { 200: z.array(TrainingProvider) } } },
    async (req) => training.listProviders(db, actorOf(req)),
  );
  app.get(
    '/labor/training/classes',
    { schema: { tags, summary: 'Training classes of the own scope (labor.read)', querystring: TrainingClassQuery, response: { 200: TrainingClassPage } } },
    async (req) => ({
      ...(await training.listClasses(db, actorOf(req), req.query)),
      ...page(req.query),
    }),
  );
  app.post(
    '/labor/training/classes',
    { schema: { tags, summary: 'Open a training class (labor.manage)', body: TrainingClassInput, response: { 201: TrainingClass } } },
    async (req, reply) => reply.status(201).send(await training.createClass(db, actorOf(req), req.body)),
  );
  app.get('/labor/training/classes/:id', { schema: { tags, params: IdParams, response: { 200: TrainingClass } } }, async (req) =>
    training.getClass(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/labor/training/classes/:id',
    {
      schema: { tags, summary: 'Edit a class; the capacity not below those enrolled (labor.manage)', params: IdParams, body: TrainingClassPatch, response: { 200: TrainingClass } },
    },
    async (req) => training.updateClass(db, actorOf(req), req.params.id, req.body),
  );
  app.get('/labor/training/classes/:id/participants', { schema: { tags, params: IdParams, response: { 200: z.array(Participant) } } }, async (req) =>
    training.listParticipants(db, actorOf(req), req.params.id),
  );
  app.post(
    '/labor/training/classes/:id/participants',
    {
      schema: { tags, summary: 'Enrol a worker; an unemployed one is recorded as in training (labor.manage)', params: IdParams, body: EnrolInput, response: { 201: Participant } },
    },
    async (req, reply) => reply.status(201).send(await training.enrol(db, actorOf(req), cipher, req.params.id, req.body)),
  );
  app.post(
    '/labor/training/participants/:id/complete',
    { schema: { tags, summary: 'Record passed, failed or dropped (labor.manage)', params: IdParams, body: CompletionInput, response: { 200: Participant } } },
    async (req) => training.complete(db, actorOf(req), cipher, req.params.id, req.body),
  );
  app.post(
    '/labor/training/participants/:id/certificate',
    {
      schema: {
        tags,
        summary: "Record a passed participant's certificate; it is added to the worker's certificates (labor.manage)",
        params: IdParams,
        body: TrainingCertificateInput,
        response: { 200: Participant },
      },
    },
    async (req) => training.certify(db, actorOf(req), req.params.id, req.body),
  );

  // ---- employment-assistance workshops (就业帮扶车间) ---------------------------------------------------------
  app.get(
    '/labor/workshops',
    { schema: { tags, summary: 'Employment-assistance workshops of the own scope (labor.read)', querystring: WorkshopQuery, response: { 200: WorkshopPage } } },
    async (req) => ({
      ...(await programmes.listWorkshops(db, actorOf(req), req.query)),
      ...page(req.query),
    }),
  );
  app.post('/labor/workshops', { schema: { tags, summary: 'Register a workshop (labor.manage)', body: WorkshopInput, response: { 201: WorkshopDetail } } }, async (req, reply) =>
    reply.status(201).send(await programmes.createWorkshop(db, actorOf(req), req.body)),
  );
  app.get('/labor/workshops/:id', { schema: { tags, summary: 'A workshop with its workers (masked)', params: IdParams, response: { 200: WorkshopDetail } } }, async (req) =>
    programmes.getWorkshop(db, actorOf(req), req.params.id),
  );
  app.patch('/labor/workshops/:id', { schema: { tags, params: IdParams, body: WorkshopPatch, response: { 200: WorkshopDetail } } }, async (req) =>
    programmes.updateWorkshop(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/labor/workshops/:id/workers',
    {
      schema: {
        tags,
        summary: 'A worker starts work there; one looking for work is recorded as employed (labor.manage)',
        params: IdParams,
        body: WorkshopJoinInput,
        response: { 201: WorkshopDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await programmes.joinWorkshop(db, actorOf(req), cipher, req.params.id, req.body)),
  );
  app.post(
    '/labor/workshops/:id/workers/:workerId/leave',
    {
      schema: {
        tags,
        summary: "A worker leaves; optionally with the worker's new status (labor.manage)",
        params: WorkshopWorkerParams,
        body: WorkshopLeaveInput,
        response: { 200: WorkshopDetail },
      },
    },
    async (req) => programmes.leaveWorkshop(db, actorOf(req), cipher, req.params.id, req.params.workerId, req.body),
  );

  // ---- public-welfare posts (公益性岗位) ---------------------------------------------------------------------
  app.get(
    '/labor/welfare-posts',
    { schema: { tags, summary: 'Public-welfare posts of the own scope (labor.read)', querystring: WelfarePostQuery, response: { 200: WelfarePostPage } } },
    async (req) => ({
      ...(await programmes.listPosts(db, actorOf(req), req.query)),
      ...page(req.query),
    }),
  );
  app.post(
    '/labor/welfare-posts',
    { schema: { tags, summary: 'Create a post, optionally with its holder (labor.manage)', body: WelfarePostInput, response: { 201: WelfarePost } } },
    async (req, reply) => reply.status(201).send(await programmes.createPost(db, actorOf(req), cipher, req.body)),
  );
  app.get('/labor/welfare-posts/:id', { schema: { tags, params: IdParams, response: { 200: WelfarePost } } }, async (req) => programmes.getPost(db, actorOf(req), req.params.id));
  app.patch(
    '/labor/welfare-posts/:id',
    { schema: { tags, summary: 'Edit a post, its holder or term (labor.manage)', params: IdParams, body: WelfarePostPatch, response: { 200: WelfarePost } } },
    async (req) => programmes.updatePost(db, actorOf(req), cipher, req.params.id, req.body),
  );
}
