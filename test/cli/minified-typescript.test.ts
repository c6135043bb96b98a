/**
 * The CLI's bundles load dist/typescript.js, the build's minified copy of ts-morph's compiler (scripts/build.mjs):
 * it must parse every file exactly like the original — the same nodes at the same positions, the same flags and the
 * same syntax errors — or the CLI would report differently from the engine's own tests and the editor.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { ts as original } from 'ts-morph';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './helpers';

beforeAll(ensureBuilt, 120_000);

type TS = typeof original;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) sourceFiles(file, out);
    else if (/\.(?:[cm]?[jt]sx?)$/.test(name)) out.push(file);
  }
  return out;
}

/** Every node as kind, position, end and flags; then the parse's diagnostics. */
function shape(compiler: TS, file: string, text: string): string[] {
  const kind = /\.[cm]?tsx$|\.jsx$/.test(file) ? compiler.ScriptKind.TSX : file.endsWith('.d.ts') || /\.[cm]?ts$/.test(file) ? compiler.ScriptKind.TS : compiler.ScriptKind.JS;
  const sf = compiler.createSourceFile(file, text, compiler.ScriptTarget.Latest, true, kind);
  const out: string[] = [];
  const visit = (node: import('ts-morph').ts.Node): void => {
    out.push(`${compiler.SyntaxKind[node.kind]} ${node.pos}-${node.end} ${node.flags}`);
    compiler.forEachChild(node, visit);
  };
  visit(sf);
  const diagnostics = (sf as unknown as { parseDiagnostics: import('ts-morph').ts.Diagnostic[] }).parseDiagnostics;
  for (const d of diagnostics) out.push(`diagnostic ${d.code} at ${d.start}: ${compiler.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  return out;
}

describe('the minified TypeScript the CLI loads', () => {
  const minified = createRequire(__filename)(path.join(ROOT, 'dist', 'typescript.js')) as TS;

  it('is the same compiler version', () => {
    expect(minified.version).toBe(original.version);
  });

  it('parses the engine, the fixtures and the example app exactly like the original', () => {
    const files = [...sourceFiles(path.join(ROOT, 'src')), ...sourceFiles(path.join(ROOT, 'test', 'fixtures')), ...sourceFiles(path.join(ROOT, 'examples'))];
    expect(files.length).toBeGreaterThan(300);
    let nodes = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const expected = shape(original, file, text);
      expect(shape(minified, file, text), file).toEqual(expected);
      nodes += expected.length;
    }
    expect(nodes).toBeGreaterThan(100_000);
  });

  it('reports the same syntax errors on broken input', () => {
    const broken = ['const a = ;', 'fetch(`/teams/${id}/contacts`', 'class { method( }', 'let x = <div>{</div>;', '\u0000\uffff'];
    for (const text of broken) expect(shape(minified, 'broken.tsx', text)).toEqual(shape(original, 'broken.tsx', text));
  });
});
