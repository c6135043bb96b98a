/**
 * Which files to analyse. The engine's `mightMatch` is a cheap text test; a file that fails it
 * must still be analysed when it imports (directly or through other files) a file that passes
 * it, because the engine follows constants across files: `fetch(FRONT + TEAM_CONTACTS)` only
 * shows its URL through the imports. Import edges come from a regex scan, never a parse.
 */
import * as path from 'node:path';
import { runSteps, type Steps } from './steps';

/**
 * Units of work (a file looked at, an import resolved, a file read) between two points where the selection may
 * pause: run through by the CLI (runSteps), a few milliseconds at a time by Scan Workspace (Slicer).
 */
export const WORK_PER_PAUSE = 32;

/** Counts units of work: true once every WORK_PER_PAUSE calls, where the steps pause. */
function pauseCounter(): () => boolean {
  let work = 0;
  return () => {
    if (++work < WORK_PER_PAUSE) return false;
    work = 0;
    return true;
  };
}

/** `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`, `require('x')`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"`])([^'"`\r\n]+)\1/g;

export function scanImportSpecifiers(text: string): string[] {
  const out: string[] = [];
  SPECIFIER.lastIndex = 0;
  for (let m = SPECIFIER.exec(text); m; m = SPECIFIER.exec(text)) {
    if (m[1] === '`' && m[2].includes('${')) continue;
    out.push(intern(m[2]));
  }
  return out;
}

// A regex match is a slice of the text it was found in, and V8 keeps that whole text alive for as long as
// the slice lives: the specifiers kept of the files whose text is dropped would keep every text (250 MB
// at 50k files). So each specifier is copied out once, and shared by every file that imports it.
const interned = new Map<string, string>();
function intern(s: string): string {
  let copy = interned.get(s);
  if (copy === undefined) {
    copy = Buffer.from(s, 'utf8').toString('utf8');
    if (interned.size < 200_000) interned.set(copy, copy);
  }
  return copy;
}

export interface ClosureInput {
  file: string;
  /** The text; or, for a file already known not to match, only its import specifiers. */
  text?: string;
  specifiers?: string[];
  /** For a file given without its text: whether `FrontReach.names` holds for its text. */
  namesFront?: boolean;
  /** For a file given without its text: whether the selection's `matches` test holds for it (filesToAnalyse). */
  matches?: boolean;
  /** For a file given without its text: whether `FrontReach.always` holds for its text. */
  alone?: boolean;
}

/**
 * The second condition of the engine's HTTP rules: Front must be named somewhere the engine looks (the
 * file or what it imports, transitively). Files that fail it are only analysed for the rules in `always`.
 */
export interface FrontReach {
  /** Text that can make a request count as Front traffic (core `mightNameFront`). */
  names: (text: string) => boolean;
  /** Text that rules looking only at the file itself may report on (core `mightReportAlone`). */
  always: (text: string) => boolean;
  /** Reads a file the inputs do not include (an import outside the paths being checked). */
  read: (file: string) => string | undefined;
}

