/**
 * Test projects: `unit` (pure functions, no database) runs first and in parallel; `cypher` and `api`
 * share one real Neo4j (started by test/setup/neo4j.ts unless one is given) and run one file at a
 * time, one project after the other, because some of their tests look at the whole database. `e2e`
 * drives the built web app in Chromium against its own Neo4j loaded with the demo data (test/e2e/setup.ts).
 */
import { defineConfig } from 'vitest/config';

const DB_SETUP = './test/setup/neo4j.ts';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'cypher',
          include: ['test/cypher/**/*.test.ts'],
          globalSetup: [DB_SETUP],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          globalSetup: [DB_SETUP],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['./test/e2e/setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 900_000,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
