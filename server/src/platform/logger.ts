import pino, { type Logger } from 'pino';

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

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' } });
}
export type { Logger };
