/**
 * `gearbridge simulate`: runs the plant simulator from the command line. The server's CLI calls runSimulateCommand
 * and exits with the code it returns.
 */
import type { EdgeNodeEvent } from './edge-node';
import { PLANT_DEVICE_COUNT, SPARKPLUG_GROUP } from '@gearbridge/plant';
import { Simulator, type SimulatorOptions, type SimulatorStats } from './simulator';

export const SIMULATE_USAGE = `gearbridge simulate [options]

Runs the Qijiang plant (7 lines, ${PLANT_DEVICE_COUNT} devices) as Sparkplug B edge nodes, one per line, until Ctrl-C.

Options:
  --devices N        the first N devices in plant order (line 1 first); default ${PLANT_DEVICE_COUNT}
  --rate R           DDATA messages per second per device; default 1
  --seed S           seed of the plant model (same seed, same plant); default 1
  --duration SECONDS stop by itself after this long; default: run until Ctrl-C
  --time-scale X     simulated seconds per real second, to watch breakdowns in minutes; default 1
  --url URL          MQTT broker; default MQTT_URL, else mqtt://127.0.0.1:1883
  --group ID         Sparkplug group id; default ${SPARKPLUG_GROUP}
  -h, --help         this text`;

export interface ParsedSimulateArgs {
  help: boolean;
  options: SimulatorOptions;
}

export class UsageError extends Error {}

