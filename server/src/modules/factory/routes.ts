import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeviceStates, DeviceStatesQuery, LineOee, LineOeeQuery, ShiftCalendar, ShiftCalendarInput, DeadLetterPage, DeadLetterQuery, DevicePage, DevicePatch, DeviceQuery, FactoryDevice, FactoryLine, IdParams, IngestStats, MetricSeries, MetricSeriesQuery } from '@gearbridge/contracts';
import { actorOf } from '../../platform/http/app';
import type { ModuleContext } from '../../platform/module';
import * as equipment from './equipment.service';
import * as telemetry from './telemetry.service';
import * as oee from './oee.service';

export async function factoryRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['factory'];

  app.get('/factory/lines', { schema: { tags, summary: 'Production lines with device and online counts', response: { 200: z.array(FactoryLine) } } }, async (req) => equipment.listLines(db, actorOf(req)));
  app.get('/factory/devices', { schema: { tags, querystring: DeviceQuery, response: { 200: DevicePage } } }, async (req) => {
    const r = await equipment.listDevices(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });
  app.get('/factory/devices/:id', { schema: { tags, params: IdParams, response: { 200: FactoryDevice } } }, async (req) => equipment.getDevice(db, actorOf(req), req.params.id));
  app.patch('/factory/devices/:id', { schema: { tags, summary: 'Rename a device or place it on a line and station', params: IdParams, body: DevicePatch, response: { 200: FactoryDevice } } }, async (req) =>
    equipment.updateDevice(db, actorOf(req), req.params.id, req.body),
  );
  app.get('/factory/devices/:id/series', { schema: { tags, summary: 'A metric over time (1-minute rollups)', params: IdParams, querystring: MetricSeriesQuery, response: { 200: MetricSeries } } }, async (req) =>
    telemetry.metricSeries(db, actorOf(req), req.params.id, req.query),
  );
  app.get('/factory/devices/:id/states', { schema: { tags, summary: 'State timeline with availability, MTBF and MTTR (minutes)', params: IdParams, querystring: DeviceStatesQuery, response: { 200: DeviceStates } } }, async (req) =>
    oee.deviceStates(db, actorOf(req), req.params.id, req.query),
  );
  app.get('/factory/lines/:id/oee', { schema: { tags, summary: 'OEE of a line per shift and for the day (plant time, UTC+8), with losses', params: IdParams, querystring: LineOeeQuery, response: { 200: LineOee } } }, async (req) =>
    oee.lineOee(db, actorOf(req), req.params.id, req.query.day),
  );
  app.get('/factory/calendar', { schema: { tags, summary: 'The shift calendar of an organisation (default 3 × 8 h until edited)', querystring: z.object({ orgId: z.uuid().optional() }), response: { 200: ShiftCalendar } } }, async (req) =>
    oee.getCalendar(db, actorOf(req), req.query.orgId),
  );
  app.put('/factory/calendar', { schema: { tags, summary: 'Replace the shift calendar (breaks are planned stops)', body: ShiftCalendarInput, response: { 200: ShiftCalendar } } }, async (req) =>
    oee.setCalendar(db, actorOf(req), req.body),
  );
  app.get('/factory/ingest/stats', { schema: { tags, summary: 'Devices online, dead letters by reason', response: { 200: IngestStats } } }, async (req) => telemetry.ingestStats(db, actorOf(req)));
  app.get('/factory/ingest/dead-letters', { schema: { tags, summary: 'Malformed messages the ingest set aside (platform administrators)', querystring: DeadLetterQuery, response: { 200: DeadLetterPage } } }, async (req) => {
    const r = await telemetry.listDeadLetters(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });
}
