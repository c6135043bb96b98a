// Runs an extensionTestsPath module INSIDE code-server's real Node.js extension host, driven by
// headless Chromium, and resolves with the tests' exit code (the workbench reports it through
// window.codeAutomationExit when started with a ?payload= and the smoke-test driver).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { launchChromium } from './server.mjs';

const NOISE = /open-vsx\.org|^\[(ChatModelSelection|AgentHost|AccountPolicyGate|Service Worker|reconnection-grace-time)|^(Resolv|Creating a socket|Updating additional builtin|Timed out waiting for authentication provider)/;

/**
 * @param {{ server: string, workspace: string, extensionDevelopmentPath: string, extensionTestsPath: string, timeoutMs?: number }} o
 *   workspace: a folder or a .code-workspace file (multi-root).
 */
export async function runExtensionTests(o) {
  const t0 = Date.now();
  const u = new URL(o.server);
  const remote = (p) => `vscode-remote://${u.host}${resolve(p)}`;
  const payload = [
    ['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)],
    ['extensionTestsPath', remote(o.extensionTestsPath)],
    ['skipWelcome', 'true'],
  ];
  const target = o.workspace.endsWith('.code-workspace') ? 'workspace' : 'folder';
  const url = `${o.server.replace(/\/$/, '')}/?${target}=${encodeURIComponent(resolve(o.workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  // Chromium's own home and temp folders, removed with the browser (o.state: the server's state folder).
  const browserState = mkdtempSync(join(o.state ?? tmpdir(), 'chromium-'));
  const browser = await launchChromium(chromium, browserState);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let done;
    const finished = new Promise((r) => (done = r));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (process.env.EXT_TEST_VERBOSE || !NOISE.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => done(code));
    if (process.env.EXT_TEST_VERBOSE) page.on('console', (m) => console.log('[page]', m.text().slice(0, 300)));
    // The first page load compiles the workbench; on a loaded machine that can take minutes.
    await page.goto(url, { timeout: 180_000 });
    const timer = setTimeout(() => done('timeout'), o.timeoutMs ?? Number(process.env.EXT_TEST_TIMEOUT_MS || 900000));
    const code = await finished;
    clearTimeout(timer);
    console.log(`extension tests finished: exit code ${code} in ${Date.now() - t0} ms`);
    return code === 'timeout' ? 124 : Number(code);
  } finally {
    await browser.close();
    rmSync(browserState, { recursive: true, force: true });
  }
}
