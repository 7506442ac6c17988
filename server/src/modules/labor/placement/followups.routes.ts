import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '@gearbridge/contracts/common';
import {
  AlertCloseInput,
  AlertPage,
  AlertQuery,
  FollowUp,
  FollowUpOutcomeInput,
  FollowUpPage,
  FollowUpQuery,
  RelapseAlert,
  RetentionQuery,
  RetentionReport,
} from '@gearbridge/contracts/labor';
import { actorOf } from '../../../platform/http/app';
import { sendCached } from '../../../platform/http/cached';
import { laborReadKey } from '../read-key';
import * as alerts from './alerts.service';
import * as followups from './followups.service';
import { retentionReport } from './retention.service';
import type { ModuleContext } from '../db';

/**
 * Follow-ups of placements, anti-relapse alerts and the retention rate, under /api/labor. Reads need labor.read over
 * the worker's bureau (the retention figures: over either side of the placement); changes need labor.manage.
 */
export function registerFollowUpRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, cipher } = ctx;
  const tags = ['labor'];

  app.get(
    '/labor/followups',
    { schema: { tags, summary: "The caseworkers' follow-up due list (labor.read, own workers)", querystring: FollowUpQuery, response: { 200: FollowUpPage } } },
    async (req) => {
      const r = await followups.listFollowUps(db, actorOf(req), req.query);
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get('/labor/followups/:id', { schema: { tags, params: IdParams, response: { 200: FollowUp } } }, async (req) => followups.getFollowUp(db, actorOf(req), req.params.id));
  app.post(
    '/labor/followups/:id/outcome',
    {
      schema: {
        tags,
        summary: 'Record what a follow-up found, once (labor.manage); "not employed" may raise an anti-relapse alert',
        params: IdParams,
        body: FollowUpOutcomeInput,
        response: { 200: FollowUp },
      },
    },
    async (req) => followups.recordOutcome(db, actorOf(req), cipher, req.params.id, req.body),
  );

  app.get(
    '/labor/alerts',
    { schema: { tags, summary: 'Anti-relapse alerts (防返贫预警) about own workers (labor.read)', querystring: AlertQuery, response: { 200: AlertPage } } },
    async (req) => {
      const r = await alerts.listAlerts(db, actorOf(req), req.query);
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get('/labor/alerts/:id', { schema: { tags, params: IdParams, response: { 200: RelapseAlert } } }, async (req) => alerts.getAlert(db, actorOf(req), req.params.id));
  app.post(
    '/labor/alerts/:id/acknowledge',
    { schema: { tags, summary: 'Acknowledge an open alert (labor.manage)', params: IdParams, response: { 200: RelapseAlert } } },
    async (req) => alerts.moveAlert(db, actorOf(req), req.params.id, 'acknowledged'),
  );
  app.post(
    '/labor/alerts/:id/close',
    { schema: { tags, summary: 'Close an alert with a note on what was done (labor.manage)', params: IdParams, body: AlertCloseInput, response: { 200: RelapseAlert } } },
    async (req) => alerts.moveAlert(db, actorOf(req), req.params.id, 'closed', req.body.note),
  );

  app.get(
    '/labor/retention',
    {
      schema: {
        tags,
        summary: 'Retention rate (稳岗率) per cohort, region or enterprise at one milestone (docs/retention.md)',
        querystring: RetentionQuery,
        response: { 200: RetentionReport },
      },
    },
    async (req, reply) => sendCached(req, reply, ctx.reads, laborReadKey(req, 'retention', req.query), RetentionReport, () => retentionReport(db, actorOf(req), req.query)),
  );
}
