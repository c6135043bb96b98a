// First step of action.yml: makes bin/front-contacts.js of the action's own checkout runnable. GitHub
// downloads the action's repository (its source, no dist/) into github.action_path; this installs the CLI's
// production dependencies from package-lock.json (`npm ci --omit=dev`, about 40 MB, not the 500 MB of dev
// tooling: VS Code test hosts, SARIF validator, benchmarks) and builds dist/ with the esbuild version the
// lockfile pins, installed next to it in the runner's temporary folder. A checkout that is already built (a
// self-hosted runner's cache, a local run) is left as it is.
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { annotate, runnerTemp, runStep, setOutput } from './lib/github.mjs';
import { ACTION_ROOT, CLI_BIN, runChecked } from './lib/commands.mjs';

const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

/** The esbuild version package-lock.json resolves, so the action builds what the tests built. */
function lockedVersion(root, name) {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`package-lock.json does not pin ${name}`);
  return version;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

await runStep(async () => {
  const [major] = process.versions.node.split('.').map(Number);
  if (major < 20) {
    annotate('error', `front-contacts needs Node.js 20 or newer, this runner has ${process.version}: set the action's node-version input`);
    return 1;
  }
  const root = ACTION_ROOT;
  const built = existsSync(path.join(root, 'dist', 'cli.js')) && existsSync(path.join(root, 'node_modules', 'ts-morph'));
  if (!built) {
    // npm ci empties node_modules: through a link, that would be another checkout's.
    if (lstatSync(path.join(root, 'node_modules'), { throwIfNoEntry: false })?.isSymbolicLink()) {
      annotate('error', `${path.join(root, 'node_modules')} is a symbolic link: not installing through it`);
      return 1;
    }
    // --ignore-scripts: `prepare` would build with dev dependencies this install leaves out.
    await runChecked(npm, ['ci', '--omit=dev', '--ignore-scripts', ...NPM_QUIET], { cwd: root });
    const tools = path.join(runnerTemp(), 'front-contacts-build-tools');
    mkdirSync(tools, { recursive: true });
    await runChecked(npm, ['install', '--prefix', tools, '--no-save', '--no-package-lock', ...NPM_QUIET, `esbuild@${lockedVersion(root, 'esbuild')}`], { cwd: tools });
    // scripts/build.mjs imports 'esbuild' from the action's node_modules: link it in (its binary resolves
    // from the link's real path, in the tools folder).
    const link = path.join(root, 'node_modules', 'esbuild');
    rmSync(link, { recursive: true, force: true });
    symlinkSync(path.join(tools, 'node_modules', 'esbuild'), link, 'junction');
    await runChecked(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root });
  }
  const version = (await runChecked(process.execPath, [CLI_BIN, '--version'], { quiet: true })).stdout.trim();
  process.stdout.write(`front-contacts ${version} ${built ? '(already built)' : 'installed'} in ${root}\n`);
  setOutput('version', version);
  return 0;
});
