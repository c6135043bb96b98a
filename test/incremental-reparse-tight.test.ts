/**
 * The editor's reparse first parses only the statements an edit touches (src/core/reparse.ts, margin 0) and
 * keeps that only when nothing around it can continue it. Edits that make a statement continue the one before
 * or after it (automatic semicolon insertion cases, `else` after an `if`, a removed `;`) must still give the tree
 * of a fresh parse.
 */
import { describe, expect, it } from 'vitest';
import { diffHunks, parseErrors } from '../src/core/ts';
import { parseFull, reparse, settleAll } from '../src/core/reparse';
import { dumpTree } from './support/tree-dump';

const pad = (tag: string): string => Array.from({ length: 6 }, (_, i) => `export function ${tag}${i}() {\n  return ${i};\n}\n`).join('\n');

/** [before, after] snippets placed in the middle of a file; each text is reached by editing the one before. */
const CASES: Array<[string, string]> = [
  ['const f = function () {}\nfoo();\n', 'const f = function () {}\n(foo)();\n'],
  ['x = 1;\n(y);\n', 'x = 1\n(y);\n'],
  ['let a = b;\n[c] = d;\n', 'let a = b\n[c] = d;\n'],
  ['if (a) b;\nc();\n', 'if (a) b;\nelse c();\n'],
  ['function f() {}\n(x);\n', 'function f() {}\n(x + 1);\n'],
  ['class A {}\nfoo();\n', 'class A {}\n(foo)();\n'],
  ['type A = B;\nlet x = 1;\n', 'type A = B\n[x] = [1];\n'],
  ['const t = `a`;\nfoo();\n', 'const t = `a`\nfoo();\n'],
  ['a = b;\n+c;\n', 'a = b\n+c;\n'],
  ['a = b;\n/re/g.test(c);\n', 'a = b\n/re/g.test(c);\n'],
  ['interface I { a: 1 }\n(x);\n', 'interface I { a: 1 }\n(x, y);\n'],
  ['do x(); while (y);\nz();\n', 'do x(); while (y)\nz();\n'],
  ['label: for (;;) break label;\nz();\n', 'label: for (;;) break label\nz();\n'],
];

describe('incremental reparse, statements that continue their neighbours', () => {
  it('gives the tree of a fresh parse for each edit and its undo', () => {
    let checked = 0;
    for (const [a, b] of CASES) {
      const texts = [a, b, a, b].map((mid) => `${pad('p')}\n${mid}\n${pad('q')}`);
      let parsed = parseFull('/virtual/tight.ts', texts[0]);
      for (let i = 1; i < texts.length; i++) {
        parsed = reparse(parsed, texts[i], diffHunks(texts[i - 1], texts[i]));
        settleAll(parsed.sf);
        const fresh = parseFull('/virtual/tight.ts', texts[i]);
        if (parseErrors(fresh.sf).length) {
          expect(parseErrors(parsed.sf).length, `${JSON.stringify(b)}: errors reported`).toBeGreaterThan(0);
          continue;
        }
        checked++;
        expect({ text: texts[i], tree: dumpTree(parsed.sf), errors: parseErrors(parsed.sf).length })
          .toEqual({ text: texts[i], tree: dumpTree(fresh.sf), errors: 0 });
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
