/**
 * The fixture corpus under test/fixtures, shared by the engine's fixture test, the codemod tests
 * and anything else that wants "every case with its expected findings and output".
 *
 * Layout (see test/fixtures/README.md):
 *   test/fixtures/<rule-id>/<case>.input.<ext>      one analysed file, markers say what it must report
 *   test/fixtures/<rule-id>/<case>.output.<ext>     the file after `fix` (absent: fix changes nothing)
 *   test/fixtures/<rule-id>/<case>.suggested.<ext>  optional: the file after `fix --suggestions`
 *   test/fixtures/<rule-id>/<case>/                 a multi-file case: its *.input.* files are analysed,
 *                                                   plain files (routes.ts, config.ts) are only imported
 *   test/fixtures/near-miss/<case>.input.<ext>      must produce nothing at all
 *
 * Markers: `// expect: <rule-id>[, <rule-id>…]` at the end of the line where a finding's range starts.
 * Plain node (fs/path) only, so vitest, mocha and plain scripts can all import it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { RULE_IDS, type RuleId, type SourceHost } from '../../src/core/types';

export const FIXTURES_ROOT = path.resolve(__dirname, '..', 'fixtures');
export const NEAR_MISS = 'near-miss';
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

export interface ExpectedFinding {
  ruleId: RuleId;
  /** 1-based line the finding's range starts on. */
  line: number;
}

export interface FixtureCase {
  /** The rule directory the case lives in (a rule id), or 'near-miss'. */
  rule: RuleId | typeof NEAR_MISS;
  /** `<case>` for single files, `<case>/<file>` for a file of a multi-file case. */
  name: string;
  /** Absolute path of the analysed file. */
  inputPath: string;
  inputText: string;
  /** Absolute path of the `.output.` file, or undefined when fix must change nothing. */
  outputPath: string | undefined;
  /** The text `fix` must produce: the output file, or the input when there is none. */
  expectedOutput: string;
  /** Absolute path of the `.suggested.` file (the result of `fix --suggestions`), if the case has one. */
  suggestedPath?: string;
  expectedSuggested?: string;
  /** Directory holding the case's files (imports are resolved relative to it). */
  dir: string;
  /** True when the case is a directory of several files. */
  multiFile: boolean;
  /** Findings the markers announce, sorted by line then rule id. */
  expected: ExpectedFinding[];
}

const MARKER = /\/\/\s*expect:\s*([a-z][a-z0-9-]*(?:\s*,\s*[a-z][a-z0-9-]*)*)\s*$/;

/** Splits text into lines the way the engine numbers them (\n, \r\n, lone \r). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Reads `// expect:` markers. Throws on an unknown rule id so a typo cannot silently expect nothing. */
export function parseMarkers(text: string, fileForErrors = '<text>'): ExpectedFinding[] {
  const out: ExpectedFinding[] = [];
  splitLines(text).forEach((lineText, i) => {
    const m = MARKER.exec(lineText);
    if (!m) {
      if (/\/\/\s*expect\s*:/.test(lineText))
        throw new Error(`${fileForErrors}:${i + 1}: malformed expect marker: ${lineText.trim()}`);
      return;
    }
    for (const raw of m[1].split(',')) {
      const id = raw.trim();
      if (!(RULE_IDS as readonly string[]).includes(id))
        throw new Error(`${fileForErrors}:${i + 1}: unknown rule id in marker: ${id}`);
      out.push({ ruleId: id as RuleId, line: i + 1 });
    }
  });
  return sortFindings(out);
}

export function sortFindings<T extends ExpectedFinding>(list: T[]): T[] {
  return [...list].sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
}

function isInputFile(file: string): boolean {
  return SOURCE_EXTENSIONS.some((ext) => file.endsWith(`.input${ext}`));
}

function outputPathFor(inputPath: string): string {
  return inputPath.replace(/\.input(\.[a-z]+)$/, '.output$1');
}

function caseFor(rule: FixtureCase['rule'], name: string, inputPath: string, dir: string, multiFile: boolean): FixtureCase {
  const inputText = fs.readFileSync(inputPath, 'utf8');
  const out = outputPathFor(inputPath);
  const outputPath = fs.existsSync(out) ? out : undefined;
  const sug = inputPath.replace(/\.input(\.[a-z]+)$/, '.suggested$1');
  const suggestedPath = fs.existsSync(sug) ? sug : undefined;
  return {
    ...(suggestedPath ? { suggestedPath, expectedSuggested: fs.readFileSync(suggestedPath, 'utf8') } : {}),
    rule,
    name,
    inputPath,
    inputText,
    outputPath,
    expectedOutput: outputPath ? fs.readFileSync(outputPath, 'utf8') : inputText,
    dir,
    multiFile,
    expected: parseMarkers(inputText, inputPath),
  };
}

