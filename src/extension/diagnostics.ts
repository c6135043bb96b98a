// Diagnostics for open documents (and for files a workspace scan visited): runs core analyze() on the
// buffer's current, unsaved text, debounced per document, and re-runs the documents that read a file
// (an imported constants module, say) when that file changes in an editor or on disk.
import * as vscode from 'vscode';
import { analyze, mightMatch, type AnalyzeOptions, type Finding, type InputProblem } from '../core';
import {
  analysisFileName,
  effectiveSeverity,
  isAnalysable,
  TextPositions,
  toDiagnostic,
  uriForFileName,
  JS_LANGUAGES,
} from './convert';
import type { FileSettings, SettingsService } from './settings';
import { DiskCache, EditorSourceHost } from './sourceHost';

/** The result of analysing one text, kept so code actions use exactly the offsets diagnostics came from. */
export interface Analysis {
  uri: vscode.Uri;
  fileName: string;
  /** Document version analysed; undefined for files read from disk by a scan. */
  version: number | undefined;
  text: string;
  settings: FileSettings;
  /** Enabled findings with the severity the user configured. */
  findings: Finding[];
  problems: InputProblem[];
  filesRead: Set<string>;
  positions: { positionAt(offset: number): vscode.Position };
}

export const SOURCE_GLOB = '**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}';
const DEBOUNCE_MS = 250;

