// A page as a team's browser tests would set it up: msw's worker with front-contacts' handlers, then the
// app's own fetch calls. Each scenario's outcome, and what the handlers saw, go to `window.scenarios`.

import { setupWorker } from 'msw/browser';
import { frontMigrationHandlers, FrontMigrationModel, withContactRedirects, type MigrationEffect } from './front-testing';

interface Seen {
  method: string;
  url: string;
  status: number;
  effect: MigrationEffect;
}

interface Outcome {
  status: number;
  redirected: boolean;
  url: string;
  body: unknown;
  seen: Seen[];
  error?: string;
}

declare global {
  interface Window {
    /** Record<string, Outcome>, or { failed } when the page could not run (read by msw-worker.test.ts). */
    scenarios?: unknown;
  }
}

const AUTH = { Authorization: 'Bearer tok_browser', 'Content-Type': 'application/json' };
const model = new FrontMigrationModel({ migrated: { crd_old: 'crd_new' }, contacts: ['crd_new'] });
let seen: Seen[] = [];
// The three lines of the README's "test before the migration", with msw's browser worker.
const worker = setupWorker(
  ...frontMigrationHandlers({
    migrated: {},
    model,
    // What the handlers answered, and what the migration did (a 401 "missing" means Authorization was dropped).
    onRequest: (e) => seen.push(e),
  }),
);

async function scenario(run: () => Promise<Response>): Promise<Outcome> {
  seen = [];
  try {
    const res = await run();
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, redirected: res.redirected, url: res.url, body, seen };
  } catch (e) {
    return { status: 0, redirected: false, url: '', body: null, seen, error: String(e) };
  }
}

async function main(): Promise<void> {
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'error', quiet: true });
  const results: Record<string, Outcome> = {};
  results.getOnApi2 = await scenario(() => fetch('https://api2.frontapp.com/contacts/crd_old', { headers: AUTH }));
  results.getOnApi = await scenario(() => fetch('https://api.frontapp.com/contacts/crd_old', { headers: AUTH }));
  results.postNote = await scenario(() =>
    fetch('https://api2.frontapp.com/contacts/crd_old/notes', { method: 'POST', headers: AUTH, body: JSON.stringify({ body: 'plain fetch' }) }),
  );
  const notesAfterPlainFetch = model.notes.length;
  results.postNoteThroughHelper = await scenario(() =>
    withContactRedirects(fetch)('https://api2.frontapp.com/contacts/crd_old/notes', { method: 'POST', headers: AUTH, body: JSON.stringify({ body: 'through the helper' }) }),
  );
  results.notes = { status: notesAfterPlainFetch, redirected: false, url: '', body: model.notes.map((n) => ({ contactId: n.contactId, body: n.body })), seen: [] };
  window.scenarios = results;
}

main().catch((e) => {
  window.scenarios = { failed: String(e?.stack ?? e) };
});
