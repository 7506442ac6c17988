import { createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/**
 * Who a client of the embedded broker is, once it signed in:
 * - `platform`: the server's own ingest (reads everything, publishes the host STATE and rebirth NCMDs);
 * - `edge`: an edge node (or JSON device, or gateway) that publishes only under its Sparkplug group and node, and
 *   subscribes only to the commands addressed to it and to host STATE. `+` as group or node means any one.
 */
export type MqttPrincipal = { kind: 'platform' } | { kind: 'edge'; group: string; node: string };

/** The platform's own logins: derived from GEARBRIDGE_SECRET, so `gearbridge simulate` in another process knows them. */
export const PLATFORM_USER = 'gearbridge';
export const SIMULATOR_USER = 'gearbridge-sim';
export const RESERVED_USERS = new Set([PLATFORM_USER, SIMULATOR_USER]);

export interface MqttLogin {
  username: string;
  password: string;
}

export function derivedLogin(secret: string, username: typeof PLATFORM_USER | typeof SIMULATOR_USER): MqttLogin {
  return { username, password: createHmac('sha256', secret).update(`gearbridge mqtt login ${username}`).digest('base64url') };
}

// ---- the users file ---------------------------------------------------------------------------------------------

/** One edge login of MQTT_USERS_FILE: `name:scrypt$N$r$p$salt$hash:group/node`. */
export interface EdgeUser {
  username: string;
  hash: string;
  group: string;
  node: string;
}

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
/** A Sparkplug group or node id (no `/`, `+`, `#`), or `+` for any. */
const LEVEL = /^(\+|[^/+#:\s]{1,128})$/;

export class UsersFileError extends Error {}

export function parseUsersFile(text: string, file = 'MQTT_USERS_FILE'): Map<string, EdgeUser> {
  const users = new Map<string, EdgeUser>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^([^:]+):([^:]+):([^/]+)\/(.+)$/.exec(line);
    const where = `${file} line ${i + 1}`;
    if (!m) throw new UsersFileError(`${where}: expected name:hash:group/node`);
    const [, username, hash, group, node] = m;
    if (!NAME.test(username)) throw new UsersFileError(`${where}: the name may hold letters, digits, ".", "_" and "-" only`);
    if (RESERVED_USERS.has(username)) throw new UsersFileError(`${where}: "${username}" is the platform's own login`);
    if (!hash.startsWith('scrypt$')) throw new UsersFileError(`${where}: the hash must come from gearbridge mqtt-user`);
    if (!LEVEL.test(group) || !LEVEL.test(node)) throw new UsersFileError(`${where}: group and node are Sparkplug ids (no "/", "#", ":") or "+"`);
    if (users.has(username)) throw new UsersFileError(`${where}: "${username}" appears twice`);
    users.set(username, { username, hash, group, node });
  });
  return users;
}

export function formatUserLine(u: EdgeUser): string {
  return `${u.username}:${u.hash}:${u.group}/${u.node}`;
}

/** Checks a login against the file, reading it again whenever it changed (a new node needs no restart). */
export class UsersFile {
  private cached: { mtimeMs: number; size: number; users: Map<string, EdgeUser> } | null = null;
  constructor(readonly path: string) {}

  users(): Map<string, EdgeUser> {
    const st = statSync(this.path);
    if (!this.cached || this.cached.mtimeMs !== st.mtimeMs || this.cached.size !== st.size)
      this.cached = { mtimeMs: st.mtimeMs, size: st.size, users: parseUsersFile(readFileSync(this.path, 'utf8'), this.path) };
    return this.cached.users;
  }
}

// ---- password hashes (scrypt, Node's own; no native dependency) -------------------------------------------------

const N = 16_384;
const R = 8;
const P = 1;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  // Bounded so that a hand-edited file cannot make each sign-in cost a gigabyte.
  if (!(n >= 1024 && n <= 1 << 20 && r >= 1 && r <= 32 && p >= 1 && p <= 16)) return false;
  const expected = Buffer.from(parts[5], 'base64url');
  const key = await scrypt(password, Buffer.from(parts[4], 'base64url'), expected.length, { N: n, r, p, maxmem: 256 * 1024 * 1024 });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export const newPassword = () => randomBytes(18).toString('base64url');

// ---- topic rules ------------------------------------------------------------------------------------------------

const SP = 'spBv1.0';
const NODE_TYPES = new Set(['NBIRTH', 'NDEATH', 'NDATA']);
const DEVICE_TYPES = new Set(['DBIRTH', 'DDEATH', 'DDATA']);
const level = (allowed: string, actual: string) => allowed === '+' || allowed === actual;
/** In a subscription filter an edge login with `+` may use `+` there itself; a concrete one only its own id. */
const filterLevel = (allowed: string, actual: string) => (allowed === '+' ? actual !== '#' : allowed === actual);

/**
 * May this client publish here? An edge node: its own node's NBIRTH/NDEATH/NDATA, its devices' DBIRTH/DDEATH/
 * DDATA, and the JSON format's `gb/v1/<group>/<device>` with the node id as device code. Never NCMD, DCMD or
 * STATE: only the platform commands nodes and speaks for the host.
 */
export function mayPublish(who: MqttPrincipal, topic: string): boolean {
  if (who.kind === 'platform') return true;
  const t = topic.split('/');
  if (t.some((x) => x === '' || x.includes('+') || x.includes('#'))) return false;
  if (t[0] === SP && t.length === 4 && NODE_TYPES.has(t[2])) return level(who.group, t[1]) && level(who.node, t[3]);
  if (t[0] === SP && t.length === 5 && DEVICE_TYPES.has(t[2])) return level(who.group, t[1]) && level(who.node, t[3]);
  if (t[0] === 'gb' && t[1] === 'v1' && t.length === 4) return level(who.group, t[2]) && level(who.node, t[3]);
  return false;
}

/** May this client subscribe to this filter? An edge node: its own NCMD and DCMDs, and host STATE; nothing else. */
export function maySubscribe(who: MqttPrincipal, filter: string): boolean {
  if (who.kind === 'platform') return true;
  const f = filter.split('/');
  if (f[0] !== SP) return false;
  if (f.length === 3 && f[1] === 'STATE') return f[2] !== '#';
  if (f.length === 4 && f[2] === 'NCMD') return filterLevel(who.group, f[1]) && filterLevel(who.node, f[3]);
  if (f.length === 5 && f[2] === 'DCMD') return filterLevel(who.group, f[1]) && filterLevel(who.node, f[3]);
  return false;
}
