#!/usr/bin/env node
'use strict';
// Thin launcher: builds dist/ on first use (a fresh `npm ci` does not run our build), then runs the CLI.
const { existsSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { execFileSync } = require('node:child_process');
const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  try {
    execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (e) {
    process.stderr.write(`front-contacts: could not build the CLI (${e.message})\n`);
    process.exit(2);
  }
}
// This process is a run of the CLI: it may tune its own heap (src/cli/young-generation.ts).
globalThis[Symbol.for('front-contacts.launched')] = true;
// git lists the files on the other core while this process loads the bundle (src/project/git-prefetch.ts).
const prefetch = join(__dirname, '..', 'dist', 'git-prefetch.js');
if (existsSync(prefetch)) require(prefetch).prefetchGitListings(process.argv.slice(2), process.cwd());
// The bundle through V8's code cache (src/cli/code-cache.ts): its functions are not compiled again on every run.
let cliModule;
const loader = join(__dirname, '..', 'dist', 'code-cache.js');
if (existsSync(loader)) {
  const { codeCacheFolder, requireWithCodeCache } = require(loader);
  const loaded = requireWithCodeCache(cli, codeCacheFolder(dirname(cli)), 'cli');
  cliModule = loaded.exports;
  if (typeof cliModule.setLoadInfo === 'function') cliModule.setLoadInfo(loaded);
} else cliModule = require(cli);
cliModule.main(process.argv.slice(2)).then(
  (code) => exitOnceWritten(code),
  (err) => { process.stderr.write(`front-contacts: internal error: ${err && err.stack || err}\n`); exitOnceWritten(2); },
);

// Every command has finished its work when main() settles. Left to end by itself, Node would then tear down the
// engine's heap (tens of MB), 40-80 ms after the last line is printed; process.exit() skips that (it still runs the
// 'exit' handlers, which write the code cache). Output queued on a pipe would be cut off, so it waits until stdout
// and stderr have taken everything written so far. Should a stream never call back, the process ends as before.
function exitOnceWritten(code) {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
