import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { closeAll, codeOf, diagnosticsFor, eventually, extensionApi, fileUri, folder, ours } from './helpers';

interface ScanSummary { files: number; filesWithFindings: number; findings: number; cancelled: boolean }

const TEAM_CALL = (name: string) => `export const ${name} = (teamId: string) => fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');\n`;
const codes = (uri: vscode.Uri) => ours(uri).map(codeOf);
const ONE = ['team-contacts-endpoint'];

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

async function scan(): Promise<ScanSummary> {
  const s = await vscode.commands.executeCommand<ScanSummary>('frontContacts.scanWorkspace');
  assert.strictEqual(s.cancelled, false, JSON.stringify(s));
  return s;
}

/**
 * Opens the file in an editor the way the explorer does (no openTextDocument reference: that one keeps the
 * document alive for minutes after its editor closes), and returns its document.
 */
async function openInEditor(uri: vscode.Uri): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand('vscode.open', uri, { preview: false });
  return eventually(() => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
    assert.ok(doc, `${vscode.workspace.asRelativePath(uri)} is open`);
    return doc;
  }, 'the document to open');
}

/** Waits until the extension has handled every event so far (debounced runs, file events). */
async function idle(): Promise<void> {
  await eventually(async () => assert.strictEqual((await extensionApi()).pending, 0), 'the extension to be idle', 30_000);
}

