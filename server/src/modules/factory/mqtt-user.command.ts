import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ModuleCommand } from '../../platform/module';
import type { FactoryConfig } from './config';
import { type EdgeUser, formatUserLine, hashPassword, newPassword, parseUsersFile, RESERVED_USERS, UsersFileError } from './ingest/broker-auth';

const USAGE = 'mqtt-user add <name> --group G --node N | mqtt-user remove <name> | mqtt-user list   (edits MQTT_USERS_FILE, or --file F)';

/**
 * `gearbridge mqtt-user`: the edge nodes' logins of the embedded broker, one line each in MQTT_USERS_FILE
 * (`name:scrypt-hash:group/node`). `add` makes up a password and prints it once; the broker reads the file again
 * at the next sign-in, so a running server needs no restart.
 */
export const mqttUserCommand: ModuleCommand = {
  usage: 'edge node logins of the embedded MQTT broker: add <name> --group G --node N | remove <name> | list',
  async run(args, env) {
    const c = env.moduleConfig as FactoryConfig;
    const options = { group: { type: 'string' }, node: { type: 'string' }, file: { type: 'string' } } as const;
    let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof options }>>;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options });
    } catch (err) {
      return env.fail(`${(err as Error).message}\nusage: gearbridge ${USAGE}`, 2);
    }
    const { values, positionals } = parsed;
    const [action, name] = positionals;
    const file = values.file ?? c.mqttUsersFile;
    if (!file) return env.fail('set MQTT_USERS_FILE (the file the server reads edge logins from) or pass --file', 2);
    let users: Map<string, EdgeUser>;
    try {
      users = existsSync(file) ? parseUsersFile(readFileSync(file, 'utf8'), file) : new Map();
    } catch (err) {
      if (err instanceof UsersFileError) return env.fail(err.message, 2);
      throw err;
    }
    const save = () => {
      const text = `# Gearbridge MQTT edge logins (gearbridge mqtt-user): name:scrypt-hash:group/node\n${[...users.values()].map((u) => `${formatUserLine(u)}\n`).join('')}`;
      // Written whole and renamed into place: the broker never reads half a file.
      writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    };
    switch (action) {
      case 'add': {
        const { group, node } = values;
        if (!name || !group || !node) return env.fail(`usage: gearbridge ${USAGE}`, 2);
        if (RESERVED_USERS.has(name)) return env.fail(`"${name}" is the platform's own login; choose another name`, 2);
        const password = newPassword();
        const user = { username: name, hash: await hashPassword(password), group, node };
        try {
          // Checked as the broker will read it (name, group and node rules).
          parseUsersFile(formatUserLine(user), file);
        } catch (err) {
          return env.fail((err as Error).message.replace(`${file} line 1: `, ''), 2);
        }
        const replaced = users.has(name);
        users.set(name, user);
        save();
        env.stdout.write(
          `${replaced ? 'new password for' : 'added'} ${name} (publishes as Sparkplug group ${group}, node ${node}) in ${file}\n` +
            `password: ${password}\n(shown once; give it to the edge node as its MQTT username ${name} and password)\n`,
        );
        return undefined;
      }
      case 'remove': {
        if (!name) return env.fail(`usage: gearbridge ${USAGE}`, 2);
        if (!users.delete(name)) return env.fail(`no login "${name}" in ${file}`, 1);
        save();
        env.stdout.write(`removed ${name} from ${file} (a connection already open stays until it reconnects; restart the server to end it now)\n`);
        return undefined;
      }
      case 'list': {
        for (const u of users.values()) env.stdout.write(`${u.username}\t${u.group}/${u.node}\n`);
        if (!users.size) env.stdout.write(`no edge logins in ${file}\n`);
        return undefined;
      }
      default:
        return env.fail(`usage: gearbridge ${USAGE}`, 2);
    }
  },
};
