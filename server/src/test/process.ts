import { createServer, type AddressInfo } from 'node:net';

/** A TCP port free on loopback right now (for a child process or a broker a test starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Polls `check` (a throw counts as not yet) until it holds; past `ms` fails naming `what`, with `output()` — e.g. a
 * child process's output so far — in the message.
 */
export async function until(check: () => Promise<boolean>, what: string, o: { ms?: number; every?: number; output?: () => string } = {}) {
  const end = Date.now() + (o.ms ?? 60_000);
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, o.every ?? 100));
  }
  throw new Error(`${what} not reached in time${o.output ? `; output:\n${o.output()}` : ''}`);
}
