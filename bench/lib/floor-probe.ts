// The part of a `check` run that any checker built on Node and TypeScript's parser must pay, without our
// engine: Node's start, loading the TypeScript compiler (through the CLI's own loader and code cache), listing
// and reading every source file (the CLI's discovery), and parsing the files that hold a planted hit (a checker
// must at least parse those). bench/floor.mjs bundles and runs it, one step more per run.
// Usage: node floor-probe.cjs <repo> <manifest.json> start|ts|read|parse
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverFiles } from '../../src/project/discover';

async function main(): Promise<void> {
  const [repo, manifestFile, upTo] = process.argv.slice(2);
  const steps = ['start', 'ts', 'read', 'parse'];
  const last = steps.indexOf(upTo);
  if (!repo || !manifestFile || last < 0) throw new Error('usage: floor-probe <repo> <manifest> start|ts|read|parse');
  if (last < 1) return;
  // Through the CLI's loader (bundled in place of ts-morph, as in dist/cli.js): same code cache, same file.
  const { ts } = await import('ts-morph');
  if (last < 2) return;
  const { files } = await discoverFiles([repo], { cwd: repo });
  let bytes = 0;
  for (const f of files) bytes += readFileSync(f).length;
  if (last < 3) return;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { hits: { file: string }[] };
  let nodes = 0;
  for (const rel of new Set(manifest.hits.map((h) => h.file))) {
    const text = readFileSync(join(repo, rel), 'utf8');
    nodes += ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, false).statements.length; // no parent pointers: the cheapest parse
  }
  process.stdout.write(`${files.length} files, ${bytes} bytes, ${nodes} statements parsed\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(2);
});