export class DiagnosticsService implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('front-contacts');
  readonly disk = new DiskCache();
  private readonly analyses = new Map<string, Analysis>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** file name read during an analysis -> URIs (strings) of the analyses that read it. */
  private readonly dependents = new Map<string, Set<string>>();
  /** URIs whose diagnostics came from a workspace scan: kept (from disk text) when their editor closes. */
  private readonly scanned = new Set<string>();
  private openByFileName: Map<string, vscode.TextDocument> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly analysed = new vscode.EventEmitter<Analysis>();
  /** Fires after each analysis is published (tests and the workspace commands listen). */
  readonly onDidAnalyse = this.analysed.event;
  private runs = 0;

  constructor(
    private readonly settings: SettingsService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const w = vscode.workspace;
    this.disposables.push(
      this.collection,
      this.analysed,
      w.onDidOpenTextDocument((doc) => {
        this.openByFileName = undefined;
        this.schedule(doc, 0);
        this.scheduleDependents(doc);
      }),
      w.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        const doc = e.document;
        if (this.settings.forUri(doc.uri).run === 'onType') {
          this.schedule(doc);
          this.scheduleDependents(doc);
        }
      }),
      w.onDidSaveTextDocument((doc) => {
        this.disk.forget(doc.uri.fsPath);
        if (this.settings.forUri(doc.uri).run === 'onSave') {
          this.schedule(doc, 0);
          this.scheduleDependents(doc);
        }
      }),
      w.onDidCloseTextDocument((doc) => this.closed(doc)),
      this.settings.onDidChange(() => this.refreshAll()),
    );
    // Files that are imported but not open change on disk (git checkout, another tool).
    const watcher = w.createFileSystemWatcher(SOURCE_GLOB);
    const onDisk = (uri: vscode.Uri) => {
      if (uri.scheme !== 'file') return;
      this.disk.forget(uri.fsPath);
      this.scheduleDependentsOf(uri.fsPath);
    };
    this.disposables.push(watcher, watcher.onDidChange(onDisk), watcher.onDidCreate(onDisk), watcher.onDidDelete(onDisk));
  }

  /** Analyses documents already open when the extension activates (and nothing else: no workspace work). */
  start(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  /** The analysis for the document's current version, computed now if the last one is stale. */
  current(doc: vscode.TextDocument): Analysis | undefined {
    const a = this.analyses.get(doc.uri.toString());
    if (a && a.version === doc.version) return a;
    return this.analyseDocument(doc);
  }

  /** Text of an open buffer by analysis file name (the SourceHost's first choice). */
  bufferText(fileName: string): string | undefined {
    return this.openDocument(fileName)?.getText();
  }

  openDocument(fileName: string): vscode.TextDocument | undefined {
    if (!this.openByFileName) {
      this.openByFileName = new Map();
      for (const d of vscode.workspace.textDocuments)
        if (!d.isClosed) this.openByFileName.set(analysisFileName(d.uri, isAnalysable(d) ? d.languageId : undefined), d);
    }
    const d = this.openByFileName.get(fileName);
    return d && !d.isClosed ? d : undefined;
  }

  /** URI and positions for the text an engine edit or location in `fileName` refers to. */
  textFor(fileName: string): { uri: vscode.Uri; positions: TextPositions | vscode.TextDocument } | undefined {
    const doc = this.openDocument(fileName);
    if (doc) return { uri: doc.uri, positions: doc };
    const text = this.disk.read(fileName);
    return text === undefined ? undefined : { uri: uriForFileName(fileName), positions: new TextPositions(text) };
  }

  analyseDocument(doc: vscode.TextDocument): Analysis | undefined {
    this.cancel(doc.uri);
    const key = doc.uri.toString();
    const settings = this.settings.forUri(doc.uri);
    if (!isAnalysable(doc) || !settings.enable || settings.ignored) {
      this.forget(key);
      return undefined;
    }
    const fileName = analysisFileName(doc.uri, doc.languageId);
    const a = this.run(doc.uri, fileName, doc.getText(), doc.version, settings, doc);
    this.publish(key, a);
    return a;
  }

  /** Analyses a file that is not open (workspace scan); the result stays until the settings say otherwise. */
  analyseText(uri: vscode.Uri, text: string, settings: FileSettings): Analysis | undefined {
    const key = uri.toString();
    if (!settings.enable || settings.ignored) {
      this.forget(key);
      this.scanned.delete(key);
      return undefined;
    }
    const a = this.run(uri, analysisFileName(uri), text, undefined, settings, new TextPositions(text));
    this.scanned.add(key);
    this.publish(key, a);
    return a;
  }

  /** The SourceHost for one run over `text` of `fileName`: open buffers first, then the disk. */
  sourceHost(fileName: string, text: string): EditorSourceHost {
    return new EditorSourceHost((f) => (f === fileName ? text : this.bufferText(f)), this.disk);
  }

  /** Runs the engine with the editor's SourceHost; an engine crash is logged, never thrown at VS Code. */
  run(
    uri: vscode.Uri,
    fileName: string,
    text: string,
    version: number | undefined,
    settings: FileSettings,
    positions: Analysis['positions'],
  ): Analysis {
    const host = this.sourceHost(fileName, text);
    const options: AnalyzeOptions = { ...settings.options, host };
    let findings: Finding[] = [];
    let problems: InputProblem[] = [];
    this.runs++;
    if (mightMatch(text)) {
      try {
        const r = analyze(fileName, text, options);
        problems = r.problems;
        for (const f of r.findings) {
          const severity = effectiveSeverity(f, settings.options.rules);
          if (severity) findings.push(severity === f.severity ? f : { ...f, severity });
        }
      } catch (e) {
        findings = [];
        this.log.error(`analysis of ${fileName} failed: ${(e as Error)?.stack ?? e}`);
      }
    }
    for (const p of problems) this.log.info(`${p.file}: ${p.message}`);
    host.filesRead.delete(fileName);
    return { uri, fileName, version, text, settings, findings, problems, filesRead: host.filesRead, positions };
  }

  /** Engine runs so far (tests use it to see that stale, debounced runs were skipped). */
  get runCount(): number {
    return this.runs;
  }

  private publish(key: string, a: Analysis): void {
    const prev = this.analyses.get(key);
    if (prev) this.unlinkDependencies(key, prev);
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
    this.analysed.fire(a);
  }

  private unlinkDependencies(key: string, a: Analysis): void {
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
    if (prev) this.unlinkDependencies(key, prev);
    this.analyses.delete(key);
    this.collection.delete(vscode.Uri.parse(key, true));
  }

  /** Debounced: each new change restarts the wait, so runs for intermediate versions never happen. */
  schedule(doc: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    if (!isAnalysable(doc)) return;
    const key = doc.uri.toString();
    this.cancel(doc.uri);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (doc.isClosed) return;
        const a = this.analyses.get(key);
        if (a && a.version === doc.version) return; // already current
        this.analyseDocument(doc);
      }, delay),
    );
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.timers.get(key);
    if (t) {
      clearTimeout(t);
      this.timers.delete(key);
    }
  }

  private scheduleDependents(doc: vscode.TextDocument): void {
    this.scheduleDependentsOf(analysisFileName(doc.uri, isAnalysable(doc) ? doc.languageId : undefined));
    if (doc.uri.scheme === 'file') this.scheduleDependentsOf(doc.uri.fsPath);
  }

  private scheduleDependentsOf(fileName: string): void {
    const deps = this.dependents.get(fileName);
    if (!deps) return;
    for (const key of [...deps]) {
      const a = this.analyses.get(key);
      if (!a) continue;
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (doc) {
        a.version = undefined; // force a re-run even though the document itself did not change
        this.schedule(doc);
      } else if (this.scanned.has(key)) {
        const text = this.disk.read(a.fileName);
        if (text !== undefined) this.analyseText(a.uri, text, this.settings.forUri(a.uri));
      }
    }
  }

  private closed(doc: vscode.TextDocument): void {
    this.openByFileName = undefined;
    this.cancel(doc.uri);
    const key = doc.uri.toString();
    if (this.scanned.has(key) && doc.uri.scheme === 'file') {
      // A scanned file keeps its Problems entry, now for the text on disk.
      this.disk.forget(doc.uri.fsPath);
      const text = this.disk.read(doc.uri.fsPath);
      if (text !== undefined) {
        this.analyseText(doc.uri, text, this.settings.forUri(doc.uri));
        return;
      }
    }
    this.forget(key);
    this.scheduleDependents(doc);
  }

  /** Settings or a config file changed: everything shown is recomputed with the new settings. */
  refreshAll(): void {
    this.settings.invalidate();
    const open = new Set<string>();
    for (const doc of vscode.workspace.textDocuments) {
      open.add(doc.uri.toString());
      const a = this.analyses.get(doc.uri.toString());
      if (a) a.version = undefined;
      this.schedule(doc, 0);
    }
    for (const key of this.scanned) {
      if (open.has(key)) continue;
      const uri = vscode.Uri.parse(key, true);
      if (uri.scheme !== 'file') continue;
      const text = this.disk.read(uri.fsPath);
      if (text === undefined) {
        this.forget(key);
        this.scanned.delete(key);
      } else this.analyseText(uri, text, this.settings.forUri(uri));
    }
  }

  /** Number of pending debounced runs (tests wait for 0). */
  get pending(): number {
    return this.timers.size;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}

export const DOCUMENT_SELECTOR: vscode.DocumentSelector = JS_LANGUAGES.map((language) => ({ language }));
