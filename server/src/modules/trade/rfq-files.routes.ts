import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ATTACHMENT_LIMITS,
  Attachment,
  AttachmentList,
  AttachmentParams,
  AttachmentUploadQuery,
  CancelInput,
  ProductExportQuery,
  QuoteExportQuery,
  Rfq,
  RfqExportQuery,
  SupplyExportQuery,
} from '@gearbridge/contracts/trade';
import { IdParams, Ok } from '@gearbridge/contracts/common';
import { actorOf } from '../../platform/http/app';
import { invalid } from '../../platform/errors';
import { sendXlsx } from '../../platform/excel/send';
import { toXlsx } from '../../platform/excel/workbook';
import * as files from './rfq-files.service';
import * as exports from './exports.service';
import { cancelRfq } from './rfqs.service';
import { FILE_MIME, contentDisposition } from '../../platform/files';
import { m } from './messages';
import type { ModuleContext } from './db';

/** The body types a drawing upload may be sent as: the raw file, whatever it is (the server looks at its content). */
const UPLOAD_TYPES = ['application/octet-stream', 'application/pdf', 'image/png', 'image/jpeg', 'image/webp'];

/**
 * Routes of RFQ drawings, cancelling an RFQ and the Excel exports of the trade lists (docs/trade.md). Registered by
 * routes.ts; every quote an export holds comes through `listQuotes` (the sealing rule in SQL).
 */
export async function rfqFileRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['trade'];

  // ---- drawings ------------------------------------------------------------------------------------------------
  app.get(
    '/trade/rfqs/:id/attachments',
    { schema: { tags, summary: "The RFQ's drawings (the buying side and the suppliers that may quote on it)", params: IdParams, response: { 200: AttachmentList } } },
    async (req) => files.listAttachments(db, actorOf(req), req.params.id),
  );
  app.get(
    '/trade/rfqs/:id/attachments/:attachmentId',
    { schema: { tags, summary: 'Download a drawing (the same readers), with its content type and UTF-8 file name', params: AttachmentParams } },
    async (req, reply) => {
      const a = await files.readAttachment(db, actorOf(req), req.params.id, req.params.attachmentId);
      return reply
        .type(FILE_MIME[a.kind])
        .header('content-disposition', contentDisposition(a.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(a.content);
    },
  );
  app.delete(
    '/trade/rfqs/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Delete a drawing (the buying side, before the deadline; sealed after it: 409), audited',
        params: AttachmentParams,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await files.deleteAttachment(db, actorOf(req), req.params.id, req.params.attachmentId);
      return { ok: true as const };
    },
  );
  // The raw file as the body (no multipart parser, one obvious limit), in a scope of its own so that no other route
  // reads such a body.
  root.register(async (scope) => {
    scope.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: ATTACHMENT_LIMITS.bytes }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/trade/rfqs/:id/attachments',
      {
        bodyLimit: ATTACHMENT_LIMITS.bytes,
        schema: {
          tags,
          summary: 'Attach a drawing while the RFQ is open (the buying side, trade.buy): PDF, DWG, DXF, STEP or a picture, by its content; raw body',
          params: IdParams,
          querystring: AttachmentUploadQuery,
          response: { 201: Attachment },
        },
      },
      async (req, reply) => {
        const body = req.body;
        if (!Buffer.isBuffer(body)) throw invalid(m('trade.attachment.invalid_fields', { fields: 'file' }), { file: m('trade.field.file_empty') });
        return reply.status(201).send(await files.addAttachment(db, actorOf(req), req.params.id, req.query.fileName, body));
      },
    );
  });

  // ---- cancelling an RFQ -------------------------------------------------------------------------------------------
  app.post(
    '/trade/rfqs/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel the RFQ before the award, with a reason (trade.buy, the buying side); cancelled before its deadline, its quotes stay sealed',
        params: IdParams,
        body: CancelInput,
        response: { 200: Rfq },
      },
    },
    async (req) => cancelRfq(db, actorOf(req), req.params.id, req.body),
  );

  // ---- Excel exports ---------------------------------------------------------------------------------------------
  app.get('/trade/products/export', { schema: { tags, summary: 'Excel export of the filtered catalogue (trade.read)', querystring: ProductExportQuery } }, async (req, reply) => {
    const zh = req.query.lang === 'zh';
    const rows = await exports.exportProducts(db, actorOf(req), req.query);
    return sendXlsx(reply, 'trade-products', zh ? '商品目录' : 'trade-products', await toXlsx(zh ? '商品目录' : 'Products', exports.productColumns(zh), rows));
  });
  app.get(
    '/trade/rfqs/export',
    { schema: { tags, summary: 'Excel export of the RFQs the caller sees, filtered (trade.read)', querystring: RfqExportQuery } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const rows = await exports.exportRfqs(db, actorOf(req), req.query);
      return sendXlsx(reply, 'rfqs', zh ? '询价' : 'rfqs', await toXlsx(zh ? '询价' : 'RFQs', exports.rfqColumns(zh), rows));
    },
  );
  app.get(
    '/trade/quotes/export',
    { schema: { tags, summary: 'Excel export of the quotes the caller may read, of one RFQ or all (trade.read); the sealing rule applies', querystring: QuoteExportQuery } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const rows = await exports.exportQuotes(db, actorOf(req), req.query.rfqId);
      return sendXlsx(reply, 'quotes', zh ? '报价' : 'quotes', await toXlsx(zh ? '报价' : 'Quotes', exports.quoteColumns(zh), rows));
    },
  );
  app.get(
    '/trade/supply-contracts/:id/tickets/export',
    { schema: { tags, summary: "Excel export of a supply agreement's weighbridge tickets, one month or all (the parties)", params: IdParams, querystring: SupplyExportQuery } },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const { contract, rows } = await exports.exportTickets(db, actorOf(req), req.params.id, req.query.month);
      const name = `${contract.contractNo}${req.query.month ? `-${req.query.month}` : ''}`;
      return sendXlsx(reply, `tickets-${name}`, zh ? `过磅单-${name}` : `tickets-${name}`, await toXlsx(zh ? '过磅单' : 'Tickets', exports.ticketColumns(zh), rows));
    },
  );
  app.get(
    '/trade/supply-contracts/:id/months/export',
    {
      schema: {
        tags,
        summary: "Excel export of a supply agreement's months: tonnes, index average, settlement and saving (the parties)",
        params: IdParams,
        querystring: SupplyExportQuery,
      },
    },
    async (req, reply) => {
      const zh = req.query.lang === 'zh';
      const contract = await exports.monthsOf(db, actorOf(req), req.params.id, req.query.month);
      const name = contract.contractNo;
      return sendXlsx(
        reply,
        `settlements-${name}`,
        zh ? `月度结算-${name}` : `settlements-${name}`,
        await toXlsx(zh ? '月度结算' : 'Settlements', exports.monthColumns(zh, contract.index), contract.months),
      );
    },
  );
}
