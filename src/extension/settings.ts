// Effective settings for one file: defaults < the project's front-contacts.config.json (or package.json
// "frontContacts") < the user's frontContacts.* settings (user, workspace, folder). Computed from caches
// that are dropped when settings or config files change, so changes apply without a reload.
import * as vscode from 'vscode';
import type { RuleId, RuleSetting } from '../core/types';
import { RULE_IDS } from '../core/types';
import { ProjectConfigLoader, type ProjectConfig } from './projectConfig';
import type { EngineOptions } from './worker/protocol';

export const SECTION = 'frontContacts';
export type RunMode = 'onType' | 'onSave';

export interface FileSettings {
  enable: boolean;
  run: RunMode;
  /** Passed to core analyze()/fixText(). */
  options: EngineOptions;
  /** The project config that applied (file undefined: none). */
  config: ProjectConfig | undefined;
  /** True when the project config's `ignore` globs exclude this file. */
  ignored: boolean;
}

const RULE_SETTINGS: readonly string[] = ['off', 'warning', 'error'];

export class SettingsService implements vscode.Disposable {
  readonly loader = new ProjectConfigLoader();
  private readonly reported = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when anything that affects results changed (settings or a config file). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.changed.fire();
      }),
    );
    // Config files are read from disk (as the CLI does); a watcher notices saves, creations and deletions.
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
  }

  forUri(uri: vscode.Uri): FileSettings {
    const ws = vscode.workspace.getConfiguration(SECTION, uri);
    const enable = ws.get<boolean>('enable', true);
    const run: RunMode = ws.get<string>('run') === 'onSave' ? 'onSave' : 'onType';

    // Virtual workspaces: no file system access here, so no project config (settings still apply).
    const config = uri.scheme === 'file' ? this.loader.forFile(uri.fsPath) : undefined;
    if (config?.error) this.reportConfigError(config);

    const rules: Partial<Record<RuleId, RuleSetting>> = { ...(config?.config.rules ?? {}) };
    const fromSettings = ws.get<Record<string, unknown>>('rules') ?? {};
    for (const [id, v] of Object.entries(fromSettings)) {
      if ((RULE_IDS as readonly string[]).includes(id) && typeof v === 'string' && RULE_SETTINGS.includes(v))
        rules[id as RuleId] = v as RuleSetting;
    }
    const frontBaseUrls = [...new Set([...(config?.config.frontBaseUrls ?? []), ...(ws.get<string[]>('frontBaseUrls') ?? [])])].filter(
      (u) => typeof u === 'string' && u.trim() !== '',
    );
    const ignored = !!config && uri.scheme === 'file' && this.loader.isIgnored(config, uri.fsPath);
    const fromSetting = (ws.get<string[]>('passThroughProxies') ?? []).filter((u) => typeof u === 'string' && u.trim() !== '');
    const proxyList = [...new Set([...(config?.config.passThroughProxies ?? []), ...fromSetting])];
    for (const u of fromSetting) if (!frontBaseUrls.includes(u)) frontBaseUrls.push(u);
    const passThroughProxies = proxyList.length ? proxyList : undefined;
    return { enable, run, options: { rules, frontBaseUrls, ...(passThroughProxies ? { passThroughProxies } : {}) }, config, ignored };
  }

  private reportConfigError(config: ProjectConfig): void {
    const key = `${config.file}\0${config.error}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const msg = `${config.file}: ${config.error}`;
    this.log.warn(`invalid config, defaults apply: ${msg}`);
    void vscode.window.showWarningMessage(`Front Contacts: invalid configuration in ${msg}. Using the defaults until it is fixed.`);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
