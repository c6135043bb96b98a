// Diagnostics for open documents (and for files a workspace scan visited): core analyze() runs in the
// engine worker on the buffer's current, unsaved text, debounced per document; a run superseded by a
// newer edit is cancelled (or its result dropped). Documents that read a file (an imported constants
// module, say) are re-analysed when that file changes in an editor or on disk. A file deleted (or renamed
// away) on disk loses its Problems entry unless its editor is still open; a new JS/TS file re-checks the
// open documents (an import that did not resolve may now).
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Finding, InputProblem } from '../core/types';
import { analysisFileName, effectiveSeverity, isAnalysable, JS_LANGUAGES, TextPositions, toDiagnostic, uriForFileName } from './convert';
import { DiskText } from './diskText';
import { isUriName } from './sourceHost';
import type { EngineClient, EngineInput } from './engineClient';
import type { AnalyzeRequest } from './worker/protocol';
import type { FileSettings, SettingsService } from './settings';

/** The result of analysing one text, kept so code actions use exactly the offsets diagnostics came from. */
export interface Analysis {
  uri: vscode.Uri;
  fileName: string;
  /** Document version analysed; undefined for files read from disk by a scan, or when forced stale. */
  version: number | undefined;
  text: string;
  settings: FileSettings;
  /** Enabled findings with the severity the user configured. */
  findings: Finding[];
  problems: InputProblem[];
  filesRead: string[];
  positions: { positionAt(offset: number): vscode.Position };
}

export const SOURCE_GLOB = '**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}';
const DEBOUNCE_MS = 250;
/** Delete events are handled in batches (deleting a tree can report every file in it). */
const DELETE_BATCH_MS = 50;

