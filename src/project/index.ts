export { discoverFiles, type DiscoverOptions, type DiscoverResult, type DiscoverNote } from './discover';
export { loadConfig, loadConfigFile, findConfigFile, validateConfig, ConfigError, CONFIG_FILE_NAME, type FrontContactsConfig, type LoadedConfig } from './config';
export { DiskSourceHost } from './host';
export { readSourceFile, readSourceFiles, decodeSource, BOM, type SourceFile } from './read';
export { filesToAnalyse, scanImportSpecifiers } from './imports';
export { isSourceFile, SOURCE_EXTENSIONS } from './extensions';
export { parseJsonc, JsoncSyntaxError } from './jsonc';
export { parseIgnoreFile, parseIgnoreLine, isIgnored, type IgnoreRule } from './ignore';
export { writeFileAtomic, FileChangedError } from './write';
