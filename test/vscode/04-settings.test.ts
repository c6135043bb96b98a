import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, codeOf, diagnosticsFor, fileUri, folder, open, setSetting, setText, sleep } from './helpers';

const W = vscode.ConfigurationTarget.WorkspaceFolder;

describe('settings apply without a reload', () => {
  afterEach(async () => {
    const app = folder('app').uri;
    for (const key of ['rules', 'enable', 'run', 'frontBaseUrls']) await setSetting(`frontContacts.${key}`, undefined, W, app);
    await closeAll();
  });

  it('frontContacts.rules changes a rule’s severity, and "off" hides it', async () => {
    const doc = await open('app', 'src/teams.ts');
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map((d) => d.severity), [vscode.DiagnosticSeverity.Error]));
    await setSetting('frontContacts.rules', { 'team-contacts-endpoint': 'warning' }, W, folder('app').uri);
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map((d) => d.severity), [vscode.DiagnosticSeverity.Warning]), 'warning');
    await setSetting('frontContacts.rules', { 'team-contacts-endpoint': 'off' }, W, folder('app').uri);
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds, []), 'rule off');
    await setSetting('frontContacts.rules', undefined, W, folder('app').uri);
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map((d) => d.severity), [vscode.DiagnosticSeverity.Error]), 'back to error');
  });

  it('a setting overrides the project config file (rule turned on again)', async () => {
    const chat = await open('app', 'src/chat.ts');
    await sleep(400);
    await diagnosticsFor(chat.uri, (ds) => assert.deepStrictEqual(ds, []), 'off in front-contacts.config.json');
    await setSetting('frontContacts.rules', { 'chat-identify-without-email': 'warning' }, W, folder('app').uri);
    const [d] = await diagnosticsFor(chat.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['chat-identify-without-email']));
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('frontContacts.enable=false removes every diagnostic of that folder only', async () => {
    const app = await open('app', 'src/teams.ts');
    const other = await open('other', 'src/teams.js');
    await diagnosticsFor(app.uri, (ds) => assert.strictEqual(ds.length, 1));
    await diagnosticsFor(other.uri, (ds) => assert.strictEqual(ds.length, 1));
    await setSetting('frontContacts.enable', false, W, folder('app').uri);
    await diagnosticsFor(app.uri, (ds) => assert.deepStrictEqual(ds, []), 'disabled in app');
    await sleep(300);
    await diagnosticsFor(other.uri, (ds) => assert.strictEqual(ds.length, 1), 'still enabled in other');
    await setSetting('frontContacts.enable', true, W, folder('app').uri);
    await diagnosticsFor(app.uri, (ds) => assert.strictEqual(ds.length, 1), 'enabled again');
  });

  it('frontContacts.frontBaseUrls adds a host that counts as Front', async () => {
    const doc = await open('app', 'src/clean.ts');
    await setText(doc, "export const f = (t: string) => fetch('https://gateway.corp.example/front/teams/' + t + '/contacts');\n");
    await sleep(400);
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds, []), 'unknown host: quiet');
    await setSetting('frontContacts.frontBaseUrls', ['https://gateway.corp.example/front'], W, folder('app').uri);
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['team-contacts-endpoint']), 'configured host');
  });

  it('frontContacts.run=onSave analyses on save, not while typing', async () => {
    await setSetting('frontContacts.run', 'onSave', W, folder('app').uri);
    const doc = await open('app', 'src/clean.ts');
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds, []));
    await setText(doc, doc.getText().replace("'https://api2.frontapp.com/contacts'", "'https://api2.frontapp.com/teams/' + 'tim_1' + '/contacts'"));
    await sleep(800);
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds, []), 'nothing while typing');
    await doc.save();
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['team-contacts-endpoint']), 'finding after save');
    // restore the file for the next tests
    await setText(doc, doc.getText().replace("'https://api2.frontapp.com/teams/' + 'tim_1' + '/contacts'", "'https://api2.frontapp.com/contacts'"));
    await doc.save();
  });

  it('follows edits of front-contacts.config.json on disk', async () => {
    const doc = await open('app', 'src/teams.ts');
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map((d) => d.severity), [vscode.DiagnosticSeverity.Error]));
    const cfgUri = fileUri('app', 'front-contacts.config.json');
    const original = await vscode.workspace.fs.readFile(cfgUri);
    const cfg = JSON.parse(new TextDecoder().decode(original));
    cfg.rules['team-contacts-endpoint'] = 'warning';
    await vscode.workspace.fs.writeFile(cfgUri, new TextEncoder().encode(JSON.stringify(cfg, null, 2)));
    try {
      await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map((d) => d.severity), [vscode.DiagnosticSeverity.Warning]), 'config change seen');
    } finally {
      await vscode.workspace.fs.writeFile(cfgUri, original);
    }
    await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map((d) => d.severity), [vscode.DiagnosticSeverity.Error]), 'config restored');
  });
});
