import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AwardInput,
  OrderList,
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
} from '@gearbridge/contracts/trade';
import { IdParams } from '@gearbridge/contracts/common';
import { actorOf } from '../../platform/http/app';
import * as catalogue from './catalogue.service';
import * as rfqs from './rfqs.service';
import * as orders from './orders.service';
import type { ModuleContext } from './db';

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
        response: { 200: OrderList },
      },
    },
    async (req) => orders.listOrders(db, actorOf(req), req.query.rfqId),
  );
}
