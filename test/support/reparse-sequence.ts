// Shared by the pinned reparse tests: versions of a file reparsed one from the other, compared with fresh parses.
import { expect } from 'vitest';
import { diffHunks, parseErrors } from '../../src/core/ts';
import { parseFull, reparse, settleAll, type Parsed } from '../../src/core/reparse';
import { dumpTree } from './tree-dump';

/** `text` with its first `from` replaced by `to` (which must be there). */
export const sub = (text: string, from: string, to: string): string => {
  expect(text.includes(from), from).toBe(true);
  return text.replace(from, to);
};

/** True when every top-level statement starts at or after the end of the one before and lies inside the text. */
export const inOrder = (sf: { statements: readonly { pos: number; end: number }[]; text: string }): boolean => {
  let end = 0;
  for (const s of sf.statements) {
    if (s.pos < end || s.end < s.pos || s.end > sf.text.length) return false;
    end = s.end;
  }
  return true;
};

/**
 * Versions of one file, each reparsed from the one before. A version without syntax errors must give the tree of a
 * fresh parse; one with errors must report errors and keep its statements in order, unless a fresh parse does not
 * (then the tree must be the fresh one).
 */
export function reparseSequence(fileName: string, texts: string[]): void {
  let parsed: Parsed = parseFull(fileName, texts[0]);
  for (let i = 1; i < texts.length; i++) {
    parsed = reparse(parsed, texts[i], diffHunks(texts[i - 1], texts[i]));
    settleAll(parsed.sf);
    const fresh = parseFull(fileName, texts[i]);
    if (parseErrors(fresh.sf).length) {
      expect(parseErrors(parsed.sf).length, `version ${i}: errors reported`).toBeGreaterThan(0);
      if (!inOrder(parsed.sf)) expect({ version: i, tree: dumpTree(parsed.sf) }).toEqual({ version: i, tree: dumpTree(fresh.sf) });
      continue;
    }
    expect({ version: i, errors: parseErrors(parsed.sf).map((d) => `${d.start}: ${String(d.messageText)}`), tree: dumpTree(parsed.sf) })
      .toEqual({ version: i, errors: [], tree: dumpTree(fresh.sf) });
  }
}

/** The text's syntax errors in a fresh parse (to check each case is the one it says). */
export const errorsOf = (fileName: string, text: string): string[] => parseErrors(parseFull(fileName, text).sf).map((d) => String(d.messageText));
