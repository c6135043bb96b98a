/**
 * The engine's public contract. Everything outside src/core (CLI, extension, codemods)
 * talks to the engine through these types only.
 */

export const RULE_IDS = [
  'team-contacts-endpoint',
  'contact-redirect-disabled',
  'contact-redirect-method-change',
  'contact-redirect-auth-dropped',
  'chat-identify-without-email',
  'chat-identify-phone',
  'front-chat-handle-readonly',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type Severity = 'error' | 'warning';
export type RuleSetting = 'off' | Severity;

/** 1-based line and 1-based column (UTF-16 code units, like VS Code's character + 1). */
export interface Position {
  line: number;
  column: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** Replace text[start, end) of `file` (UTF-16 offsets into the text given to the engine) with newText. */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

export interface Suggestion {
  title: string;
  edits: TextEdit[];
}

export interface RelatedLocation {
  file: string;
  start: number;
  end: number;
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** What breaks and why, in one sentence. */
  message: string;
  file: string;
  /** Offsets into the analysed text, and the same range as line/column. */
  start: number;
  end: number;
  range: Range;
  related?: RelatedLocation[];
  /** A safe fix: applying it never changes behaviour other than the migration. */
  fix?: { edits: TextEdit[]; /** What the fix does, for an editor's action label ("Replace `a` with `b`"). */ title?: string };
  /** Edits a human should review before applying. */
  suggestions?: Suggestion[];
  docsUrl: string;
}

/** A problem with the input itself (syntax error, unreadable file), not a rule finding. */
export interface InputProblem {
  file: string;
  message: string;
  range?: Range;
}

/**
 * How the engine sees other files. The CLI implements it over the disk, the editor over
 * open buffers first and the disk second. All methods must be cheap to call repeatedly;
 * implementations cache.
 */
export interface SourceHost {
  /** Absolute file name the import specifier refers to, or undefined (package, missing file). */
  resolveImport(fromFile: string, specifier: string): string | undefined;
  /** The file's current text, or undefined if it cannot be read. */
  readFile(fileName: string): string | undefined;
  /**
   * Project files that import this one (absolute names), for finding what callers pass to a function or
   * constructor (an injected client configured in another file). Optional: without it, only callers in the same
   * file are found.
   */
  importers?(fileName: string): string[];
}

export interface AnalyzeOptions {
  /** Per-rule override; missing ids keep their default severity. */
  rules?: Partial<Record<RuleId, RuleSetting>>;
  /** Extra hosts/base URLs that count as Front (a proxy, for example). */
  frontBaseUrls?: string[];
  /**
   * Proxies (hosts or base URLs, also listed in frontBaseUrls) that pass Front's 301 on unchanged, so a followed
   * redirect leaves their host for api.frontapp.com (contact-redirect-auth-dropped).
   */
  passThroughProxies?: string[];
  /** Cross-file resolution; without it, imports are holes. */
  host?: SourceHost;
  /** Report `front-contacts-ignore-next-line` comments that suppressed nothing. */
  reportUnusedIgnores?: boolean;
  /**
   * This text of the file is analysed once (the CLI): one run over the whole file, without keeping findings per
   * statement for the next version of the text (what makes an editor's re-analysis after an edit cheap).
   */
  once?: boolean;
}

export interface AnalyzeResult {
  findings: Finding[];
  /** Syntax errors etc. Findings are still produced for the parts that parsed. */
  problems: InputProblem[];
}
