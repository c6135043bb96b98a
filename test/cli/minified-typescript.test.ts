/**
 * The CLI's bundles load dist/typescript.js, the build's minified subset of ts-morph's compiler (scripts/build.mjs,
 * scripts/typescript-subset.mjs: the parser without the checker and the language service): it must parse every file
 * exactly like the original — the same nodes at the same positions, the same flags and the same syntax errors — and
 * have everything the sources take from `ts`, or the CLI would report differently from the engine's own tests and
 * the editor, or fail.
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

  it('has every ts.X the sources use, and nodes with the methods the engine calls', async () => {
    const { usedNames } = (await import(path.join(ROOT, 'scripts', 'typescript-subset.mjs'))) as { usedNames: (dirs: string[]) => Set<string> };
    const used = [...usedNames([path.join(ROOT, 'src')])].filter((n) => (original as unknown as Record<string, unknown>)[n] !== undefined);
    expect(used.length).toBeGreaterThan(80);
    const missing = used.filter((n) => typeof (minified as unknown as Record<string, unknown>)[n] !== typeof (original as unknown as Record<string, unknown>)[n]);
    expect(missing).toEqual([]);
    const text = 'const url = `${FRONT}/contacts/${id}`;\nexport async function get(id: string) { return fetch(url, { redirect: "manual" }); }';
    const [a, b] = [minified, original].map((c) => c.createSourceFile('a.ts', text, c.ScriptTarget.Latest, true));
    expect(a.statements.map((st) => [st.getText(), st.getStart(), st.getSourceFile().fileName])).toEqual(b.statements.map((st) => [st.getText(), st.getStart(), st.getSourceFile().fileName]));
    // the point of the subset: a fraction of the 9 MB compiler to read, check against its cache and initialise
    expect(statSync(path.join(ROOT, 'dist', 'typescript.js')).size).toBeLessThan(1.5e6);
  });

  it('reports the same syntax errors on broken input', () => {
    const broken = ['const a = ;', 'fetch(`/teams/${id}/contacts`', 'class { method( }', 'let x = <div>{</div>;', '\u0000\uffff'];
    for (const text of broken) expect(shape(minified, 'broken.tsx', text)).toEqual(shape(original, 'broken.tsx', text));
  });
});
