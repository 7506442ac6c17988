// The helper thread of parallel-lists.ts. The engine is TypeScript, run through tsx's loader as the CLI does
// (server/bin/gearbridge.mjs): registered here, in the thread, before importing it.
import { register } from 'tsx/esm/api';

register();
await import('./lists-thread.ts');
