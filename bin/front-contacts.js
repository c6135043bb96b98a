#!/usr/bin/env node
'use strict';
// Thin launcher: builds dist/ on first use (a fresh `npm ci` does not run our build), then runs the CLI.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
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
require(cli).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`front-contacts: internal error: ${err && err.stack || err}\n`); process.exitCode = 2; },
);