/**
 * Every analysed file of the corpus, in a stable order. Directories under test/fixtures that are
 * neither a rule id nor 'near-miss' are skipped (other suites may keep their own data there).
 */
export function listFixtureCases(root: string = FIXTURES_ROOT): FixtureCase[] {
  const cases: FixtureCase[] = [];
  if (!fs.existsSync(root)) return cases;
  const ruleDirs = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && ((RULE_IDS as readonly string[]).includes(d.name) || d.name === NEAR_MISS))
    .map((d) => d.name)
    .sort();
  for (const rule of ruleDirs as FixtureCase['rule'][]) {
    const ruleDir = path.join(root, rule);
    for (const entry of fs.readdirSync(ruleDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(ruleDir, entry.name);
      if (entry.isFile() && isInputFile(entry.name)) {
        cases.push(caseFor(rule, entry.name.replace(/\.input\.[a-z]+$/, ''), full, ruleDir, false));
      } else if (entry.isDirectory()) {
        for (const file of fs.readdirSync(full).sort()) {
          if (isInputFile(file))
            cases.push(caseFor(rule, `${entry.name}/${file.replace(/\.input\.[a-z]+$/, '')}`, path.join(full, file), full, true));
        }
      }
    }
  }
  return cases;
}

/**
 * A SourceHost over the fixture files on disk. Relative specifiers resolve inside the fixture
 * directory: `./routes` → routes.ts or routes.input.ts (then .tsx .js .mjs .cjs …, then index files);
 * `./routes.js` also finds routes.ts (TypeScript ESM style). Packages resolve to undefined.
 */
export function createFixtureHost(): SourceHost {
  const texts = new Map<string, string | undefined>();
  const probe = (base: string): string | undefined => {
    const candidates: string[] = [];
    for (const ext of SOURCE_EXTENSIONS) candidates.push(base + ext, `${base}.input${ext}`);
    for (const ext of SOURCE_EXTENSIONS) candidates.push(path.join(base, `index${ext}`), path.join(base, `index.input${ext}`));
    return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  };
  const host: SourceHost = {
    // A multi-file case is one folder: its importers are the files of that folder that import it.
    importers(fileName) {
      if (!fs.existsSync(fileName)) return [];
      const dir = path.dirname(fileName);
      if (path.basename(path.dirname(dir)) === 'fixtures') return []; // a single-file case: no folder of its own
      return fs.readdirSync(dir)
        .map((n) => path.join(dir, n))
        .filter((f) => f !== fileName && SOURCE_EXTENSIONS.some((ext) => f.endsWith(ext)))
        .filter((f) => [...(host.readFile(f) ?? '').matchAll(/(?:\bfrom\s*|\brequire\s*\(\s*)(['"])([^'"]+)\1/g)].some((m) => host.resolveImport(f, m[2]) === fileName));
    },
    resolveImport(fromFile, specifier) {
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
      const target = path.resolve(path.dirname(fromFile), specifier);
      if (SOURCE_EXTENSIONS.some((ext) => target.endsWith(ext))) {
        if (fs.existsSync(target) && fs.statSync(target).isFile()) return target;
        const found = probe(target.replace(/\.[a-z]+$/, ''));
        if (found) return found;
      }
      return probe(target);
    },
    readFile(fileName) {
      if (!texts.has(fileName)) {
        let text: string | undefined;
        try {
          text = fs.readFileSync(fileName, 'utf8');
        } catch {
          text = undefined;
        }
        texts.set(fileName, text);
      }
      return texts.get(fileName);
    },
  };
  return host;
}

export function scriptKindFor(fileName: string): ts.ScriptKind {
  if (/\.tsx$/.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(fileName)) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Syntax errors as "line:col message" strings; empty when the text parses. */
export function syntaxErrors(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindFor(fileName));
  const diags = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diags.map((d) => {
    const pos = sf.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${pos.line + 1}:${pos.character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** 1-based line and column of a UTF-16 offset, counting \n, \r\n and lone \r as line ends. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue; // the \n of \r\n ends the line
    if (c === 10 || c === 13) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Every JS/TS source file under `dir`, recursively (fixture corpora, generated workspaces). */
export function sourceFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFilesUnder(p));
    else if (/\.[cm]?[jt]sx?$/.test(e.name)) out.push(p);
  }
  return out;
}
