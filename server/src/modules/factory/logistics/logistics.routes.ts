import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Accounting,
  AccountingQuery,
  Box,
  BoxInput,
  BoxOnPalletInput,
  Delivery,
  DeliveryInput,
  DeliveryPage,
  PackInput,
  PackResult,
  Pallet,
  PalletInput,
  PalletPage,
  PalletQuery,
  StockRow,
  TransferOrder,
  TransferOrderInput,
  TransferOrderPage,
  TransferOrderQuery,
} from '@gearbridge/contracts/factory';
import { IdParams, PageQuery } from '@gearbridge/contracts/common';
import { actorOf } from '../../../platform/http/app';
import { PDF_MIME } from '../../../platform/pdf/document';
import type { ModuleContext } from '../db';
import * as logistics from './logistics.service';

const BoxQuery = z.object({ status: z.enum(['open', 'closed']).optional(), lineId: z.uuid().optional(), loose: z.enum(['true', 'false']).optional() });

const sendPdf = (reply: FastifyReply, name: string, pdf: Buffer) =>
  reply
    .type(PDF_MIME)
    .header('content-disposition', `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`)
    .send(pdf);

/**
 * Logistics handoff: boxes and pallets (pack by serial, close, labels), AGV transfer orders, stock, deliveries, and
 * the account of every finished unit. Reading needs factory.read in scope; packing, ordering transfers and shipping
 * factory.logistics in the plant's own organisation.
 */
export function registerLogisticsRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['factory: logistics'];
  const P = '/factory/logistics';

  app.get(`${P}/boxes`, { schema: { tags, summary: 'Boxes (newest first, at most 200)', querystring: BoxQuery, response: { 200: z.array(Box) } } }, async (req) =>
    logistics.listBoxes(db, actorOf(req), { ...req.query, loose: req.query.loose === 'true' }),
  );
  app.post(`${P}/boxes`, { schema: { tags, summary: 'Open a box at a line end', body: BoxInput, response: { 201: Box } } }, async (req, reply) =>
    reply.code(201).send(await logistics.createBox(db, actorOf(req), req.body.lineId)),
  );
  app.post(
    `${P}/boxes/:id/units`,
    { schema: { tags, summary: 'Pack finished units into a box (all or nothing)', params: IdParams, body: PackInput, response: { 200: PackResult } } },
    async (req) => logistics.pack(db, actorOf(req), { boxId: req.params.id }, req.body.serials),
  );
  app.post(`${P}/boxes/:id/close`, { schema: { tags, params: IdParams, response: { 200: Box } } }, async (req) => logistics.closeBox(db, actorOf(req), req.params.id));
  app.get(`${P}/boxes/:id/unit-labels.pdf`, { schema: { tags, summary: 'Unit labels of the units in a box', params: IdParams } }, async (req, reply) => {
    const r = await logistics.unitLabels(db, actorOf(req), { boxId: req.params.id });
    return sendPdf(reply, `units-${r.name}`, r.pdf);
  });

  app.get(`${P}/pallets`, { schema: { tags, querystring: PalletQuery, response: { 200: PalletPage } } }, async (req) => {
    const r = await logistics.listPallets(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });
  app.post(`${P}/pallets`, { schema: { tags, summary: 'Open a pallet with the next SSCC', body: PalletInput, response: { 201: Pallet } } }, async (req, reply) =>
    reply.code(201).send(await logistics.createPallet(db, actorOf(req), req.body.lineId)),
  );
  app.post(
    `${P}/pallets/:id/units`,
    { schema: { tags, summary: 'Pack finished units straight onto a pallet (all or nothing)', params: IdParams, body: PackInput, response: { 200: PackResult } } },
    async (req) => logistics.pack(db, actorOf(req), { palletId: req.params.id }, req.body.serials),
  );
  app.post(
    `${P}/pallets/:id/boxes`,
    { schema: { tags, summary: 'Put a closed box onto a pallet', params: IdParams, body: BoxOnPalletInput, response: { 200: Pallet } } },
    async (req) => logistics.boxOntoPallet(db, actorOf(req), req.params.id, req.body.boxId),
  );
  app.post(`${P}/pallets/:id/close`, { schema: { tags, params: IdParams, response: { 200: Pallet } } }, async (req) => logistics.closePallet(db, actorOf(req), req.params.id));
  app.get(`${P}/pallets/:id/label.pdf`, { schema: { tags, summary: 'The pallet label (SSCC as GS1-128)', params: IdParams } }, async (req, reply) => {
    const r = await logistics.palletLabel(db, actorOf(req), req.params.id);
    return sendPdf(reply, `pallet-${r.sscc}`, r.pdf);
  });
  app.get(`${P}/pallets/:id/unit-labels.pdf`, { schema: { tags, summary: 'Unit labels of the units on a pallet', params: IdParams } }, async (req, reply) => {
    const r = await logistics.unitLabels(db, actorOf(req), { palletId: req.params.id });
    return sendPdf(reply, `units-${r.name}`, r.pdf);
  });

  app.get(`${P}/transfer-orders`, { schema: { tags, querystring: TransferOrderQuery, response: { 200: TransferOrderPage } } }, async (req) => {
    const r = await logistics.listTransferOrders(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });
  app.post(
    `${P}/transfer-orders`,
    { schema: { tags, summary: 'Order an AGV to move a closed pallet from the line end to the warehouse', body: TransferOrderInput, response: { 201: TransferOrder } } },
    async (req, reply) => reply.code(201).send(await logistics.createTransferOrder(db, actorOf(req), req.body)),
  );

  app.get(`${P}/stock`, { schema: { tags, summary: 'Units in closed pallets by product and location', response: { 200: z.array(StockRow) } } }, async (req) =>
    logistics.stock(db, actorOf(req)),
  );
  app.get(`${P}/deliveries`, { schema: { tags, querystring: PageQuery, response: { 200: DeliveryPage } } }, async (req) => {
    const r = await logistics.listDeliveries(db, actorOf(req), req.query);
    return { ...r, page: req.query.page, pageSize: req.query.pageSize };
  });
  app.post(`${P}/deliveries`, { schema: { tags, summary: 'Ship pallets in stock in a delivery', body: DeliveryInput, response: { 201: Delivery } } }, async (req, reply) =>
    reply.code(201).send(await logistics.ship(db, actorOf(req), req.body)),
  );
  app.get(
    `${P}/accounting`,
    { schema: { tags, summary: 'Every finished unit: at the line end, packed, in stock or shipped', querystring: AccountingQuery, response: { 200: Accounting } } },
    async (req) => logistics.accounting(db, actorOf(req), req.query),
  );
}
