import type { MessageParams, MessageRef } from '@gearbridge/contracts/messages';
import type { ErrorBody, ErrorCode } from './types';

/** Any non-2xx answer of the API, with the server's stable code, per-field messages and request id. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly fields: Record<string, string> = {},
    readonly requestId: string | null = null,
    /** Seconds, from Retry-After on 429. */
    readonly retryAfter: number | null = null,
    /** The message's key and parameters, rendered in the interface's language (i18n/messages). */
    readonly key: string | null = null,
    readonly params: MessageParams = {},
    readonly fieldMessages: Record<string, MessageRef> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

const CSRF_COOKIE = 'gb_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

let csrfPending: Promise<void> | null = null;
/** Double-submit CSRF: the server sets a readable cookie; every unsafe request echoes it in a header. */
async function ensureCsrf(force = false): Promise<string> {
  if (force || !readCookie(CSRF_COOKIE)) {
    // The body is read although only the cookie matters: a response left unread stays open in the browser (a
    // connection held, and a page that never goes network-idle for the browser tests' screenshots).
    csrfPending ??= fetch('/api/auth/csrf', { credentials: 'same-origin' })
      .then((r) => r.arrayBuffer())
      .then(() => undefined)
      .finally(() => {
        csrfPending = null;
      });
    await csrfPending;
  }
  return readCookie(CSRF_COOKIE) ?? '';
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

interface RequestOptions {
  query?: Query;
  /** JSON-encoded unless it is a Blob/ArrayBuffer (sent as is, e.g. an .xlsx upload). */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

async function toError(res: Response): Promise<ApiError> {
  const retry = Number(res.headers.get('retry-after'));
  let body: Partial<ErrorBody> | null = null;
  try {
    body = (await res.json()) as Partial<ErrorBody>;
  } catch {
    body = null;
  }
  const e = body?.error;
  const fallback: ErrorCode =
    res.status === 401 ? 'unauthenticated' : res.status === 403 ? 'forbidden' : res.status === 404 ? 'not_found' : res.status === 429 ? 'rate_limited' : 'internal';
  return new ApiError(
    res.status,
    e?.code ?? fallback,
    e?.message ?? res.statusText,
    e?.fields ?? {},
    e?.requestId ?? null,
    Number.isFinite(retry) && retry > 0 ? retry : null,
    e?.key ?? null,
    e?.params ?? {},
    e?.fieldMessages ?? {},
  );
}

/** Raw fetch with cookies and CSRF; retries once when the CSRF cookie had expired or rotated. */
async function send(method: string, path: string, opts: RequestOptions, retried = false): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof Blob || opts.body instanceof ArrayBuffer) {
    body = opts.body;
    headers['Content-Type'] = opts.contentType ?? 'application/octet-stream';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  if (UNSAFE.has(method)) headers['X-CSRF-Token'] = await ensureCsrf();
  let res: Response;
  try {
    res = await fetch(withQuery(`/api${path}`, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'network');
  }
  if (!res.ok && res.status === 403 && UNSAFE.has(method) && !retried) {
    const copy = res.clone();
    const e = await toError(copy);
    if (/csrf/i.test(e.message)) {
      await ensureCsrf(true);
      return send(method, path, opts, true);
    }
  }
  if (!res.ok) throw await toError(res);
  return res;
}

async function json<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => json<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => json<T>('POST', path, { body: body ?? {}, query }),
  put: <T>(path: string, body?: unknown) => json<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => json<T>('PATCH', path, { body: body ?? {} }),
  delete: <T>(path: string) => json<T>('DELETE', path, {}),
  upload: <T>(path: string, file: Blob, contentType: string, query?: Query) => json<T>('POST', path, { body: file, contentType, query }),
  /** Fetches a file (an Excel export or template) and hands it to the browser as a download. */
  async download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
    const res = await send('GET', path, { query });
    const blob = await res.blob();
    const cd = res.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    const plain = /filename="([^"]+)"/i.exec(cd);
    const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
