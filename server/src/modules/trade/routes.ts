import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AwardInput,
  OrderList,
  OrderPage,
  OrderQuery,
  Product,
  ProductInput,
  ProductPage,
  ProductPatch,
  ProductQuery,
  QuoteInput,
  QuoteList,
  Quote,
  Rfq,
  RfqInput,
  RfqPage,
  RfqQuery,
  Storefront,
  StorefrontList,
  IndexPriceMonth,
  IndexPriceQuery,
  IndexPricesInput,
  SettleInput,
  SupplyContractDetail,
  SupplyContractInput,
  SupplyContractList,
  Ticket,
  TicketInput,
  TicketList,
  TicketQuery,
  OrderProduction,
  ProductionInput,
  SupplierParts,
  Certificate,
  CertificateFileQuery,
  CertificateInput,
  CertificateList,
  CertificateVerification,
  PlantDeliveries,
  VerifyParams,
  TradeDashboard,
  TradeDashboardQuery,
  RoundInput,
  Order,
  MilestoneParams,
  MilestoneDoneInput,
} from '@gearbridge/contracts/trade';
import { z } from 'zod';
import { IdParams } from '@gearbridge/contracts/common';
import { actorOf } from '../../platform/http/app';
import * as catalogue from './catalogue.service';
import * as rfqs from './rfqs.service';
import * as orders from './orders.service';
import * as supply from './supply.service';
import * as production from './production.service';
import * as certificates from './certificates.service';
import { dashboard } from './dashboard.service';
import { certificatePdf, certificateXlsx, verifyUrl } from './certificate.files';
import { PDF_MIME } from '../../platform/pdf/document';
import { sendDownload, sendXlsx } from '../../platform/excel/send';
import type { ModuleContext } from './db';
import { rfqFileRoutes } from './rfq-files.routes';

/**
 * The trade API under /api/trade. Permissions: trade.read (catalogue, storefronts, RFQs the caller may see),
 * trade.sell (own products), trade.buy (own RFQs; their quotes after the deadline), trade.quote (own quotes),
 * trade.operate (RFQs in the region). Quotes are sealed in SQL (rfqs.service.ts, quoteReadableSql).
 */
