import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { Logger } from '../../../platform/logger';
import { derivedLogin, mayPublish, maySubscribe, PLATFORM_USER, SIMULATOR_USER, UsersFile, verifyPassword, type EdgeUser, type MqttLogin, type MqttPrincipal } from './broker-auth';

export class BrokerPortError extends Error {}

export interface EmbeddedBrokerOptions {
  port: number;
  /** MQTT_HOST: the address to listen on (default loopback). */
  host: string;
  /** GEARBRIDGE_SECRET: the platform's and the simulator's logins are derived from it. */
  secret: string;
  /** MQTT_USERS_FILE: the edge nodes' logins, each bound to its Sparkplug group and node. */
  usersFile?: string;
  log?: Logger;
}

export interface EmbeddedBroker {
  port: number;
  /** The address it listens on, as the socket reports it. */
  address: string;
  /** The server's ingest (reads everything; publishes STATE and NCMD). */
  platform: MqttLogin;
  /** The plant simulator: an edge login for any group and node. */
  simulator: MqttLogin;
  close(): Promise<void>;
}

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
/**
 * One warning per refusal, up to 30 a minute: someone hammering the port must not flood the log. What is over is
 * counted and said in one line when the next minute's first refusal is logged.
 */
function refusalLog(log: Logger | undefined, perMinute = 30) {
  let minute = 0;
  let logged = 0;
  let skipped = 0;
  return (fields: Record<string, unknown>, msg: string) => {
    if (!log) return;
    const now = Math.floor(Date.now() / 60_000);
    if (now !== minute) {
      if (skipped) log.warn({ skipped }, `MQTT refusals not logged one by one in the last minute: ${skipped}`);
      minute = now;
      logged = 0;
      skipped = 0;
    }
    if (logged++ < perMinute) log.warn(fields, msg);
    else skipped++;
  };
}

const refused = (returnCode: 4 | 5, message: string): AuthenticateError => Object.assign(new Error(message), { returnCode });
const principals = new WeakMap<Client, MqttPrincipal>();

/**
 * The embedded MQTT broker of `npm start` (Aedes, in memory): real devices and mosquitto_pub can connect to it on
 * MQTT_HOST:MQTT_PORT. Its sessions live as long as the process; production uses a real broker via MQTT_URL.
 *
 * Every client signs in: the platform's own clients with logins derived from the secret, edge nodes with a login
 * from MQTT_USERS_FILE. An edge login publishes only under its own group and node and reads only the commands
 * addressed to it (broker-auth.ts): an anonymous or foreign client can neither read the plant nor forge an alarm,
 * a device or a rebirth command.
 */
export async function startEmbeddedBroker(o: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const platform = derivedLogin(o.secret, PLATFORM_USER);
  const simulator = derivedLogin(o.secret, SIMULATOR_USER);
  const users = o.usersFile ? new UsersFile(o.usersFile) : null;
  if (users) users.users(); // a missing or malformed file stops the start, not the first device's sign-in
  // Client ids the platform signed in with (the ingest's persistent session among them): sessions live as long as
  // this process, so an edge login may never take one over and read what the broker keeps for the ingest.
  const platformIds = new Set<string>();
  const warn = refusalLog(o.log);
  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const pw = password?.toString('utf8') ?? '';
      const deny = (why: string) => {
        warn({ clientId: client.id, username: username ?? null }, `MQTT sign-in refused: ${why}`);
        done(refused(username ? 4 : 5, why), false);
      };
      if (!username) return deny('no username');
      // The platform's client ids are its own: an edge login taking one would end the ingest's session.
      if (username !== PLATFORM_USER && username !== SIMULATOR_USER && (platformIds.has(client.id) || client.id.toLowerCase().startsWith('gearbridge')))
        return deny('client id reserved for the platform');
      if (username === PLATFORM_USER || username === SIMULATOR_USER) {
        const login = username === PLATFORM_USER ? platform : simulator;
        if (!safeEqual(pw, login.password)) return deny('wrong password');
        if (username === PLATFORM_USER) platformIds.add(client.id);
        principals.set(client, username === PLATFORM_USER ? { kind: 'platform' } : { kind: 'edge', group: '+', node: '+' });
        return done(null, true);
      }
      let user: EdgeUser | undefined;
      try {
        user = users?.users().get(username);
      } catch (err) {
        return deny(`MQTT_USERS_FILE unreadable: ${(err as Error).message}`);
      }
      if (!user) return deny('unknown user');
      verifyPassword(pw, user.hash).then(
        (ok) => {
          if (!ok) return deny('wrong password');
          principals.set(client, { kind: 'edge', group: user.group, node: user.node });
          done(null, true);
        },
        (err: Error) => deny(err.message),
      );
    },
    authorizePublish(client, packet, done) {
      const who = client && principals.get(client);
      if (who && mayPublish(who, packet.topic)) return done(null);
      warn({ clientId: client?.id, topic: packet.topic }, 'MQTT publish refused: not this login’s topic');
      done(new Error(`not allowed to publish to ${packet.topic}`));
    },
    authorizeSubscribe(client, sub, done) {
      const who = principals.get(client);
      if (who && maySubscribe(who, sub.topic)) return done(null, sub);
      warn({ clientId: client.id, topic: sub.topic }, 'MQTT subscription refused: not this login’s topic');
      // null: the SUBACK says 0x80 (refused) for this filter, the connection stays.
      done(null, null);
    },
  });
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      broker.close();
      reject(
        err.code === 'EADDRINUSE'
          ? new BrokerPortError(`MQTT port ${o.port} is already in use: set MQTT_PORT to a free port, or MQTT_URL to use the broker that is listening there`)
          : err,
      );
    });
    server.listen(o.port, o.host, () => resolve());
  });
  const addr = server.address() as { port: number; address: string };
  return {
    port: addr.port,
    address: addr.address,
    platform,
    simulator,
    close: () =>
      new Promise<void>((resolve) => {
        broker.close(() => server.close(() => resolve()));
      }),
  };
}
