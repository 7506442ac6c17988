import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams, Ok } from '@gearbridge/contracts/common';
import { ImportConfirmed, ImportReport } from '@gearbridge/contracts/imports';
import { actorOf } from '../http/app';
import { notFound, pm } from '../errors';
import { errorBody } from '../http/errors';
import type { ModuleContext } from '../module';
import type { Importer } from './importer';
import * as imports from './imports';
import { XLSX_MIME } from './workbook';

/** The largest .xlsx upload: compressed bytes on the wire (what it may inflate to: read-sheet.ts). */
export const UPLOAD_LIMIT = 10 * 1024 * 1024;

/** The spreadsheet import flow for every importer the modules register: template → upload (report) → confirm. */
export async function importRoutes(root: FastifyInstance, ctx: ModuleContext, importers: Importer[]) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const find = (kind: string) => {
    const i = importers.find((x) => x.kind === kind);
    if (!i) throw notFound(pm('platform.import.unknown_kind', { kind }));
    return i;
  };
  const Kind = z.object({ kind: z.string().regex(/^[a-z_-]{1,40}$/) });

  app.get(
    '/imports/:kind/template',
    { schema: { tags: ['imports'], summary: 'Download the template', params: Kind, querystring: z.object({ lang: z.enum(['zh', 'en']).default('zh') }) } },
    async (req, reply) => {
      const buf = await imports.template(find(req.params.kind), req.query.lang);
      const name = `${req.params.kind}-template`;
      return reply.type(XLSX_MIME).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(buf);
    },
  );

  // Uploads are the raw .xlsx bytes as the body: no multipart parser, one obvious limit. The parser for them lives
  // in a scope of its own that holds only the upload route: any other /api route answers a binary body with 415
  // without reading it (and the session is checked before any body is read: http/app.ts).
  await app.register(async (scope) => {
    const upload = scope.withTypeProvider<ZodTypeProvider>();
    upload.addContentTypeParser([XLSX_MIME, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_req, body, done) => done(null, body));
    upload.post(
      '/imports/:kind',
      {
        bodyLimit: UPLOAD_LIMIT,
        schema: {
          tags: ['imports'],
          summary: 'Upload a filled sheet (raw .xlsx body); returns the per-row report, writes nothing',
          params: Kind,
          querystring: z.object({ fileName: z.string().max(200).default('upload.xlsx') }),
          response: { 201: ImportReport, 415: ErrorBody },
        },
      },
      async (req, reply) => {
        const body = req.body;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          return reply.status(415).send(errorBody(req.id, 'unsupported_media_type', pm('platform.import.send_xlsx', { mime: XLSX_MIME })));
        }
        const report = await imports.upload({ db: ctx.db, cipher: ctx.cipher, actor: actorOf(req) }, find(req.params.kind), req.query.fileName, body);
        return reply.status(201).send(report);
      },
    );
  });
  app.post(
    '/imports/:id/confirm',
    { schema: { tags: ['imports'], summary: 'Write all valid rows in one transaction', params: IdParams, response: { 200: ImportConfirmed } } },
    async (req) => imports.confirm({ db: ctx.db, cipher: ctx.cipher, actor: actorOf(req) }, importers, req.params.id),
  );
  app.delete('/imports/:id', { schema: { tags: ['imports'], summary: 'Discard a pending import', params: IdParams, response: { 200: Ok } } }, async (req) => {
    await imports.discard({ db: ctx.db, cipher: ctx.cipher, actor: actorOf(req) }, req.params.id);
    return { ok: true as const };
  });
}
