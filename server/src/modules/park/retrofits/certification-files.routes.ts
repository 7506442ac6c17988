import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CERT_FILE_KINDS, CERT_FILE_LIMITS, CertFile, CertFileList, CertFileParams, CertFileUploadQuery } from '@gearbridge/contracts/park';
import { IdParams, Ok } from '@gearbridge/contracts/common';
import { actorOf } from '../../../platform/http/app';
import { invalid } from '../../../platform/errors';
import { FILE_MIME, downloadHeaders } from '../../../platform/files';
import * as files from './certification-files.service';
import { m } from '../messages';
import type { ModuleContext } from '../db';

/** The body types a document upload may be sent as: the raw file, whatever it is (the server looks at its content). */
const UPLOAD_TYPES = ['application/octet-stream', ...new Set(CERT_FILE_KINDS.map((k) => FILE_MIME[k]))];

/** Routes of a certification's documents (registered by routes.ts; readers and writers in the service). */
export async function certificationFileRoutes(root: FastifyInstance, ctx: ModuleContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['park'];
  app.get(
    '/park/certifications/:id/files',
    { schema: { tags, summary: "A certification's documents (the enterprise itself and the park officer)", params: IdParams, response: { 200: CertFileList } } },
    async (req) => files.listCertFiles(db, actorOf(req), req.params.id),
  );
  app.get(
    '/park/certifications/:id/files/:fileId',
    { schema: { tags, summary: 'Download a document (the same readers), with its content type and UTF-8 file name', params: CertFileParams } },
    async (req, reply) => {
      const f = await files.readCertFile(db, actorOf(req), req.params.id, req.params.fileId);
      return reply.headers(downloadHeaders(f.kind, f.fileName)).send(f.content);
    },
  );
  app.delete(
    '/park/certifications/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Delete a document while the certification is not decided (the enterprise itself or the park officer; park.apply), audited',
        params: CertFileParams,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await files.deleteCertFile(db, actorOf(req), req.params.id, req.params.fileId);
      return { ok: true as const };
    },
  );
  // The raw file as the body (no multipart parser, one obvious limit), in a scope of its own so that no other route
  // reads such a body.
  root.register(async (scope) => {
    scope.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: CERT_FILE_LIMITS.bytes }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/park/certifications/:id/files',
      {
        bodyLimit: CERT_FILE_LIMITS.bytes,
        schema: {
          tags,
          summary:
            'Attach a document while the certification is not decided (the enterprise itself or the park officer; park.apply): PDF, a picture or an Office file, by its content; raw body; audited',
          params: IdParams,
          querystring: CertFileUploadQuery,
          response: { 201: CertFile },
        },
      },
      async (req, reply) => {
        const body = req.body;
        if (!Buffer.isBuffer(body)) throw invalid(m('park.certification.file_invalid_fields', { fields: 'file' }), { file: m('park.certification.field_file_empty') });
        return reply.status(201).send(await files.addCertFile(db, actorOf(req), req.params.id, req.query.fileName, body));
      },
    );
  });
}
