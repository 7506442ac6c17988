/**
 * Transport-free domain errors. Services throw these; the HTTP layer maps them once (http/errors.ts),
 * the CLI prints their message.
 */
export type DomainCode = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable' | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly code: DomainCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (message: string, fields?: Record<string, string>) => new DomainError('invalid', message, fields);
export const unauthenticated = (message = 'Sign in first') => new DomainError('unauthenticated', message);
export const forbidden = (message = 'You do not have permission for this') => new DomainError('forbidden', message);
export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
export const conflict = (message: string, fields?: Record<string, string>) => new DomainError('conflict', message, fields);
export const unprocessable = (message: string, fields?: Record<string, string>) => new DomainError('unprocessable', message, fields);

/** PostgreSQL unique_violation → conflict naming the constraint's field, so the form can show it. */
export function fromUniqueViolation(err: unknown, fieldsByConstraint: Record<string, string>): DomainError | null {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return null;
  const constraint = e.constraint ?? Object.keys(fieldsByConstraint).find((c) => e.message?.includes(c));
  const field = constraint ? fieldsByConstraint[constraint] : undefined;
  return conflict(field ? `${field} is already taken` : 'A record with these values already exists', field ? { [field]: 'already taken' } : undefined);
}
