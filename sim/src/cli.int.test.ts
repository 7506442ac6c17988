import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { runSimulateCommand } from './cli';
import { capture, sleep, startAedes, uniqueGroup, type TestBroker } from './test/mqtt';

function collect() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, io: { stdout: (l: string) => void stdout.push(l), stderr: (l: string) => void stderr.push(l), handleSignals: false } };
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('gearbridge simulate', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startAedes();
  });
  afterAll(async () => {
    await broker.close();
  });

  it.each([[['--rate', 'abc']], [['--devices', '500']], [['--verbose']], [['--duration']]])('with bad flags %j prints one error line, exits 2 and never connects', async (argv) => {
    const out = collect();
    const before = broker.connections();
    const code = await runSimulateCommand([...argv, '--url', broker.url], {}, out.io);
    await sleep(100);
    expect(code).toBe(2);
    expect(out.stderr).toHaveLength(1);
    expect(out.stderr[0]).toMatch(/^gearbridge simulate: .+; see gearbridge simulate --help$/);
    expect(out.stdout).toEqual([]);
    expect(broker.connections()).toBe(before);
  });

  it('prints its usage on --help', async () => {
    const out = collect();
    expect(await runSimulateCommand(['--help'], {}, out.io)).toBe(0);
    expect(out.stdout.join('\n')).toContain('--time-scale X');
  });

  it('runs for --duration against MQTT_URL, reports progress, and ends with NDEATH', async () => {
    const group = uniqueGroup('cli');
    const cap = await capture(broker.url, group);
    const out = collect();
    try {
      const code = await runSimulateCommand(
        ['--devices', '5', '--rate', '5', '--duration', '1.2', '--group', group],
        { MQTT_URL: broker.url },
        { ...out.io, statusIntervalS: 0.5 },
      );
      expect(code).toBe(0);
      await cap.waitFor((m) => m.some((x) => x.verb === 'NDEATH'), 5_000, 'NDEATH');
      expect(out.stdout[0]).toBe(`Simulating 5 devices on 1 line (Sparkplug group ${group}) → ${broker.url}; 5 msg/s per device, seed 1, time ×1, for 1.2 s`);
      expect(out.stdout).toContain('line-1: online (bdSeq 0)');
      expect(
        out.stdout.some((l) => /^1\/1 lines online · [\d,]+ DDATA, [\d,]+ acknowledged, [\d,]+ points · running \d+, idle \d+, down \d+, setup \d+, planned stop \d+$/.test(l)),
      ).toBe(true);
      expect(out.stdout.at(-1)).toMatch(/^Finished after 1\.\d s: [\d,]+ DDATA \([\d,]+ points\), [\d,]+ acknowledged \([\d,]+ points\), 0 unacknowledged; NDEATH sent$/);
      expect(out.stderr).toEqual([]);
      expect(cap.of('DBIRTH')).toHaveLength(5);
    } finally {
      await cap.close();
    }
  });

  it('stops cleanly when asked (as on Ctrl-C)', async () => {
    const group = uniqueGroup('cli-abort');
    const cap = await capture(broker.url, group);
    const out = collect();
    const ac = new AbortController();
    try {
      const run = runSimulateCommand(['--devices', '3', '--url', broker.url, '--group', group], {}, { ...out.io, signal: ac.signal });
      await cap.waitFor((m) => m.filter((x) => x.verb === 'DBIRTH').length === 3, 5_000, 'births');
      ac.abort();
      expect(await run).toBe(0);
      await cap.waitFor((m) => m.some((x) => x.verb === 'NDEATH'), 5_000, 'NDEATH');
      expect(out.stdout.at(-1)).toMatch(/^Stopped on request after /);
    } finally {
      await cap.close();
    }
  });

  it('exits 1 with one clear line when the broker cannot be reached', async () => {
    const url = `mqtt://127.0.0.1:${await closedPort()}`;
    const out = collect();
    const code = await runSimulateCommand(['--devices', '1', '--duration', '0.5', '--url', url], {}, out.io);
    expect(code).toBe(1);
    expect(out.stderr.filter((l) => l.startsWith('gearbridge simulate:'))).toEqual([
      `gearbridge simulate: could not reach the broker at ${url}; is it running? (set --url or MQTT_URL)`,
    ]);
    // the node's connection error is said once, not once per reconnect attempt
    expect(out.stderr.filter((l) => l.startsWith('line-1:')).length).toBeLessThanOrEqual(1);
  });

  it('as its own process, exits 0 on SIGINT after sending NDEATH', async () => {
    const group = uniqueGroup('cli-sigint');
    const cap = await capture(broker.url, group);
    const script = fileURLToPath(new URL('./test/simulate-main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--devices', '2', '--url', broker.url, '--group', group], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await cap.waitFor((m) => m.filter((x) => x.verb === 'DBIRTH').length === 2, 20_000, 'births from the child process');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      await cap.waitFor((m) => m.some((x) => x.verb === 'NDEATH'), 5_000, 'NDEATH');
      expect(cap.of('NDEATH')[0].bdSeq).toBe(cap.of('NBIRTH')[0].bdSeq);
      expect(stdout).toMatch(/Stopped on SIGINT after /);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await cap.close();
    }
  }, 30_000);
});
