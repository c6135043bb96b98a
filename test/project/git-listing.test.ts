// Listing a git work tree through `git ls-files` must find exactly what walking its folders finds: tracked,
// untracked and ignored files, deleted files, links, submodules, nested repositories, config ignores.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/project/discover';
import { listGitFiles } from '../../src/project/git-listing';
import { prefetchGitListings, takePrefetchedListing } from '../../src/project/git-prefetch';
import { parseIgnoreLine, type IgnoreRule } from '../../src/project/ignore';
import { tempProject } from '../support/temp-project';

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'protocol.file.allow=always', ...args], { cwd: dir, stdio: 'pipe' });

function repo(files: Record<string, string>, commit = true): string {
  const dir = tempProject('git-listing', files);
  git(dir, 'init', '-q', '.');
  if (commit) {
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'init');
  }
  return dir;
}

async function both(dir: string, paths: string[] = ['.'], ignore: IgnoreRule[] = []) {
  const rel = (r: { files: string[] }) => r.files.map((f) => path.relative(dir, f).split(path.sep).join('/'));
  // the listing really comes from git (else both would be walks)
  for (const p of paths) expect(await listGitFiles(path.resolve(dir, p))).toBeDefined();
  const listed = await discoverFiles(paths, { cwd: dir, ignore });
  const walked = await discoverFiles(paths, { cwd: dir, ignore, gitListing: false });
  return { listed: rel(listed), walked: rel(walked), temp: listed.tempFiles.map((f) => path.basename(f)) };
}

describe('listing a work tree through git', () => {
  it('finds tracked and untracked source files, not ignored, deleted, node_modules or other files', async () => {
    const dir = repo({
      'src/a.ts': '',
      'src/b.tsx': '',
      'src/gone.ts': '',
      'src/readme.md': '',
      'src/node_modules/inner/x.ts': '',
      'dist/bundle.js': '',
      '.gitignore': 'dist/\n*.local.ts\n',
      'src/.gitignore': 'secret.ts\n',
    });
    // after the commit: an untracked file, an ignored one, a tracked file ignored later, a deleted one
    writeFileSync(path.join(dir, 'src', 'new.ts'), '');
    writeFileSync(path.join(dir, 'src', 'x.local.ts'), '');
    writeFileSync(path.join(dir, 'src', 'secret.ts'), '');
    rmSync(path.join(dir, 'src', 'gone.ts'));
    const { listed, walked } = await both(dir);
    expect(listed).toEqual(['src/a.ts', 'src/b.tsx', 'src/new.ts']);
    expect(listed).toEqual(walked);
  });

  it('lists only below a named sub-folder, and applies the config ignore globs', async () => {
    const dir = repo({ 'packages/app/src/a.ts': '', 'packages/app/src/gen/api.ts': '', 'packages/lib/b.ts': '' });
    const ignore = [parseIgnoreLine('gen/', dir)!];
    const { listed, walked } = await both(dir, ['packages/app'], ignore);
    expect(listed).toEqual(['packages/app/src/a.ts']);
    expect(listed).toEqual(walked);
  });

  it('lists a submodule and a nested repository with their own ignore rules', async () => {
    const sub = repo({ 's.ts': '', 'ignored.ts': '', '.gitignore': 'ignored.ts\n' });
    const dir = repo({ 'a.ts': '' });
    git(dir, 'submodule', 'add', '-q', sub, 'vendor/sub');
    git(dir, 'commit', '-qm', 'sub');
    writeFileSync(path.join(dir, 'vendor', 'sub', 'ignored.ts'), '');
    mkdirSync(path.join(dir, 'nested'));
    writeFileSync(path.join(dir, 'nested', 'n.ts'), '');
    writeFileSync(path.join(dir, 'nested', 'skip.ts'), '');
    writeFileSync(path.join(dir, 'nested', '.gitignore'), 'skip.ts\n');
    git(path.join(dir, 'nested'), 'init', '-q', '.');
    const { listed, walked } = await both(dir);
    expect(listed).toEqual(['a.ts', 'nested/n.ts', 'vendor/sub/s.ts']);
    expect(listed).toEqual(walked);
  });

  it('keeps a linked file once and walks a linked folder outside the tree', async () => {
    const outside = tempProject('git-listing-outside', { 'shared/util.ts': '' });
    const dir = repo({ 'src/a.ts': '' });
    symlinkSync(path.join(dir, 'src', 'a.ts'), path.join(dir, 'alias.ts'));
    symlinkSync(path.join(outside, 'shared'), path.join(dir, 'shared'));
    symlinkSync(path.join(dir, 'src'), path.join(dir, 'src-again'));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'links');
    const { listed, walked } = await both(dir);
    expect(listed).toEqual(['shared/util.ts', 'src/a.ts']);
    expect(listed).toEqual(walked);
  });

  it('tells untracked links from files by their folder’s listing, and drops what vanished', async () => {
    const outside = tempProject('git-listing-outside-untracked', { 'shared/util.ts': '' });
    const dir = repo({ 'src/a.ts': '' });
    // none of these is committed: git lists them as untracked without saying which are links
    symlinkSync(path.join(dir, 'src', 'a.ts'), path.join(dir, 'alias.ts'));
    symlinkSync(path.join(outside, 'shared'), path.join(dir, 'shared'));
    symlinkSync(path.join(dir, 'src'), path.join(dir, 'src-again'));
    writeFileSync(path.join(dir, 'src', 'b.ts'), '');
    const { listed, walked } = await both(dir);
    expect(listed).toEqual(['shared/util.ts', 'src/a.ts', 'src/b.ts']);
    expect(listed).toEqual(walked);
  });

  it('reports the temporary files a killed fix left', async () => {
    const dir = repo({ 'src/a.ts': '' });
    writeFileSync(path.join(dir, 'src', '.a.ts.front-contacts-123-0123abcd.tmp'), '');
    const { temp } = await both(dir);
    expect(temp).toEqual(['.a.ts.front-contacts-123-0123abcd.tmp']);
  });

  it('walks a folder git ignores as a whole when it is named', async () => {
    const dir = repo({ 'src/a.ts': '', '.gitignore': 'dist/\n' });
    mkdirSync(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'dist', 'bundle.js'), '');
    expect(await listGitFiles(path.join(dir, 'dist'))).toBeUndefined();
    const r = await discoverFiles(['dist'], { cwd: dir });
    expect(r.files.map((f) => path.relative(dir, f))).toEqual([path.join('dist', 'bundle.js')]);
  });

  it('gives up (the caller walks) when git cannot list the folder', async () => {
    const dir = tempProject('git-listing-none', { 'a.ts': '' });
    expect(await listGitFiles(dir)).toBeUndefined();
  });
});

