import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ComponentLotPage,
  ComponentLotQuery,
  DefectCode,
  Genealogy,
  HoldInput,
  Product,
  RecallQuery,
  RecallResult,
  StationEventInput,
  StationEventResult,
  Unit,
  UnitLookup,
  UnitPage,
  UnitQuery,
  WorkOrder,
  WorkOrderAction,
  WorkOrderInput,
  WorkOrderPage,
  WorkOrderQuery,
  ShiftReport,
  ShiftReportQuery,
  LinesOutput,
  Crew,
  CrewInput,
  CrewPeople,
  CrewPeopleQuery,
  CrewQuery,
  Tool,
  ToolInput,
  ToolPage,
  ToolQuery,
  ToolUpdate,
} from '@gearbridge/contracts/factory';
import { IdParams } from '@gearbridge/contracts/common';
import { actorOf } from '../../../platform/http/app';
import { toXlsx, type Column } from '../../../platform/excel/workbook';
import { sendXlsx } from '../../../platform/excel/send';
import type { ModuleContext } from '../db';
import type { OeeCache } from '../oee-cache';
import { lineOrg, plantOrg } from '../oee.service';
import { localDay } from '../../../platform/time';
import { linesOutput, shiftReport } from './shift-report.service';
import { crewPeople, getCrew, setCrew } from './crews.service';
import { shiftReportXlsx } from './shift-report.xlsx';
import { shiftReportPdf } from './shift-report.pdf';
import { PDF_MIME } from '../../../platform/pdf/document';
import { sendDownload } from '../../../platform/excel/send';
import * as production from './production.service';
import * as units from './units.service';
import * as tools from './tools.service';

const UnitIdParams = z.object({ id: z.coerce.number().int().positive() });
const Lang = z.object({ lang: z.enum(['zh', 'en']).default('zh') });
const Changed = z.object({ changed: z.number().int() });

/**
 * Factory II's API: products and routings, work orders, units (lookup by serial or scan, genealogy), the station
 * page's reports, recall (list, Excel, hold everything it found). Reading needs factory.read in scope; planning
 * factory.plan, recording at a station factory.station, holding and releasing factory.quality — each in the
 * plant's own organisation.
 */
