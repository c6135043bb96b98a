// "Front Contacts: Scan Workspace" and "Front Contacts: Fix All in Workspace".
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FixRequest, FixResponse, ScanRoot } from './worker/protocol';
import { analysisFileName, isAnalysable, minimalReplacement, TextPositions } from './convert';
import { SOURCE_GLOB, type DiagnosticsService } from './diagnostics';
import type { EngineClient, EngineInput } from './engineClient';
import { ignoredByProject, WorkerScanSelector } from './scanClient';
import type { ScanSelection } from './scanSelection';
import { Slicer } from '../project/steps';
import type { FileSettings, SettingsService } from './settings';
import { applyWithEveryChangeChecked } from './refactorPreview';

export const COMMANDS = {
  scanWorkspace: 'frontContacts.scanWorkspace',
  fixAllInWorkspace: 'frontContacts.fixAllInWorkspace',
} as const;

export interface ScanSummary {
  /** Files checked: those the selection left out (they cannot get a finding) and those analysed. */
  files: number;
  /** Files sent to the engine (open documents: their current analysis), the CLI's selection. */
  analysed: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
}

export interface FixSummary {
  /** Files checked: those the selection left out (they cannot get a finding, so have no fix) and those sent. */
  files: number;
  /** Files sent to the engine to be fixed: Scan Workspace's selection (the CLI's). */
  analysed: number;
  fixedFiles: number;
  fixes: number;
  /** Whether VS Code applied the edit (false when the user discarded the preview). */
  applied: boolean;
  cancelled: boolean;
}

/** Counters the extension's API exposes (the extension-host tests watch Fix All's progress through them). */
export interface CommandStats {
  /** Files Fix All in Workspace has asked the engine to fix so far (only the selected ones: FixSummary.analysed). */
  fixRuns: number;
}

export const FIX_ALL_LABEL = 'Front Contacts: safe fixes';

/** Folders we never walk into, on top of the user's files.exclude. */
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];

/** A listed file with its URI's string and its path (computed once: each costs a few µs on 10k fresh URIs). */
interface Listed {
  uri: vscode.Uri;
  key: string;
  /** Its path when it is on disk. */
  fsPath?: string;
}

async function findSourceFiles(token: vscode.CancellationToken): Promise<Listed[]> {
  const excludes = new Set(ALWAYS_EXCLUDED);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const fx = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {};
    for (const [glob, on] of Object.entries(fx)) if (on === true) excludes.add(glob.startsWith('**/') || glob.startsWith('/') ? glob : `**/${glob}`);
  }
  const uris = await vscode.workspace.findFiles(SOURCE_GLOB, `{${[...excludes].join(',')}}`, undefined, token);
  const listed: Listed[] = [];
  const slicer = new Slicer(SLICE_MS);
  for (const uri of uris) {
    await slicer.pauseIfDue();
    listed.push({ uri, key: uri.toString(), fsPath: uri.scheme === 'file' ? uri.fsPath : undefined });
  }
  // Code-unit order (localeCompare on 10k URIs would hold the extension host for ~40-80 ms).
  listed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return listed;
}

/**
 * The workspace folders on disk, each with the `ignore` rules of the project config the CLI would use when run
 * there (`front-contacts check .`): Scan Workspace and Fix All skip the files that run would not check.
 */
function scanRoots(settings: SettingsService): ScanRoot[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => ({ dir: f.uri.fsPath, ignore: settings.loader.forFile(path.join(f.uri.fsPath, 'x')).ignoreRules }));
}

const decoder = new TextDecoder('utf-8');

/** Files read per step of a scan (progress and cancellation between steps), and the progress share of reading. */
const READ_BATCH = 500;
const READ_SHARE = 20;
/** Longest a scan waits for the editor's analyses before sending its next file. */
const EDITOR_FIRST_MS = 1000;

interface Candidate {
  uri: vscode.Uri;
  /** Its path when it is on disk. */
  fsPath?: string;
  /** The engine's name for it (analysisFileName). */
  file: string;
  settings: FileSettings;
  doc?: vscode.TextDocument;
}

interface WorkspaceSelection {
  /** Source files VS Code lists (files.exclude applied). */
  listed: number;
  /** Listed files that are enabled and not ignored, in listing order. */
  candidates: Candidate[];
  /** Listed files disabled or ignored by their settings, or that the CLI skips (.gitignore, the config's `ignore`). */
  skipped: vscode.Uri[];
  byFile: Map<string, Candidate>;
  /** Undefined when cancelled before the selection was made. */
  selection?: ScanSelection;
  /** Time from the listing to the selection. */
  ms: number;
}

