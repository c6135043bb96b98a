/**
 * The whole-file tables an edit updates instead of rebuilding (src/core/files.ts: the index of top-level
 * declarations and the count of assignments per name, taken over from the previous version and updated for the
 * statements parsed again): edits that add or remove a reassignment of a top-level `let` used in a URL elsewhere,
 * or add, remove, rename or duplicate a top-level declaration, must give exactly what a fresh analysis gives, and
 * the findings must change when the code's meaning does.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from '../src/core';

const filler = (n: number, tag: string): string =>
  Array.from({ length: n }, (_, i) => `export function fmt${tag}${i}(row: Record<string, unknown>): string {\n  return Object.keys(row).join(', ');\n}\n`).join('\n');

const HEAD = "const FRONT_API = 'https://api2.frontapp.com';\n";
const USE = 'export async function list(id: string) {\n  return fetch(base + id + \'/contacts\');\n}\n';

/** The file with `decl` near the top, `middle` in the middle and `tail` at the end, among ordinary statements. */
function file(decl: string, middle = '', tail = ''): string {
  return [HEAD, decl, filler(20, 'a'), middle, filler(20, 'b'), USE, filler(10, 'c'), tail].join('\n');
}

/** Analyses the texts in order on one options object (the editor's path) and each fresh; all must agree. */
function sequence(fileName: string, texts: string[]): string[][] {
  const incremental: AnalyzeOptions = {};
  const seen: string[][] = [];
  texts.forEach((text, i) => {
    const inc = analyze(fileName, text, incremental);
    const fresh = analyze(fileName, text, {});
    expect(JSON.parse(JSON.stringify(inc)), `step ${i}`).toEqual(JSON.parse(JSON.stringify(fresh)));
    seen.push(inc.findings.map((f) => `${f.ruleId}@${text.slice(f.start, f.end)}`));
  });
  return seen;
}

const teamRoute = (fs: string[]): boolean => fs.some((f) => f.includes('base + id'));

describe('incremental tables: reassignments and top-level declarations', () => {
  it('a reassignment of a top-level let added and removed, at top level and inside a function', () => {
    const decl = "let base = FRONT_API + '/teams/';";
    const texts = [
      file(decl),
      file(decl, "base = 'https://example.com/teams/';"),
      file(decl),
      file(decl, "export function reset() {\n  base = 'https://example.com/teams/';\n}"),
      file(decl, "export function reset() {\n  base += '';\n}"),
      file(decl, "export function reset() {\n  bas = 'https://example.com/teams/';\n}"),
      file(decl, '', 'base++;'),
      file(decl, '', 'base+;'), // syntax error: recovered locally, then valid again
      file(decl),
    ];
    const seen = sequence('/virtual/reassign.ts', texts);
    expect(teamRoute(seen[0])).toBe(true);
    expect(teamRoute(seen[1])).not.toBe(teamRoute(seen[0]));
    expect(teamRoute(seen[2])).toBe(true);
    expect(teamRoute(seen[5])).toBe(true);
    expect(teamRoute(seen[8])).toBe(true);
  });

  it('a top-level declaration added, renamed, duplicated and removed', () => {
    const texts = [
      file("let base = FRONT_API + '/teams/';"),
      file("let bas = FRONT_API + '/teams/';"), // the name the URL uses is gone
      file("let base = FRONT_API + '/teams/';"),
      file("let base = FRONT_API + '/teams/';", "var base = FRONT_API + '/teammates/';"), // a second declaration, later
      file("let base = FRONT_API + '/teams/';", "var baseX = FRONT_API + '/teammates/';"), // the later one renamed: the first again
      file("let base = FRONT_API + '/teams/';", "var base = FRONT_API + '/teammates/';"),
      file("let base = FRONT_API + '/teams/';", "var base = FRONT_API + '/teammates/'"),
      file("let base = FRONT_API + '/teams/';", '', "function base() { return ''; }"),
      file("let base = FRONT_API + '/teams/';", '', "function bas() { return ''; }"),
      file("let bas = FRONT_API + '/teams/';", "const base = FRONT_API + '/teams/';"),
      file("let bas = FRONT_API + '/teams/';", "const base = FRONT_API + '/teams/'; const base2 = 1;"),
      file("let bas = FRONT_API + '/teams/';"),
      file("import { base } from './base';"),
      file("import { bas } from './base';"),
      file("let base = FRONT_API + '/teams/';"),
    ];
    const seen = sequence('/virtual/decls.ts', texts);
    expect(teamRoute(seen[0])).toBe(true);
    expect(teamRoute(seen[1])).toBe(false);
    expect(teamRoute(seen[2])).toBe(true);
    expect(teamRoute(seen[3])).toBe(false); // the later declaration is the one the name refers to
    expect(teamRoute(seen[4])).toBe(true);
    expect(teamRoute(seen[5])).toBe(false);
    expect(teamRoute(seen[7])).toBe(false);
    expect(teamRoute(seen[8])).toBe(true);
    expect(teamRoute(seen[9])).toBe(true);
    expect(teamRoute(seen[11])).toBe(false);
    expect(teamRoute(seen[14])).toBe(true);
  });

  it('keystrokes through a declaration and through its name, one character at a time', () => {
    const decl = "let base = FRONT_API + '/teams/';";
    const start = file(decl, "export const other = FRONT_API + '/contacts/' + 1;");
    const at = start.indexOf('let base');
    const without = start.slice(0, at) + start.slice(at + 'let base'.length);
    const texts: string[] = [start];
    // delete "let base" one character at a time, then type it back
    for (let i = 1; i <= 8; i++) texts.push(start.slice(0, at) + start.slice(at + i));
    for (let i = 1; i <= 8; i++) texts.push(without.slice(0, at) + 'let base'.slice(0, i) + without.slice(at));
    const seen = sequence('/virtual/typing.ts', texts);
    expect(texts[texts.length - 1]).toBe(start);
    expect(teamRoute(seen[0])).toBe(true);
    expect(teamRoute(seen[8])).toBe(false);
    expect(teamRoute(seen[16])).toBe(true);
  });
});