/** The last path segment of a specifier or file, without extensions (`./api/client.js` -> `client`). */
function stem(p: string): string {
  const base = p.slice(p.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * The files to analyse: those for which `matches` holds, plus every file that imports one
 * of the selected files, transitively.
 * `resolve` maps (importer, specifier) to a file name, or undefined (packages, missing files).
 * Resolving is the costly part, so a specifier is only resolved when its last segment could
 * name one of the given files: its stem, or a folder above it (index files, package entry
 * points and path aliases end in one of those), or one of `moreNames` (the last segments of workspace package
 * names, see DiskSourceHost.workspacePackageStems). Most package imports never get resolved.
 */
export function filesToAnalyse(
  files: readonly ClosureInput[],
  matches: (text: string) => boolean,
  resolve: (fromFile: string, specifier: string) => string | undefined,
  moreNames: Iterable<string> = [],
): Set<string> {
  return runSteps(filesToAnalyseSteps(files, matches, resolve, moreNames));
}

/** filesToAnalyse as resumable steps: pauses every WORK_PER_PAUSE units of work. */
export function* filesToAnalyseSteps(
  files: readonly ClosureInput[],
  matches: (text: string) => boolean,
  resolve: (fromFile: string, specifier: string) => string | undefined,
  moreNames: Iterable<string> = [],
): Steps<Set<string>> {
  const due = pauseCounter();
  const selected = new Set<string>();
  const rest: ClosureInput[] = [];
  for (const f of files) {
    if (f.text !== undefined ? matches(f.text) : f.matches === true) selected.add(f.file);
    else rest.push(f);
    if (due()) yield;
  }
  if (selected.size === 0 || rest.length === 0) return selected;

  const names = new Set<string>(moreNames);
  for (const f of files) {
    names.add(stem(f.file));
    for (let d = path.dirname(f.file), i = 0; i < 4 && d !== path.dirname(d); d = path.dirname(d), i++) names.add(path.basename(d));
    if (due()) yield;
  }
  const couldNameAFile = (spec: string) => {
    const s = stem(spec);
    return s === '' || s === '.' || s === '..' || names.has(s);
  };

  // importers[target] = files (not yet selected) that import target.
  const importers = new Map<string, string[]>();
  for (const f of rest) {
    for (const spec of f.specifiers ?? scanImportSpecifiers(f.text ?? '')) {
      if (!couldNameAFile(spec)) continue;
      const target = resolve(f.file, spec);
      if (due()) yield;
      if (!target || target === f.file) continue;
      let list = importers.get(target);
      if (!list) importers.set(target, (list = []));
      list.push(f.file);
    }
    if (due()) yield;
  }
  const queue = [...selected];
  while (queue.length) {
    const target = queue.pop()!;
    for (const importer of importers.get(target) ?? []) {
      if (selected.has(importer)) continue;
      selected.add(importer);
      queue.push(importer);
    }
    if (due()) yield;
  }
  return selected;
}

/**
 * Keeps, of `selected`, the files that can get a finding: those for which `reach.always` holds, and
 * those that name Front themselves or import (transitively, through files inside or outside `files`)
 * a file that does. Imports are followed with `resolve` on regex-scanned specifiers, never a parse.
 */
export function filesReachingFront(
  files: readonly ClosureInput[],
  selected: ReadonlySet<string>,
  resolve: (fromFile: string, specifier: string) => string | undefined,
  reach: FrontReach,
): Set<string> {
  return runSteps(filesReachingFrontSteps(files, selected, resolve, reach));
}

/** filesReachingFront as resumable steps: pauses every WORK_PER_PAUSE units of work. */
export function* filesReachingFrontSteps(
  files: readonly ClosureInput[],
  selected: ReadonlySet<string>,
  resolve: (fromFile: string, specifier: string) => string | undefined,
  reach: FrontReach,
): Steps<Set<string>> {
  const due = pauseCounter();
  const byFile = new Map<string, ClosureInput>();
  for (const f of files) {
    byFile.set(f.file, f);
    if (due()) yield;
  }
  // What is known of a file: does it name Front, and its import specifiers.
  const info = new Map<string, { names: boolean; specifiers: string[] }>();
  const infoOf = (file: string) => {
    let i = info.get(file);
    if (i) return i;
    const input = byFile.get(file);
    const text = input ? input.text : reach.read(file);
    if (input && text === undefined) i = { names: input.namesFront === true, specifiers: input.specifiers ?? [] };
    else i = { names: text !== undefined && reach.names(text), specifiers: text !== undefined ? scanImportSpecifiers(text) : [] };
    info.set(file, i);
    return i;
  };

  // The import graph reachable from the selected files, then "reaches Front" spread back along it.
  const importersOf = new Map<string, string[]>();
  const reaches = new Set<string>();
  const seen = new Set<string>();
  const stack = [...selected];
  for (const f of stack) seen.add(f);
  while (stack.length) {
    const file = stack.pop()!;
    const i = infoOf(file);
    if (due()) yield;
    if (i.names) reaches.add(file);
    for (const spec of i.specifiers) {
      const target = resolve(file, spec);
      if (due()) yield;
      if (!target || target === file) continue;
      let list = importersOf.get(target);
      if (!list) importersOf.set(target, (list = []));
      list.push(file);
      if (!seen.has(target)) {
        seen.add(target);
        stack.push(target);
      }
    }
  }
  const spread = [...reaches];
  while (spread.length) {
    const target = spread.pop()!;
    for (const importer of importersOf.get(target) ?? []) {
      if (reaches.has(importer)) continue;
      reaches.add(importer);
      spread.push(importer);
    }
    if (due()) yield;
  }

  const kept = new Set<string>();
  for (const file of selected) {
    if (due()) yield;
    // A file whose checked importer reaches Front: its functions may be given a Front client there (callers.ts).
    if (reaches.has(file) || (importersOf.get(file) ?? []).some((i) => selected.has(i) && reaches.has(i))) {
      kept.add(file);
      continue;
    }
    const input = byFile.get(file);
    if (input && (input.text !== undefined ? reach.always(input.text) : input.alone === true)) kept.add(file);
  }
  return kept;
}

/**
 * Whether filesReachingFront can keep anything at all: true as soon as one of `files` names Front or has what
 * rules report alone, or an import leads out of `files` (a folder not being checked, a git-ignored file, a
 * workspace package elsewhere) to a file that names Front or imports one. False is the common answer on an
 * application without Front code, and it is reached without building the import graph: only imports that leave
 * `files` are resolved (an import naming one of `files` is answered from memory by the host).
 */
export function mayReachFront(
  files: readonly ClosureInput[],
  resolve: (fromFile: string, specifier: string) => string | undefined,
  reach: FrontReach,
  bareScope?: (folder: string) => object,
): boolean {
  return runSteps(mayReachFrontSteps(files, resolve, reach, bareScope));
}

/** A specifier resolved against its importer's folder (relative or absolute); any other is bare. */
function isPathSpecifier(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..' || path.isAbsolute(spec);
}

/**
 * mayReachFront as resumable steps: pauses every WORK_PER_PAUSE units of work. `bareScope` (DiskSourceHost
 * bareImportScope): folders with the same scope resolve bare specifiers alike, so those are asked once per scope
 * (a big application has a few scopes and hundreds of folders importing `react`).
 */
export function* mayReachFrontSteps(
  files: readonly ClosureInput[],
  resolve: (fromFile: string, specifier: string) => string | undefined,
  reach: FrontReach,
  bareScope?: (folder: string) => object,
): Steps<boolean> {
  const due = pauseCounter();
  const inside = new Set<string>();
  for (const f of files) {
    inside.add(f.file);
    if (f.text !== undefined ? reach.names(f.text) || reach.always(f.text) : f.namesFront === true || f.alone === true) return true;
    if (due()) yield;
  }
  // Files outside `files` that are imported, followed through their own imports.
  const outside: string[] = [];
  const seen = new Set<string>();
  // An import resolves the same way from every file of a folder (`react` from 300 files of one folder is one question).
  const byFolder = new Map<string, Map<string, string | undefined>>();
  const bareByFolder = new Map<string, Map<string, string | undefined>>();
  const byScope = new Map<object, Map<string, string | undefined>>();
  const visit = (from: string, specifiers: readonly string[]) => {
    const folder = path.dirname(from);
    let answers = byFolder.get(folder);
    if (!answers) byFolder.set(folder, (answers = new Map()));
    let bareAnswers = answers;
    if (bareScope) {
      let shared = bareByFolder.get(folder);
      if (!shared) {
        const scope = bareScope(folder);
        shared = byScope.get(scope);
        if (!shared) byScope.set(scope, (shared = new Map()));
        bareByFolder.set(folder, shared);
      }
      bareAnswers = shared;
    }
    for (const spec of specifiers) {
      const cache = bareAnswers === answers || isPathSpecifier(spec) ? answers : bareAnswers;
      let target = cache.get(spec);
      if (target === undefined && !cache.has(spec)) cache.set(spec, (target = resolve(from, spec)));
      if (target === undefined || inside.has(target) || seen.has(target)) continue;
      seen.add(target);
      outside.push(target);
    }
  };
  for (const f of files) {
    visit(f.file, f.specifiers ?? scanImportSpecifiers(f.text ?? ''));
    if (due()) yield;
  }
  while (outside.length) {
    const file = outside.pop()!;
    const text = reach.read(file);
    if (text === undefined) continue;
    if (reach.names(text)) return true;
    visit(file, scanImportSpecifiers(text));
    if (due()) yield;
  }
  return false;
}
