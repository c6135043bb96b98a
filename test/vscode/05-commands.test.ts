import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, codeOf, diagnosticsFor, fileUri, ours, sleep } from './helpers';

interface ScanSummary { files: number; filesWithFindings: number; findings: number; cancelled: boolean }
interface FixSummary { files: number; fixedFiles: number; fixes: number; applied: boolean; cancelled: boolean }

async function textOf(folderName: 'app' | 'other', rel: string): Promise<string> {
  return (await vscode.workspace.openTextDocument(fileUri(folderName, rel))).getText();
}

describe('workspace commands', () => {
  after(closeAll);

  it('Scan Workspace reports files that are not open in the Problems panel, per folder config', async () => {
    await closeAll();
    const summary = await vscode.commands.executeCommand<ScanSummary>('frontContacts.scanWorkspace');
    // app: 10 files (src/ignored/ is ignored by its config); other: 1 file.
    assert.strictEqual(summary.files, 11, JSON.stringify(summary));
    assert.strictEqual(summary.cancelled, false);
    const notOpened = await diagnosticsFor(fileUri('app', 'src/notOpened.ts'), (ds) => assert.deepStrictEqual(ds.map(codeOf), ['team-contacts-endpoint']));
    assert.strictEqual(notOpened[0].severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(notOpened[0].range.start.line, 2);
    const other = ours(fileUri('other', 'src/teams.js'));
    assert.deepStrictEqual(other.map((d) => d.severity), [vscode.DiagnosticSeverity.Warning]);
    assert.deepStrictEqual(ours(fileUri('app', 'src/ignored/generated.ts')), []);
    assert.deepStrictEqual(ours(fileUri('app', 'src/clean.ts')), []);
    const total = vscode.languages.getDiagnostics().reduce((n, [, ds]) => n + ds.filter((d) => d.source === 'front-contacts').length, 0);
    assert.strictEqual(total, summary.findings, 'every finding counted in the summary is in the Problems panel');
  });

  it('Fix All in Workspace shows one WorkspaceEdit for confirmation and applies it when accepted', async () => {
    const pending = vscode.commands.executeCommand<FixSummary>('frontContacts.fixAllInWorkspace');
    let settled: FixSummary | undefined;
    void pending.then((s) => (settled = s));
    // The edit needs confirmation: VS Code opens the Refactor Preview. Accept it like a user would.
    // Check the one category that holds every file (changes needing confirmation start unchecked) and apply.
    for (let i = 0; i < 60 && !settled; i++) {
      await sleep(1000);
      if (settled) break;
      for (const id of ['refactorPreview.groupByType', 'list.focusFirst', 'refactorPreview.toggleCheckedState', 'refactorPreview.apply'])
        await vscode.commands.executeCommand(id).then(undefined, (e) => console.log(`      ${id}: ${e}`));
    }
    const summary = await pending;
    assert.strictEqual(summary.applied, true, JSON.stringify(summary));
    assert.ok(summary.fixedFiles >= 5, JSON.stringify(summary));
    for (const [f, rel] of [['app', 'src/teams.ts'], ['app', 'src/notOpened.ts'], ['app', 'src/twoEndpoints.ts'], ['app', 'src/proxy.ts'], ['other', 'src/teams.js']] as const) {
      const text = await textOf(f, rel);
      assert.ok(!text.includes('/teams/'), `${f}/${rel} fixed:\n${text}`);
      assert.ok(text.includes("/contacts'") || text.includes('/contacts`'), `${f}/${rel} keeps the rest of the URL:\n${text}`);
    }
    assert.ok((await textOf('app', 'src/ignored/generated.ts')).includes('/teams/'), 'ignored file untouched');
    assert.ok((await textOf('app', 'src/redirect.ts')).includes("redirect: 'manual'"), 'suggestions are not applied by fix-all');
  });

  it('Fix All in Workspace changes nothing when nothing is left to fix', async () => {
    const summary = await vscode.commands.executeCommand<FixSummary>('frontContacts.fixAllInWorkspace');
    assert.strictEqual(summary.fixedFiles, 0, JSON.stringify(summary));
    assert.strictEqual(summary.applied, false);
  });
});