export async function tradeRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['trade'];

  // ---- catalogue ------------------------------------------------------------------------------------------
  app.get(
    '/trade/products',
    { schema: { tags, summary: 'The catalogue with filters on every attribute and facet counts (trade.read)', querystring: ProductQuery, response: { 200: ProductPage } } },
    async (req) => catalogue.listProducts(db, actorOf(req), req.query),
  );
  app.get('/trade/products/:id', { schema: { tags, params: IdParams, response: { 200: Product } } }, async (req) => catalogue.getProduct(db, actorOf(req), req.params.id));
  app.post(
    '/trade/products',
    { schema: { tags, summary: "List a product for the own organisation (trade.sell); attributes per the vertical's schema", body: ProductInput, response: { 201: Product } } },
    async (req, reply) => reply.status(201).send(await catalogue.createProduct(db, actorOf(req), req.body)),
  );
  app.patch(
    '/trade/products/:id',
    { schema: { tags, summary: 'Edit, price or withdraw an own product (trade.sell)', params: IdParams, body: ProductPatch, response: { 200: Product } } },
    async (req) => catalogue.updateProduct(db, actorOf(req), req.params.id, req.body),
  );
  app.get('/trade/suppliers', { schema: { tags, summary: 'Supplier storefronts (trade.read)', response: { 200: StorefrontList } } }, async (req) =>
    catalogue.listStorefronts(db, actorOf(req)),
  );
  app.get('/trade/suppliers/:id', { schema: { tags, params: IdParams, response: { 200: Storefront } } }, async (req) => catalogue.getStorefront(db, actorOf(req), req.params.id));

  // ---- RFQs and sealed quotes -------------------------------------------------------------------------------
  app.get('/trade/rfqs', { schema: { tags, summary: 'RFQs the caller sees (trade.read)', querystring: RfqQuery, response: { 200: RfqPage } } }, async (req) =>
    rfqs.listRfqs(db, actorOf(req), req.query),
  );
  app.get('/trade/rfqs/:id', { schema: { tags, params: IdParams, response: { 200: Rfq } } }, async (req) => rfqs.getRfq(db, actorOf(req), req.params.id));
  app.post('/trade/rfqs', { schema: { tags, summary: 'Post an RFQ for the own organisation (trade.buy)', body: RfqInput, response: { 201: Rfq } } }, async (req, reply) =>
    reply.status(201).send(await rfqs.createRfq(db, actorOf(req), req.body)),
  );
  app.get(
    '/trade/rfqs/:id/quotes',
    {
      schema: {
        tags,
        summary: "The RFQ's quotes the caller may read: a supplier its own; the buyer all, once the deadline has passed",
        params: IdParams,
        response: { 200: QuoteList },
      },
    },
    async (req) => rfqs.listQuotes(db, actorOf(req), req.params.id),
  );
  app.put(
    '/trade/rfqs/:id/quote',
    { schema: { tags, summary: "Submit or revise the own organisation's quote before the deadline (trade.quote)", params: IdParams, body: QuoteInput, response: { 200: Quote } } },
    async (req) => rfqs.submitQuote(db, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/trade/rfqs/:id/rounds',
    {
      schema: {
        tags,
        summary: 'Ask suppliers that quoted for a revision round after the deadline (trade.buy): all quotes sealed again until its new deadline',
        params: IdParams,
        body: RoundInput,
        response: { 200: Rfq },
      },
    },
    async (req) => rfqs.requestRound(db, actorOf(req), req.params.id, req.body),
  );

  // Drawings, cancelling an RFQ, the Excel exports of the lists (rfq-files.routes.ts).
  await rfqFileRoutes(root, ctx);

  // ---- award → orders ----------------------------------------------------------------------------------------
  app.post(
    '/trade/rfqs/:id/award',
    {
      schema: {
        tags,
        summary: "Award the RFQ after its deadline, whole or split (trade.buy): one order per awarded supplier, in the award's transaction",
        params: IdParams,
        body: AwardInput,
        response: { 201: OrderList },
      },
    },
    async (req, reply) => reply.status(201).send(await orders.awardRfq(db, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/trade/orders',
    {
      schema: {
        tags,
        summary: "Orders of the caller's buying side, and its own organisation's as supplier (trade.read)",
        querystring: OrderQuery,
        response: { 200: OrderPage },
      },
    },
    async (req) => orders.listOrders(db, actorOf(req), req.query),
  );
  app.get(
    '/trade/orders/:id',
    {
      schema: {
        tags,
        summary: 'One order with its lines, payment terms and milestones (its buying side and its supplier; anyone else 404)',
        params: IdParams,
        response: { 200: Order },
      },
    },
    async (req) => orders.getOrder(db, actorOf(req), req.params.id),
  );
  app.post(
    '/trade/orders/:id/milestones/:seq/done',
    {
      schema: {
        tags,
        summary: 'Mark a milestone done (the supplier: confirmed, production start, delivery; the buyer: acceptance, payments), audited',
        params: MilestoneParams,
        body: MilestoneDoneInput,
        response: { 200: Order },
      },
    },
    async (req) => orders.markMilestone(db, actorOf(req), req.params.id, req.params.seq, req.body),
  );

  // ---- order → production, through the factory's public interface ---------------------------------------------
  app.get(
    '/trade/orders/:id/parts',
    { schema: { tags, summary: "The parts the order's supplier makes on the factory module (the supplier)", params: IdParams, response: { 200: SupplierParts } } },
    async (req) => production.supplierParts(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/trade/orders/:id/production',
    { schema: { tags, summary: "The order lines' work orders and their progress (the buyer side and the supplier)", params: IdParams, response: { 200: OrderProduction } } },
    async (req) => production.orderProduction(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/trade/orders/:id/production',
    {
      schema: {
        tags,
        summary: 'Ask the own plant for a work order for an order line (the supplier, with factory.plan there); idempotent by the line',
        params: IdParams,
        body: ProductionInput,
        response: { 200: OrderProduction },
      },
    },
    async (req) => production.requestProduction(ctx, actorOf(req), req.params.id, req.body),
  );

  // ---- quality certificates (质量证明书) per delivery ------------------------------------------------------------
  app.get(
    '/trade/orders/:id/deliveries',
    { schema: { tags, summary: "The supplier plant's latest deliveries, to certify one (the supplier)", params: IdParams, response: { 200: PlantDeliveries } } },
    async (req) => certificates.orderDeliveries(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/trade/orders/:id/certificates',
    { schema: { tags, summary: "The order's certificates (the buyer side and the supplier)", params: IdParams, response: { 200: CertificateList } } },
    async (req) => certificates.listCertificates(db, actorOf(req), req.params.id),
  );
  app.post(
    '/trade/orders/:id/certificates',
    {
      schema: {
        tags,
        summary: "Issue the certificate of a delivery from the delivered units' genealogy and results (the supplier)",
        params: IdParams,
        body: CertificateInput,
        response: { 201: Certificate },
      },
    },
    async (req, reply) => reply.status(201).send(await certificates.issueCertificate(ctx, actorOf(req), req.params.id, req.body.deliveryId)),
  );
  app.get('/trade/certificates/:id', { schema: { tags, params: IdParams, response: { 200: Certificate } } }, async (req) =>
    certificates.getCertificate(db, actorOf(req), req.params.id),
  );
  const origin = (req: { protocol: string; host: string }) => `${req.protocol}://${req.host}`;
  app.get(
    '/trade/certificates/:id/pdf',
    { schema: { tags, summary: 'The certificate as PDF (fonts embedded, QR code of its verification page)', params: IdParams, querystring: CertificateFileQuery } },
    async (req, reply) => {
      const c = await certificates.getCertificate(db, actorOf(req), req.params.id);
      const zh = req.query.lang === 'zh';
      return sendDownload(reply, PDF_MIME, 'pdf', c.number, zh ? `质量证明书-${c.number}` : c.number, await certificatePdf(c, zh, verifyUrl(origin(req), c.verifyToken)));
    },
  );
  app.get(
    '/trade/certificates/:id/xlsx',
    { schema: { tags, summary: 'The certificate as Excel: the certificate, characteristics with capability, every unit', params: IdParams, querystring: CertificateFileQuery } },
    async (req, reply) => {
      const c = await certificates.getCertificate(db, actorOf(req), req.params.id);
      const zh = req.query.lang === 'zh';
      return sendXlsx(reply, c.number, zh ? `质量证明书-${c.number}` : c.number, await certificateXlsx(c, zh, verifyUrl(origin(req), c.verifyToken)));
    },
  );
  app.get(
    '/trade/verify/:token',
    {
      schema: {
        tags,
        summary: "A certificate's verification by the token its QR code carries (any signed-in user)",
        params: VerifyParams,
        response: { 200: CertificateVerification },
      },
    },
    async (req) => certificates.verifyCertificate(db, req.params.token),
  );

  // ---- the dashboard ---------------------------------------------------------------------------------------------
  app.get(
    '/trade/dashboard',
    {
      schema: {
        tags,
        summary: "GMV by vertical, RFQ conversion, quote response, on-time delivery, supplier ratings (the buying side's, the operator's region)",
        querystring: TradeDashboardQuery,
        response: { 200: TradeDashboard },
      },
    },
    async (req) => dashboard(db, actorOf(req), req.query.days),
  );

  // ---- long-term supply agreements (docs/trade.md, "Supply agreements") -------------------------------------------
  app.get(
    '/trade/index-prices',
    { schema: { tags, summary: "An index's daily prices in a month and their average (trade.read)", querystring: IndexPriceQuery, response: { 200: IndexPriceMonth } } },
    async (req) => supply.indexMonth(db, actorOf(req), req.query.index, req.query.month),
  );
  app.put(
    '/trade/index-prices',
    {
      schema: {
        tags,
        summary: "Enter or import an index's daily prices (trade.operate); never in a month a contract on it has settled",
        body: IndexPricesInput,
        response: { 200: z.object({ saved: z.number().int() }) },
      },
    },
    async (req) => supply.putIndexPrices(db, actorOf(req), req.body),
  );
  app.get(
    '/trade/supply-contracts',
    { schema: { tags, summary: "Supply agreements of the caller's side, buyer or supplier (trade.read)", response: { 200: SupplyContractList } } },
    async (req) => supply.listContracts(db, actorOf(req)),
  );
  app.get(
    '/trade/supply-contracts/:id',
    { schema: { tags, summary: 'A supply agreement with its months: tonnes, index average, settlement, saving', params: IdParams, response: { 200: SupplyContractDetail } } },
    async (req) => supply.getContract(db, actorOf(req), req.params.id),
  );
  app.post(
    '/trade/supply-contracts',
    { schema: { tags, summary: 'Sign a supply agreement as the buyer (trade.buy)', body: SupplyContractInput, response: { 201: SupplyContractDetail } } },
    async (req, reply) => reply.status(201).send(await supply.createContract(db, actorOf(req), req.body)),
  );
  app.get(
    '/trade/supply-contracts/:id/tickets',
    { schema: { tags, summary: "A month's weighbridge tickets (the parties)", params: IdParams, querystring: TicketQuery, response: { 200: TicketList } } },
    async (req) => supply.listTickets(db, actorOf(req), req.params.id, req.query.month),
  );
  app.post(
    '/trade/supply-contracts/:id/tickets',
    { schema: { tags, summary: 'Record a weighbridge ticket (the supplier, trade.sell)', params: IdParams, body: TicketInput, response: { 201: Ticket } } },
    async (req, reply) => reply.status(201).send(await supply.addTicket(db, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/trade/supply-contracts/:id/settlements',
    {
      schema: {
        tags,
        summary: 'Settle a month that has ended (the supplier, trade.sell): figures frozen',
        params: IdParams,
        body: SettleInput,
        response: { 201: SupplyContractDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await supply.settle(db, actorOf(req), req.params.id, req.body.month)),
  );
}
