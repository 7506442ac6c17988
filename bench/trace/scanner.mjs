/**
 * The person at a scanner, for `npm run bench -- trace`: GETs one path after the other on one kept-alive connection
 * and times each from the request's first byte out to the answer's last byte in. A process of its own, in plain
 * JavaScript with node:http, so that what it measures is the server's answer, not the benchmark's own heap (the
 * parent generated and loaded millions of rows) nor a heavier client's allocations; its heap is collected before the
 * first timed request.
 *
 * stdin: one JSON object { base, cookie, warmup: [paths], timed: [paths] }. The warm-up requests are sent first and
 * not timed (a serving process has its connections open and its statements prepared).
 * stdout: one JSON object { ms: [...], serverMs: [...] } in the order of `timed`; serverMs is the server's own
 * Server-Timing `app`. A request that is not a 200 fails the run.
 */
import http from 'node:http';

const input = JSON.parse(
  await new Promise((resolve) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (d) => (text += d));
    process.stdin.on('end', () => resolve(text));
  }),
);
const base = new URL(input.base);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, path, agent, headers: { cookie: input.cookie } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`GET ${path}: ${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 300)}`));
        else resolve(Number(/app;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''))?.[1] ?? Number.NaN));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

for (const p of input.warmup) await get(p);
globalThis.gc?.();
const ms = [];
const serverMs = [];
for (const p of input.timed) {
  const t0 = performance.now();
  const s = await get(p);
  ms.push(performance.now() - t0);
  serverMs.push(s);
}
agent.destroy();
process.stdout.write(`${JSON.stringify({ ms, serverMs })}\n`);
