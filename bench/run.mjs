#!/usr/bin/env node
// `npm run bench -- <name>`: each benchmark prints one JSON line of results last (see README, Performance).
// The ingest benchmark arrives with the factory module (issue #3), match with labour cooperation (issue #4).
const benches = {};
const name = process.argv[2];
if (!name || !benches[name]) {
  console.error(`usage: npm run bench -- <name>; available: ${Object.keys(benches).join(', ') || 'none yet (ingest: issue #3, match: issue #4)'}`);
  process.exit(2);
}
await benches[name]();
