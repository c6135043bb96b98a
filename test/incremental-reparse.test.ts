/**
 * The editor path reparses only the top-level statements an edit touches and moves the others (src/core/reparse.ts).
 * For a text without syntax errors the tree must be the one a parse from scratch gives: same nodes, kinds,
 * positions, parents, no syntax errors. A text with errors is recovered from locally: its tree must still cover
 * the text (statements in order, inside the text, errors reported; out of order only as the tree of a fresh parse,
 * which TypeScript gives for some broken JSX). Random edits, many of them undone again (the editor benchmark's
 * pattern), over every fixture file.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffHunks, parseErrors } from '../src/core/ts';
import { parseFull, reparse, settleAll, type Parsed } from '../src/core/reparse';
import { lineStarts, lineStartsAfterEdit } from '../src/core/positions';
import { listFixtureCases } from './support/fixtures';
import { rng } from './support/rng';
import { dumpTree } from './support/tree-dump';


const SNIPPETS = [' ', 'x', '1', ';', '\n', '\r', '\r\n', '{', '}', '(', ')', "'", '`', '/', '+', '//', '/*', '*/', ',', '.', '${', '<', '>', '=>',
  'let ', 'export ', 'function ', 'async ', 'await ', 'return ', 'import x from "y";\n', '/// <reference path="x" />\n', '#!', '@dec\n',
  '/** doc */\n', 'await x;\n', 'import.meta.url;\n'];

function edit(text: string, rand: () => number): string {
  const at = Math.floor(rand() * (text.length + 1));
  const r = rand();
  if (r < 0.4) return text.slice(0, at) + SNIPPETS[Math.floor(rand() * SNIPPETS.length)] + text.slice(at);
  if (r < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * (rand() < 0.8 ? 2 : 40)));
  const from = Math.floor(rand() * text.length);
  return text.slice(0, at) + text.slice(from, from + Math.floor(rand() * 120)) + text.slice(at);
}

describe('incremental reparse', () => {
  it('gives the tree of a fresh parse for every text without syntax errors', () => {
    let seed = 1;
    let valid = 0;
    for (const c of listFixtureCases()) {
      const rand = rng(seed++);
      const original = fs.readFileSync(c.inputPath, 'utf8');
      let text = original;
      let parsed: Parsed = parseFull(c.inputPath, text);
      let starts = lineStarts(text);
      for (let i = 0; i < 30; i++) {
        const before = text;
        text = rand() < 0.3 ? edit(original, rand) : edit(text, rand);
        const hunks = diffHunks(before, text);
        parsed = reparse(parsed, text, hunks);
        starts = lineStartsAfterEdit(starts, text, hunks);
        expect(starts).toEqual(lineStarts(text));
        settleAll(parsed.sf);
        expect(parsed.sf.text).toBe(text);
        const fresh = parseFull(c.inputPath, text);
        if (parseErrors(fresh.sf).length === 0) {
          valid++;
          const a = dumpTree(parsed.sf);
          const b = dumpTree(fresh.sf);
          if (a.join('\n') !== b.join('\n') || parseErrors(parsed.sf).length) {
            let k = 0;
            while (k < a.length && a[k] === b[k]) k++;
            expect({ file: c.inputPath, step: i, text, errors: parseErrors(parsed.sf).map((d) => d.start), node: a[k] })
              .toEqual({ file: c.inputPath, step: i, text, errors: [], node: b[k] });
          }
        } else {
          expect(parseErrors(parsed.sf).length, `${c.inputPath} step ${i}: errors reported`).toBeGreaterThan(0);
          let end = 0;
          let ordered = true;
          for (const s of parsed.sf.statements) {
            expect(s.pos >= 0 && s.end >= s.pos && s.end <= text.length, `${c.inputPath} step ${i}: statements inside the text`).toBe(true);
            if (s.pos < end) ordered = false;
            end = s.end;
          }
          // TypeScript's own recovery from some broken JSX gives statements that overlap (`<await(};` in a .tsx:
          // incremental-reparse-overlap.test.ts); the reparse may give them too, but only as the fresh tree.
          if (!ordered) expect(dumpTree(parsed.sf), `${c.inputPath} step ${i}: statements in order`).toEqual(dumpTree(fresh.sf));
          for (const d of parseErrors(parsed.sf)) expect(d.start >= 0 && d.start + d.length <= text.length).toBe(true);
        }
      }
    }
    expect(valid).toBeGreaterThan(500);
  }, 600_000); // thousands of parses: a guard for slow shared CI machines, not a target
});
