import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, codeActions, codeOf, diagnosticsFor, eventually, EXTENSION_ID, extensionApi, fetchedUrl, fileUri, folder, ours, sleep } from './helpers';

interface ScanSummary { files: number; analysed: number; filesWithFindings: number; findings: number; cancelled: boolean }
interface FixSummary { files: number; analysed: number; fixedFiles: number; fixes: number; applied: boolean; cancelled: boolean }

/** Source files the scan sees in the fixture workspace (app: 11, src/ignored/ is ignored by its config; other: 1). */
const FIXTURE_FILES = 12;
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

async function textOf(folderName: 'app' | 'other', rel: string): Promise<string> {
  return (await vscode.workspace.openTextDocument(fileUri(folderName, rel))).getText();
}

/** Every JS/TS file of the workspace with its bytes on disk, by URI string. */
async function snapshotDisk(): Promise<Map<string, Uint8Array>> {
  const uris = await vscode.workspace.findFiles('**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}', '**/node_modules/**');
  const out = new Map<string, Uint8Array>();
  for (const u of uris.sort((a, b) => a.toString().localeCompare(b.toString()))) out.set(u.toString(), await vscode.workspace.fs.readFile(u));
  return out;
}

const rel = (key: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(key));

/**
 * Runs Fix All in Workspace and answers the Refactor Preview it opens, like a user: `accept` presses Apply as the
 * preview shows it (every change checked: nothing to toggle first); otherwise Discard.
 */
async function fixAllThroughPreview(accept: boolean): Promise<FixSummary> {
  const PREVIEW = 'vscode-bulkeditpreview-editor';
  const olderSessions = new Set(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === PREVIEW).map((d) => d.uri.authority));
  const pending = vscode.commands.executeCommand<FixSummary>('frontContacts.fixAllInWorkspace');
  let settled: FixSummary | undefined;
  let failed = false;
  void pending.then((s) => (settled = s), () => (failed = true));
  if (accept) {
    // Wait until the preview shows checked changes (its documents hold each file with its checked changes applied;
    // VS Code refreshes only the last file's after a group is checked), then press Apply, nothing else: the
    // caller asserts that every fix was applied, i.e. that every change was checked.
    const shown = await eventually(async () => {
      const docs = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === PREVIEW && !olderSessions.has(d.uri.authority));
      assert.ok(docs.length > 0, 'the Refactor Preview is open');
      const differ: string[] = [];
      for (const d of docs) if (d.getText() !== decode(await vscode.workspace.fs.readFile(d.uri.with({ scheme: 'file', authority: '', query: '' })))) differ.push(d.uri.path);
      assert.ok(differ.length > 0, 'the preview shows changes checked');
      return differ;
    }, 'the Refactor Preview to show its changes checked', 50_000);
    console.log(`      the Refactor Preview shows checked changes (${shown.map((p) => p.split('/').pop()).join(', ')}); pressing Apply`);
  }
  const steps = accept ? ['refactorPreview.apply'] : ['refactorPreview.discard'];
  // The preview opens once the fixes are computed; until then these commands do nothing.
  for (let i = 0; i < 90 && !settled && !failed; i++) {
    await sleep(1000);
    if (settled || failed) break;
    for (const id of steps) await vscode.commands.executeCommand(id).then(undefined, (e) => console.log(`      ${id}: ${e}`));
  }
  return pending;
}

