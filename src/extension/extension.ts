// VS Code entry point: wires the editor to the engine (src/core). Activation does no workspace-wide
// work: it analyses the documents already open and waits for events.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FrontContactsCodeActions } from './codeActions';
import { COMMANDS, type CommandStats, registerCommands } from './commands';
import { DiagnosticsService, DOCUMENT_SELECTOR } from './diagnostics';
import { EngineClient } from './engineClient';
import { SettingsService } from './settings';
import { SHOW_OUTPUT_COMMAND, StatusItem, type StatusSnapshot } from './status';
import { registerWalkthroughCommands } from './walkthrough';

/** What activate() returns: used by the extension-host tests, stable enough for other extensions. */
export interface FrontContactsApi {
  readonly activationMs: number;
  /** Engine runs so far. */
  readonly runCount: number;
  /** Debounced analyses not yet run, plus runs in progress. */
  readonly pending: number;
  /** Runs whose result was dropped because a newer edit superseded them. */
  readonly superseded: number;
  /** Files Fix All in Workspace has sent to the engine so far (its progress, for the tests). */
  readonly fixRuns: number;
  readonly commands: typeof COMMANDS;
  /** What the language status item shows now. */
  readonly status: StatusSnapshot;
  /** The status at each start and end of an analysis (tests see every state, however short it lasts). */
  onDidChangeStatus(listener: (s: StatusSnapshot) => void): vscode.Disposable;
  /** Time the engine worker took to load, once it has (ms). */
  readonly engineLoadMs: number | undefined;
  /** The file behind the Front Contacts output (a LogOutputChannel writes `<logUri>/<name>.log`). */
  readonly logFile: vscode.Uri;
}

const OUTPUT_NAME = 'Front Contacts';

export function activate(context: vscode.ExtensionContext): FrontContactsApi {
  const t0 = Date.now();
  const log = vscode.window.createOutputChannel(OUTPUT_NAME, { log: true });
  // The engine (and the TypeScript parser it bundles) lives in a worker thread, started now: activated with a JS/TS
  // project's window (workspaceContains), it is loaded before the first file opens; activated by a file
  // (onLanguage), it loads while VS Code shows that file. Either way the first diagnostics skip a cold start.
  const engine = new EngineClient(path.join(context.extensionPath, 'dist', 'extension-worker.js'), log);
  engine.start();
  const settings = new SettingsService(log);
  const diagnostics = new DiagnosticsService(engine, settings, log);
  const status = new StatusItem(DOCUMENT_SELECTOR, engine, diagnostics, (uri) => {
    const s = settings.forUri(uri);
    return s.enable && !s.ignored;
  });
  const stats: CommandStats = { fixRuns: 0 };
  context.subscriptions.push(
    log,
    settings,
    diagnostics,
    engine,
    status,
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => log.show(true)),
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new FrontContactsCodeActions(diagnostics, engine), FrontContactsCodeActions.metadata),
    ...registerCommands(engine, diagnostics, settings, log, stats),
    ...registerWalkthroughCommands(),
  );
  // Let activation return first; open documents are analysed right after.
  setTimeout(() => diagnostics.start(), 0);
  const activationMs = Date.now() - t0;
  log.info(`activated in ${activationMs} ms (VS Code ${vscode.version}, ${vscode.env.appHost}${vscode.env.remoteName ? ', remote ' + vscode.env.remoteName : ''})`);
  const d = diagnostics;
  return {
    activationMs,
    get runCount() {
      return d.runCount;
    },
    get pending() {
      return d.pending;
    },
    get superseded() {
      return d.supersededCount;
    },
    get fixRuns() {
      return stats.fixRuns;
    },
    commands: COMMANDS,
    get status() {
      return status.snapshot;
    },
    onDidChangeStatus(listener: (s: StatusSnapshot) => void): vscode.Disposable {
      return d.onDidChange(() => listener(status.snapshot));
    },
    get engineLoadMs() {
      return engine.loadMs;
    },
    logFile: vscode.Uri.joinPath(context.logUri, `${OUTPUT_NAME}.log`),
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
