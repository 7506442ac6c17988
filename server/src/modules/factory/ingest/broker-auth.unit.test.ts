import { describe, expect, it } from 'vitest';
import { derivedLogin, formatUserLine, hashPassword, mayPublish, maySubscribe, parseUsersFile, UsersFileError, verifyPassword, type MqttPrincipal } from './broker-auth';

const node: MqttPrincipal = { kind: 'edge', group: 'qijiang-gear', node: 'line-6' };
const gateway: MqttPrincipal = { kind: 'edge', group: 'qijiang-gear', node: '+' };

describe('topic rules of an edge login', () => {
  it('publishes its own node and devices, and the JSON topic of its own code; nothing else', () => {
    for (const t of ['NBIRTH', 'NDEATH', 'NDATA']) expect(mayPublish(node, `spBv1.0/qijiang-gear/${t}/line-6`), t).toBe(true);
    for (const t of ['DBIRTH', 'DDEATH', 'DDATA']) expect(mayPublish(node, `spBv1.0/qijiang-gear/${t}/line-6/L6-CNC02`), t).toBe(true);
    expect(mayPublish(node, 'gb/v1/qijiang-gear/line-6')).toBe(true);
    for (const t of [
      'spBv1.0/qijiang-gear/NDATA/line-7',
      'spBv1.0/other/NDATA/line-6',
      'spBv1.0/qijiang-gear/NCMD/line-6',
      'spBv1.0/qijiang-gear/DCMD/line-6/L6-CNC02',
      'spBv1.0/STATE/gearbridge',
      'spBv1.0/qijiang-gear/NDATA/line-6/extra',
      'spBv1.0/qijiang-gear/DDATA/line-6',
      'gb/v1/qijiang-gear/L1-LSR01',
      'gb/v1/qijiang-gear/line-6/x',
      '$SYS/anything',
    ])
      expect(mayPublish(node, t), t).toBe(false);
  });

  it('"+" as node: a gateway speaks for every node of its group, still without commands', () => {
    expect(mayPublish(gateway, 'spBv1.0/qijiang-gear/NDATA/line-7')).toBe(true);
    expect(mayPublish(gateway, 'spBv1.0/other/NDATA/line-7')).toBe(false);
    expect(mayPublish(gateway, 'spBv1.0/qijiang-gear/NCMD/line-7')).toBe(false);
    expect(maySubscribe(gateway, 'spBv1.0/qijiang-gear/NCMD/+')).toBe(true);
    expect(maySubscribe(node, 'spBv1.0/qijiang-gear/NCMD/+')).toBe(false);
  });

  it('subscribes to its own commands and host STATE only', () => {
    expect(maySubscribe(node, 'spBv1.0/qijiang-gear/NCMD/line-6')).toBe(true);
    expect(maySubscribe(node, 'spBv1.0/qijiang-gear/DCMD/line-6/+')).toBe(true);
    expect(maySubscribe(node, 'spBv1.0/STATE/gearbridge')).toBe(true);
    for (const f of ['#', 'spBv1.0/#', 'spBv1.0/STATE/#', 'spBv1.0/qijiang-gear/NDATA/line-6', 'spBv1.0/+/NCMD/line-6', '$share/g/spBv1.0/#', 'gb/v1/#'])
      expect(maySubscribe(node, f), f).toBe(false);
  });

  it('lets the platform do anything', () => {
    expect(mayPublish({ kind: 'platform' }, 'spBv1.0/qijiang-gear/NCMD/line-6')).toBe(true);
    expect(maySubscribe({ kind: 'platform' }, '#')).toBe(true);
  });
});

describe('logins', () => {
  it('derives the platform logins from the secret: the same secret, the same password', () => {
    expect(derivedLogin('s'.repeat(32), 'gearbridge')).toEqual(derivedLogin('s'.repeat(32), 'gearbridge'));
    expect(derivedLogin('s'.repeat(32), 'gearbridge').password).not.toBe(derivedLogin('t'.repeat(32), 'gearbridge').password);
    expect(derivedLogin('s'.repeat(32), 'gearbridge').password).not.toBe(derivedLogin('s'.repeat(32), 'gearbridge-sim').password);
  });

  it('reads the users file it writes, and names the line of a bad one', async () => {
    const hash = await hashPassword('pw-1');
    const line = formatUserLine({ username: 'line-6', hash, group: 'qijiang-gear', node: 'line-6' });
    const users = parseUsersFile(`# comment\n\n${line}\n`);
    expect(users.get('line-6')).toEqual({ username: 'line-6', hash, group: 'qijiang-gear', node: 'line-6' });
    expect(await verifyPassword('pw-1', hash)).toBe(true);
    expect(await verifyPassword('pw-2', hash)).toBe(false);
    expect(() => parseUsersFile('line-6:nohash:g/n')).toThrow(UsersFileError);
    expect(() => parseUsersFile(`x\n${line.replace('line-6:', 'gearbridge:')}`)).toThrow('MQTT_USERS_FILE line 1: expected name:hash:group/node');
    expect(() => parseUsersFile(line.replace('line-6:', 'gearbridge:'))).toThrow(`"gearbridge" is the platform's own login`);
    expect(() => parseUsersFile(`${line}\n${line}`)).toThrow('MQTT_USERS_FILE line 2: "line-6" appears twice');
  });
});
