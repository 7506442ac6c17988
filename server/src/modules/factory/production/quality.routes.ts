import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CharacteristicChart,
  QualityCharacteristic,
  QualityCharacteristicQuery,
  QualityOverview,
  QualityOverviewQuery,
  SpcChartQuery,
  SpcLimitsRevision,
  SpcRulesInput,
  SpcStudyInput,
} from '@gearbridge/contracts/factory';
import { IdParams } from '@gearbridge/contracts/common';
import { actorOf } from '../../../platform/http/app';
import { invalid } from '../../../platform/errors';
import { sendDownload } from '../../../platform/excel/send';
import type { ModuleContext } from '../db';
import { m } from '../messages';
import { DFQ_LIMITS } from '../quality';
import * as quality from './quality.service';
import { exportDfq, importMeasurements, rowsOfFile } from './measurement-files.service';

/**
 * Quality: the day's yields and Paretos, characteristics with their SPC charts (limits frozen per revision, rules per
 * characteristic), measurement files in (CSV, Q-DAS .dfq) and out (.dfq). Reading needs factory.read; revising
 * limits, choosing rules and importing need factory.quality in the plant's organisation.
 */
export function registerQualityRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['factory: quality'];

  app.get('/factory/quality/overview', { schema: { tags, querystring: QualityOverviewQuery, response: { 200: QualityOverview } } }, async (req) =>
    quality.qualityOverview(db, actorOf(req), req.query),
  );
  app.get('/factory/quality/characteristics', { schema: { tags, querystring: QualityCharacteristicQuery, response: { 200: z.array(QualityCharacteristic) } } }, async (req) =>
    quality.listCharacteristics(db, actorOf(req), req.query),
  );
  app.get(
    '/factory/quality/characteristics/:id/chart',
    {
      schema: {
        tags,
        summary: 'The latest subgroups against the limits in force, with capability',
        params: IdParams,
        querystring: SpcChartQuery,
        response: { 200: CharacteristicChart },
      },
    },
    async (req) => quality.characteristicChart(db, actorOf(req), req.params.id, req.query),
  );
  app.get('/factory/quality/characteristics/:id/limits', { schema: { tags, params: IdParams, response: { 200: z.array(SpcLimitsRevision) } } }, async (req) =>
    quality.limitRevisions(db, actorOf(req), req.params.id),
  );
  app.post(
    '/factory/quality/characteristics/:id/limits',
    { schema: { tags, summary: 'New control limits from a phase-I study of a time window', params: IdParams, body: SpcStudyInput, response: { 201: SpcLimitsRevision } } },
    async (req, reply) => reply.code(201).send(await quality.reviseLimits(db, actorOf(req), req.params.id, req.body)),
  );
  app.put('/factory/quality/characteristics/:id/rules', { schema: { tags, params: IdParams, body: SpcRulesInput, response: { 200: QualityCharacteristic } } }, async (req) =>
    quality.setRules(db, actorOf(req), req.params.id, req.body.rules),
  );
  app.get('/factory/quality/characteristics/:id/dfq', { schema: { tags, params: IdParams, querystring: SpcChartQuery } }, async (req, reply) => {
    const f = await exportDfq(db, actorOf(req), req.params.id, req.query.subgroups);
    return sendDownload(reply, 'text/plain; charset=utf-8', 'dfq', f.name, f.name, Buffer.from(f.text, 'utf8'));
  });

  // Measurement files as the raw body (text/csv or the .dfq bytes): no multipart parser, one obvious limit, in a
  // scope of its own so that no other route reads such a body.
  root.register(async (upload) => {
    upload.addContentTypeParser(['text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: DFQ_LIMITS.bytes }, (_req, body, done) => done(null, body));
    upload.withTypeProvider<ZodTypeProvider>().post(
      '/factory/quality/import',
      {
        bodyLimit: DFQ_LIMITS.bytes,
        schema: {
          tags,
          summary: 'Import measurements from a CSV or Q-DAS .dfq file (all or nothing)',
          querystring: z.object({ format: z.enum(['csv', 'dfq']) }),
          response: { 200: z.object({ written: z.number().int() }) },
        },
      },
      async (req) => {
        const body = req.body;
        if (!Buffer.isBuffer(body) || body.length === 0) throw invalid(m('factory.import.empty'));
        return importMeasurements(db, actorOf(req), rowsOfFile(req.query.format, body));
      },
    );
  });
}
