// The language status item ("{ }" in the status bar next to the language of a JS/TS editor): whether the engine
// is starting, analysing, idle or stopped by an error, how many problems the active file has; a click opens the
// Front Contacts output.
import * as vscode from 'vscode';
import { isAnalysable } from './convert';
import type { DiagnosticsService } from './diagnostics';
import type { EngineClient } from './engineClient';

export const SHOW_OUTPUT_COMMAND = 'frontContacts.showOutput';
/** Updates are coalesced: a workspace scan changes diagnostics thousands of times. */
const UPDATE_MS = 50;

/** What the item shows, as the extension's API reports it to the extension-host tests. */
export interface StatusSnapshot {
  state: 'starting' | 'analysing' | 'idle' | 'error' | 'disabled';
  text: string;
  detail: string;
  busy: boolean;
  severity: 'information' | 'warning' | 'error';
  /** Findings in the active editor's file; undefined without a JS/TS editor. */
  problems: number | undefined;
}

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: StatusSnapshot;

  constructor(
    selector: vscode.DocumentSelector,
    private readonly engine: EngineClient,
    private readonly diagnostics: DiagnosticsService,
    private readonly enabledFor: (uri: vscode.Uri) => boolean,
  ) {
    this.item = vscode.languages.createLanguageStatusItem('frontContacts.status', selector);
    this.item.name = 'Front Contacts';
    this.item.command = { command: SHOW_OUTPUT_COMMAND, title: 'Show Output', tooltip: 'Open the Front Contacts log' };
    this.current = this.compute();
    this.render();
    const schedule = () => this.schedule();
    engine.onStateChange = schedule;
    this.disposables.push(
      this.item,
      diagnostics.onDidChange(schedule),
      vscode.window.onDidChangeActiveTextEditor(schedule),
    );
  }

  /** What the item shows now (brought up to date first). */
  get snapshot(): StatusSnapshot {
    this.update();
    return { ...this.current };
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.update(), UPDATE_MS);
  }

  private update(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.current = this.compute();
    this.render();
  }

  private compute(): StatusSnapshot {
    const doc = vscode.window.activeTextEditor?.document;
    const uri = doc && isAnalysable(doc) ? doc.uri : undefined;
    const problems = uri ? this.diagnostics.collection.get(uri)?.length ?? 0 : undefined;
    const count = problems === undefined ? '' : `${problems} problem${problems === 1 ? '' : 's'} in this file`;
    const engine = this.engine.state;
    if (engine === 'failed' || this.diagnostics.lastError)
      return {
        state: 'error',
        text: '$(error) Front Contacts',
        detail: `${engine === 'failed' ? 'the engine stopped' : this.diagnostics.lastError}; see the output`,
        busy: false,
        severity: 'error',
        problems,
      };
    if (uri && !this.enabledFor(uri))
      return { state: 'disabled', text: 'Front Contacts: off', detail: 'disabled or ignored for this file', busy: false, severity: 'information', problems };
    if (engine === 'starting')
      return { state: 'starting', text: 'Front Contacts', detail: 'starting the engine', busy: true, severity: 'information', problems };
    if (this.diagnostics.analysing > 0)
      return { state: 'analysing', text: 'Front Contacts', detail: count ? `analysing; ${count} so far` : 'analysing', busy: true, severity: 'information', problems };
    const ready = this.engine.loadMs === undefined ? '' : `engine ready in ${Math.round(this.engine.loadMs)} ms`;
    return {
      state: 'idle',
      text: problems ? `$(warning) Front Contacts: ${problems}` : '$(check) Front Contacts',
      detail: [count, ready].filter(Boolean).join('; '),
      busy: false,
      severity: 'information',
      problems,
    };
  }

  private render(): void {
    const s = this.current;
    this.item.text = s.text;
    this.item.detail = s.detail;
    this.item.busy = s.busy;
    this.item.severity =
      s.severity === 'error' ? vscode.LanguageStatusSeverity.Error : s.severity === 'warning' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.engine.onStateChange = () => {};
    for (const d of this.disposables) d.dispose();
  }
}
