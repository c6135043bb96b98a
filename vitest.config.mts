import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/vscode/**', 'node_modules/**', 'test/browser/page/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is cores - 1 test files at a time: one on a 2-core machine, which leaves a core
    // idle whenever that file waits on a child process, a server, a browser or the disk. Two at a time
    // keeps both busy; the CPU time of the run is the same.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // One temporary folder per run, removed afterwards (test/support/temp-root.ts).
    globalSetup: ['test/support/temp-root.ts'],
  },
});
