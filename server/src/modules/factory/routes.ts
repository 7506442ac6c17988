import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DeviceMetric,
  Alarm,
  AlarmPage,
  AlarmQuery,
  AlarmResolve,
  AlarmRule,
  AlarmRuleInput,
  AlarmRulePatch,
  DeviceStates,
  DeviceStatesQuery,
  LineOee,
  LineOeeQuery,
  LineOeeRange,
  OeeRangeQuery,
  PlantOee,
  PlantOeeRange,
  PlantOeeRangeQuery,
  PlantOeeQuery,
  ShiftCalendar,
  ShiftCalendarInput,
  DeadLetterPage,
  DeadLetterQuery,
  DevicePage,
  DevicePatch,
  DeviceQuery,
  FactoryDevice,
  FactoryLine,
  IngestStats,
  MetricSeries,
  MetricSeriesQuery,
} from '@gearbridge/contracts/factory';
import { Ok, IdParams } from '@gearbridge/contracts/common';
import { actorOf } from '../../platform/http/app';
import * as equipment from './equipment.service';
import * as telemetry from './telemetry.service';
import * as oee from './oee.service';
import { createOeeCache } from './oee-cache';
import { lineOeeRange, plantOeeRange } from './oee-rollup';
import * as andon from './andon.service';
import { scopeOf } from '../../platform/authz';
import { FP } from './permissions';
import { registerPlantModelRoutes } from './plant-model.routes';
import { registerProductionRoutes } from './production/production.routes';
import { registerQualityRoutes } from './production/quality.routes';
import { registerLogisticsRoutes } from './logistics/logistics.routes';
import { registerNcrRoutes } from './production/ncr.routes';
import type { ModuleContext } from './db';
import { Gauge } from 'prom-client';

/** How often the live andon feed looks for changes. */
export const ANDON_POLL_MS = 2_000;