describe('the launcher\'s early listing (git-prefetch.ts)', () => {
  it('is taken by the listing of the folder it guessed, once, and gives what listing it then would', async () => {
    const dir = repo({ 'src/a.ts': '', 'lib/b.js': '', 'other/c.ts': '' });
    writeFileSync(path.join(dir, 'src', 'untracked.ts'), '');
    const alone = await listGitFiles(path.join(dir, 'src'));
    // `check src --config other`: both folders are guessed (an option's value may be one); `check` alone: the working folder
    prefetchGitListings(['check', 'src', '--config', 'other', '--format', 'json'], dir);
    const early = takePrefetchedListing(path.join(dir, 'src'));
    expect(early).toBeDefined();
    expect(takePrefetchedListing(path.join(dir, 'src'))).toBeUndefined(); // taken once
    expect(takePrefetchedListing(path.join(dir, 'other'))).toBeDefined();
    prefetchGitListings(['fix'], path.join(dir, 'src'));
    expect(await listGitFiles(path.join(dir, 'src'))).toEqual(alone); // the same answer, from the early listing
    expect(takePrefetchedListing(path.join(dir, 'src'))).toBeUndefined();
    expect((await early!).stdout).toContain('untracked.ts');
  });

  it('starts nothing for other commands or outside a work tree', () => {
    const dir = repo({ 'src/a.ts': '' });
    prefetchGitListings(['legacy-ids', 'src'], dir);
    expect(takePrefetchedListing(path.join(dir, 'src'))).toBeUndefined();
    const plain = tempProject('no-git', { 'a.ts': '' });
    prefetchGitListings(['check'], plain);
    expect(takePrefetchedListing(plain)).toBeUndefined();
  });
});
