// front-contacts/testing in the browser: the msw handlers under msw 2's service worker (setupWorker), in
// headless Chromium, on a page served from 127.0.0.1. The page (page/app.ts, bundled here with esbuild) runs a
// few fetch calls the way an app would; the assertions read what the browser got and what the handlers saw.
//
// Needs Chromium: CHROMIUM=<path>, else /usr/bin/chromium (scripts/vscode-host/setup.sh installs it). Without
// it the test skips and says why; FRONT_CONTACTS_REQUIRE_BROWSER=1 (CI, after that setup) makes it fail instead.

import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const REQUIRED = process.env.FRONT_CONTACTS_REQUIRE_BROWSER === '1';
const missing = existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (set CHROMIUM, or run scripts/vscode-host/setup.sh, which installs it)`;
// The flags the VS Code UI check uses (no sandbox: tests run as root in containers).
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Seen {
  method: string;
  url: string;
  status: number;
  effect: { kind: string; reason?: string; oldId?: string; newId?: string; location?: string };
}
interface Outcome {
  status: number;
  redirected: boolean;
  url: string;
  body: unknown;
  seen: Seen[];
  error?: string;
}

let server: Server | undefined;
let browser: Browser | undefined;
let scenarios: Record<string, Outcome> = {};

/** Serves the page, its bundle and msw's service worker script (as `npx msw init` would copy it) on 127.0.0.1. */
async function servePage(bundle: string): Promise<string> {
  const files: Record<string, { type: string; body: string | Buffer }> = {
    '/': { type: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>front-contacts msw</title><script type="module" src="/app.js"></script>' },
    '/app.js': { type: 'text/javascript', body: bundle },
    '/mockServiceWorker.js': { type: 'text/javascript', body: readFileSync(join(ROOT, 'node_modules', 'msw', 'lib', 'mockServiceWorker.js')) },
  };
  server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

beforeAll(async () => {
  if (missing) return;
  const bundled = await build({
    entryPoints: [join(__dirname, 'page', 'app.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome110',
    write: false,
    logLevel: 'error',
    absWorkingDir: ROOT,
  });
  const url = await servePage(bundled.outputFiles[0]!.text);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const logs: string[] = [];
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.scenarios !== undefined, undefined, { timeout: 30_000 }).catch(() => undefined);
  const result = (await page.evaluate(() => window.scenarios)) as Record<string, Outcome> | { failed: string } | undefined;
  if (!result || 'failed' in result) throw new Error(`the page did not finish: ${result ? (result as { failed: string }).failed : 'no result'}\n${logs.join('\n')}`);
  scenarios = result;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

declare global {
  interface Window {
    scenarios?: unknown;
  }
}

describe('front-contacts/testing with msw 2 in the browser (setupWorker, headless Chromium)', () => {
  it('Chromium is there to run the browser tests', (ctx) => {
    if (missing && !REQUIRED) return ctx.skip(missing);
    expect(missing).toBeUndefined();
  });

  it('a GET of a migrated contact on api2 answers 301 → Location on api.frontapp.com; the browser follows it and drops Authorization → 401', (ctx) => {
    if (missing) return ctx.skip(missing);
    const r = scenarios.getOnApi2!;
    expect(r.seen.map((s) => [s.method, s.url, s.status])).toEqual([
      ['GET', 'https://api2.frontapp.com/contacts/crd_old', 301],
      ['GET', 'https://api.frontapp.com/contacts/crd_new', 401],
    ]);
    expect(r.seen[0]!.effect).toEqual({ kind: 'moved', oldId: 'crd_old', newId: 'crd_new', location: 'https://api.frontapp.com/contacts/crd_new' });
    expect(r.seen[1]!.effect).toEqual({ kind: 'unauthorized', reason: 'missing' });
    expect(r).toMatchObject({ status: 401, redirected: true, url: 'https://api.frontapp.com/contacts/crd_new' });
  });

  it('on api.frontapp.com itself the followed GET keeps Authorization and ends at the new contact', (ctx) => {
    if (missing) return ctx.skip(missing);
    const r = scenarios.getOnApi!;
    expect(r.seen.map((s) => [s.url, s.status])).toEqual([
      ['https://api.frontapp.com/contacts/crd_old', 301],
      ['https://api.frontapp.com/contacts/crd_new', 200],
    ]);
    expect(r).toMatchObject({ status: 200, redirected: true, url: 'https://api.frontapp.com/contacts/crd_new', body: { id: 'crd_new' } });
  });

  it('a plain fetch POST of a note to a migrated contact loses the note: the browser re-sends it as a GET without Authorization', (ctx) => {
    if (missing) return ctx.skip(missing);
    const r = scenarios.postNote!;
    expect(r.seen.map((s) => [s.method, s.url, s.status])).toEqual([
      ['POST', 'https://api2.frontapp.com/contacts/crd_old/notes', 301],
      ['GET', 'https://api.frontapp.com/contacts/crd_new/notes', 401],
    ]);
    expect(scenarios.notes!.status).toBe(0); // notes stored after the plain fetch
  });

  it("the runtime helper's re-issue succeeds: withContactRedirects(fetch) POSTs the note to the new id on api2, with Authorization", (ctx) => {
    if (missing) return ctx.skip(missing);
    const r = scenarios.postNoteThroughHelper!;
    expect(r.status).toBe(201);
    // Browsers hide a manual redirect's Location: the helper learns the new id from a GET of the contact
    // itself, then sends the same POST to the original origin with the new id.
    expect(r.seen.map((s) => [s.method, s.url, s.status])).toEqual([
      ['POST', 'https://api2.frontapp.com/contacts/crd_old/notes', 301],
      ['GET', 'https://api2.frontapp.com/contacts/crd_old', 301],
      ['GET', 'https://api.frontapp.com/contacts/crd_new', 401],
      ['POST', 'https://api2.frontapp.com/contacts/crd_new/notes', 201],
    ]);
    expect(scenarios.notes!.body).toEqual([{ contactId: 'crd_new', body: { body: 'through the helper' } }]);
  });
});
