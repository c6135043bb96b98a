// VS Code entry point: wires the editor to the engine (src/core). Activation does no workspace-wide
// work: it analyses the documents already open and waits for events.
import * as vscode from 'vscode';
import { FrontContactsCodeActions } from './codeActions';
import { COMMANDS, registerCommands } from './commands';
import { DiagnosticsService, DOCUMENT_SELECTOR } from './diagnostics';
import { SettingsService } from './settings';

/** What activate() returns: used by the extension-host tests, stable enough for other extensions. */
export interface FrontContactsApi {
  readonly activationMs: number;
  /** Engine runs so far. */
  readonly runCount: number;
  /** Debounced analyses not yet run. */
  readonly pending: number;
  readonly commands: typeof COMMANDS;
}

export function activate(context: vscode.ExtensionContext): FrontContactsApi {
  const t0 = Date.now();
  const log = vscode.window.createOutputChannel('Front Contacts', { log: true });
  let diagnostics: DiagnosticsService | undefined;
  // Project config files are read from disk (as the CLI does); a file watcher notices their changes.
  const settings = new SettingsService(log, (file) => diagnostics?.disk.read(file));
  diagnostics = new DiagnosticsService(settings, log);
  context.subscriptions.push(
    log,
    settings,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new FrontContactsCodeActions(diagnostics), FrontContactsCodeActions.metadata),
    ...registerCommands(diagnostics, settings, log),
  );
  // Let activation return first; open documents are analysed right after.
  setTimeout(() => diagnostics!.start(), 0);
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
    commands: COMMANDS,
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
