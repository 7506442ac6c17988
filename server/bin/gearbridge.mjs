#!/usr/bin/env node
// The gearbridge command. TypeScript runs through tsx's loader: no build step between editing and running.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
