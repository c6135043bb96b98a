import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, EXTENSION_ID, eventually, extensionApi, fileUri, ours, sleep, type Api } from './helpers';

/** The target (issue 15): first diagnostics at most 1.5 s after the file is shown, in a warm VS Code. */
const FIRST_DIAGNOSTICS_BUDGET_MS = Number(process.env.FC_FIRST_DIAGNOSTICS_BUDGET_MS || 1500);

/** Waits until ten 100 ms timers in a row fire less than 25 ms late (or 60 s); resolves with the time waited. */
async function hostQuiet(): Promise<number> {
  const t0 = performance.now();
  let calm = 0;
  while (calm < 10 && performance.now() - t0 < 60_000) {
    const s = performance.now();
    await sleep(100);
    calm = performance.now() - s - 100 < 25 ? calm + 1 : 0;
  }
  return Math.round(performance.now() - t0);
}

describe('extension (real VS Code extension host)', () => {
  after(closeAll);

  it('activates in a JS/TS project without analysing anything, and shows the first diagnostics within 1.5 s of a file being shown', async () => {
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    // The fixture folders have front-contacts.config.json / package.json at their roots (workspaceContains): the
    // extension activates with the window and starts its engine worker, but analyses nothing until a file opens.
    await eventually(() => assert.ok(ext.isActive), 'activation by workspaceContains', 60_000);
    assert.strictEqual(ext.exports.runCount, 0, 'no analysis before a file is open');
    // "Warm VS Code": the window has finished starting (the extension host's event loop is quiet) before the user
    // opens a file. Startup itself, on this shared machine, takes many seconds and is not ours to measure.
    const quietAfter = await hostQuiet();
    assert.strictEqual(ext.exports.runCount, 0, 'still no analysis');
    const opening = performance.now();
    const doc = await vscode.workspace.openTextDocument(fileUri('app', 'src/teams.ts'));
    await vscode.window.showTextDocument(doc, { preview: false });
    const shown = performance.now();
    await eventually(() => assert.strictEqual(ours(doc.uri).length, 1), 'the first diagnostics', 60_000);
    const firstMs = Math.round(performance.now() - shown);
    const api = ext.exports as Api & { engineLoadMs?: number };
    // fromOpenMs: from the open request (before VS Code loaded and showed the file) to the diagnostics.
    const figures = { firstDiagnosticsMs: firstMs, fromOpenMs: Math.round(performance.now() - opening), activationMs: api.activationMs, engineLoadMs: Math.round(api.engineLoadMs ?? -1), hostQuietAfterMs: quietAfter, vscode: vscode.version, appHost: vscode.env.appHost, loadavg: os.loadavg().map((l) => +l.toFixed(1)), cpus: os.cpus().length };
    console.log(`    first diagnostics ${firstMs} ms after the file was shown: ${JSON.stringify(figures)}`);
    // Recorded for the README's figure (test-results/ is next to .vscode-test/, where this suite runs from).
    const results = path.join(__dirname, '..', '..', 'test-results');
    fs.mkdirSync(results, { recursive: true });
    fs.writeFileSync(path.join(results, 'first-diagnostics.json'), JSON.stringify(figures, null, 2) + '\n');
    assert.ok(firstMs <= FIRST_DIAGNOSTICS_BUDGET_MS, `first diagnostics after ${firstMs} ms (budget ${FIRST_DIAGNOSTICS_BUDGET_MS} ms)`);
  });

  it('contributes and registers both workspace commands', async () => {
    await extensionApi();
    const all = await vscode.commands.getCommands(true);
    for (const id of ['frontContacts.scanWorkspace', 'frontContacts.fixAllInWorkspace', 'frontContacts.showOutput']) assert.ok(all.includes(id), `${id} registered`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const hidden = new Set((ext.packageJSON.contributes.menus.commandPalette as { command: string; when: string }[]).filter((m) => m.when === 'false').map((m) => m.command));
    const titles = (ext.packageJSON.contributes.commands as { command: string; title: string; category: string }[])
      .filter((c) => !hidden.has(c.command))
      .map((c) => `${c.category}: ${c.title}`);
    assert.deepStrictEqual(titles.sort(), ['Front Contacts: Fix All in Workspace', 'Front Contacts: Scan Workspace', 'Front Contacts: Show Output']);
  });

  it('declares its settings with defaults VS Code reads', () => {
    const c = vscode.workspace.getConfiguration('frontContacts');
    assert.strictEqual(c.get('enable'), true);
    assert.strictEqual(c.get('run'), 'onType');
    assert.deepStrictEqual(c.get('frontBaseUrls'), []);
    assert.deepStrictEqual(c.get('rules'), {});
  });

  it('runs in untrusted and virtual workspaces as declared', () => {
    const caps = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.capabilities;
    assert.strictEqual(caps.untrustedWorkspaces.supported, true);
    assert.strictEqual(caps.virtualWorkspaces.supported, 'limited');
  });

  it('sees the multi-root workspace', () => {
    assert.deepStrictEqual(vscode.workspace.workspaceFolders?.map((f) => f.name), ['app', 'other']);
  });
});
