#!/usr/bin/env node
// The standard route: @vscode/test-electron downloads VS Code (it cannot here: no access to Microsoft's
// servers) and runs the same mocha suite in its extension host. Offline, `npm run test:vscode` runs the
// suite in code-server instead (scripts/vscode-host/). Usage, after `npm run build` and
// `node scripts/vscode-host/build-tests.mjs`:  node test/vscode/run-electron.js
// Env: VSCODE_VERSION (default "stable"), FC_TEST_GREP (mocha grep). On a headless Linux CI run it
// under xvfb-run.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

async function main() {
  const root = path.resolve(__dirname, '..', '..');
  const extensionTestsPath = path.join(root, '.vscode-test', 'suite', 'index.js');
  if (!fs.existsSync(extensionTestsPath) || !fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
    console.error('build first: npm run build && node scripts/vscode-host/build-tests.mjs');
    return 2;
  }
  // The suite edits, fixes and saves files: it gets a fresh copy of the fixture workspace.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-electron-'));
  fs.cpSync(path.join(__dirname, 'workspace'), work, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [
        path.join(work, 'front-contacts.code-workspace'),
        '--disable-extensions', // other installed extensions stay out; built-in ones still load
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir', path.join(work, '.user-data'),
      ],
      extensionTestsEnv: process.env.FC_TEST_GREP ? { FC_TEST_GREP: process.env.FC_TEST_GREP } : undefined,
    });
    return 0;
  } catch (e) {
    console.error('extension tests failed:', e && e.message ? e.message : e);
    return 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
