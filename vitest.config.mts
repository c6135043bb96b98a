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
    // Test files in one worker share its module cache: loading the engine, ts-morph and the CLI's modules once per
    // worker instead of once per file took the run's module loading from ~55 s to ~15 s (of CPU, over 83 files).
    // Nothing in the sources keeps state that one test file could leave for the next (caches are keyed by the
    // host and options objects each test makes); a test that replaces a module resets the cache around it.
    isolate: false,
    // One temporary folder per run, removed afterwards (test/support/temp-root.ts).
    globalSetup: ['test/support/temp-root.ts'],
  },
});
