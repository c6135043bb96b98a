// Fix All in Workspace's edit goes through VS Code's Refactor Preview, every change checked: the user reviews the
// safe fixes and presses Apply (or unchecks what to keep, or discards). VS Code opens the preview only for an edit
// with entries that need confirmation, and it shows exactly those entries unchecked; no API opens it checked. So
// once the preview shows, we check our category the way a user would (focus it, toggle it) and verify the result on
// the preview's own documents, which hold each file's text with the checked changes applied.
import * as vscode from 'vscode';

/** Scheme of the Refactor Preview's documents (VS Code's bulk edit preview models, mirrored to extensions). */
export const PREVIEW_SCHEME = 'vscode-bulkeditpreview-editor';
const POLL_MS = 100;
/** How long we wait for the preview to show before leaving it as VS Code opened it. */
const SHOW_TIMEOUT_MS = 60_000;
/** Toggles tried (each verified for up to 2 s): the preview's tree may get its input and focus a while after its documents. */
const TOGGLE_ATTEMPTS = 8;

/** Preview sessions (a preview document's authority is its session's id) that exist now. */
function previewSessions(): Set<string> {
  return new Set(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === PREVIEW_SCHEME).map((d) => d.uri.authority));
}

/** A new preview session's document for `uri`, if the preview shows it (documents of older sessions may linger). */
function previewDocument(uri: vscode.Uri, older: Set<string>): vscode.TextDocument | undefined {
  // The preview's path is the resource's path; its query, the resource's URI as the workbench knows it
  // (vscode-remote://… in a remote window), so paths are compared.
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === PREVIEW_SCHEME && !older.has(d.uri.authority) && d.uri.path === uri.path);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Applies `edit` (entries with `needsConfirmation`, all under one label) through the Refactor Preview with every
 * change checked. `probe` is the LAST changed file of the edit and its text after it: when its preview document
 * shows that text, everything is checked. (The last one: checking a group updates the preview documents through a
 * debounced event that keeps only its last change, i.e. the group's last file.) Resolves like
 * `workspace.applyEdit`: true when the user applied the edit.
 */
export async function applyWithEveryChangeChecked(
  edit: vscode.WorkspaceEdit,
  probe: { uri: vscode.Uri; after: string },
  log: vscode.LogOutputChannel,
): Promise<boolean> {
  const older = previewSessions();
  const applying = vscode.workspace.applyEdit(edit, { isRefactoring: true });
  let settled = false;
  void Promise.resolve(applying).then(
    () => (settled = true),
    () => (settled = true),
  );
  const end = Date.now() + SHOW_TIMEOUT_MS;
  let preview: vscode.TextDocument | undefined;
  while (!settled && Date.now() < end && !(preview = previewDocument(probe.uri, older))) await sleep(POLL_MS);
  for (let attempt = 0; preview && !settled && attempt < TOGGLE_ATTEMPTS; attempt++) {
    if (preview.getText() === probe.after) break;
    // Group by type (our one category holds every change), focus the category, toggle it: all its changes are checked.
    for (const id of ['refactorPreview.groupByType', 'list.focusFirst', 'refactorPreview.toggleCheckedState'])
      await vscode.commands.executeCommand(id).then(undefined, () => undefined);
    for (let i = 0; i < 20 && !settled && preview.getText() !== probe.after; i++) await sleep(POLL_MS);
  }
  if (!settled) {
    if (preview?.getText() === probe.after) log.info('fix all: the Refactor Preview shows every change checked');
    else log.warn('fix all: could not check the changes in the Refactor Preview; check them there and press Apply');
  }
  return applying;
}