export class DiagnosticsService implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('front-contacts');
  readonly disk = new DiskText();
  private readonly analyses = new Map<string, Analysis>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Runs started and not finished, per document key. */
  private readonly running = new Map<string, Promise<Analysis | undefined>>();
  /** file name read during an analysis -> keys (URI strings) of the analyses that read it. */
  private readonly dependents = new Map<string, Set<string>>();
  /** URIs whose diagnostics came from a workspace scan: kept (from disk text) when their editor closes. */
  private readonly scanned = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** URI strings reported deleted and not handled yet (files or folders). */
  private readonly deleted = new Set<string>();
  private deleteTimer: ReturnType<typeof setTimeout> | undefined;
  /** Delete events seen so far: a scan result for a file deleted while it was analysed is dropped. */
  private deletions = 0;
  /** Debounced re-check of every open document after a JS/TS file was created. */
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  private runs = 0;
  private superseded = 0;
  /** Engine runs in progress (editor and scan). */
  private active = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a run starts or ends and when a file's diagnostics change (the status item listens). */
  readonly onDidChange = this.changed.event;
  /** The last analysis failure, until an analysis succeeds again. */
  lastError: string | undefined;

  constructor(
    private readonly engine: EngineClient,
    private readonly settings: SettingsService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const w = vscode.workspace;
    this.disposables.push(
      this.collection,
      this.changed,
      w.onDidOpenTextDocument((doc) => {
        this.schedule(doc, 0);
        this.scheduleDependents(doc);
      }),
      w.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        const doc = e.document;
        if (isAnalysable(doc) && this.settings.forUri(doc.uri).run === 'onType') {
          this.schedule(doc);
          this.scheduleDependents(doc);
        }
      }),
      w.onDidSaveTextDocument((doc) => {
        this.diskChanged(doc.uri);
        if (isAnalysable(doc) && this.settings.forUri(doc.uri).run === 'onSave') this.schedule(doc, 0);
      }),
      w.onDidCloseTextDocument((doc) => this.closed(doc)),
      this.settings.onDidChange(() => this.refreshAll()),
    );
    // Imported files that are not open change on disk too (git checkout, another tool).
    const watcher = w.createFileSystemWatcher(SOURCE_GLOB, false, false, true);
    const inNodeModules = (uri: vscode.Uri) => uri.path.includes('/node_modules/');
    // Deletions of any path: deleting (or renaming) a folder reports the folder only, not the files in it.
    const deletions = w.createFileSystemWatcher('**/*', true, true, false);
    this.disposables.push(
      watcher,
      deletions,
      watcher.onDidChange((uri) => {
        if (!inNodeModules(uri)) this.diskChanged(uri);
      }),
      watcher.onDidCreate((uri) => {
        if (inNodeModules(uri)) return;
        this.diskChanged(uri);
        // Nothing recorded a dependency on a file that did not exist: re-check what is open.
        this.scheduleOpenDocuments();
      }),
      deletions.onDidDelete((uri) => this.deletedOnDisk(uri)),
    );
  }

  /** Analyses the documents already open when the extension activates (and nothing else). */
  start(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  /** The analysis of the document's current version (waits for, or starts, the run). */
  async current(doc: vscode.TextDocument): Promise<Analysis | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const key = doc.uri.toString();
      const a = this.analyses.get(key);
      if (a && a.version === doc.version) return a;
      const r = await (this.running.get(key) ?? this.analyseDocument(doc));
      if (r && r.version === doc.version) return r;
      if (doc.isClosed) return undefined;
    }
    return undefined;
  }

  /** Unsaved text of open analysable documents by analysis file name: the engine reads these before the disk. */
  buffers(except?: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of vscode.workspace.textDocuments) {
      if (d.isClosed || !isAnalysable(d)) continue;
      if (!d.isDirty && d.uri.scheme === 'file') continue; // same text as on disk
      const name = analysisFileName(d.uri, d.languageId);
      if (name !== except) out[name] = d.getText();
    }
    return out;
  }

  engineInput(fileName: string, text: string, settings: FileSettings): EngineInput {
    return { fileName, text, options: settings.options, buffers: this.buffers(fileName) };
  }

  openDocument(fileName: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => !d.isClosed && analysisFileName(d.uri, isAnalysable(d) ? d.languageId : undefined) === fileName);
  }

  /** URI and positions for the text an engine edit or location in `fileName` refers to. */
  textFor(fileName: string): { uri: vscode.Uri; positions: { positionAt(o: number): vscode.Position } } | undefined {
    const doc = this.openDocument(fileName);
    if (doc) return { uri: doc.uri, positions: doc };
    const text = this.disk.read(fileName);
    return text === undefined ? undefined : { uri: uriForFileName(fileName), positions: new TextPositions(text) };
  }

  analyseDocument(doc: vscode.TextDocument): Promise<Analysis | undefined> {
    this.cancelTimer(doc.uri);
    const key = doc.uri.toString();
    const settings = this.settings.forUri(doc.uri);
    if (!isAnalysable(doc) || !settings.enable || settings.ignored) {
      this.forget(key);
      return Promise.resolve(undefined);
    }
    const version = doc.version;
    const p = this.run(key, analysisFileName(doc.uri, doc.languageId), doc.getText(), settings).then((r) => {
      if (this.running.get(key) === p) this.running.delete(key);
      if (!r) return undefined;
      // Stale: the document changed (or closed) while the engine ran; the newer version has its own run.
      if (doc.isClosed || doc.version !== version) {
        this.superseded++;
        return undefined;
      }
      const a: Analysis = { ...r, uri: doc.uri, version, settings, positions: doc };
      this.publish(key, a);
      return a;
    });
    this.running.set(key, p);
    return p;
  }

  /**
   * Analyses a file that is not open (workspace scan); its Problems entry stays (re-analysed when settings or
   * a file it reads change) until the file is deleted.
   */
  async analyseText(uri: vscode.Uri, text: string, settings: FileSettings): Promise<Analysis | undefined> {
    const key = uri.toString();
    if (!settings.enable || settings.ignored) {
      this.forget(key);
      this.scanned.delete(key);
      return undefined;
    }
    const deletionsBefore = this.deletions;
    // A background request: the worker runs it on a project of its own, after the editor's requests.
    const r = await this.run(key, analysisFileName(uri), text, settings, true);
    if (!r) return undefined;
    // Deleted while the engine ran (its delete event is already handled): publishing would bring it back.
    if (this.deletions !== deletionsBefore && uri.scheme === 'file' && !fs.existsSync(uri.fsPath)) return undefined;
    const a: Analysis = { ...r, uri, version: undefined, settings, positions: new TextPositions(text) };
    this.scanned.add(key);
    this.publish(key, a);
    return a;
  }

  /** One engine run; errors are logged, never thrown at VS Code. Undefined when superseded. */
  private async run(key: string, fileName: string, text: string, settings: FileSettings, background = false) {
    this.runs++;
    this.active++;
    this.changed.fire();
    const t0 = performance.now();
    try {
      // EngineClient.analyze sends every field of its input (protocol.ts AnalyzeRequest.background).
      const input: EngineInput & Pick<AnalyzeRequest, 'background'> = { ...this.engineInput(fileName, text, settings), ...(background ? { background } : {}) };
      const r = await this.engine.analyze(input, key);
      if (!r) {
        this.superseded++;
        this.log.trace(`${fileName}: superseded by a newer version`);
        return undefined;
      }
      this.lastError = undefined;
      this.log.trace(
        `${fileName}: ${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}, engine ${r.ms.toFixed(1)} ms, ` +
          `round trip ${(performance.now() - t0).toFixed(1)} ms${background ? ' (workspace scan)' : ''}`,
      );
      for (const p of r.problems) this.log.info(`${p.file}: ${p.message}`);
      const findings: Finding[] = [];
      for (const f of r.findings) {
        const severity = effectiveSeverity(f, settings.options.rules);
        if (severity) findings.push(severity === f.severity ? f : { ...f, severity });
      }
      return { fileName, text, findings, problems: r.problems, filesRead: r.filesRead };
    } catch (e) {
      // The worker sends its stack as the message: the log shows where the engine failed.
      this.lastError = `analysis of ${fileName} failed`;
      this.log.error(`analysis of ${fileName} failed: ${(e as Error)?.message ?? e}`);
      return undefined;
    } finally {
      this.active--;
      this.changed.fire();
    }
  }

  /** Engine runs in progress now. */
  get analysing(): number {
    return this.active;
  }

  /** Engine runs started so far (the debounce keeps this far below the number of edits). */
  get runCount(): number {
    return this.runs;
  }

  /** Runs whose result was dropped because a newer edit superseded them. */
  get supersededCount(): number {
    return this.superseded;
  }

  /**
   * A file a workspace scan did not analyse (it cannot get a finding, or it is disabled or ignored): an old scan
   * result leaves the Problems panel. An open document keeps the findings of its own analysis.
   */
  dropScanResult(uri: vscode.Uri): void {
    const key = uri.toString();
    this.scanned.delete(key);
    if (vscode.workspace.textDocuments.some((d) => !d.isClosed && d.uri.toString() === key)) return;
    this.cancelTimer(uri);
    // Most files never had a result: no call to VS Code for them (each delete is a message to the workbench).
    if (this.analyses.has(key) || this.collection.has(uri)) this.forget(key);
  }

  /** Marks an open document's analysis as a workspace scan result: kept (from disk) when its editor closes. */
  markScanned(uri: vscode.Uri): void {
    this.scanned.add(uri.toString());
  }

  /**
   * Resolves once no editor analysis is debounced or running, or after `maxMs`: a workspace scan sends its next
   * file then, so a keystroke's analysis seldom waits behind a scanned file in the worker.
   */
  async editorIdle(maxMs: number): Promise<void> {
    const end = Date.now() + maxMs;
    while (this.timers.size + this.running.size > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  }

  /** Debounced runs waiting plus runs in progress, plus file-event handling not done yet (tests wait for 0). */
  get pending(): number {
    return this.timers.size + this.running.size + (this.deleteTimer ? 1 : 0) + (this.openTimer ? 1 : 0);
  }

  private publish(key: string, a: Analysis): void {
    const prev = this.analyses.get(key);
    if (prev) this.unlink(key, prev);
    this.analyses.set(key, a);
    for (const f of a.filesRead) {
      let s = this.dependents.get(f);
      if (!s) this.dependents.set(f, (s = new Set()));
      s.add(key);
    }
    this.collection.set(
      a.uri,
      a.findings.map((f) => toDiagnostic(f, f.severity, a)),
    );
    this.changed.fire();
  }

  private unlink(key: string, a: Analysis): void {
    for (const f of a.filesRead) {
      const s = this.dependents.get(f);
      if (s) {
        s.delete(key);
        if (s.size === 0) this.dependents.delete(f);
      }
    }
  }

  private forget(key: string): void {
    const prev = this.analyses.get(key);
    if (prev) this.unlink(key, prev);
    this.analyses.delete(key);
    this.collection.delete(vscode.Uri.parse(key, true));
    this.changed.fire();
  }

  /** Debounced: each change restarts the wait, so intermediate versions are never analysed. */
  schedule(doc: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    if (!isAnalysable(doc)) return;
    const key = doc.uri.toString();
    this.cancelTimer(doc.uri);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (doc.isClosed) return;
        const a = this.analyses.get(key);
        if (a && a.version === doc.version) return; // already current
        void this.analyseDocument(doc);
      }, delay),
    );
  }

  private cancelTimer(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.timers.get(key);
    if (t) {
      clearTimeout(t);
      this.timers.delete(key);
    }
  }

  private diskChanged(uri: vscode.Uri): void {
    if (uri.scheme !== 'file') return;
    this.disk.forget(uri.fsPath);
    this.engine.invalidate();
    this.scheduleDependentsOf(uri.fsPath);
  }

  private deletedOnDisk(uri: vscode.Uri): void {
    this.deletions++;
    this.deleted.add(uri.toString());
    this.deleteTimer ??= setTimeout(() => {
      this.deleteTimer = undefined;
      this.handleDeletions();
    }, DELETE_BATCH_MS);
  }

  /**
   * Files (or folders) gone from disk: a file that is not open loses its Problems entry (a scan result or an
   * analysis still shown); an open one keeps its buffer's findings but is no longer a scan result, so closing
   * it clears them. Documents that read a deleted file are re-analysed.
   */
  private handleDeletions(): void {
    const gone = new Set(this.deleted);
    this.deleted.clear();
    if (gone.size === 0) return;
    // A key is gone when it or one of its parent folders was deleted.
    const isGone = (key: string) => {
      for (let k = key; ; ) {
        if (gone.has(k)) return true;
        const slash = k.lastIndexOf('/');
        if (slash <= 0 || k[slash - 1] === '/') return false;
        k = k.slice(0, slash);
      }
    };
    this.disk.forget();
    this.engine.invalidate();
    const open = new Set(vscode.workspace.textDocuments.filter((d) => !d.isClosed).map((d) => d.uri.toString()));
    for (const key of new Set([...this.analyses.keys(), ...this.scanned])) {
      if (!isGone(key)) continue;
      this.scanned.delete(key);
      if (!open.has(key)) {
        this.cancelTimer(vscode.Uri.parse(key, true));
        this.forget(key);
      }
    }
    // Documents that read a deleted file (dependencies are recorded by file name: paths for files on disk).
    for (const fileName of [...this.dependents.keys()]) {
      if (!isUriName(fileName) && isGone(vscode.Uri.file(fileName).toString())) this.scheduleDependentsOf(fileName);
    }
  }

  /** After a JS/TS file appeared: every open document is analysed again (debounced over a burst of creations). */
  private scheduleOpenDocuments(): void {
    if (this.openTimer) clearTimeout(this.openTimer);
    this.openTimer = setTimeout(() => {
      this.openTimer = undefined;
      for (const doc of vscode.workspace.textDocuments) {
        if (doc.isClosed || !isAnalysable(doc)) continue;
        const a = this.analyses.get(doc.uri.toString());
        if (a) a.version = undefined;
        this.schedule(doc, 0);
      }
    }, DEBOUNCE_MS);
  }

  private scheduleDependents(doc: vscode.TextDocument): void {
    this.scheduleDependentsOf(analysisFileName(doc.uri, isAnalysable(doc) ? doc.languageId : undefined));
  }

  private scheduleDependentsOf(fileName: string): void {
    const deps = this.dependents.get(fileName);
    if (!deps) return;
    for (const key of [...deps]) {
      const a = this.analyses.get(key);
      if (!a) continue;
      a.version = undefined; // force a re-run although the document itself did not change
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
      if (doc) this.schedule(doc);
      else if (this.scanned.has(key)) void this.reanalyseFromDisk(key);
    }
  }

  private async reanalyseFromDisk(key: string): Promise<void> {
    const uri = vscode.Uri.parse(key, true);
    if (uri.scheme !== 'file') return;
    const text = this.disk.read(uri.fsPath);
    if (text === undefined) {
      this.forget(key);
      this.scanned.delete(key);
    } else await this.analyseText(uri, text, this.settings.forUri(uri));
  }

  private closed(doc: vscode.TextDocument): void {
    this.cancelTimer(doc.uri);
    const key = doc.uri.toString();
    this.running.delete(key);
    if (this.scanned.has(key) && doc.uri.scheme === 'file') {
      // A scanned file keeps its Problems entry, now for the text on disk.
      this.disk.forget(doc.uri.fsPath);
      void this.reanalyseFromDisk(key);
    } else this.forget(key);
    this.scheduleDependents(doc);
  }

  /** Settings or a config file changed: everything shown is recomputed with the new settings. */
  refreshAll(): void {
    this.settings.invalidate();
    this.engine.invalidate();
    const open = new Set<string>();
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.isClosed) continue;
      const key = doc.uri.toString();
      open.add(key);
      const a = this.analyses.get(key);
      if (a) a.version = undefined;
      this.schedule(doc, 0);
    }
    for (const key of this.scanned) if (!open.has(key)) void this.reanalyseFromDisk(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    if (this.deleteTimer) clearTimeout(this.deleteTimer);
    if (this.openTimer) clearTimeout(this.openTimer);
    this.deleteTimer = this.openTimer = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

export const DOCUMENT_SELECTOR: vscode.DocumentSelector = JS_LANGUAGES.map((language) => ({ language }));