const DEFAULT_URL = 'mqtt://127.0.0.1:1883';
const URL_SCHEMES = new Set(['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'tls:', 'ws:', 'wss:']);
const FLAGS = new Set(['devices', 'rate', 'seed', 'duration', 'time-scale', 'url', 'group']);

/** Reads the flags; throws UsageError with a one-line reason on anything it cannot use. */
export function parseSimulateArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedSimulateArgs {
  const raw = new Map<string, string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!FLAGS.has(name)) throw new UsageError(`unknown option --${name}`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    if (raw.has(name)) throw new UsageError(`--${name} given twice`);
    raw.set(name, value);
  }

  const number = (name: string, check: (n: number) => boolean, rule: string): number | undefined => {
    const text = raw.get(name);
    if (text === undefined) return undefined;
    const n = /^[+]?(\d+(\.\d*)?|\.\d+)$/.test(text.trim()) ? Number(text) : Number.NaN;
    if (!Number.isFinite(n) || !check(n)) throw new UsageError(`--${name} must be ${rule} (got "${text}")`);
    return n;
  };
  const devices = number('devices', (n) => Number.isInteger(n) && n >= 1 && n <= PLANT_DEVICE_COUNT, `a whole number from 1 to ${PLANT_DEVICE_COUNT}`);
  const rate = number('rate', (n) => n > 0 && n <= 1000, 'a number above 0 and at most 1000 (messages per second per device)');
  const seed = number('seed', (n) => Number.isInteger(n) && n <= 0xffffffff, 'a whole number from 0 to 4294967295');
  const durationS = number('duration', (n) => n > 0, 'a number of seconds above 0');
  const timeScale = number('time-scale', (n) => n > 0 && n <= 10_000, 'a number above 0 and at most 10000');

  const url = raw.get('url') ?? (env.MQTT_URL?.trim() || DEFAULT_URL);
  const source = raw.has('url') ? '--url' : 'MQTT_URL';
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // reported below
  }
  if (!parsed || !URL_SCHEMES.has(parsed.protocol) || !parsed.hostname) {
    throw new UsageError(`${source} must be a broker URL like mqtt://host:1883 (got "${url}")`);
  }
  const group = raw.get('group');
  if (group !== undefined && /[/+#]/.test(group)) throw new UsageError(`--group must not contain / + or # (got "${group}")`);

  return { help, options: { url, devices, rate, seed, durationS, timeScale, group } };
}

export interface SimulateIo {
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
  /** Stops the run like Ctrl-C does. */
  signal?: AbortSignal;
  /** Listen for SIGINT and SIGTERM (default true). */
  handleSignals?: boolean;
  /** Seconds between status lines; default 10. */
  statusIntervalS?: number;
}

/** Runs `gearbridge simulate`; resolves to the process exit code (0 after a clean stop, 2 on bad flags). */
export async function runSimulateCommand(argv: string[], env: Readonly<Record<string, string | undefined>>, io: SimulateIo = {}): Promise<number> {
  const out = io.stdout ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const err = io.stderr ?? ((line: string) => void process.stderr.write(`${line}\n`));
  let args: ParsedSimulateArgs;
  try {
    args = parseSimulateArgs(argv, env);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`gearbridge simulate: ${e.message}; see gearbridge simulate --help`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    out(SIMULATE_USAGE);
    return 0;
  }

  const o = args.options;
  const lastError = new Map<string, string>();
  const onEvent = (e: EdgeNodeEvent) => {
    if (e.type === 'birth') {
      lastError.delete(e.node);
      out(`${e.node}: ${e.reason === 'rebirth' ? 'rebirth requested by a host, births sent again' : 'online'} (bdSeq ${e.bdSeq})`);
    } else if (e.type === 'disconnected' && !e.expected) {
      out(`${e.node}: connection lost, reconnecting`);
    } else if (e.type === 'error' && lastError.get(e.node) !== e.message) {
      // A broker that is down fails every reconnect the same way: say it once per node until it comes back.
      lastError.set(e.node, e.message);
      err(`${e.node}: ${e.message}`);
    }
  };
  let sim: Simulator;
  try {
    sim = new Simulator({ ...o, onEvent });
  } catch (e) {
    err(`gearbridge simulate: ${(e as Error).message}`);
    return 2;
  }
  const s0 = sim.stats();
  out(
    `Simulating ${s0.devices} devices on ${s0.nodes} line${s0.nodes === 1 ? '' : 's'} (Sparkplug group ${o.group ?? SPARKPLUG_GROUP}) → ${redact(o.url)}; ` +
      `${o.rate ?? 1} msg/s per device, seed ${o.seed ?? 1}, time ×${o.timeScale ?? 1}, ${o.durationS ? `for ${o.durationS} s` : 'until Ctrl-C'}`,
  );

  let stopReason = '';
  const stop = (reason: string) => {
    stopReason ||= reason;
    void sim.stop();
  };
  const onSigint = () => stop('on SIGINT');
  const onSigterm = () => stop('on SIGTERM');
  const onAbort = () => stop('on request');
  if (io.handleSignals !== false) {
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
  }
  io.signal?.addEventListener('abort', onAbort, { once: true });
  const status = setInterval(
    () => {
      const s = sim.stats();
      out(s.online === 0 ? `waiting for the broker at ${redact(o.url)} …` : statusLine(s));
    },
    (io.statusIntervalS ?? 10) * 1000,
  );
  try {
    sim.start();
    if (io.signal?.aborted) onAbort();
    await sim.done;
  } finally {
    clearInterval(status);
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    io.signal?.removeEventListener('abort', onAbort);
  }
  const s = sim.stats();
  out(
    `${stopReason ? `Stopped ${stopReason}` : 'Finished'} after ${s.elapsedS.toFixed(1)} s: ${fmt(s.messages)} DDATA (${fmt(s.points)} points), ` +
      `${fmt(s.acknowledged)} acknowledged (${fmt(s.acknowledgedPoints)} points), ${fmt(s.failed)} unacknowledged; NDEATH sent`,
  );
  if (s.connects === 0) {
    err(`gearbridge simulate: could not reach the broker at ${redact(o.url)}; is it running? (set --url or MQTT_URL)`);
    return 1;
  }
  return 0;
}

function statusLine(s: SimulatorStats): string {
  const st = s.states;
  return (
    `${s.online}/${s.nodes} lines online · ${fmt(s.messages)} DDATA, ${fmt(s.acknowledged)} acknowledged, ${fmt(s.acknowledgedPoints)} points · ` +
    `running ${st.running}, idle ${st.idle}, down ${st.down}, setup ${st.setup}, planned stop ${st.planned_stop}`
  );
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** A URL as it may be printed: without a password. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
