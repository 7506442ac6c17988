import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode } from '@gearbridge/contracts/common';
import type { MessageParams, MessageRef } from '@gearbridge/contracts/messages';
import { DomainError, pm, zodIssueMessage, type Msg } from '../errors';

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

/** The body of every error answer: the message's key, parameters and English text, per field the same. */
export function errorBody(requestId: string, code: ErrorCode, m: Msg, fields?: { text: Record<string, string>; refs: Record<string, MessageRef> }): ErrorBody {
  const has = fields && Object.keys(fields.text).length > 0;
  return {
    error: {
      code,
      message: m.text,
      key: m.key,
      ...(m.params ? { params: m.params } : {}),
      ...(has ? { fields: fields.text, fieldMessages: fields.refs } : {}),
      requestId,
    },
  };
}

function send(reply: FastifyReply, req: FastifyRequest, code: ErrorCode, m: Msg, fields?: { text: Record<string, string>; refs: Record<string, MessageRef> }) {
  return reply
    .status(STATUS[code])
    .type('application/json; charset=utf-8')
    .send(errorBody(req.id, code, m, fields));
}

/** The one place errors become HTTP. Unknown errors are logged with the request id and answered without detail. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) {
    if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
    const m: Msg = { key: err.key, ...(err.params ? { params: err.params } : {}), text: err.message };
    return send(reply, req, err.code, m, err.fields && err.fieldMessages ? { text: err.fields, refs: err.fieldMessages } : undefined);
  }
  if (err.validation) {
    const text: Record<string, string> = {};
    const refs: Record<string, MessageRef> = {};
    for (const v of err.validation) {
      const params = (v.params ?? {}) as Record<string, unknown>;
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.') || String((params as { missingProperty?: string }).missingProperty ?? err.validationContext ?? 'request');
      if (text[path]) continue;
      const m = zodIssueMessage(v.keyword, v.message, params);
      text[path] = m.text;
      refs[path] = { key: m.key, ...(m.params ? { params: m.params as MessageParams } : {}) };
    }
    // A bad id in the address or a bad filter has no form field to mark: those get their own message.
    const fields = Object.keys(text).join(', ');
    const where = err.validationContext === 'body' ? 'request body' : (err.validationContext ?? 'request');
    const m =
      err.validationContext === 'params'
        ? pm('platform.http.invalid_path', { fields })
        : err.validationContext === 'querystring'
          ? pm('platform.http.invalid_query', { fields })
          : pm('platform.http.invalid_fields', { where, fields });
    return send(reply, req, 'invalid', m, { text, refs });
  }
  const status = err.statusCode ?? 500;
  if (status === 413) return send(reply, req, 'payload_too_large', pm('platform.http.body_too_large'));
  if (status === 415) return send(reply, req, 'unsupported_media_type', pm('platform.http.unsupported_media_type'));
  if (status === 429) return send(reply, req, 'rate_limited', pm('platform.http.too_many_requests'));
  if (status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, empty body with a JSON content type, bad URL encoding.
    return send(
      reply,
      req,
      'invalid',
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? pm('platform.http.invalid_json')
        : pm('platform.http.bad_request', { detail: err.message }),
    );
  }
  req.log.error({ err }, 'unhandled error');
  return send(reply, req, 'internal', pm('platform.http.internal'));
}
