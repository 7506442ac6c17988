import pino, { type DestinationStream, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';

/** Paths that must never reach a log line: credentials, cookies and personal data. */
export const redactPaths = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.phone',
  '*.idNumber',
];

/** Query parameters whose value is a person's search text (a name, an ID number, a phone): never logged. */
const SEARCH_PARAMS = new Set(['q', 'search', 'name', 'idnumber', 'phone', 'keyword']);
// A resident ID number (18 characters, the last a digit or X; or the old 15 digits) or a mainland mobile number,
// standing alone (not inside a longer run of digits or a UUID's hex).
const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])(?:\+?86)?1[3-9]\d{9}(?![0-9A-Za-z])/g;

function maskDigits(s: string): string {
  return s.replace(ID_NUMBER, '[id]').replace(MOBILE, '[phone]');
}

/**
 * A URL as it may be logged: search parameters' values replaced, and any ID number or mobile number anywhere in the
 * path or query (also percent-encoded) masked. `/api/labor/workers?q=500229…` becomes `/api/labor/workers?q=[redacted]`.
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  const pathPart = at < 0 ? url : url.slice(0, at);
  let decodedPath = pathPart;
  try {
    decodedPath = decodeURIComponent(pathPart);
  } catch {
    // a malformed escape: mask the raw text
  }
  const safePath = maskDigits(decodedPath) === decodedPath ? maskDigits(pathPart) : maskDigits(decodedPath);
  if (at < 0) return safePath;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      if (eq < 0) return maskDigits(pair);
      let decodedName = name;
      let value = pair.slice(eq + 1);
      try {
        decodedName = decodeURIComponent(name.replaceAll('+', ' '));
        value = decodeURIComponent(value.replaceAll('+', ' '));
      } catch {
        // keep the raw text; the masks below still apply
      }
      if (SEARCH_PARAMS.has(decodedName.toLowerCase())) return `${maskDigits(name)}=[redacted]`;
      const masked = maskDigits(value);
      return masked === value ? pair : `${maskDigits(name)}=${encodeURIComponent(masked)}`;
    })
    .join('&');
  return `${safePath}?${query}`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remoteAddress?: string; remotePort?: number };
}

/** Fastify's request serializer, with the URL redacted. */
export const serializers = {
  req(req: LoggedRequest) {
    return {
      method: req.method,
      url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
      host: req.host,
      remoteAddress: req.ip ?? req.socket?.remoteAddress,
      remotePort: req.socket?.remotePort,
    };
  },
};

/**
 * A JSON line per entry to `destination` (stdout); `pretty`: readable lines for a terminal (pino-pretty, in-process).
 * Stdout is written synchronously: pino's default asynchronous stdout writes the rest of its buffer synchronously at
 * exit while a write is still in flight, so the last lines of a shutdown came out of order (seen in CI: "module
 * stopped" after "stopped cleanly"). A line is written before the call returns, in order, and none is lost at exit.
 */
export function createLogger(level: string, destination?: DestinationStream, format: 'json' | 'pretty' = 'json'): Logger {
  const options = { level, redact: { paths: redactPaths, censor: '[redacted]' }, serializers };
  if (format === 'pretty' && !destination) {
    return pino(
      options,
      pinoPretty({
        colorize: true,
        sync: true,
        singleLine: true,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,reqId,req,res,responseTime',
        // A request in one line: `GET /api/x → 401 (1.4 ms)`.
        messageFormat: (log, key) => {
          const req = log.req as { method?: string; url?: string } | undefined;
          const res = log.res as { statusCode?: number } | undefined;
          return req && res ? `${req.method} ${req.url} → ${res.statusCode} (${log.responseTime} ms)` : String(log[key] ?? '');
        },
      }),
    );
  }
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}
export type { Logger };
