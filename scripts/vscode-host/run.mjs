// `npm run test:vscode` (after setup.sh): builds the extension and the mocha suite, runs the suite in
// code-server's real extension host on a fresh copy of test/vscode/workspace, then packages the .vsix,
// installs it into a second, clean code-server and runs the Playwright UI check in the workbench.
// Exits non-zero when any step fails. Flags: --no-ui (suite only), --ui-only.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExtensionTests } from './run-ext-tests.mjs';
import { CODE_SERVER, ROOT, startServer } from './server.mjs';

const args = new Set(process.argv.slice(2));
const timings = [];
async function step(name, fn) {
  const t0 = Date.now();
  console.log(`\n== ${name}`);
  try {
    return await fn();
  } finally {
    timings.push(`${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}
const node = (script, extraEnv = {}) => execFileSync(process.execPath, [join(ROOT, script)], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...extraEnv } });

if (!existsSync(CODE_SERVER)) {
  console.error(`code-server is not installed in ${CODE_SERVER}: run bash scripts/vscode-host/setup.sh first`);
  process.exit(3);
}

let failed = 0;
const work = mkdtempSync(join(tmpdir(), 'fc-vscode-work-'));
try {
  if (!args.has('--ui-only')) {
    await step('build extension + suite', () => {
      node('scripts/build.mjs');
      node('scripts/vscode-host/build-tests.mjs');
    });
    // The suite edits, fixes and saves files: it gets its own copy of the fixture workspace.
    const ws = join(work, 'workspace');
    cpSync(join(ROOT, 'test', 'vscode', 'workspace'), ws, { recursive: true });
    const code = await step('extension-host suite (code-server)', async () => {
      const server = await startServer();
      try {
        return await runExtensionTests({
          server: server.url,
          state: server.state,
          workspace: join(ws, 'front-contacts.code-workspace'),
          extensionDevelopmentPath: ROOT,
          extensionTestsPath: join(ROOT, '.vscode-test', 'suite', 'index.js'),
        });
      } finally {
        await server.stop();
      }
    });
    if (code !== 0) {
      console.error(`extension-host suite FAILED (exit ${code})`);
      failed++;
    }
  }
  if (!args.has('--no-ui')) {
    const code = await step('package .vsix + UI check (Playwright, real workbench)', async () => {
      const vsix = join(work, 'front-contacts.vsix');
      node('scripts/package-vsix.mjs', { VSIX_OUT: vsix });
      const app = existsSync(join(ROOT, 'examples', 'legacy-app')) && readdirSync(join(ROOT, 'examples', 'legacy-app')).length > 0
        ? join(ROOT, 'examples', 'legacy-app')
        : join(ROOT, 'test', 'vscode', 'workspace', 'app');
      const folder = join(work, 'ui-folder');
      cpSync(app, folder, { recursive: true });
      mkdirSync(join(ROOT, 'test-results'), { recursive: true });
      const { uiCheck } = await import('./ui-check.mjs');
      return uiCheck({ vsix, folder, screenshotDir: join(ROOT, 'test-results') });
    });
    if (code !== 0) {
      console.error(`UI check FAILED (exit ${code})`);
      failed++;
    }
  }
} catch (e) {
  console.error(e);
  failed++;
} finally {
  rmSync(work, { recursive: true, force: true });
  console.log(`\n${timings.join('\n')}`);
}
console.log(failed ? `test:vscode FAILED (${failed} step(s))` : 'test:vscode passed');
process.exit(failed ? 1 : 0);
