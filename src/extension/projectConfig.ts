// The project's own configuration as the CLI reads it (src/project/config): the nearest
// `front-contacts.config.json`, or `"frontContacts"` in a package.json, above a file. Cached per
// folder until a config file changes. A broken config is reported (file and reasons) and the
// defaults apply, so the editor keeps working while the user fixes it.
import * as path from 'node:path';
import { ConfigError, emptyConfig, findConfigFile, loadConfigFile, type LoadedConfig } from '../project/config';
import { isIgnoredWithParents } from '../project/ignore';

export interface ProjectConfig extends LoadedConfig {
  /** Why the config file could not be used (it then counts as absent). */
  error?: string;
}

export class ProjectConfigLoader {
  private readonly byDir = new Map<string, ProjectConfig>();
  private readonly byFile = new Map<string, ProjectConfig>();

  constructor(
    private readonly find: (dir: string) => string | undefined = findConfigFile,
    private readonly load: (file: string) => LoadedConfig = loadConfigFile,
  ) {}

  /** The config that applies to `fileName` (defaults when there is none). */
  forFile(fileName: string): ProjectConfig {
    const dir = path.dirname(fileName);
    let cfg = this.byDir.get(dir);
    if (!cfg) {
      const file = this.find(dir);
      cfg = file ? this.loadFile(file) : { config: emptyConfig(), ignoreRules: [] };
      this.byDir.set(dir, cfg);
    }
    return cfg;
  }

  isIgnored(cfg: ProjectConfig, fileName: string): boolean {
    return isIgnoredWithParents(cfg.ignoreRules, fileName, false);
  }

  invalidate(): void {
    this.byDir.clear();
    this.byFile.clear();
  }

  private loadFile(file: string): ProjectConfig {
    let cfg = this.byFile.get(file);
    if (cfg) return cfg;
    try {
      cfg = this.load(file);
    } catch (e) {
      const error = e instanceof ConfigError ? e.problems.join('; ') : (e as Error).message;
      cfg = { config: emptyConfig(), ignoreRules: [], file, error };
    }
    this.byFile.set(file, cfg);
    return cfg;
  }
}
