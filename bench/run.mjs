#!/usr/bin/env node
// `npm run bench -- <name> [options]`: each benchmark prints progress lines, then one JSON line of results last
// (see README, Performance). Benchmarks are TypeScript, run through tsx's loader in a process of their own.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = {
  ingest: 'ingest/main.ts',
  match: 'match/main.ts',
  api: 'api/main.ts',
  trace: 'trace/main.ts',
};
const [name, ...rest] = process.argv.slice(2);
if (!name || !benches[name]) {
  console.error(`usage: npm run bench -- <name> [options]; available: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(benches[name], import.meta.url)), ...rest], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