describe('files deleted, renamed, created and closed', () => {
  const dir = () => vscode.Uri.joinPath(folder('app').uri, 'src', 'zz-files');
  after(async () => {
    await closeAll();
    await vscode.workspace.fs.delete(dir(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('a scanned file deleted on disk (fs.unlinkSync, workspace.fs.delete) or renamed away leaves the Problems panel; others stay', async () => {
    const [unlinked, deleted, renamed, kept] = ['unlinked', 'deleted', 'renamed', 'kept'].map((n) => vscode.Uri.joinPath(dir(), `${n}.ts`));
    for (const [i, u] of [unlinked, deleted, renamed, kept].entries()) await write(u, TEAM_CALL(`list${i}`));
    await scan();
    for (const u of [unlinked, deleted, renamed, kept]) assert.deepStrictEqual(codes(u), ONE, `${u.path} scanned`);
    const notOpened = fileUri('app', 'src/notOpened.ts');
    assert.deepStrictEqual(codes(notOpened), ONE);

    fs.unlinkSync(unlinked.fsPath);
    await eventually(() => assert.deepStrictEqual(codes(unlinked), []), 'the unlinked file to leave the Problems panel', 30_000);
    await vscode.workspace.fs.delete(deleted, { useTrash: false });
    await eventually(() => assert.deepStrictEqual(codes(deleted), []), 'the deleted file to leave the Problems panel', 30_000);
    const renamedTo = vscode.Uri.joinPath(dir(), 'renamed.txt');
    await vscode.workspace.fs.rename(renamed, renamedTo);
    await eventually(() => assert.deepStrictEqual(codes(renamed), []), 'the renamed file to leave the Problems panel', 30_000);
    await idle();
    assert.deepStrictEqual(codes(renamedTo), [], 'a .txt file is not analysed');
    assert.deepStrictEqual(codes(kept), ONE, 'the file still on disk keeps its problem');
    assert.deepStrictEqual(codes(notOpened), ONE, 'files elsewhere keep theirs');
  });

  it('a file that imports a deleted file is checked again (the import now resolves elsewhere), and again when the file is back', async () => {
    // './consts' resolves to consts.ts (Front's host) before consts.js (another vendor's): deleting consts.ts
    // makes the same import name another vendor, so the finding goes; recreating it brings the finding back.
    const deps = vscode.Uri.joinPath(dir(), 'deps');
    const constsTs = vscode.Uri.joinPath(deps, 'consts.ts');
    const user = vscode.Uri.joinPath(deps, 'user.ts');
    const closedUser = vscode.Uri.joinPath(deps, 'closedUser.ts');
    const frontText = "export const API = 'https://api2.frontapp.com';\n";
    const userText = "import { API } from './consts';\n\nexport const list = (teamId: string) => fetch(`${API}/teams/${teamId}/contacts`);\n";
    await write(constsTs, frontText);
    await write(vscode.Uri.joinPath(deps, 'consts.js'), "export const API = 'https://api.example.com';\n");
    await write(user, userText);
    await write(closedUser, userText);
    await scan(); // closedUser.ts: a scan result for a file that is not open
    const doc = await openInEditor(user);
    const [d] = await diagnosticsFor(user, (ds) => assert.deepStrictEqual(ds.map(codeOf), ONE), 'the finding through the import');
    assert.strictEqual(d.range.start.line, 2);
    assert.deepStrictEqual(codes(closedUser), ONE);

    fs.unlinkSync(constsTs.fsPath);
    await diagnosticsFor(user, (ds) => assert.deepStrictEqual(ds, []), 'no finding once the import resolves to the other vendor');
    await diagnosticsFor(closedUser, (ds) => assert.deepStrictEqual(ds, []), 'the scanned importer re-checked from disk');
    assert.ok(!doc.isClosed && !doc.isDirty);

    // A new file: no analysis read it (it did not exist), so open documents are re-checked on any creation.
    await write(constsTs, frontText);
    await diagnosticsFor(user, (ds) => assert.deepStrictEqual(ds.map(codeOf), ONE), 'the finding back once consts.ts is back');
  });

  it('closing a file: problems of a file no scan reported go away; a scan result stays, for the text on disk, until the file is deleted', async () => {
    const openDuringScan = vscode.Uri.joinPath(dir(), 'close', 'openDuringScan.ts');
    const neverScanned = vscode.Uri.joinPath(dir(), 'close', 'neverScanned.ts');
    const deletedWhileOpen = vscode.Uri.joinPath(dir(), 'close', 'deletedWhileOpen.ts');
    await write(openDuringScan, TEAM_CALL('a'));
    await write(deletedWhileOpen, TEAM_CALL('c'));
    await closeAll();
    const scannedDoc = await openInEditor(openDuringScan);
    await diagnosticsFor(openDuringScan, (ds) => assert.deepStrictEqual(ds.map(codeOf), ONE));
    await scan();
    await write(neverScanned, TEAM_CALL('b'));
    const neverDoc = await openInEditor(neverScanned);
    await diagnosticsFor(neverScanned, (ds) => assert.deepStrictEqual(ds.map(codeOf), ONE));
    const deletedDoc = await openInEditor(deletedWhileOpen);
    await diagnosticsFor(deletedWhileOpen, (ds) => assert.deepStrictEqual(ds.map(codeOf), ONE));

    // Deleted on disk while its editor is open: the buffer is still there, and so are its problems.
    fs.unlinkSync(deletedWhileOpen.fsPath);
    await idle();
    assert.ok(!deletedDoc.isClosed);
    assert.deepStrictEqual(codes(deletedWhileOpen), ONE, 'the open buffer keeps its problems');

    const t0 = Date.now();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually(() => assert.ok(scannedDoc.isClosed && neverDoc.isClosed && deletedDoc.isClosed, 'documents closed'), 'the documents to close', 60_000);
    console.log(`      documents closed ${Date.now() - t0} ms after their editors`);
    await diagnosticsFor(neverScanned, (ds) => assert.deepStrictEqual(ds, []), 'no problems for a closed file no scan reported');
    await diagnosticsFor(deletedWhileOpen, (ds) => assert.deepStrictEqual(ds, []), 'no problems for a closed file that is gone');
    await idle();
    assert.deepStrictEqual(codes(openDuringScan), ONE, 'the scan result stays after its editor closed');

    await vscode.workspace.fs.delete(openDuringScan, { useTrash: false });
    await eventually(() => assert.deepStrictEqual(codes(openDuringScan), []), 'the scan result to go with the file', 30_000);
  });
});
