// Effective settings for one file: defaults < the project's front-contacts.config.json (or package.json
// "frontContacts") < the user's frontContacts.* settings (user, workspace, folder). Read fresh for each run
// from caches that are dropped when settings or config files change, so changes apply without a reload.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RULE_IDS, type AnalyzeOptions, type RuleId, type RuleSetting } from '../core';
import { compileIgnore } from './glob';
import { ProjectConfigLoader, type ProjectConfig } from './projectConfig';

export const SECTION = 'frontContacts';
export type RunMode = 'onType' | 'onSave';

export interface FileSettings {
  enable: boolean;
  run: RunMode;
  /** Passed to core analyze()/fixText() (the SourceHost is added per run). */
  options: Pick<AnalyzeOptions, 'rules' | 'frontBaseUrls'>;
  /** The project config that applied, if any. */
  config: ProjectConfig | null;
  /** True when the project config's `ignore` globs exclude this file. */
  ignored: boolean;
}

const RULE_SETTINGS: readonly string[] = ['off', 'warning', 'error'];

export class SettingsService implements vscode.Disposable {
  private readonly loader: ProjectConfigLoader;
  private readonly ignoreMatchers = new Map<string, (rel: string) => boolean>();
  private readonly reported = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when anything that affects results changed (settings or a config file). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    readText: (file: string) => string | undefined,
  ) {
    this.loader = new ProjectConfigLoader(readText);
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.changed.fire();
      }),
    );
    // Config files are read from disk; a watcher notices saves, creations and deletions.
    const watcher = vscode.workspace.createFileSystemWatcher('**/{front-contacts.config.json,package.json}');
    const onConfigFile = (uri: vscode.Uri) => {
      if (uri.path.includes('/node_modules/')) return;
      this.invalidate();
      this.changed.fire();
    };
    this.disposables.push(watcher, watcher.onDidChange(onConfigFile), watcher.onDidCreate(onConfigFile), watcher.onDidDelete(onConfigFile));
  }

  invalidate(): void {
    this.loader.invalidate();
    this.ignoreMatchers.clear();
  }

  forUri(uri: vscode.Uri): FileSettings {
    const ws = vscode.workspace.getConfiguration(SECTION, uri);
    const enable = ws.get<boolean>('enable', true);
    const run: RunMode = ws.get<string>('run') === 'onSave' ? 'onSave' : 'onType';

    let config: ProjectConfig | null = null;
    if (uri.scheme === 'file') {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      config = this.loader.forFile(uri.fsPath, folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined);
      if (config && config.errors.length) this.reportConfigErrors(config);
    }

    const rules: Partial<Record<RuleId, RuleSetting>> = { ...(config?.rules ?? {}) };
    const fromSettings = ws.get<Record<string, unknown>>('rules') ?? {};
    for (const [id, v] of Object.entries(fromSettings)) {
      if ((RULE_IDS as readonly string[]).includes(id) && typeof v === 'string' && RULE_SETTINGS.includes(v))
        rules[id as RuleId] = v as RuleSetting;
    }
    const frontBaseUrls = [...new Set([...(config?.frontBaseUrls ?? []), ...(ws.get<string[]>('frontBaseUrls') ?? [])])].filter(
      (u) => typeof u === 'string' && u.trim() !== '',
    );

    let ignored = false;
    if (config && config.ignore.length && uri.scheme === 'file') {
      let m = this.ignoreMatchers.get(config.file);
      if (!m) this.ignoreMatchers.set(config.file, (m = compileIgnore(config.ignore)));
      ignored = m(path.relative(config.dir, uri.fsPath));
    }
    return { enable, run, options: { rules, frontBaseUrls }, config, ignored };
  }

  private reportConfigErrors(config: ProjectConfig): void {
    const key = `${config.file}\0${config.errors.join('\0')}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const msg = `${config.file}: ${config.errors.join('; ')}`;
    this.log.warn(msg);
    void vscode.window.showWarningMessage(`Front Contacts: ${msg}. The valid settings still apply.`);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
