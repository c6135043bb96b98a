/**
 * The file selection (filesToAnalyse, then filesReachingFront) is written once as resumable steps: the CLI runs
 * them through, Scan Workspace runs them a few milliseconds at a time in the engine worker so the editor's
 * requests get answered in between. These tests pin that both ways select the same files — the files an
 * independent fixed-point computation selects — on random import graphs (cycles, unresolved and package imports,
 * files that name Front only through what they import, imports of files outside the checked ones) and on the
 * fixture corpus, and that no stretch between two pauses does more than a bounded amount of work, however big
 * the workspace: counted in resolved imports and files read per macrotask turn, not in milliseconds.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareRun } from '../../src/cli/project-run';
import { mightMatch, mightNameFront, mightReportAlone } from '../../src/core/prefilter';
import { ScanSelector } from '../../src/extension/scanSelection';
import {
  filesReachingFront,
  filesReachingFrontSteps,
  filesToAnalyse,
  filesToAnalyseSteps,
  scanImportSpecifiers,
  WORK_PER_PAUSE,
  type ClosureInput,
  type FrontReach,
} from '../../src/project/imports';
import { runSteps, Slicer, type Steps } from '../../src/project/steps';
import { createFixtureHost, sourceFilesUnder } from '../support/fixtures';
import { rng } from '../support/rng';

const ROOT = path.resolve(__dirname, '..', '..');
const DIRS = ['src', 'src/api', 'src/api/v1', 'lib', 'lib/util', 'app/pages/admin'];

/**
 * A random workspace (relative path -> text): modules and folder index files importing each other at random
 * (`./x`, `../a/x.js`, a folder for its index, require, dynamic import, re-export), imports of missing files and
 * packages; some files hold a contact URL, some name Front, some use Front Chat.
 */
function generate(seed: number, n: number): Map<string, string> {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const dir = pick(DIRS);
    names.push(r() < 0.1 ? `${dir}/pkg${i}/index.ts` : `${dir}/m${i}.ts`);
  }
  const specTo = (from: string, to: string) => {
    let target = to.endsWith('/index.ts') ? path.posix.dirname(to) : to.slice(0, -3);
    if (!to.endsWith('/index.ts') && r() < 0.2) target += '.js';
    const rel = path.posix.relative(path.posix.dirname(from), target);
    return rel.startsWith('.') ? rel : `./${rel}`;
  };
  const world = new Map<string, string>();
  for (const [i, file] of names.entries()) {
    const lines: string[] = [];
    for (let k = Math.floor(r() * 5); k > 0; k--) {
      const x = r();
      const spec =
        x < 0.75
          ? specTo(file, pick(names)) // sometimes the file itself: a self-import
          : x < 0.85
            ? `./missing${i}`
            : pick(['react', 'lodash/fp', 'node:fs', '@scope/pkg']);
      lines.push(
        pick([`import { v } from '${spec}';`, `export * from '${spec}';`, `const m${k} = require('${spec}');`, `await import('${spec}');`]),
      );
    }
    const y = r();
    if (y < 0.12) lines.push('export const list = (t: string) => fetch(`${BASE}/teams/${t}/contacts`);');
    else if (y < 0.2) lines.push("export const FRONT_API = 'https://api2.frontapp.com';");
    else if (y < 0.23) lines.push("window.FrontChat('identity', { userId });");
    else lines.push(`export const v${i} = ${i};`);
    world.set(file, lines.join('\n') + '\n');
  }
  return world;
}

/** Relative imports over an in-memory file set: `x` as x.ts, `x.js` as x.ts, a folder as its index.ts. */
function memoryResolver(files: ReadonlySet<string>) {
  return (from: string, spec: string): string | undefined => {
    if (!spec.startsWith('.')) return undefined;
    const p = path.posix.join(path.posix.dirname(from), spec);
    return [p, `${p}.ts`, p.replace(/\.js$/, '.ts'), `${p}/index.ts`].find((c) => c.endsWith('.ts') && files.has(c));
  };
}

/**
 * The checked files as the CLI and the scan hand them over: ~10% of the world left out (reachable only through
 * imports, read on demand); a file that fails the contact test keeps only its import specifiers and whether it
 * names Front.
 */
function inputsOf(world: Map<string, string>, seed: number): ClosureInput[] {
  const r = rng(seed ^ 0x5eed);
  const inputs: ClosureInput[] = [];
  for (const [file, text] of world) {
    if (r() < 0.1) continue;
    inputs.push(mightMatch(text) ? { file, text } : { file, specifiers: scanImportSpecifiers(text), namesFront: mightNameFront(text) });
  }
  return inputs;
}

