import type { Logger } from '../platform/logger';
import { ONE_SHOT, runCli } from './run';

/**
 * The `gearbridge` process (server/bin/gearbridge.mjs): runs the command (run.ts) on this process's environment and
 * output, then exits with its code, or — for a command that keeps running — stops it on SIGINT/SIGTERM.
 */

/**
 * Runs `stop` once on the first SIGINT or SIGTERM, then exits 0 with "stopped cleanly". A second signal, a failed
 * stop, or `timeoutS` passing (SHUTDOWN_TIMEOUT_S) exits 1 at once, with a line saying so.
 */
function stopOnSignal(log: Logger, stop: () => Promise<void>, timeoutS: number) {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) {
      log.error({ signal }, 'second signal during shutdown: exiting without finishing it');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, timeoutS }, 'shutting down: draining HTTP requests and live feeds, then background work');
    setTimeout(() => {
      log.error({ timeoutS }, 'shutdown did not finish in time (SHUTDOWN_TIMEOUT_S): exiting');
      process.exit(1);
    }, timeoutS * 1000).unref();
    stop().then(
      () => {
        log.info('stopped cleanly');
        process.exit(0);
      },
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}

const argv = process.argv.slice(2);
const outcome = await runCli(argv, { env: process.env, stdout: process.stdout, stderr: process.stderr });
if (outcome.running) stopOnSignal(outcome.running.log, () => outcome.running.stop(), outcome.running.timeoutS);
// A one-shot command exits even with PGlite's timer left behind (run.ts, ONE_SHOT); help and a module's command that
// printed its answer end on their own.
else if (outcome.code !== 0 || ONE_SHOT.has(argv[0] ?? '')) process.exit(outcome.code);