describe('workspace commands', () => {
  after(closeAll);

  it('Scan Workspace reports files that are not open in the Problems panel, per folder config', async () => {
    await closeAll();
    const summary = await vscode.commands.executeCommand<ScanSummary>('frontContacts.scanWorkspace');
    assert.strictEqual(summary.files, FIXTURE_FILES, JSON.stringify(summary));
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

  it('Scan Workspace reports exactly what `front-contacts check` reports, and does not analyse a file that cannot reach Front', async () => {
    await closeAll();
    const api = await extensionApi();
    await eventually(() => assert.strictEqual(api.pending, 0), 'the extension to be idle');
    const first = await vscode.commands.executeCommand<ScanSummary>('frontContacts.scanWorkspace');
    // The app's own contacts API: a contact URL, but nothing names Front, so it cannot get a finding.
    const own = fileUri('app', 'src/ownContacts.ts');
    await vscode.workspace.fs.writeFile(own, new TextEncoder().encode("export const getContact = (id: string) => fetch('/api/contacts/' + id);\n"));
    try {
      // The new file wakes the file watcher (open documents are re-checked): let that settle first.
      await sleep(1500);
      await eventually(() => assert.strictEqual(api.pending, 0), 'the extension to be idle');
      const runsBefore = api.runCount;
      const summary = await vscode.commands.executeCommand<ScanSummary>('frontContacts.scanWorkspace');
      assert.strictEqual(summary.cancelled, false, JSON.stringify(summary));
      assert.strictEqual(summary.files, first.files + 1, `the new file is checked: ${JSON.stringify(summary)}`);
      assert.strictEqual(summary.analysed, first.analysed, `but not analysed: ${JSON.stringify(summary)} vs ${JSON.stringify(first)}`);
      // Files still open (documents outlive their editors for a while) reuse their current analysis: no new run.
      assert.ok(api.runCount - runsBefore <= summary.analysed, `engine runs ${api.runCount - runsBefore}, at most one per analysed file (${summary.analysed})`);
      assert.deepStrictEqual(ours(own), []);

      // The CLI on each folder: the same problems (file, rule, line), and the same number of files analysed.
      const bin = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'bin', 'front-contacts.js');
      const cli: string[] = [];
      let cliSelected = 0;
      for (const name of ['app', 'other'] as const) {
        const root = folder(name).uri.fsPath;
        const r = spawnSync(process.execPath, [bin, 'check', '--format', 'json', '--debug', '.'], {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
        });
        assert.ok(r.status === 0 || r.status === 1, `check in ${name}: exit ${r.status}\n${r.stderr}`);
        for (const f of JSON.parse(r.stdout) as { filePath: string; findings: { ruleId: string; range: { start: { line: number } } }[] }[])
          for (const x of f.findings) cli.push(`${name}/${path.relative(root, f.filePath).split(path.sep).join('/')}:${x.ruleId}:${x.range.start.line}`);
        const m = /debug: (\d+) files?, (\d+) selected/.exec(r.stderr);
        assert.ok(m, r.stderr);
        cliSelected += Number(m[2]);
      }
      const ext: string[] = [];
      for (const [uri, ds] of vscode.languages.getDiagnostics()) {
        const f = vscode.workspace.getWorkspaceFolder(uri);
        for (const d of ds.filter((x) => x.source === 'front-contacts')) ext.push(`${f?.name}/${vscode.workspace.asRelativePath(uri, false)}:${codeOf(d)}:${d.range.start.line + 1}`);
      }
      assert.ok(cli.length >= 5, `the fixture has problems (earlier tests fix some): ${cli}`);
      assert.deepStrictEqual(ext.sort(), cli.sort());
      assert.strictEqual(summary.findings, cli.length);
      assert.strictEqual(summary.analysed, cliSelected, 'the scan analyses the files the CLI selects');
    } finally {
      await vscode.workspace.fs.delete(own, { useTrash: false });
    }
  });

  it('Scan Workspace stops early when cancelled (CancellationToken argument), and a later scan still completes', async () => {
    // A workspace big enough that the scan is still running when we cancel: N generated files, one finding each.
    const N = 400;
    const dir = vscode.Uri.joinPath(folder('app').uri, 'src', 'zz-generated-scan');
    const gen = Array.from({ length: N }, (_, i) => vscode.Uri.joinPath(dir, `team${String(i).padStart(3, '0')}.ts`));
    const t0 = Date.now();
    await Promise.all(
      gen.map((u, i) =>
        vscode.workspace.fs.writeFile(u, new TextEncoder().encode(`export const list${i} = (teamId: string) => fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');\n`)),
      ),
    );
    console.log(`      wrote ${N} files in ${Date.now() - t0} ms`);
    const reported = () => gen.filter((u) => ours(u).length > 0).map(String);
    try {
      assert.deepStrictEqual(reported(), [], 'no generated file is in the Problems panel before the scan');
      const cts = new vscode.CancellationTokenSource();
      const pending = vscode.commands.executeCommand<ScanSummary>('frontContacts.scanWorkspace', cts.token);
      let settled = false;
      void pending.then(() => (settled = true), () => (settled = true));
      // Cancel (like the notification's Cancel button) as soon as the scan has reported some generated files.
      let atCancel: string[] = [];
      await eventually(() => {
        atCancel = reported();
        assert.ok(atCancel.length >= 3 || settled, `${atCancel.length} generated files reported so far`);
        cts.cancel();
      }, 'the scan to report generated files', 60_000);
      const t1 = Date.now();
      const summary = await pending;
      console.log(`      cancelled after ${atCancel.length} generated files; scan returned ${Date.now() - t1} ms later: ${JSON.stringify(summary)}`);
      assert.strictEqual(summary.cancelled, true, JSON.stringify(summary));
      assert.ok(summary.files < FIXTURE_FILES + N, `the scan stopped early: ${JSON.stringify(summary)}`);
      const atReturn = reported();
      // The file being analysed when the token was cancelled may still finish; nothing after it starts.
      assert.ok(atReturn.length <= atCancel.length + 1, `${atReturn.length} files reported at return, ${atCancel.length} at the cancel`);
      assert.ok(atReturn.length < N, 'not every generated file was reported');
      await sleep(1500);
      assert.deepStrictEqual(reported(), atReturn, 'no diagnostics are added after the cancelled scan returned');

      const again = await vscode.commands.executeCommand<ScanSummary>('frontContacts.scanWorkspace');
      assert.strictEqual(again.cancelled, false, JSON.stringify(again));
      assert.strictEqual(again.files, FIXTURE_FILES + N, JSON.stringify(again));
      const missing = gen.filter((u) => ours(u).map(codeOf).join() !== 'team-contacts-endpoint');
      assert.deepStrictEqual(missing.map((u) => rel(u.toString())), [], 'after a full scan every generated file has its one problem');
    } finally {
      await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
    }
    // Deleting the folder takes its files' problems out of the Problems panel (one delete event, for the folder).
    await eventually(() => assert.deepStrictEqual(reported(), []), 'no generated file in the Problems panel after the folder is deleted', 30_000);
  });

  it('Fix All in Workspace stops when cancelled (CancellationToken argument) before its edit is applied: no file changes', async () => {
    const N = 300;
    const dir = vscode.Uri.joinPath(folder('app').uri, 'src', 'zz-generated-fix');
    const gen = Array.from({ length: N }, (_, i) => vscode.Uri.joinPath(dir, `team${String(i).padStart(3, '0')}.ts`));
    await Promise.all(
      gen.map((u, i) =>
        vscode.workspace.fs.writeFile(u, new TextEncoder().encode(`export const list${i} = (teamId: string) => fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');\n`)),
      ),
    );
    const api = (await extensionApi()) as Awaited<ReturnType<typeof extensionApi>> & { fixRuns: number };
    const before = await snapshotDisk();
    assert.strictEqual(before.size, FIXTURE_FILES + N + 1, 'fixtures, generated files and the ignored file are on disk');
    let pending: Thenable<FixSummary> | undefined;
    let settled = false;
    try {
      // A token cancelled before the command starts: no file is even read.
      const cancelled = new vscode.CancellationTokenSource();
      cancelled.cancel();
      const early = await vscode.commands.executeCommand<FixSummary>('frontContacts.fixAllInWorkspace', cancelled.token);
      assert.deepStrictEqual(early, { files: 0, analysed: 0, fixedFiles: 0, fixes: 0, applied: false, cancelled: true });

      // Cancelled while the fixes are computed (like the notification's Cancel button).
      const cts = new vscode.CancellationTokenSource();
      const runsBefore = api.fixRuns;
      pending = vscode.commands.executeCommand<FixSummary>('frontContacts.fixAllInWorkspace', cts.token);
      void pending.then(() => (settled = true), () => (settled = true));
      let atCancel = 0;
      await eventually(() => {
        atCancel = api.fixRuns - runsBefore;
        assert.ok(atCancel >= 3 || settled, `${atCancel} files fixed so far`);
        cts.cancel();
      }, 'Fix All to compute the fixes of a few files', 60_000);
      assert.ok(!settled, 'Fix All was still computing when cancelled');
      await eventually(() => assert.ok(settled), 'Fix All to return after the cancel', 30_000);
      const summary = await pending;
      console.log(`      cancelled after ${atCancel} files: ${JSON.stringify(summary)}`);
      assert.strictEqual(summary.cancelled, true, JSON.stringify(summary));
      assert.strictEqual(summary.applied, false, JSON.stringify(summary));
      // fixRuns counts the files sent to the engine (summary.analysed); summary.files also counts those left out by the selection.
      assert.ok(summary.analysed >= atCancel && summary.analysed <= atCancel + 1, `the file being fixed at the cancel may finish, no more: ${JSON.stringify(summary)}`);
      assert.strictEqual(api.fixRuns - runsBefore, summary.analysed, 'one engine run per file sent');
      assert.ok(summary.files < FIXTURE_FILES + N, `stopped early: ${JSON.stringify(summary)}`);

      const after = await snapshotDisk();
      assert.deepStrictEqual([...after.keys()], [...before.keys()]);
      for (const [key, bytes] of before) assert.ok(Buffer.from(after.get(key)!).equals(bytes), `${rel(key)} unchanged on disk`);
      const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => rel(d.uri.toString()));
      assert.deepStrictEqual(dirty, [], 'no buffer was changed');
    } finally {
      // Had the cancel come too late, the Refactor Preview would be waiting: discard it, then clean up.
      for (let i = 0; pending && !settled && i < 30; i++) {
        await vscode.commands.executeCommand('refactorPreview.discard').then(undefined, () => undefined);
        await sleep(1000);
      }
      await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
    }
  });

  it('Fix All in Workspace sends the engine only the files Scan Workspace selects: a contacts file that names no Front is never sent', async () => {
    await closeAll();
    const api = (await extensionApi()) as Awaited<ReturnType<typeof extensionApi>> & { fixRuns: number };
    await eventually(() => assert.strictEqual(api.pending, 0), 'the extension to be idle');
    const scanned = await vscode.commands.executeCommand<ScanSummary>('frontContacts.scanWorkspace');
    let runs = api.fixRuns;
    const first = await fixAllThroughPreview(false);
    assert.strictEqual(first.applied, false, JSON.stringify(first));
    assert.ok(first.fixedFiles >= 5, `the Front files have fixes: ${JSON.stringify(first)}`);
    assert.strictEqual(first.files, scanned.files, `the same files checked as the scan: ${JSON.stringify(first)} vs ${JSON.stringify(scanned)}`);
    assert.strictEqual(first.analysed, scanned.analysed, `the scan's selection is sent to the engine: ${JSON.stringify(first)} vs ${JSON.stringify(scanned)}`);
    assert.strictEqual(api.fixRuns - runs, first.analysed, 'one engine run per selected file, none for the others');

    // The app's own contacts API: a contact URL, but nothing names Front, so it has no fix to compute.
    const own = fileUri('app', 'src/ownContactsFix.ts');
    const ownText = "export const f = (id: string) => fetch('/api/contacts/' + id);\n";
    await vscode.workspace.fs.writeFile(own, new TextEncoder().encode(ownText));
    try {
      await sleep(1500);
      await eventually(() => assert.strictEqual(api.pending, 0), 'the extension to be idle');
      runs = api.fixRuns;
      const second = await fixAllThroughPreview(false);
      assert.strictEqual(second.files, first.files + 1, `the new file is checked: ${JSON.stringify(second)}`);
      assert.strictEqual(second.analysed, first.analysed, `but never sent to the engine: ${JSON.stringify(second)} vs ${JSON.stringify(first)}`);
      assert.strictEqual(api.fixRuns - runs, first.analysed, 'no engine run for the new file');
      assert.strictEqual(second.fixedFiles, first.fixedFiles, `the Front files get the same fixes: ${JSON.stringify(second)}`);
      assert.strictEqual(second.fixes, first.fixes, JSON.stringify(second));
      assert.strictEqual(decode(await vscode.workspace.fs.readFile(own)), ownText, 'the new file is untouched');
    } finally {
      await vscode.workspace.fs.delete(own, { useTrash: false });
    }
  });

  it('Fix All in Workspace shows its edit for confirmation: discarding the preview changes nothing', async () => {
    const before = await snapshotDisk();
    const summary = await fixAllThroughPreview(false);
    assert.strictEqual(summary.applied, false, JSON.stringify(summary));
    assert.ok(summary.fixedFiles >= 5, `there were fixes to preview: ${JSON.stringify(summary)}`);
    const after = await snapshotDisk();
    assert.deepStrictEqual([...after.keys()], [...before.keys()]);
    for (const [key, bytes] of before) assert.ok(Buffer.from(after.get(key)!).equals(bytes), `${rel(key)} unchanged on disk`);
    const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => rel(d.uri.toString()));
    assert.deepStrictEqual(dirty, [], 'no buffer was changed');
  });

  let original: Map<string, Uint8Array>;
  let fixed: Map<string, string>;

  it('Fix All in Workspace opens the Refactor Preview with every change checked: Apply alone applies one WorkspaceEdit with exactly the fixes of each file', async function () {
    this.timeout(180_000);
    original = await snapshotDisk();
    // What the fixes say, per file: the per-file "source.fixAll.frontContacts" action (same engine, computed on
    // each file alone), for every file except notOpened.ts, which stays unopened so fix-all reads it from disk.
    const expected = new Map<string, string>();
    const notOpened = fileUri('app', 'src/notOpened.ts').toString();
    for (const [key, bytes] of original) {
      const text = decode(bytes);
      if (key === notOpened) {
        const call = "fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts')";
        assert.ok(text.includes(call), text);
        expected.set(key, text.replace(call, "fetch('https://api2.frontapp.com/contacts')"));
        continue;
      }
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(key));
      assert.strictEqual(doc.getText(), text, `${rel(key)}: buffer = disk`);
      const [action] = await eventually(async () => {
        const api = await extensionApi();
        if (api.pending > 0) throw new Error('analysis pending');
        return codeActions(doc, new vscode.Range(0, 0, doc.lineCount, 0), 'source.fixAll.frontContacts');
      }, `fix-all action for ${rel(key)}`);
      let out = text;
      for (const [, edits] of action?.edit?.entries() ?? [])
        for (const e of [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start)))
          out = out.slice(0, doc.offsetAt(e.range.start)) + e.newText + out.slice(doc.offsetAt(e.range.end));
      expected.set(key, out);
    }
    const changing = [...expected].filter(([k, v]) => v !== decode(original.get(k)!)).map(([k]) => rel(k));
    console.log(`      files the fixes change: ${changing.join(', ')}`);

    const summary = await fixAllThroughPreview(true);
    assert.strictEqual(summary.applied, true, JSON.stringify(summary));
    assert.strictEqual(summary.fixedFiles, changing.length, `${JSON.stringify(summary)} vs ${changing}`);
    fixed = new Map();
    for (const [key, want] of expected) {
      const got = (await vscode.workspace.openTextDocument(vscode.Uri.parse(key))).getText();
      assert.strictEqual(got, want, `${rel(key)} has exactly its fixes`);
      fixed.set(key, got);
    }
    for (const [f, r] of [['app', 'src/teams.ts'], ['app', 'src/notOpened.ts'], ['app', 'src/proxy.ts'], ['other', 'src/teams.js']] as const) {
      const text = await textOf(f, r);
      assert.ok(!text.includes('/teams/'), `${f}/${r} fixed:\n${text}`);
      const line = text.split('\n').find((l) => l.includes('fetch('))!;
      assert.match(fetchedUrl(line), /^https:\/\/[^/]+\/contacts$/, line);
    }
    assert.ok((await textOf('app', 'src/ignored/generated.ts')).includes('/teams/'), 'ignored file untouched');
    assert.ok((await textOf('app', 'src/redirect.ts')).includes("redirect: 'manual'"), 'suggestions are not applied by fix-all');
  });

  it('Fix All in Workspace is one undo step: one undo restores every file byte-for-byte, one redo fixes them again', async () => {
    assert.ok(original && fixed, 'runs after the apply test');
    const changed = [...fixed].filter(([k, v]) => v !== decode(original.get(k)!)).map(([k]) => k);
    assert.ok(changed.length >= 5, `${changed.length} files changed`);
    const docs = await Promise.all([...original.keys()].map((k) => vscode.workspace.openTextDocument(vscode.Uri.parse(k))));
    const texts = () => docs.map((d) => [rel(d.uri.toString()), d.getText()]);
    const want = (m: Map<string, string | Uint8Array>) => docs.map((d) => { const v = m.get(d.uri.toString())!; return [rel(d.uri.toString()), typeof v === 'string' ? v : decode(v)]; });
    console.log(`      after apply: dirty ${docs.filter((d) => d.isDirty).length}, saved (files.refactoring.autoSave) ${docs.filter((d) => !d.isDirty).length}`);
    // Undo in the editor of one changed file undoes the whole multi-file edit (a workspace undo element).
    await vscode.window.showTextDocument(docs.find((d) => d.uri.toString() === changed[changed.length - 1])!);
    await vscode.commands.executeCommand('undo');
    await eventually(() => assert.deepStrictEqual(texts(), want(original)), 'every file back to its original text', 30_000);
    // Saved, the files are the original bytes again.
    for (const d of docs) if (d.isDirty) assert.ok(await d.save(), `${rel(d.uri.toString())} saved`);
    for (const [key, bytes] of original) assert.ok(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.parse(key))).equals(bytes), `${rel(key)}: original bytes on disk`);

    await vscode.commands.executeCommand('redo');
    await eventually(() => assert.deepStrictEqual(texts(), want(fixed)), 'every file fixed again after one redo', 30_000);
  });

  it('Fix All in Workspace changes nothing when nothing is left to fix', async () => {
    const summary = await vscode.commands.executeCommand<FixSummary>('frontContacts.fixAllInWorkspace');
    assert.strictEqual(summary.fixedFiles, 0, JSON.stringify(summary));
    assert.strictEqual(summary.applied, false);
  });
});
