import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, codeActions, codeOf, diagnosticsFor, extensionApi, fmt, open, rangeOf, setText, sleep } from './helpers';

const TEAM_EXPR = "'https://api2.frontapp.com/teams/' + teamId + '/contacts'";
const DOCS = 'https://github.com/front-contacts/front-contacts/blob/main/README.md';

describe('diagnostics', () => {
  afterEach(closeAll);

  it('reports team-contacts-endpoint as an error on the URL expression, with a docs link', async () => {
    const doc = await open('app', 'src/teams.ts');
    const [d] = await diagnosticsFor(doc.uri, (ds) => assert.strictEqual(ds.length, 1, `one finding, got ${ds.map(codeOf)}`));
    assert.strictEqual(codeOf(d), 'team-contacts-endpoint');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(d.source, 'front-contacts');
    assert.strictEqual(fmt(d.range), fmt(rangeOf(doc, TEAM_EXPR)));
    const target = (d.code as { target: vscode.Uri }).target;
    assert.strictEqual(target.toString(true), `${DOCS}#team-contacts-endpoint`);
    assert.match(d.message, /contacts/);
  });

  it('reports contact-redirect-disabled on a fetch with redirect: manual', async () => {
    const doc = await open('app', 'src/redirect.ts');
    const [d] = await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['contact-redirect-disabled']));
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    // The finding starts on the request line and stays within the fetch call.
    const call = rangeOf(doc, "fetch(`https://api2.frontapp.com/contacts/${id}`, { redirect: 'manual' })");
    assert.ok(call.contains(d.range), `range ${fmt(d.range)} inside the call ${fmt(call)}`);
    assert.strictEqual((d.code as { target: vscode.Uri }).target.fragment, 'contact-redirect-disabled');
  });

  it('points to the other binding with relatedInformation when the team part is written elsewhere, and offers no fix', async () => {
    const doc = await open('app', 'src/splitBinding.ts');
    const [d] = await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['team-contacts-endpoint']));
    assert.strictEqual(fmt(d.range), fmt(rangeOf(doc, '`${teamBase}/contacts`')));
    assert.strictEqual(d.relatedInformation?.length, 1, 'one related location');
    const rel = d.relatedInformation[0];
    assert.strictEqual(rel.location.uri.toString(), doc.uri.toString());
    assert.strictEqual(rel.location.range.start.line, 3, 'the teamBase line');
    assert.ok(doc.getText(rel.location.range).includes('/teams/'), doc.getText(rel.location.range));
    assert.ok(rel.message.length > 0);
    const actions = await codeActions(doc, d.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(!actions.some((a) => a.isPreferred || a.title.startsWith('Fix ')), JSON.stringify(actions.map((a) => a.title)));
  });

  it('checks untitled buffers too (no file on disk)', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: `export const f = (teamId: string) => fetch(${TEAM_EXPR});\n` });
    await vscode.window.showTextDocument(doc);
    const [d] = await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['team-contacts-endpoint']));
    assert.strictEqual(fmt(d.range), fmt(rangeOf(doc, TEAM_EXPR)));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('reports nothing for code that already uses /contacts', async () => {
    const doc = await open('app', 'src/clean.ts');
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds, []));
  });

  it('follows the unsaved buffer: an edit adds the finding, undoing it removes it', async () => {
    const doc = await open('app', 'src/clean.ts');
    const original = doc.getText();
    await setText(doc, original.replace("'https://api2.frontapp.com/contacts'", "'https://api2.frontapp.com/teams/' + teamId + '/contacts'"));
    assert.ok(doc.isDirty, 'the edit is not saved');
    const [d] = await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['team-contacts-endpoint']));
    assert.strictEqual(fmt(d.range), fmt(rangeOf(doc, TEAM_EXPR)));
    await setText(doc, original);
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds, []), 'no diagnostics after the edit is undone');
  });

  it('debounces typing: a burst of edits is analysed once per pause, on the latest text', async () => {
    const doc = await open('app', 'src/clean.ts');
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds, []));
    const api = await extensionApi();
    const before = api.runCount;
    const editor = vscode.window.activeTextEditor!;
    const insertAt = doc.positionAt(doc.getText().indexOf('/contacts'));
    // Type "/teams/' + teamId + '" one keystroke at a time, without waiting for diagnostics.
    const typed = "/teams/' + teamId + '";
    for (let i = 0; i < typed.length; i++) {
      await editor.edit((b) => b.insert(insertAt.translate(0, i), typed[i]), { undoStopBefore: false, undoStopAfter: false });
    }
    const [d] = await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['team-contacts-endpoint']));
    assert.strictEqual(fmt(d.range), fmt(rangeOf(doc, TEAM_EXPR)));
    const runs = api.runCount - before;
    assert.ok(runs < typed.length / 2, `${typed.length} keystrokes caused ${runs} analyses (stale runs must be dropped)`);
  });

  it('resolves an imported constant through the open, unsaved buffer of the other file', async () => {
    const user = await open('app', 'src/usesConstants.ts');
    const [d] = await diagnosticsFor(user.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['team-contacts-endpoint']));
    assert.strictEqual(d.range.start.line, 3);
    // Point the constant at another vendor without saving: the importing file must go quiet...
    const constants = await open('app', 'src/constants.ts');
    const original = constants.getText();
    await setText(constants, original.replace('https://api2.frontapp.com', 'https://api.example.com'));
    await diagnosticsFor(user.uri, (ds) => assert.deepStrictEqual(ds, []), 'no finding once the constant is not Front');
    // ...and report again when the buffer is back to Front.
    await setText(constants, original);
    await diagnosticsFor(user.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['team-contacts-endpoint']), 'finding back');
  });

  it('honours front-contacts.config.json: extra frontBaseUrls, a rule turned off, ignored files', async () => {
    const proxy = await open('app', 'src/proxy.ts');
    await diagnosticsFor(proxy.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['team-contacts-endpoint']), 'proxy host from frontBaseUrls');
    const chat = await open('app', 'src/chat.ts');
    const ignored = await open('app', 'src/ignored/generated.ts');
    await sleep(500);
    await diagnosticsFor(chat.uri, (ds) => assert.deepStrictEqual(ds, []), 'chat-identify-without-email is off in the config');
    await diagnosticsFor(ignored.uri, (ds) => assert.deepStrictEqual(ds, []), 'src/ignored/** is ignored');
  });

  it('uses each root folder’s own config in a multi-root workspace (package.json "frontContacts")', async () => {
    const doc = await open('other', 'src/teams.js');
    const [d] = await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['team-contacts-endpoint']));
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning, 'other/package.json makes the rule a warning');
    assert.strictEqual(fmt(d.range), fmt(rangeOf(doc, TEAM_EXPR)));
  });
});
