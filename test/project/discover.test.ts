import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/project/discover';
import { parseIgnoreLine, type IgnoreRule } from '../../src/project/ignore';
import { tempProject } from '../support/temp-project';

const project = (files: Record<string, string>): string => tempProject('discover', files);

async function found(dir: string, paths: string[] = ['.'], ignore: IgnoreRule[] = []): Promise<string[]> {
  const r = await discoverFiles(paths, { cwd: dir, ignore });
  return r.files.map((f) => path.relative(dir, f).split(path.sep).join('/'));
}

const gitInit = (dir: string) => execFileSync('git', ['init', '-q', '.'], { cwd: dir });

const TREE = {
  'src/a.ts': '',
  'src/b.tsx': '',
  'src/c.mjs': '',
  'src/d.cjs': '',
  'src/e.jsx': '',
  'src/f.mts': '',
  'src/g.cts': '',
  'src/h.js': '',
  'src/types.d.ts': '',
  'src/readme.md': '',
  'src/data.json': '',
  'node_modules/pkg/index.js': '',
  'src/node_modules/inner/x.ts': '',
  '.git-like/keep.ts': '',
  'dist/bundle.js': '',
  'src/gen/api.generated.ts': '',
  'src/keep.generated.ts': '',
  '.gitignore': 'dist/\n*.generated.ts\n!keep.generated.ts\n',
  'src/.gitignore': 'local-only.ts\n',
  'src/local-only.ts': '',
};

const EXPECTED = [
  '.git-like/keep.ts',
  'src/a.ts',
  'src/b.tsx',
  'src/c.mjs',
  'src/d.cjs',
  'src/e.jsx',
  'src/f.mts',
  'src/g.cts',
  'src/h.js',
  'src/keep.generated.ts',
];

describe('discoverFiles', () => {
  it('finds every JS/TS extension and skips node_modules, declaration files and other files', async () => {
    const dir = project({ 'src/a.ts': '', 'src/b.tsx': '', 'src/x.d.ts': '', 'src/y.md': '', 'node_modules/p/i.js': '', 'lib/node_modules/q/i.js': '' });
    expect(await found(dir)).toEqual(['src/a.ts', 'src/b.tsx']);
  });

  it('honours .gitignore files (nested, negated) inside a git work tree, asking git', async () => {
    const dir = project(TREE);
    gitInit(dir);
    writeFileSync(path.join(dir, '.git', 'info', 'exclude'), 'src/h.js\n');
    // git's own exclude file counts too, which only asking git gets right.
    expect(await found(dir)).toEqual(EXPECTED.filter((f) => f !== 'src/h.js'));
  });

  it('honours .gitignore files itself outside a git work tree', async () => {
    const dir = project(TREE);
    expect(await found(dir)).toEqual(EXPECTED);
  });

  it('reads .gitignore files above the named folder', async () => {
    const dir = project({ '.gitignore': 'legacy/\n', 'app/src/a.ts': '', 'app/src/legacy/old.ts': '' });
    expect(await found(dir, ['app'])).toEqual(['app/src/a.ts']);
    gitInit(dir);
    expect(await found(dir, ['app'])).toEqual(['app/src/a.ts']);
  });

  it('asks a nested repository for its own ignore rules', async () => {
    const dir = project({ 'src/a.ts': '', 'vendor/lib/.gitignore': 'build/\n', 'vendor/lib/build/out.js': '', 'vendor/lib/index.js': '' });
    gitInit(dir);
    gitInit(path.join(dir, 'vendor', 'lib'));
    expect(await found(dir)).toEqual(['src/a.ts', 'vendor/lib/index.js']);
  });

  it('does not hang on symlink loops and reports each real folder once', async () => {
    const dir = project({ 'src/a.ts': '', 'src/deep/b.ts': '' });
    symlinkSync('..', path.join(dir, 'src', 'deep', 'up'));
    symlinkSync('.', path.join(dir, 'src', 'self'));
    symlinkSync(path.join(dir, 'src'), path.join(dir, 'alias'));
    expect(await found(dir)).toEqual(['src/a.ts', 'src/deep/b.ts']);
  });

  it('follows a symlinked folder that points outside the tree', async () => {
    const outside = project({ 'shared.ts': '' });
    const dir = project({ 'src/a.ts': '' });
    symlinkSync(outside, path.join(dir, 'src', 'linked'));
    expect(await found(dir)).toEqual(['src/a.ts', 'src/linked/shared.ts']);
  });

  it('keeps dangling symlinks to source files so the reader can report them', async () => {
    const dir = project({ 'src/a.ts': '' });
    symlinkSync('missing.ts', path.join(dir, 'src', 'gone.ts'));
    symlinkSync('missing.md', path.join(dir, 'src', 'gone.md'));
    expect(await found(dir)).toEqual(['src/a.ts', 'src/gone.ts']);
  });

  it('walks node_modules when it is the path the user named', async () => {
    const dir = project({ 'node_modules/pkg/index.js': '', 'node_modules/pkg/node_modules/dep/i.js': '' });
    expect(await found(dir, ['node_modules/pkg'])).toEqual(['node_modules/pkg/index.js']);
  });

  it('applies the config ignore globs relative to the config folder', async () => {
    const dir = project({ 'src/a.ts': '', 'src/gen/b.ts': '', 'test/c.test.ts': '', 'src/d.test.ts': '' });
    const rules = ['src/gen/**', '*.test.ts'].map((g) => parseIgnoreLine(g, dir)!);
    expect(await found(dir, ['.'], rules)).toEqual(['src/a.ts']);
  });

  it('takes explicit files as given, noting what it skips, and lists missing paths', async () => {
    const dir = project({ 'a.ts': '', 'b.md': '', 'gen/c.ts': '' });
    const r = await discoverFiles(['a.ts', 'b.md', 'gen/c.ts', 'nope.ts'], { cwd: dir, ignore: [parseIgnoreLine('gen/', dir)!] });
    expect(r.files).toEqual([path.join(dir, 'a.ts')]);
    expect(r.missing).toEqual(['nope.ts']);
    expect(r.notes.map((n) => [path.basename(n.file), n.message])).toEqual([
      ['b.md', 'skipped: not a JavaScript or TypeScript file'],
      ['c.ts', 'skipped: matches an "ignore" pattern in the config'],
    ]);
  });

  it('lists a file once when it is reached through two named paths', async () => {
    const dir = project({ 'src/a.ts': '' });
    expect(await found(dir, ['.', 'src', 'src/a.ts'])).toEqual(['src/a.ts']);
  });
});
