// Shared helpers for the extension-host suite (bundled into each test file).
import * as assert from 'node:assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'front-contacts.front-contacts';
export const SOURCE = 'front-contacts';

export interface Api {
  activationMs: number;
  runCount: number;
  pending: number;
}

export function folder(name: 'app' | 'other'): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.find((w) => w.name === name);
  assert.ok(f, `workspace folder ${name} is open (multi-root workspace)`);
  return f;
}

export function fileUri(folderName: 'app' | 'other', rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(folderName).uri, rel);
}

export async function open(folderName: 'app' | 'other', rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fileUri(folderName, rel));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Polls until `check` passes (returns a value without throwing) or the time is up, then throws its last error. */
export async function eventually<T>(check: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${(last as Error)?.message ?? last}`);
    await sleep(50);
  }
}

/** Waits until the extension has no debounced runs pending and `uri` has diagnostics matching `expect`. */
export async function diagnosticsFor(
  uri: vscode.Uri,
  expect: (d: vscode.Diagnostic[]) => void,
  what = 'diagnostics',
): Promise<vscode.Diagnostic[]> {
  return eventually(async () => {
    const api = await extensionApi();
    if (api.pending > 0) throw new Error('analysis pending');
    const d = ours(uri);
    expect(d);
    return d;
  }, `${what} for ${vscode.workspace.asRelativePath(uri)}`);
}

export async function extensionApi(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

/** Range of the first occurrence of `needle` in the document. */
export function rangeOf(doc: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" occurs ${occurrence + 1} times in ${doc.uri.path}`);
  }
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

export function fmt(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Replaces the whole document text (unsaved) and returns it. */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const e = new vscode.WorkspaceEdit();
  e.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(e), 'edit applied');
}

/** Reverts an open document to its text on disk and closes every editor. */
export async function closeAll(): Promise<void> {
  for (const d of vscode.workspace.textDocuments) {
    if (d.isDirty && d.uri.scheme === 'file') {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function codeActions(doc: vscode.TextDocument, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const r = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    range,
    kind,
  );
  return (r ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

export async function setSetting(key: string, value: unknown, target: vscode.ConfigurationTarget, scope?: vscode.Uri): Promise<void> {
  const [section, ...rest] = key.split('.');
  await vscode.workspace.getConfiguration(section, scope).update(rest.join('.'), value, target);
}

/**
 * The URL a `fetch(<expr>, ...)` call on this line requests, by evaluating its first argument
 * (string literals, `+` and plain templates only): the fix may keep `'host' + '/contacts'` split.
 */
export function fetchedUrl(line: string): string {
  const start = line.indexOf('fetch(');
  assert.ok(start >= 0, `a fetch( call in ${line}`);
  let depth = 0;
  let quote = '';
  let i = start + 'fetch('.length;
  const from = i;
  for (; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if ((c === ')' || c === ',') && depth === 0) break;
    else if (c === ')' || c === '}' || c === ']') depth--;
  }
  return String(new Function(`return (${line.slice(from, i)});`)());
}