/** Longest stretch of the commands' own per-file loops on the extension host between yields (the editor runs in between). */
const SLICE_MS = 8;

/** A file outside the file system (virtual workspaces): read through VS Code. */
async function readVirtual(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/**
 * Whether a command argument is a CancellationToken. Both workspace commands accept one when run
 * programmatically (`executeCommand('frontContacts.scanWorkspace', token)`, or `fixAllInWorkspace`, e.g. by the
 * extension-host tests or another extension): cancelling it stops the command like the progress notification's
 * Cancel button. Commands run from the palette or a keybinding get no token (keybinding args are JSON, never a
 * token). Fix All can only be cancelled while it computes fixes: once the Refactor Preview shows the edit, the
 * preview's Discard is the way out.
 */
function isCancellationToken(x: unknown): x is vscode.CancellationToken {
  const t = x as vscode.CancellationToken | undefined;
  return typeof t === 'object' && t !== null && typeof t.isCancellationRequested === 'boolean' && typeof t.onCancellationRequested === 'function';
}

/** A token cancelled as soon as any of `tokens` is; dispose it when done. */
function anyOf(...tokens: vscode.CancellationToken[]): vscode.Disposable & { token: vscode.CancellationToken } {
  const source = new vscode.CancellationTokenSource();
  const subs = tokens.map((t) => t.onCancellationRequested(() => source.cancel()));
  if (tokens.some((t) => t.isCancellationRequested)) source.cancel();
  return {
    token: source.token,
    dispose: () => {
      for (const s of subs) s.dispose();
      source.dispose();
    },
  };
}

export function registerCommands(
  engine: EngineClient,
  diagnostics: DiagnosticsService,
  settings: SettingsService,
  log: vscode.LogOutputChannel,
  stats: CommandStats = { fixRuns: 0 },
): vscode.Disposable[] {
  const scanWorkspace = (callerToken?: unknown) =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Front Contacts: scanning workspace', cancellable: true },
      async (progress, progressToken): Promise<ScanSummary> => {
        const cancel = anyOf(progressToken, ...(isCancellationToken(callerToken) ? [callerToken] : []));
        try {
          return await scan(progress, cancel.token);
        } finally {
          cancel.dispose();
        }
      },
    );

  /**
   * Steps 1-3 of both workspace commands: the files VS Code lists less those the CLI skips, their settings, and the
   * CLI's selection over them (open editors' texts win over the disk), made in the engine worker: the extension
   * host only lists, sends names and unsaved texts, and waits. `selection` is undefined when `token` stopped it first.
   */
  const selectWorkspace = async (
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
  ): Promise<WorkspaceSelection> => {
    const started = Date.now();
    const listed = await findSourceFiles(token);
    const open = new Map<string, vscode.TextDocument>();
    for (const d of vscode.workspace.textDocuments) if (!d.isClosed) open.set(d.uri.toString(), d);

    // 1. What the CLI would skip in each workspace folder (.gitignore, the config's `ignore`): asked from the
    // worker (the CLI's own discovery) while the settings are computed. VS Code's listing does not honour .gitignore.
    progress.report({ message: `listing ${listed.length} files` });
    const onDisk = listed.flatMap((l) => (l.fsPath === undefined ? [] : [l.fsPath]));
    const ignoring = ignoredByProject(engine, scanRoots(settings), onDisk);
    ignoring.catch(() => undefined); // awaited below

    // 2. Settings per file. Disabled or ignored files are not checked.
    const enabled: Candidate[] = [];
    const skipped: vscode.Uri[] = [];
    const slicer = new Slicer(SLICE_MS);
    for (const { uri, key, fsPath } of listed) {
      await slicer.pauseIfDue();
      if (token.isCancellationRequested) break;
      const s = settings.forUri(uri);
      if (!s.enable || s.ignored) {
        skipped.push(uri);
        continue;
      }
      const doc = open.get(key);
      enabled.push({ uri, fsPath, settings: s, doc, file: analysisFileName(uri, doc && isAnalysable(doc) ? doc.languageId : undefined) });
    }
    // Cancelled: nothing is selected, no need to wait for the folders' discovery.
    const ignored = token.isCancellationRequested ? new Set<string>() : await ignoring;
    const candidates: Candidate[] = [];
    const baseUrls = new Set<string>();
    for (const c of enabled) {
      await slicer.pauseIfDue();
      if (c.fsPath !== undefined && ignored.has(c.fsPath)) {
        skipped.push(c.uri);
        continue;
      }
      candidates.push(c);
      for (const u of c.settings.options.frontBaseUrls ?? []) baseUrls.add(u);
    }

    // 3. Every file read once, in the engine worker (open editors' texts win over the disk), keeping the texts
    // that may match only; then the CLI's selection there: only files that can get a finding go to the engine.
    const selector = new WorkerScanSelector(
      engine,
      [...baseUrls],
      candidates.filter((c) => c.uri.scheme === 'file').map((c) => c.file),
    );
    let selection: ScanSelection | undefined;
    try {
      for (let i = 0; i < candidates.length && !token.isCancellationRequested; i += READ_BATCH) {
        const batch = candidates.slice(i, i + READ_BATCH);
        progress.report({ message: `reading ${Math.min(i + READ_BATCH, candidates.length)}/${candidates.length} files`, increment: (READ_SHARE * batch.length) / candidates.length });
        await selector.add(await Promise.all(batch.map(async (c) => ({ file: c.file, text: c.doc ? c.doc.getText() : c.uri.scheme === 'file' ? undefined : await readVirtual(c.uri) }))));
      }
      if (!token.isCancellationRequested) selection = await selector.select();
    } finally {
      selector.dispose();
    }
    const byFile = new Map(candidates.map((c) => [c.file, c]));
    if (selection) for (const u of selection.unreadable) log.warn(`cannot read ${u.file}: ${u.problem}`);
    return { listed: listed.length, candidates, skipped, byFile, selection, ms: Date.now() - started };
  };

  const scan = async (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<ScanSummary> => {
    const summary: ScanSummary = { files: 0, analysed: 0, filesWithFindings: 0, findings: 0, cancelled: false };
    const started = Date.now();
    const { candidates, skipped, byFile, selection, ms: selectedAfter } = await selectWorkspace(progress, token);
    // Disabled or ignored files, and files that cannot get a finding, lose an old scan result.
    const slicer = new Slicer(SLICE_MS);
    for (const uri of skipped) {
      await slicer.pauseIfDue();
      diagnostics.dropScanResult(uri);
    }
    if (selection) {
      for (const f of selection.notSelected) {
        await slicer.pauseIfDue();
        summary.files++;
        const c = byFile.get(f);
        if (c && !c.doc) diagnostics.dropScanResult(c.uri);
      }
    }

    // 4. The engine, one file at a time (each request waits behind the editor's): cancellable between files.
    const selected = selection?.selected ?? [];
    for (const [i, { file, text }] of selected.entries()) {
      // Typing first: the next file waits while the editor has an analysis debounced or running (a second at most).
      await diagnostics.editorIdle(EDITOR_FIRST_MS);
      if (token.isCancellationRequested) break;
      const c = byFile.get(file)!;
      progress.report({ message: `${i + 1}/${selected.length} ${vscode.workspace.asRelativePath(c.uri)}`, increment: (100 - READ_SHARE) / selected.length });
      summary.analysed++;
      const a = c.doc && isAnalysable(c.doc) ? await diagnostics.current(c.doc) : await diagnostics.analyseText(c.uri, text, c.settings);
      if (!a) continue; // closed meanwhile, superseded, or the analysis failed (logged)
      // An open file the scan reported keeps its Problems entry (for the text on disk) when its editor closes.
      if (c.doc) diagnostics.markScanned(c.uri);
      summary.files++;
      if (a.findings.length) {
        summary.filesWithFindings++;
        summary.findings += a.findings.length;
      }
    }
    summary.cancelled = token.isCancellationRequested;
    log.info(
      `scan: ${count(summary.findings, 'problem')} in ${summary.filesWithFindings} of ${count(summary.files, 'file')}; ${summary.analysed} of ${candidates.length} analysed ` +
        `(selection ${selectedAfter} ms, total ${Date.now() - started} ms)${summary.cancelled ? ', cancelled' : ''}`,
    );
    const msg = summary.cancelled
      ? `Front Contacts: scan cancelled after ${count(summary.files, 'file')} (${count(summary.findings, 'problem')} so far).`
      : `Front Contacts: ${count(summary.findings, 'problem')} in ${summary.filesWithFindings} of ${count(summary.files, 'file')}.`;
    if (summary.findings > 0)
      void vscode.window.showInformationMessage(msg, 'Show Problems').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
    else void vscode.window.showInformationMessage(msg);
    return summary;
  };

  /** Fix All's edit: every file's safe fixes, one entry per file; `summary.cancelled` when `token` stopped it. */
  const computeFixes = async (
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
    summary: FixSummary,
  ): Promise<{ edit: vscode.WorkspaceEdit; total: number; probe?: { uri: vscode.Uri; after: string } }> => {
    const { listed, byFile, selection } = await selectWorkspace(progress, token);
    const we = new vscode.WorkspaceEdit();
    /** The last changed file and its text after the fixes: how the Refactor Preview's checked state is verified. */
    let probe: { uri: vscode.Uri; after: string } | undefined;
    // Files the selection leaves out cannot get a finding, so they have no fix: checked, never sent to the engine.
    summary.files += selection?.notSelected.length ?? 0;
    const selected = selection?.selected ?? [];
    for (const [i, sel] of selected.entries()) {
      if (token.isCancellationRequested) break;
      const c = byFile.get(sel.file)!;
      progress.report({ message: `${i + 1}/${selected.length} ${vscode.workspace.asRelativePath(c.uri)}`, increment: (100 - READ_SHARE) / selected.length });
      // An open document: its text now (edits since the selection included); otherwise the text the selection read.
      const doc = c.doc && !c.doc.isClosed ? c.doc : undefined;
      const text = doc ? doc.getText() : sel.text;
      summary.files++;
      summary.analysed++;
      const fileName = sel.file;
      let r: FixResponse;
      try {
        stats.fixRuns++;
        // A background request (protocol.ts FixRequest.background): the worker runs it on the scan's project,
        // after queued editor requests, so Fix All never evicts the open documents' parses.
        const input: EngineInput & Pick<FixRequest, 'background'> = { ...diagnostics.engineInput(fileName, text, c.settings), background: true };
        r = await engine.fix(input);
      } catch (e) {
        log.error(`fix of ${fileName} failed: ${(e as Error)?.stack ?? e}`);
        continue;
      }
      if (r.refused) {
        log.warn(`${fileName}: fixes not applied: ${r.refused}`);
        continue;
      }
      const change = minimalReplacement(text, r.output);
      if (!change) continue;
      const positions = doc ?? new TextPositions(text);
      const uri = c.uri;
      const n = r.applied;
      // One label for every file: the Refactor Preview groups them under one checkbox.
      we.replace(uri, new vscode.Range(positions.positionAt(change.start), positions.positionAt(change.end)), change.newText, {
        label: FIX_ALL_LABEL,
        description: `${vscode.workspace.asRelativePath(uri)}: ${n} fix${n === 1 ? '' : 'es'}`,
        needsConfirmation: true,
      });
      probe = { uri, after: r.output };
      summary.fixedFiles++;
      summary.fixes += n;
    }
    summary.cancelled = token.isCancellationRequested;
    return { edit: we, total: listed, probe };
  };

  const fixAllInWorkspace = async (callerToken?: unknown): Promise<FixSummary> => {
    const summary: FixSummary = { files: 0, analysed: 0, fixedFiles: 0, fixes: 0, applied: false, cancelled: false };
    const { edit, total, probe } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Front Contacts: computing fixes', cancellable: true },
      async (progress, progressToken) => {
        const cancel = anyOf(progressToken, ...(isCancellationToken(callerToken) ? [callerToken] : []));
        try {
          return await computeFixes(progress, cancel.token, summary);
        } finally {
          cancel.dispose();
        }
      },
    );

    // Cancelled while computing: the edit is dropped whole, no file is touched and no preview opens.
    if (summary.cancelled) {
      log.info(`fix all: cancelled after ${summary.files} of ${count(total, 'file')}; nothing applied`);
      void vscode.window.showInformationMessage(
        `Front Contacts: Fix All cancelled after checking ${summary.files} of ${count(total, 'file')}; nothing was changed.`,
      );
      return summary;
    }
    if (edit.size === 0) {
      void vscode.window.showInformationMessage(`Front Contacts: nothing to fix in ${count(summary.files, 'file')}.`);
      return summary;
    }
    // Every entry needs confirmation, so VS Code shows the Refactor Preview; every change is checked there
    // (refactorPreview.ts): the user reviews, unchecks what to keep, presses Apply. The edit is one undoable step.
    void vscode.window.showInformationMessage(
      `Front Contacts: ${count(summary.fixes, 'fix', 'fixes')} in ${count(summary.fixedFiles, 'file')}. Review them in the Refactor Preview and press Apply.`,
    );
    summary.applied = probe ? await applyWithEveryChangeChecked(edit, probe, log) : await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    log.info(`fix all: ${count(summary.fixes, 'fix', 'fixes')} in ${count(summary.fixedFiles, 'file')}, applied=${summary.applied}`);
    return summary;
  };

  return [
    vscode.commands.registerCommand(COMMANDS.scanWorkspace, scanWorkspace),
    vscode.commands.registerCommand(COMMANDS.fixAllInWorkspace, fixAllInWorkspace),
  ];
}

/** `1 file`, `2 files`: messages name the count with the right number. */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
