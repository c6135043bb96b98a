import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, codeActions, codeOf, diagnosticsFor, fetchedUrl, open, setSetting, sleep } from './helpers';

async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `${action.title} has an edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `${action.title} applied`);
}

describe('quick fixes and fix-all', () => {
  afterEach(closeAll);

  it('offers the safe fix as the preferred quick fix and applying it rewrites to /contacts', async () => {
    const doc = await open('app', 'src/teams.ts');
    const [d] = await diagnosticsFor(doc.uri, (ds) => assert.strictEqual(ds.length, 1));
    const actions = await codeActions(doc, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.strictEqual(preferred.length, 1, `one preferred fix in ${JSON.stringify(titles)}`);
    // the label says what the fix does; one fixable problem in the file: no "Fix all" next to its own fix
    assert.strictEqual(preferred[0].title, 'Replace `/teams/${teamId}/contacts` with `/contacts`');
    assert.ok(!titles.some((t) => t.startsWith('Fix all')), JSON.stringify(titles));
    await apply(preferred[0]);
    const line = doc.lineAt(1).text;
    assert.ok(!line.includes('teamId') && !line.includes('/teams/'), line);
    assert.strictEqual(fetchedUrl(line), 'https://api2.frontapp.com/contacts', line);
    assert.ok(line.startsWith('  const res = await fetch(') && line.endsWith(');'), `the rest of the line is kept: ${line}`);
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds, []), 'no diagnostics after the fix');
  });

  it('offers suggestions (not preferred) for contact-redirect-disabled, and they remove the problem', async () => {
    const doc = await open('app', 'src/redirect.ts');
    const [d] = await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['contact-redirect-disabled']));
    const actions = await codeActions(doc, d.range, vscode.CodeActionKind.QuickFix.value);
    const suggestions = actions.filter((a) => a.edit && !a.title.startsWith('Fix all') && !a.title.startsWith('Show documentation'));
    assert.ok(suggestions.length >= 1, `suggestions offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(suggestions.every((a) => !a.isPreferred), 'a suggestion is never the preferred (auto) fix');
    assert.ok(!actions.some((a) => a.title.startsWith('Fix all contact-redirect-disabled')), 'no fix-all for a rule without safe fixes');
    const before = doc.getText();
    await apply(suggestions[0]);
    assert.notStrictEqual(doc.getText(), before);
    // api2.frontapp.com: following the 301 to api.frontapp.com would drop Authorization, so the first (and only)
    // suggestion routes the call through the runtime helper instead of removing the option
    assert.ok(doc.getText().includes('withContactRedirects(fetch)(') && doc.getText().includes("from 'front-contacts-runtime'"), `the first suggestion routes through the runtime helper:\n${doc.getText()}`);
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), []), 'problem gone after the suggestion');
  });

  it('the light bulb lists "Ignore <rule> for this line" and "… for this file"; ignoring the line removes the diagnostic', async () => {
    const doc = await open('app', 'src/teams.ts');
    const [d] = await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['team-contacts-endpoint']));
    const actions = await codeActions(doc, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const line = actions.find((a) => a.title === 'Ignore `team-contacts-endpoint` for this line');
    const file = actions.find((a) => a.title === 'Ignore `team-contacts-endpoint` for this file');
    assert.ok(line && file, JSON.stringify(titles));
    assert.ok(!line.isPreferred && !file.isPreferred, 'an ignore action is never the preferred fix');
    assert.ok(titles.indexOf(line.title) > titles.findIndex((t) => t.startsWith('Replace')), `the fix comes first: ${JSON.stringify(titles)}`);
    await apply(line);
    assert.strictEqual(doc.lineAt(1).text, '  // front-contacts-ignore-next-line team-contacts-endpoint', doc.getText());
    assert.ok(doc.lineAt(2).text.includes("/teams/' + teamId + '/contacts'"), `the code itself is unchanged: ${doc.lineAt(2).text}`);
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds, []), 'no diagnostics after ignoring the line');
  });

  it('"Ignore <rule> for this file" adds a file directive and removes every diagnostic of that rule', async () => {
    const doc = await open('app', 'src/twoEndpoints.ts');
    const ds = await diagnosticsFor(doc.uri, (x) => assert.deepStrictEqual(x.map(codeOf), ['team-contacts-endpoint', 'team-contacts-endpoint']));
    const actions = await codeActions(doc, ds[1].range, vscode.CodeActionKind.QuickFix.value);
    const file = actions.find((a) => a.title === 'Ignore `team-contacts-endpoint` for this file');
    assert.ok(file, JSON.stringify(actions.map((a) => a.title)));
    await apply(file);
    assert.strictEqual(doc.lineAt(0).text, '/* front-contacts-ignore-file team-contacts-endpoint */', doc.getText());
    await diagnosticsFor(doc.uri, (x) => assert.deepStrictEqual(x, []), 'no diagnostics after ignoring the rule in the file');
  });

  it('"Fix all team-contacts-endpoint problems in this file" fixes every occurrence in one edit', async () => {
    const doc = await open('app', 'src/twoEndpoints.ts');
    const ds = await diagnosticsFor(doc.uri, (x) => assert.deepStrictEqual(x.map(codeOf), ['team-contacts-endpoint', 'team-contacts-endpoint']));
    const actions = await codeActions(doc, ds[0].range, vscode.CodeActionKind.QuickFix.value);
    const fixAll = actions.find((a) => a.title === 'Fix all team-contacts-endpoint problems in this file');
    assert.ok(fixAll, JSON.stringify(actions.map((a) => a.title)));
    await apply(fixAll);
    const lines = doc.getText().split('\n');
    assert.strictEqual(lines.length, 5);
    assert.strictEqual(fetchedUrl(lines[1]), 'https://api2.frontapp.com/contacts', lines[1]);
    assert.strictEqual(fetchedUrl(lines[2]), 'https://api2.frontapp.com/contacts', lines[2]);
    assert.ok(lines[2].endsWith(", { method: 'POST', body: JSON.stringify(body) });"), `options kept: ${lines[2]}`);
    assert.ok(!doc.getText().includes('/teams/'));
    await vscode.commands.executeCommand('undo');
    assert.ok(doc.getText().includes('/teams/'), 'one undo restores the file');
  });

  it('provides source.fixAll.frontContacts, and editor.codeActionsOnSave applies it on save', async () => {
    const doc = await open('app', 'src/twoEndpoints.ts');
    await diagnosticsFor(doc.uri, (x) => assert.strictEqual(x.length, 2));
    const full = new vscode.Range(0, 0, doc.lineCount, 0);
    const source = await codeActions(doc, full, 'source.fixAll.frontContacts');
    assert.deepStrictEqual(source.map((a) => a.kind?.value), ['source.fixAll.frontContacts']);

    const folder = vscode.workspace.getWorkspaceFolder(doc.uri)!.uri;
    await setSetting('editor.codeActionsOnSave', { 'source.fixAll.frontContacts': 'explicit' }, vscode.ConfigurationTarget.WorkspaceFolder, folder);
    try {
      await sleep(300);
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// saved with fixes\n'));
      assert.ok(await doc.save(), 'saved');
      assert.ok(!doc.getText().includes('/teams/'), `fixed on save:\n${doc.getText()}`);
      assert.ok(doc.getText().startsWith('// saved with fixes\n'));
      const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri));
      assert.strictEqual(onDisk, doc.getText(), 'the fixed text is what was written');
    } finally {
      await setSetting('editor.codeActionsOnSave', undefined, vscode.ConfigurationTarget.WorkspaceFolder, folder);
    }
  });
});
