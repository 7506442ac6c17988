#!/usr/bin/env node
// Builds the web app when web/dist is missing or older than any source file, so `npm start` on a fresh clone
// serves the real app and a second start does not rebuild.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'web/dist/index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(path.join(root, 'web')), newest(path.join(root, 'contracts/src')));
if (existsSync(built) && statSync(built).mtimeMs >= sources) process.exit(0);
process.stdout.write('Building the web app (first start, or its sources changed)… ');
const t0 = Date.now();
// Warnings and errors only: the list of chunks is for `npm run build`, not for a start.
execSync('npm run -s build -w web -- --logLevel warn', { cwd: root, stdio: 'inherit' });
console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