/**
 * What the selection must be, computed another way: fixed points over the whole import graph. Selected: the
 * files that hold a contact URL, then (repeatedly) every checked file importing a selected one. Kept: the
 * selected files that name Front or import, transitively, one that does, or are imported by a selected file that
 * does — or use what rules report on alone.
 */
function expected(world: Map<string, string>, inputs: readonly ClosureInput[], resolve: (f: string, s: string) => string | undefined) {
  const edges = new Map<string, string[]>();
  for (const [f, text] of world) edges.set(f, scanImportSpecifiers(text).flatMap((s) => resolve(f, s) ?? []).filter((t) => t !== f));
  const selected = new Set(inputs.filter((i) => i.text !== undefined && mightMatch(i.text)).map((i) => i.file));
  if (selected.size === 0) return { selected, kept: new Set<string>() };
  for (let changed = true; changed; ) {
    changed = false;
    for (const i of inputs)
      if (!selected.has(i.file) && edges.get(i.file)!.some((t) => selected.has(t))) {
        selected.add(i.file);
        changed = true;
      }
  }
  const reaches = new Set([...world].filter(([, text]) => mightNameFront(text)).map(([f]) => f));
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of world.keys())
      if (!reaches.has(f) && edges.get(f)!.some((t) => reaches.has(t))) {
        reaches.add(f);
        changed = true;
      }
  }
  const texts = new Map(inputs.map((i) => [i.file, i.text]));
  // …or a checked file that imports it reaches Front (it may hand the file's functions a Front client)
  const importerReaches = (f: string) => [...selected].some((i) => edges.get(i)!.includes(f) && reaches.has(i));
  const kept = new Set([...selected].filter((f) => reaches.has(f) || importerReaches(f) || (texts.get(f) !== undefined && mightReportAlone(texts.get(f)!))));
  return { selected, kept };
}

const sorted = (s: Iterable<string>) => [...s].sort();

/** Runs steps by hand: the most calls of `counted` between two pauses, and the number of pauses. */
function stepwise<T>(steps: Steps<T>, calls: () => number): { value: T; pauses: number; mostPerStretch: number } {
  let pauses = 0;
  let most = 0;
  for (;;) {
    const before = calls();
    const r = steps.next();
    most = Math.max(most, calls() - before);
    if (r.done) return { value: r.value, pauses, mostPerStretch: most };
    pauses++;
  }
}

describe('the selection as steps, on random import graphs', () => {
  const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);

  it('run through (the CLI) or sliced (Scan Workspace), it selects what the fixed points select', async () => {
    let transitivelyKept = 0;
    let notKept = 0;
    for (const seed of SEEDS) {
      const world = generate(seed, 40 + seed * 8);
      const resolve = memoryResolver(new Set(world.keys()));
      const inputs = inputsOf(world, seed);
      const reach: FrontReach = { names: mightNameFront, always: mightReportAlone, read: (f) => world.get(f) };
      const want = expected(world, inputs, resolve);

      const matching = filesToAnalyse(inputs, mightMatch, resolve);
      expect(sorted(matching), `seed ${seed}`).toEqual(sorted(want.selected));
      const kept = filesReachingFront(inputs, matching, resolve, reach);
      expect(sorted(kept), `seed ${seed}`).toEqual(sorted(want.kept));

      const slicer = new Slicer(0);
      const slicedMatching = await slicer.run(filesToAnalyseSteps(inputs, mightMatch, resolve));
      const slicedKept = await slicer.run(filesReachingFrontSteps(inputs, slicedMatching, resolve, reach));
      expect([...slicedMatching], `seed ${seed}`).toEqual([...matching]); // same order too
      expect([...slicedKept], `seed ${seed}`).toEqual([...kept]);
      expect(slicer.pauses).toBeGreaterThan(0);

      for (const f of kept) if (!mightNameFront(world.get(f)!) && !mightReportAlone(world.get(f)!)) transitivelyKept++;
      notKept += matching.size - kept.size;
    }
    // the graphs exercise what matters: files kept only through what they import, and files left out
    expect(transitivelyKept).toBeGreaterThan(20);
    expect(notKept).toBeGreaterThan(20);
  });

  it(`never resolves or reads more than ${WORK_PER_PAUSE} imports or files between two pauses, at any size`, () => {
    for (const n of [50, 2000, 10_000]) {
      const world = generate(n, n);
      let calls = 0;
      const plain = memoryResolver(new Set(world.keys()));
      const resolve = (f: string, s: string) => (calls++, plain(f, s));
      const matches = (t: string) => (calls++, mightMatch(t));
      const reach: FrontReach = { names: mightNameFront, always: mightReportAlone, read: (f) => (calls++, world.get(f)) };
      const inputs = inputsOf(world, n);
      const a = stepwise(filesToAnalyseSteps(inputs, matches, resolve), () => calls);
      const callsA = calls;
      const b = stepwise(filesReachingFrontSteps(inputs, a.value, resolve, reach), () => calls);
      expect(a.mostPerStretch, `n=${n}`).toBeLessThanOrEqual(WORK_PER_PAUSE);
      expect(b.mostPerStretch, `n=${n}`).toBeLessThanOrEqual(WORK_PER_PAUSE);
      // pauses grow with the work: at least one per WORK_PER_PAUSE calls
      expect(a.pauses, `n=${n}`).toBeGreaterThanOrEqual(Math.floor(callsA / WORK_PER_PAUSE));
      expect(b.pauses, `n=${n}`).toBeGreaterThanOrEqual(Math.floor((calls - callsA) / WORK_PER_PAUSE));
      // …and the steps' result is the one-shot function's
      expect(sorted(b.value)).toEqual(sorted(filesReachingFront(inputs, filesToAnalyse(inputs, mightMatch, plain), plain, reach)));
      if (n === 10_000) expect(a.pauses + b.pauses).toBeGreaterThan(10_000 / WORK_PER_PAUSE);
    }
  });
});

