import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, spawnCli } from '../../test/cli';
import { parseUsersFile, verifyPassword } from './ingest/broker-auth';

// `gearbridge mqtt-user` writing the file the embedded broker reads: run in this process (cli/run.ts, what the
// process runs), and once as a real CLI process for its exit code and stderr.
let dir: string;
let file: string;

const env = (extra: NodeJS.ProcessEnv = {}) => ({
  PATH: process.env.PATH,
  DATA_DIR: dir,
  GEARBRIDGE_SECRET: 'mqtt-user-test-secret-0123456789abcdef',
  LOG_LEVEL: 'silent',
  MQTT_USERS_FILE: file,
  ...extra,
});
const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => cli(env(extra), ['mqtt-user', ...args]);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gb-mqtt-user-'));
  file = path.join(dir, 'mqtt-users');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gearbridge mqtt-user', { timeout: 120_000 }, () => {
  it('adds a login with a made-up password shown once, lists it, replaces its password, removes it', async () => {
    const added = await run(['add', 'line-6', '--group', 'qijiang-gear', '--node', 'line-6']);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    const password = /password: (\S+)/.exec(added.out)![1];
    expect(password.length).toBeGreaterThanOrEqual(20);
    // Only a hash is stored, readable by the server's user alone.
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const user = parseUsersFile(text).get('line-6')!;
    expect(user).toMatchObject({ group: 'qijiang-gear', node: 'line-6' });
    expect(await verifyPassword(password, user.hash)).toBe(true);

    expect((await run(['list'])).out).toBe('line-6\tqijiang-gear/line-6\n');
    const again = await run(['add', 'line-6', '--group', 'qijiang-gear', '--node', 'line-6']);
    expect(again.out).toContain('new password for line-6');
    expect(await verifyPassword(password, parseUsersFile(readFileSync(file, 'utf8')).get('line-6')!.hash)).toBe(false);

    expect((await run(['remove', 'line-6'])).code).toBe(0);
    expect((await run(['list'])).out).toContain('no edge logins');
  });

  it('refuses the platform’s own names, bad ids, a missing file setting and unknown actions', async () => {
    // A real process: exit code 2, one line on stderr.
    const reserved = await spawnCli(env(), ['mqtt-user', 'add', 'gearbridge', '--group', 'g', '--node', 'n']);
    expect([reserved.code, reserved.err.trim()]).toEqual([2, `gearbridge: "gearbridge" is the platform's own login; choose another name`]);
    expect(await run(['add', 'gearbridge', '--group', 'g', '--node', 'n'])).toMatchObject({ code: 2, out: '' });
    expect((await run(['add', 'x', '--group', 'a/b', '--node', 'n'])).code).toBe(2);
    expect((await run(['add', 'x', '--group', 'g'])).code).toBe(2);
    expect((await run(['list'], { MQTT_USERS_FILE: '' })).err).toContain('set MQTT_USERS_FILE');
    expect((await run(['remove', 'nobody'])).code).toBe(1);
    expect((await run(['frob'])).code).toBe(2);
  });
});
