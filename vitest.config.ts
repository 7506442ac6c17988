import { defineConfig } from 'vitest/config';

// Unit tests are pure; integration tests each open their own database (PGlite in memory, or a fresh
// PostgreSQL database when DATABASE_URL is set), so files may run in parallel.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/src/**/*.unit.test.ts', 'sim/src/**/*.unit.test.ts', 'plant/src/**/*.unit.test.ts', 'contracts/src/**/*.test.ts', 'web/src/**/*.unit.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          // The demo is migrated and seeded once per run into a template each file copies (server/src/test/harness.ts).
          globalSetup: ['server/src/test/template.global.ts'],
          include: ['server/src/**/*.int.test.ts', 'sim/src/**/*.int.test.ts', 'bench/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
