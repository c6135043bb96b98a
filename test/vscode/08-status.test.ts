// What the extension shows around its diagnostics: related locations, the language status item, the log behind
// "Front Contacts: Show Output", and the migration walkthrough with its step commands.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, codeOf, diagnosticsFor, EXTENSION_ID, eventually, extensionApi, open, ours, rangeOf, setSetting, setText, sleep } from './helpers';

interface StatusSnapshot {
  state: 'starting' | 'analysing' | 'idle' | 'error' | 'disabled';
  text: string;
  detail: string;
  busy: boolean;
  problems: number | undefined;
}
type UiApi = Awaited<ReturnType<typeof extensionApi>> & {
  status: StatusSnapshot;
  onDidChangeStatus(listener: (s: StatusSnapshot) => void): vscode.Disposable;
  logFile: vscode.Uri;
};

const uiApi = async () => (await extensionApi()) as UiApi;
const logText = async () => new TextDecoder().decode(await vscode.workspace.fs.readFile((await uiApi()).logFile));

describe('related locations, status item, output, walkthrough', () => {
  afterEach(closeAll);

  it('shows the option that turns redirects off as a related location of the request it breaks', async () => {
    const doc = await open('app', 'src/notes.ts');
    const [d] = await diagnosticsFor(doc.uri, (ds) => assert.deepStrictEqual(ds.map(codeOf), ['contact-redirect-disabled']));
    assert.strictEqual(d.range.start.line, rangeOf(doc, 'front.post(').start.line, 'the finding is on the request');
    assert.strictEqual(d.relatedInformation?.length, 1, JSON.stringify(d.relatedInformation));
    const [rel] = d.relatedInformation!;
    assert.strictEqual(rel.location.uri.toString(), doc.uri.toString());
    assert.strictEqual(rel.location.range.start.line, rangeOf(doc, 'followRedirect: false').start.line, 'the line of followRedirect: false');
    assert.strictEqual(doc.getText(rel.location.range), 'followRedirect: false');
    assert.match(rel.message, /followRedirect: false/);
  });

  it('status item: idle with the file’s problem count, busy while analysing, off where the extension is disabled', async () => {
    const api = await uiApi();
    const notes = await open('app', 'src/notes.ts');
    await diagnosticsFor(notes.uri, (ds) => assert.strictEqual(ds.length, 1));
    const one = await eventually(() => {
      const s = api.status;
      assert.strictEqual(s.state, 'idle', JSON.stringify(s));
      assert.strictEqual(s.problems, 1, JSON.stringify(s));
      return s;
    }, 'the status item to show 1 problem');
    assert.strictEqual(one.text, '$(warning) Front Contacts: 1');
    assert.match(one.detail, /^1 problem in this file; engine ready in \d+ ms$/);
    assert.strictEqual(one.busy, false);

    const clean = await open('app', 'src/clean.ts');
    await diagnosticsFor(clean.uri, (ds) => assert.deepStrictEqual(ds, []));
    await eventually(() => assert.deepStrictEqual([api.status.state, api.status.problems, api.status.text], ['idle', 0, '$(check) Front Contacts']), 'no problems shown for clean.ts');

    // An edit that adds a problem: the item is busy while the engine runs, then counts the new problem.
    const original = clean.getText();
    const seen = new Set<string>();
    // Recorded at every start and end of an analysis: this small file's can take less than one turn of the event
    // loop (the worker's answer may arrive before a sampling loop would look again).
    const listening = api.onDidChangeStatus((s) => seen.add(`${s.state}${s.busy ? ' (busy)' : ''}`));
    try {
      await setText(clean, original.replace("'https://api2.frontapp.com/contacts'", "'https://api2.frontapp.com/teams/' + teamId + '/contacts'"));
      await eventually(() => assert.deepStrictEqual([api.status.state, api.status.problems], ['idle', 1]), 'the new problem in the status item');
      listening.dispose();
      assert.ok(seen.has('analysing (busy)'), `states seen: ${[...seen]}`);
    } finally {
      listening.dispose();
      await setText(clean, original);
    }

    await setSetting('frontContacts.enable', false, vscode.ConfigurationTarget.WorkspaceFolder, clean.uri);
    try {
      await eventually(() => assert.deepStrictEqual([api.status.state, api.status.text], ['disabled', 'Front Contacts: off']), 'the item to say the extension is off here');
    } finally {
      await setSetting('frontContacts.enable', undefined, vscode.ConfigurationTarget.WorkspaceFolder, clean.uri);
    }
  });

  it('logs the worker start and activation at info level, and Show Output (the status item’s click) opens it', async () => {
    const api = await uiApi();
    const log = await eventually(async () => {
      const t = await logText();
      assert.match(t, /\[info\] engine worker ready in \d+ ms \(TypeScript \d+\.\d+/);
      return t;
    }, 'the worker start in the log');
    assert.match(log, /\[info\] activated in \d+ ms/);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.ok(ext.isActive);
    await vscode.commands.executeCommand('frontContacts.showOutput');
    // The status item's command is the same one (its snapshot is what the item shows).
    assert.ok(api.status.text.includes('Front Contacts'));
  });

  it('logs each file’s analysis time at trace level', async () => {
    // The log level an extension test may set (VS Code's command for extension tests); users pick it in the Output view.
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace');
    try {
      const doc = await open('app', 'src/notes.ts');
      const original = doc.getText();
      await setText(doc, original + '\n// touched\n');
      await eventually(async () => assert.match(await logText(), /\[trace\] \S*notes\.ts: 1 finding, engine \d+\.\d ms, round trip \d+\.\d ms/), 'a trace line for notes.ts', 20_000);
      await setText(doc, original);
    } finally {
      await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info');
    }
  });

  it('contributes the migration walkthrough; its step commands put the next command in front of the user', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const [walkthrough] = ext.packageJSON.contributes.walkthroughs as { id: string; title: string; steps: { id: string; description: string }[] }[];
    assert.deepStrictEqual(walkthrough.steps.map((s) => s.id), ['scan', 'review', 'fixAll', 'legacyIds', 'runtime', 'simulate']);
    const all = await vscode.commands.getCommands(true);
    for (const s of walkthrough.steps) {
      const cmd = /\(command:([\w.]+)\)/.exec(s.description)?.[1];
      assert.ok(cmd && all.includes(cmd), `step ${s.id} links a registered command (${cmd})`);
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough.id}`, false);
    await eventually(() => assert.match(vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '', /Welcome|Walkthrough|Migrate/), 'the walkthrough to open');

    const terminalsBefore = vscode.window.terminals.length;
    await vscode.commands.executeCommand('frontContacts.walkthrough.legacyIds');
    await vscode.commands.executeCommand('frontContacts.walkthrough.simulate');
    await eventually(() => assert.deepStrictEqual(vscode.window.terminals.slice(terminalsBefore).map((t) => t.name), ['Front Contacts: legacy ids', 'Front Contacts: simulator']), 'two terminals');
    for (const t of vscode.window.terminals.slice(terminalsBefore)) t.dispose();

    // The runtime helper example: a TypeScript file the engine finds nothing wrong with.
    await vscode.commands.executeCommand('frontContacts.walkthrough.runtime');
    const example = vscode.window.activeTextEditor!.document;
    assert.strictEqual(example.uri.scheme, 'untitled');
    assert.match(example.getText(), /withContactRedirects\(fetch\)/);
    await sleep(300);
    await diagnosticsFor(example.uri, (ds) => assert.deepStrictEqual(ds, []), 'no problem in the runtime helper example');
    assert.deepStrictEqual(ours(example.uri), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