describe('the selection as steps, on the fixture corpus', () => {
  it('sliced, it selects exactly what the one-shot functions select', async () => {
    const host = createFixtureHost();
    const files = sourceFilesUnder(path.join(ROOT, 'test', 'fixtures')).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    const resolve = (from: string, spec: string) => host.resolveImport(from, spec);
    const reach: FrontReach = { names: (t) => mightNameFront(t), always: mightReportAlone, read: (f) => host.readFile(f) };
    const matching = filesToAnalyse(files, mightMatch, resolve);
    const kept = filesReachingFront(files, matching, resolve, reach);
    expect(kept.size).toBeGreaterThan(100);
    const slicer = new Slicer(0);
    const slicedMatching = await slicer.run(filesToAnalyseSteps(files, mightMatch, resolve));
    expect([...slicedMatching]).toEqual([...matching]);
    expect([...(await slicer.run(filesReachingFrontSteps(files, slicedMatching, resolve, reach)))]).toEqual([...kept]);
    expect(runSteps(filesToAnalyseSteps(files, mightMatch, resolve))).toEqual(matching);
    expect(slicer.pauses).toBeGreaterThan(files.length / WORK_PER_PAUSE);
  });
});

describe('Scan Workspace’s selection (ScanSelector) on a 10,000-file workspace', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('selects what `front-contacts check` selects, and its select() lets other work in at least every few dozen imports', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fc-steps-'));
    dirs.push(dir);
    const world = generate(7, 10_000);
    for (const [rel, text] of world) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    const files = [...world.keys()].map((rel) => path.join(dir, rel)).sort();

    const selector = new ScanSelector([], files, 0);
    for (let i = 0; i < files.length; i += 500) await selector.add(files.slice(i, i + 500).map((file) => ({ file })));
    // Count the imports resolved and files read by the selection between two turns of the event loop.
    let calls = 0;
    const host = selector.host;
    const resolveImport = host.resolveImport.bind(host);
    const readFile = host.readFile.bind(host);
    host.resolveImport = (f, s) => (calls++, resolveImport(f, s));
    host.readFile = (f) => (calls++, readFile(f));
    let turns = 0;
    let most = 0;
    let done = false;
    let last = 0;
    const tick = () => {
      turns++;
      most = Math.max(most, calls - last);
      last = calls;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const selection = await selector.select().finally(() => (done = true));
    most = Math.max(most, calls - last);

    expect(calls).toBeGreaterThan(10_000);
    expect(most).toBeLessThanOrEqual(WORK_PER_PAUSE);
    expect(turns).toBeGreaterThan(10_000 / WORK_PER_PAUSE);

    const run = await prepareRun({ cwd: dir, paths: ['.'], ruleArgs: [] });
    expect(selection.selected.map((s) => s.file).sort()).toEqual(run.selected.map((s) => s.file).sort());
    expect(selection.selected.length).toBeGreaterThan(100);
    expect(selection.selected.length + selection.notSelected.length).toBe(world.size);
    expect(selection.notSelected.length).toBeGreaterThan(100);
  }, 60_000);
});
