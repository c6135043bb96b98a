// The engine's parse (src/core/ts.ts) sets parent pointers in its own walk, which also lists the nodes in pre-order
// for FileContext.nodes(), instead of asking TypeScript for them (setParentNodes). The trees must be the same as
// TypeScript's: every node's parent, and the list in the order a walk of the finished tree gives.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, preorder, preorderOf, scriptKindFor, ts } from '../src/core/ts';
import { sourceFilesUnder } from './support/fixtures';

const ROOT = path.resolve(__dirname, '..');

/** Each node as kind@pos-end with its parent's, in pre-order. */
function parents(nodes: readonly ts.Node[]): string[] {
  const at = (n: ts.Node | undefined) => (n ? `${ts.SyntaxKind[n.kind]}@${n.pos}-${n.end}` : '-');
  return nodes.map((n) => `${at(n)} < ${at(n.parent)}`);
}

describe('parse', () => {
  it('gives every node the parent TypeScript gives it, and lists the nodes in pre-order', () => {
    const files = [...sourceFilesUnder(path.join(ROOT, 'src')), ...sourceFilesUnder(path.join(ROOT, 'test', 'fixtures')), ...sourceFilesUnder(path.join(ROOT, 'examples'))];
    expect(files.length).toBeGreaterThan(300);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const ours = parse(file, text);
      const theirs = ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, scriptKindFor(file));
      const list = preorderOf(ours)!;
      expect(list.map((n) => n.kind), file).toEqual(preorder(ours).map((n) => n.kind));
      expect(parents(list), file).toEqual(parents(preorder(theirs)));
    }
  });

  it('keeps parents right in broken code, where the parser recovers', () => {
    for (const text of ['const a = ;', 'fetch(`/teams/${id}/contacts`', 'class { method( }', 'let x = <div>{</div>;', 'if (a) { b(', '@dec class C { @p x }']) {
      const ours = parse('broken.tsx', text);
      const theirs = ts.createSourceFile('broken.tsx', text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, ts.ScriptKind.TSX);
      expect(parents(preorderOf(ours)!)).toEqual(parents(preorder(theirs)));
    }
  });
});
