#!/usr/bin/env node
// `npm test`: every check in order, stopping at the first that fails, with the time of each stage.
//   node scripts/test.mjs            all stages
//   node scripts/test.mjs vitest e2e only the named stages (`vitest` is unit + integration)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = (...args) => ['npx', '--no-install', ...args];

/**
 * name → its commands, run in order (the stage fails at the first that fails). Each runs from the repository root with
 * the environment of `npm test`. lint: Biome's linter (a warning fails too; each diagnostic names its rule) and its
 * formatter check; boundaries: the import rules of .dependency-cruiser.cjs (a violation prints `error <rule>: from → to`).
 */
const STAGES = [
  ['lint', [npx('biome', 'lint', '--error-on-warnings', '.'), npx('biome', 'format', '.')]],
  ['boundaries', [npx('depcruise', 'server', 'web/src', 'contracts', 'sim', 'bench', 'plant', '--config', '.dependency-cruiser.cjs')]],
  ['typecheck', [['npm', 'run', '--silent', 'typecheck']]],
  // Two vitest runs: the unit tests are pure (no database, no environment), so a run against another database may
  // leave them out (.ci/run's PostgreSQL pass); the integration project is the one DATABASE_URL changes.
  ['unit', [npx('vitest', 'run', '--project', 'unit')]],
  ['integration', [npx('vitest', 'run', '--project', 'integration')]],
  ['web-build', [['node', 'scripts/ensure-web-build.mjs']]],
  ['e2e', [['node', 'e2e/run.mjs']]],
];

const ALIASES = { vitest: ['unit', 'integration'] };
const wanted = process.argv.slice(2).flatMap((w) => ALIASES[w] ?? [w]);
const unknown = wanted.filter((w) => !STAGES.some(([n]) => n === w));
if (unknown.length) {
  console.error(`test: unknown stage ${unknown.join(', ')}; stages: ${STAGES.map(([n]) => n).join(', ')} (vitest: unit and integration)`);
  process.exit(2);
}
const times = [];
const started = Date.now();
let failed = null;
for (const [name, commands] of STAGES) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n== test: ${name}`);
  const t0 = Date.now();
  let ok = true;
  for (const [cmd, ...args] of commands) {
    if (commands.length > 1) console.log(`== test: ${name}: ${[cmd, ...args].join(' ')}`);
    ok = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status === 0;
    if (!ok) break;
  }
  const s = (Date.now() - t0) / 1000;
  times.push(`${name} ${s.toFixed(0)} s`);
  console.log(`== test: ${name} ${ok ? 'passed' : 'FAILED'} in ${s.toFixed(1)} s`);
  if (!ok) {
    failed = name;
    break;
  }
}
console.log(`\n== test: ${failed ? `FAILED at ${failed}` : 'passed'} in ${((Date.now() - started) / 1000).toFixed(0)} s (${times.join(', ')})`);
process.exit(failed ? 1 : 0);
