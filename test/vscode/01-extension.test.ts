import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, EXTENSION_ID, eventually, extensionApi, open, type Api } from './helpers';

describe('extension (real VS Code extension host)', () => {
  after(closeAll);

  it('is not active before a JS/TS file opens, and activates on one (onLanguage)', async () => {
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    // Nothing is open yet in this fresh window: a `*`/onStartupFinished activation would show here.
    assert.strictEqual(ext.isActive, false, 'activated before any JavaScript/TypeScript file was opened');
    await open('app', 'src/clean.ts');
    await eventually(() => assert.ok(ext.isActive), 'activation by onLanguage:typescript');
    console.log(`    activation took ${ext.exports.activationMs} ms (VS Code ${vscode.version}, ${vscode.env.appHost})`);
  });

  it('contributes and registers both workspace commands', async () => {
    await extensionApi();
    const all = await vscode.commands.getCommands(true);
    for (const id of ['frontContacts.scanWorkspace', 'frontContacts.fixAllInWorkspace']) assert.ok(all.includes(id), `${id} registered`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const titles = (ext.packageJSON.contributes.commands as { command: string; title: string; category: string }[]).map(
      (c) => `${c.category}: ${c.title}`,
    );
    assert.deepStrictEqual(titles.sort(), ['Front Contacts: Fix All in Workspace', 'Front Contacts: Scan Workspace']);
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
