import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite is one process's database: a second process opening the same data directory reads a stale copy and
 * whatever it writes is lost or corrupts the files. A lock file in DATA_DIR, created exclusively, keeps the
 * directory to one process; a lock left by a process that is no longer alive (killed, machine restarted) is stale
 * and taken over.
 */
export const LOCK_FILE = 'gearbridge.lock';

/** Raised when another live process holds the data directory; its message is for the operator, one line. */
export class DatabaseInUseError extends Error {}

interface LockInfo {
  pid: number;
  startedAt: string;
  command: string;
}

/** Data directories this process holds (a second open in the same process is refused the same way). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    return Number.isInteger(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock of a PGlite data directory; returns its release (idempotent, also run at process exit).
 * Throws DatabaseInUseError naming the holder when another live process holds it.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const key = path.resolve(file);
  if (held.has(key)) throw new DatabaseInUseError(`the database in ${dataDir} is already open in this process`);
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
      const info = readLock(file);
      // Our own pid in a lock we do not hold is a previous run's (a container restarts with the same pid).
      if (info && info.pid !== process.pid && alive(info.pid)) {
        throw new DatabaseInUseError(
          `the database in ${dataDir} is in use by another Gearbridge process (pid ${info.pid}, "gearbridge ${info.command}", since ${info.startedAt}): ` +
            'PGlite allows one process at a time. Stop that process first (or, to run commands beside a running server, use PostgreSQL: DATABASE_URL)',
        );
      }
      // Stale (or unreadable: a process killed between create and write): remove it and try again.
      try {
        unlinkSync(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      continue;
    }
    const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), command: process.argv.slice(2).join(' ') || 'node' };
    const text = JSON.stringify(info);
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    held.add(key);
    const release = () => {
      if (!held.delete(key)) return;
      process.off('exit', release);
      // Only our own lock is removed: never one another process took over meanwhile.
      if (readLock(file)?.pid === process.pid) {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      }
    };
    process.on('exit', release);
    return release;
  }
}
