import type { DbHandle } from './db';
import type { MigrationPlan } from './db/migrate';
import { pm, type Msg } from './errors';

/** One thing readiness depends on: the database, the migrations, a module's broker connection, … */
export interface ReadinessCheck {
  /** Stable and short: `database`, `migrations`, `factory.broker`, `factory.ingest_lag`. */
  name: string;
  ok: boolean;
  /** Why it is not ready, as a message key of the platform's or the module's catalogue. */
  reason?: Msg;
  /** Numbers an operator reads (a lag, a count). Never personal data, versions or addresses. */
  details?: Record<string, number | boolean>;
}

export interface Readiness {
  ready: boolean;
  checks: ReadinessCheck[];
}

/** A check that takes longer than this is not ready: a probe must answer while the database hangs. */
export const CHECK_TIMEOUT_MS = 3_000;

/** Runs a check; a throw or a hang becomes a failed check with `reason`. */
export async function bounded(name: string, reason: Msg, run: () => Promise<ReadinessCheck[]>, timeoutMs = CHECK_TIMEOUT_MS): Promise<ReadinessCheck[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ReadinessCheck[]>((resolve) => {
    timer = setTimeout(() => resolve([{ name, ok: false, reason }]), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([run().catch(() => [{ name, ok: false, reason }]), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The database answers and holds every migration of this code. The expected names are computed once, at start,
 * from the plan (no migration file is read per probe); a probe reads schema_migrations' names (one small query).
 */
export function databaseReadiness<D>(handle: DbHandle<D>, plan: MigrationPlan): () => Promise<ReadinessCheck[]> {
  const expected = plan.migrations.map((m) => m.name);
  const renames = plan.renames;
  return () =>
    bounded('database', pm('platform.health.database_unreachable'), () =>
      handle.session(async (q) => {
        const started = performance.now();
        // No schema_migrations at all: reachable, nothing migrated (42P01, undefined_table).
        const rows = await q<{ name: string }>('select name from schema_migrations').catch((err) => {
          if ((err as { code?: string }).code === '42P01') return [];
          throw err;
        });
        const ms = Math.round(performance.now() - started);
        const done = new Set(rows.map((r) => renames.get(r.name) ?? r.name));
        const pending = expected.filter((n) => !done.has(n)).length;
        const checks: ReadinessCheck[] = [
          { name: 'database', ok: true, details: { ms } },
          pending
            ? { name: 'migrations', ok: false, reason: pm('platform.health.migrations_pending', { count: pending }), details: { pending } }
            : { name: 'migrations', ok: true, details: { pending: 0 } },
        ];
        return checks;
      }),
    );
}

/** Every source's checks together; ready when each one is. Concurrent probes share one run. */
export function readinessOf(sources: () => Array<() => Promise<ReadinessCheck[]>>): () => Promise<Readiness> {
  let running: Promise<Readiness> | null = null;
  return () =>
    (running ??= (async () => {
      try {
        const checks = (await Promise.all(sources().map((s) => s()))).flat();
        return { ready: checks.every((c) => c.ok), checks };
      } finally {
        running = null;
      }
    })());
}
