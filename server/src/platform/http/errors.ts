import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode } from '@gearbridge/contracts/common';
import { DomainError } from '../errors';

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

function send(reply: FastifyReply, req: FastifyRequest, code: ErrorCode, message: string, fields?: Record<string, string>) {
  const body: ErrorBody = { error: { code, message, ...(fields && Object.keys(fields).length ? { fields } : {}), requestId: req.id } };
  return reply.status(STATUS[code]).type('application/json; charset=utf-8').send(body);
}

/** The one place errors become HTTP. Unknown errors are logged with the request id and answered without detail. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) {
    if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
    return send(reply, req, err.code, err.message, err.fields);
  }
  if (err.validation) {
    const fields: Record<string, string> = {};
    for (const v of err.validation) {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.') || String((v.params as { missingProperty?: string })?.missingProperty ?? err.validationContext ?? 'request');
      fields[path] ??= v.message ?? 'invalid';
    }
    const where = err.validationContext === 'body' ? 'request body' : (err.validationContext ?? 'request');
    return send(reply, req, 'invalid', `The ${where} has invalid fields: ${Object.keys(fields).join(', ')}`, fields);
  }
  const status = err.statusCode ?? 500;
  if (status === 413) return send(reply, req, 'payload_too_large', 'The request body is too large');
  if (status === 415) return send(reply, req, 'unsupported_media_type', 'Unsupported content type; send application/json');
  if (status === 429) return send(reply, req, 'rate_limited', 'Too many requests');
  if (status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, empty body with a JSON content type, bad URL encoding.
    return send(reply, req, 'invalid', err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'The request body is not valid JSON' : err.message);
  }
  req.log.error({ err }, 'unhandled error');
  return send(reply, req, 'internal', 'Internal error; quote the request id when reporting it');
}