export async function factoryRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['factory'];
  registerPlantModelRoutes(root, ctx);
  const oeeCache = createOeeCache(db, { onError: (err) => ctx.log.warn({ err: (err as Error).message }, 'OEE recomputation failed') });
  registerProductionRoutes(root, ctx, oeeCache);
  registerQualityRoutes(root, ctx);
  registerLogisticsRoutes(root, ctx);
  registerNcrRoutes(root, ctx);
  /** A cached OEE answer, already encoded by the route's schema (oee-cache.ts): sent as it is, past the serializer. */
  const sendEncoded = (reply: FastifyReply, bytes: Buffer) => reply.type('application/json; charset=utf-8').send(bytes);

  app.get('/factory/lines', { schema: { tags, summary: 'Production lines with device and online counts', response: { 200: z.array(FactoryLine) } } }, async (req) =>
    equipment.listLines(db, actorOf(req)),
  );
  app.get('/factory/devices', { schema: { tags, querystring: DeviceQuery, response: { 200: DevicePage } } }, async (req) => {
    const r = await equipment.listDevices(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });
  app.get('/factory/devices/:id', { schema: { tags, params: IdParams, response: { 200: FactoryDevice } } }, async (req) => equipment.getDevice(db, actorOf(req), req.params.id));
  app.patch(
    '/factory/devices/:id',
    { schema: { tags, summary: 'Rename a device or place it on a line and station', params: IdParams, body: DevicePatch, response: { 200: FactoryDevice } } },
    async (req) => {
      const device = await equipment.updateDevice(db, actorOf(req), req.params.id, req.body);
      oeeCache.invalidate(device.orgId); // its line or ideal cycle time may have changed
      return device;
    },
  );
  app.get(
    '/factory/devices/:id/metrics',
    { schema: { tags, summary: 'The metrics a device has declared', params: IdParams, response: { 200: z.array(DeviceMetric) } } },
    async (req) => equipment.deviceMetrics(db, actorOf(req), req.params.id),
  );
  app.get(
    '/factory/devices/:id/series',
    { schema: { tags, summary: 'A metric over time (1-minute rollups)', params: IdParams, querystring: MetricSeriesQuery, response: { 200: MetricSeries } } },
    async (req) => telemetry.metricSeries(db, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/factory/devices/:id/states',
    { schema: { tags, summary: 'State timeline with availability, MTBF and MTTR (minutes)', params: IdParams, querystring: DeviceStatesQuery, response: { 200: DeviceStates } } },
    async (req) => oee.deviceStates(db, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/factory/lines/:id/oee',
    {
      schema: {
        tags,
        summary: 'OEE of a line per shift and for the day (plant time, UTC+8), with losses; figures as of `asOf` (at most 30 s old)',
        params: IdParams,
        querystring: LineOeeQuery,
        response: { 200: LineOee },
      },
    },
    async (req, reply) => sendEncoded(reply, await oeeCache.line(actorOf(req), req.params.id, req.query.day)),
  );
  app.get(
    '/factory/oee',
    {
      schema: {
        tags,
        summary:
          "The plant's OEE: every device on a line of the organisation (default the own) combined per shift and for the day, with losses, and each line's day; figures as of `asOf`",
        querystring: PlantOeeQuery,
        response: { 200: PlantOee },
      },
    },
    async (req, reply) => sendEncoded(reply, await oeeCache.plant(actorOf(req), req.query)),
  );
  const liveDay = (orgId: string, day: string) => oeeCache.day(orgId, day);
  app.get(
    '/factory/lines/:id/oee/range',
    {
      schema: {
        tags,
        summary:
          'OEE of a line over a range of plant days (at most 366): the range, its stop causes and a series by day, week or month; closed days from the OEE rollup, the open day live',
        params: IdParams,
        querystring: OeeRangeQuery,
        response: { 200: LineOeeRange },
      },
    },
    async (req) => lineOeeRange(db, actorOf(req), req.params.id, req.query, liveDay),
  );
  app.get(
    '/factory/oee/range',
    {
      schema: {
        tags,
        summary: "The plant's OEE over a range of plant days (at most 366): every device on a line of the organisation (default the own), as the line's range",
        querystring: PlantOeeRangeQuery,
        response: { 200: PlantOeeRange },
      },
    },
    async (req) => plantOeeRange(db, actorOf(req), req.query, liveDay),
  );
  app.get(
    '/factory/calendar',
    {
      schema: {
        tags,
        summary: 'The shift calendar of an organisation (default 3 × 8 h until edited)',
        querystring: z.object({ orgId: z.uuid().optional() }),
        response: { 200: ShiftCalendar },
      },
    },
    async (req) => oee.getCalendar(db, actorOf(req), req.query.orgId),
  );
  app.put(
    '/factory/calendar',
    { schema: { tags, summary: 'Replace the shift calendar (breaks are planned stops)', body: ShiftCalendarInput, response: { 200: ShiftCalendar } } },
    async (req) => {
      const calendar = await oee.setCalendar(db, actorOf(req), req.body);
      oeeCache.invalidate(calendar.orgId);
      return calendar;
    },
  );
  // ---- andon ----
  const AlarmId = z.object({ id: z.coerce.number().int().positive() });
  app.get(
    '/factory/alarms',
    { schema: { tags, summary: 'Alarms: open ones most severe and oldest first', querystring: AlarmQuery, response: { 200: AlarmPage } } },
    async (req) => {
      const r = await andon.listAlarms(db, actorOf(req), req.query);
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.post('/factory/alarms/:id/acknowledge', { schema: { tags, params: AlarmId, response: { 200: Alarm } } }, async (req) => andon.acknowledge(db, actorOf(req), req.params.id));
  app.post('/factory/alarms/:id/resolve', { schema: { tags, params: AlarmId, body: AlarmResolve, response: { 200: Alarm } } }, async (req) =>
    andon.resolve(db, actorOf(req), req.params.id, req.body.note),
  );
  app.get('/factory/alarm-rules', { schema: { tags, response: { 200: z.array(AlarmRule) } } }, async (req) => andon.listRules(db, actorOf(req)));
  app.post(
    '/factory/alarm-rules',
    { schema: { tags, summary: 'A threshold rule on a metric (one device, a kind of device, or all)', body: AlarmRuleInput, response: { 201: AlarmRule } } },
    async (req, reply) => reply.status(201).send(await andon.createRule(db, actorOf(req), req.body)),
  );
  app.patch('/factory/alarm-rules/:id', { schema: { tags, params: IdParams, body: AlarmRulePatch, response: { 200: AlarmRule } } }, async (req) =>
    andon.updateRule(db, actorOf(req), req.params.id, req.body),
  );
  app.delete('/factory/alarm-rules/:id', { schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    await andon.deleteRule(db, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  /**
   * Live andon feed (Server-Sent Events): a `snapshot` of the open alarms, then an `alarm` event for every alarm
   * raised, acknowledged or resolved in the caller's scope. The server polls the database every 2 s, so ingest
   * processes and API servers need no channel between them.
   */
  // Open feeds end when the server closes (a shutdown must not wait for browsers to hang up).
  const streams = new Set<import('node:http').ServerResponse>();
  app.addHook('preClose', async () => {
    for (const s of streams) s.end();
  });
  new Gauge({
    name: 'gearbridge_sse_clients',
    help: 'Open Server-Sent Events streams, by stream',
    labelNames: ['stream'],
    registers: [ctx.metrics],
    collect() {
      this.set({ stream: 'factory_andon' }, streams.size);
    },
  });
  app.get('/factory/andon/stream', { schema: { tags, summary: 'Live alarm feed (text/event-stream)' } }, async (req, reply) => {
    const actor = actorOf(req);
    scopeOf(actor, FP.read);
    const snapshot = await andon.listAlarms(db, actor, { page: 1, pageSize: 200, state: 'open' });
    let cursor = await andon.dbNow(db);
    reply.hijack();
    const res = reply.raw;
    streams.add(res);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no', 'x-request-id': req.id });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('snapshot', snapshot.items);
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      andon
        .changedSince(db, actor, cursor)
        .then((r) => {
          cursor = r.cursor;
          if (r.alarms.length) for (const a of r.alarms) send('alarm', a);
          else res.write(': keep-alive\n\n');
        })
        .catch((err) => req.log.warn({ err: (err as Error).message }, 'andon feed poll failed'))
        .finally(() => (busy = false));
    }, ANDON_POLL_MS);
    const stop = () => {
      clearInterval(timer);
      streams.delete(res);
    };
    req.raw.on('close', stop);
    res.on('close', stop);
  });
  app.get('/factory/ingest/stats', { schema: { tags, summary: 'Devices online, dead letters by reason', response: { 200: IngestStats } } }, async (req) =>
    telemetry.ingestStats(db, actorOf(req)),
  );
  app.get(
    '/factory/ingest/dead-letters',
    { schema: { tags, summary: 'Malformed messages the ingest set aside (platform administrators)', querystring: DeadLetterQuery, response: { 200: DeadLetterPage } } },
    async (req) => {
      const r = await telemetry.listDeadLetters(db, actorOf(req), req.query);
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
}