export function registerProductionRoutes(root: FastifyInstance, ctx: ModuleContext, oeeCache: OeeCache) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['factory: production'];

  app.get('/factory/products', { schema: { tags, summary: 'Products with routings, characteristics and bills of material', response: { 200: z.array(Product) } } }, async (req) =>
    production.listProducts(db, actorOf(req)),
  );
  app.get('/factory/defect-codes', { schema: { tags, response: { 200: z.array(DefectCode) } } }, async (req) => units.listDefectCodes(db, actorOf(req)));

  app.get('/factory/work-orders', { schema: { tags, querystring: WorkOrderQuery, response: { 200: WorkOrderPage } } }, async (req) => {
    const r = await production.listWorkOrders(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });
  app.get('/factory/work-orders/:id', { schema: { tags, params: IdParams, response: { 200: WorkOrder } } }, async (req) =>
    production.getWorkOrder(db, actorOf(req), req.params.id),
  );
  app.post('/factory/work-orders', { schema: { tags, body: WorkOrderInput, response: { 201: WorkOrder } } }, async (req, reply) =>
    reply.code(201).send(await production.createWorkOrder(db, actorOf(req), req.body)),
  );
  app.post(
    '/factory/work-orders/:id/actions',
    { schema: { tags, summary: 'Release, suspend, complete, close or cancel a work order', params: IdParams, body: WorkOrderAction, response: { 200: WorkOrder } } },
    async (req) => production.actOnWorkOrder(db, actorOf(req), req.params.id, req.body.action),
  );

  app.get('/factory/crews', { schema: { tags, summary: 'Who works a line in each shift of a day', querystring: CrewQuery, response: { 200: Crew } } }, async (req) =>
    getCrew(db, actorOf(req), req.query),
  );
  app.get(
    '/factory/crews/people',
    { schema: { tags, summary: "Who may be put on a line's shifts (planners of the plant)", querystring: CrewPeopleQuery, response: { 200: CrewPeople } } },
    async (req) => crewPeople(db, actorOf(req), req.query),
  );
  app.put('/factory/crews', { schema: { tags, summary: "Set a shift's crew on a line", body: CrewInput, response: { 200: Crew } } }, async (req) =>
    setCrew(db, actorOf(req), req.body),
  );
  app.get('/factory/units', { schema: { tags, querystring: UnitQuery, response: { 200: UnitPage } } }, async (req) => {
    const r = await units.listUnits(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });
  app.get(
    '/factory/units/lookup',
    { schema: { tags, summary: 'A unit by serial, product serial or scanned GS1 string', querystring: UnitLookup, response: { 200: Unit } } },
    async (req) => units.lookupUnit(db, actorOf(req), req.query.code),
  );
  app.get(
    '/factory/units/genealogy',
    {
      schema: { tags, summary: "A unit's whole history", querystring: UnitLookup, response: { 200: Genealogy } },
      // The scanner's hot path: units.genealogy builds the answer field by field in the contract's shape (its tests
      // check every answer against Genealogy), so it is written with JSON.stringify, not encoded by zod again — a
      // sixth of what a genealogy request allocated (sampling heap profile, `npm run bench -- trace`).
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (req) => units.genealogy(db, actorOf(req), req.query.code),
  );
  app.post('/factory/units/:id/hold', { schema: { tags, params: UnitIdParams, body: HoldInput, response: { 200: Changed } } }, async (req) =>
    units.setHold(db, actorOf(req), { unitId: req.params.id }, true, req.body.reason),
  );
  app.post('/factory/units/:id/release', { schema: { tags, params: UnitIdParams, body: HoldInput, response: { 200: Changed } } }, async (req) =>
    units.setHold(db, actorOf(req), { unitId: req.params.id }, false, req.body.reason),
  );
  app.post('/factory/stations/events', { schema: { tags, summary: 'Record a unit at a station', body: StationEventInput, response: { 200: StationEventResult } } }, async (req) =>
    units.recordAtStation(db, actorOf(req), req.body),
  );
  app.get('/factory/tools', { schema: { tags, summary: 'Tools with their uses against their life', querystring: ToolQuery, response: { 200: ToolPage } } }, async (req) => {
    const r = await tools.listTools(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });
  app.get('/factory/tools/:id', { schema: { tags, params: IdParams, response: { 200: Tool } } }, async (req) => tools.getTool(db, actorOf(req), req.params.id));
  app.post('/factory/tools', { schema: { tags, summary: 'Register a tool', body: ToolInput, response: { 201: Tool } } }, async (req, reply) =>
    reply.code(201).send(await tools.createTool(db, actorOf(req), req.body)),
  );
  app.patch(
    '/factory/tools/:id',
    { schema: { tags, summary: 'Change a tool (reset its uses after a regrind)', params: IdParams, body: ToolUpdate, response: { 200: Tool } } },
    async (req) => tools.updateTool(db, actorOf(req), req.params.id, req.body),
  );
  app.get('/factory/lots', { schema: { tags, querystring: ComponentLotQuery, response: { 200: ComponentLotPage } } }, async (req) => {
    const r = await units.listLots(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });

  /** The shift report's figures read the OEE day the line page already keeps (oee-cache.ts): a few seconds old at most. */
  const report = async (req: FastifyRequest, q: { lineId: string; day?: string; shift?: string }) => {
    const actor = actorOf(req);
    const orgId = await lineOrg(db, actor, q.lineId);
    const day = await oeeCache.day(orgId, q.day ?? localDay());
    return shiftReport(db, actor, q, Date.now(), day);
  };
  app.get(
    '/factory/shift-report',
    { schema: { tags, summary: "A line's shift: output against target, yields, OEE and losses, Paretos, alarms", querystring: ShiftReportQuery, response: { 200: ShiftReport } } },
    async (req) => report(req, req.query),
  );
  app.get('/factory/shift-report/export', { schema: { tags, querystring: z.intersection(ShiftReportQuery, Lang) } }, async (req, reply) => {
    const r = await report(req, req.query);
    const zh = req.query.lang === 'zh';
    const ascii = `shift-report-${r.line.code}-${r.day}-${r.shift.code}`;
    return sendXlsx(reply, ascii, zh ? `班次报表-${r.line.code}-${r.day}-${r.shift.name}` : ascii, await shiftReportXlsx(r, zh));
  });
  app.get(
    '/factory/shift-report/pdf',
    { schema: { tags, summary: 'The shift report as one A4 page (PDF, fonts embedded)', querystring: z.intersection(ShiftReportQuery, Lang) } },
    async (req, reply) => {
      const r = await report(req, req.query);
      const zh = req.query.lang === 'zh';
      const ascii = `shift-report-${r.line.code}-${r.day}-${r.shift.code}`;
      return sendDownload(reply, PDF_MIME, 'pdf', ascii, zh ? `班次报表-${r.line.code}-${r.day}-${r.shift.name}` : ascii, await shiftReportPdf(r, zh));
    },
  );
  app.get(
    '/factory/output',
    {
      schema: {
        tags,
        summary: "Each line's output in the shift in progress against its target",
        querystring: z.object({ orgId: z.uuid().optional() }),
        response: { 200: LinesOutput },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const orgId = await plantOrg(db, actor, req.query.orgId);
      return linesOutput(db, actor, await oeeCache.day(orgId, localDay()));
    },
  );

  app.get(
    '/factory/recall',
    { schema: { tags, summary: 'Every unit a component lot, a tool or a device window reached', querystring: RecallQuery, response: { 200: RecallResult } } },
    async (req) => units.recall(db, actorOf(req), req.query),
  );
  app.get('/factory/recall/export', { schema: { tags, querystring: z.intersection(RecallQuery, Lang) } }, async (req, reply) => {
    const zh = req.query.lang === 'zh';
    const r = await units.recallAll(db, actorOf(req), req.query);
    const where = {
      line: zh ? '在线' : 'On the line',
      finished: zh ? '已完工（线尾）' : 'Finished (line end)',
      packed: zh ? '已装箱' : 'Packed',
      stock: zh ? '在库' : 'In stock',
      shipped: zh ? '已发货' : 'Shipped',
      nok: zh ? '不合格' : 'NOK',
      scrapped: zh ? '已报废' : 'Scrapped',
    };
    type Row = (typeof r.units)[number];
    const cols: Column<Row>[] = [
      { key: 'serial', header: zh ? '过程序列号' : 'Process serial', width: 22, value: (u) => u.serial },
      { key: 'productSerial', header: zh ? '产品序列号' : 'Product serial', width: 18, value: (u) => u.productSerial },
      { key: 'partNo', header: zh ? '零件号' : 'Part number', width: 14, value: (u) => `${u.partNo} ${u.revision}` },
      { key: 'product', header: zh ? '产品' : 'Product', width: 18, value: (u) => (zh ? u.productNameZh : u.productNameEn) },
      { key: 'line', header: zh ? '产线' : 'Line', width: 8, value: (u) => u.lineCode },
      { key: 'workOrder', header: zh ? '工单' : 'Work order', width: 16, value: (u) => u.workOrderNumber },
      { key: 'where', header: zh ? '当前位置' : 'Where', width: 12, value: (u) => where[u.where] },
      { key: 'container', header: zh ? '箱号/托盘 SSCC' : 'Box / pallet SSCC', width: 22, value: (u) => u.container },
      { key: 'delivery', header: zh ? '发货单' : 'Delivery', width: 16, value: (u) => u.deliveryNumber },
      { key: 'lastOp', header: zh ? '最后工序' : 'Last operation', width: 10, value: (u) => u.lastOp },
      { key: 'held', header: zh ? '隔离' : 'On hold', width: 8, value: (u) => (u.held ? (zh ? '是' : 'yes') : '') },
      { key: 'bornAt', header: zh ? '上线时间' : 'Started', width: 18, kind: 'datetime', value: (u) => u.bornAt },
      { key: 'doneAt', header: zh ? '完工时间' : 'Finished', width: 18, kind: 'datetime', value: (u) => u.doneAt },
    ];
    return sendXlsx(reply, 'recall', zh ? `追溯-${r.source.label}` : `recall-${r.source.label}`, await toXlsx(zh ? '追溯范围' : 'Recall', cols, r.units));
  });
  app.post(
    '/factory/recall/hold',
    {
      schema: {
        tags,
        summary: 'Hold (or release) every unit a recall found',
        body: z.object({ query: RecallQuery, hold: z.boolean(), reason: HoldInput.shape.reason }),
        response: { 200: Changed },
      },
    },
    async (req) => units.setHold(db, actorOf(req), { recall: req.body.query }, req.body.hold, req.body.reason),
  );
}
