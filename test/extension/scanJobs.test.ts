// Scan Workspace's selection in the engine worker (src/extension/worker/scanJobs.ts, driven from the extension
// host by src/extension/scanClient.ts): the same selection as ScanSelector on the caller's thread, and the files
// `front-contacts check .` skips in each workspace folder (.gitignore, git's excludes, the config's `ignore`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareRun } from '../../src/cli/project-run';
import { loadConfig } from '../../src/project/config';
import { discoverFiles } from '../../src/project/discover';
import { EngineClient } from '../../src/extension/engineClient';
import { ignoredByProject as ignoredInWorker, WorkerScanSelector } from '../../src/extension/scanClient';
import { ScanSelector } from '../../src/extension/scanSelection';
import { ignoredByProject, ScanJobs } from '../../src/extension/worker/scanJobs';

const root = path.join(__dirname, '..', '..');

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fc-scanjobs-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const TEAM = (i: number | string) => `export const list${i} = (t: string) => fetch('https://api2.frontapp.com/teams/' + t + '/contacts');\n`;
const FILES = {
  'src/consts.ts': "export const FRONT = 'https://api2.frontapp.com';\n",
  'src/teams.ts': "import { FRONT } from './consts';\nexport const list = (t: string) => fetch(FRONT + '/teams/' + t + '/contacts');\n",
  'src/paths.ts': "export const TEAM_LIST = (t: string) => '/teams/' + t + '/contacts';\n",
  'src/useBoth.ts': "import { FRONT } from './consts';\nimport { TEAM_LIST } from './paths';\nexport const go = (t: string) => fetch(FRONT + TEAM_LIST(t));\n",
  'src/plain.ts': 'export const add = (a: number, b: number) => a + b;\n',
  'src/chat.ts': "export const hi = (userId: string) => window.FrontChat('identity', { userId });\n",
  'src/binary.ts': Buffer.from([0x65, 0x78, 0x00, 0x01]),
  // skipped by the CLI: .gitignore (a folder, a file glob, and a nested .gitignore), the config's `ignore`
  '.gitignore': 'build/\n*.generated.ts\n',
  'build/out.ts': TEAM('Build'),
  'src/api.generated.ts': TEAM('Gen'),
  'src/vendor/.gitignore': 'copied.ts\n!kept.ts\n',
  'src/vendor/copied.ts': TEAM('Copied'),
  'src/vendor/kept.ts': TEAM('Kept'),
  'front-contacts.config.json': JSON.stringify({ ignore: ['src/legacy/**'] }),
  'src/legacy/old.ts': TEAM('Old'),
};
const SKIPPED = ['build/out.ts', 'src/api.generated.ts', 'src/legacy/old.ts', 'src/vendor/copied.ts'];

/** Every source file below `dir`, as VS Code's findFiles lists them (it does not read .gitignore). */
function listAll(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.git' && e.name !== 'node_modules') walk(full);
      } else if (/\.(ts|js)$/.test(e.name)) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

const rel = (dir: string, files: Iterable<string>) => [...files].map((f) => path.relative(dir, f).split(path.sep).join('/')).sort();

describe('ignoredByProject (what the CLI skips, per workspace folder)', () => {
  it('skips .gitignored files and folders, nested .gitignore files with re-includes, and the config ignore globs, as `check .` does', async () => {
    const dir = project(FILES);
    const all = listAll(dir);
    const ignored = await ignoredByProject([{ dir, ignore: loadConfig({ cwd: dir }).ignoreRules }], all);
    expect(rel(dir, ignored)).toEqual(SKIPPED);
    // the CLI checks exactly the rest
    const cli = await discoverFiles(['.'], { cwd: dir, ignore: loadConfig({ cwd: dir }).ignoreRules });
    expect(rel(dir, cli.files)).toEqual(rel(dir, all.filter((f) => !ignored.includes(f))));
    const run = await prepareRun({ cwd: dir, paths: ['.'], ruleArgs: [] });
    for (const s of run.selected) expect(ignored).not.toContain(s.file);
  });

  it("asks git when the folder is in a work tree: git's own excludes (.git/info/exclude) count too", async () => {
    const dir = project({ ...FILES, 'src/local.ts': TEAM('Local') });
    try {
      execFileSync('git', ['init', '-q'], { cwd: dir });
    } catch {
      return; // no git here: the .gitignore reading is tested above
    }
    writeFileSync(path.join(dir, '.git', 'info', 'exclude'), 'src/local.ts\n');
    const ignored = await ignoredByProject([{ dir, ignore: loadConfig({ cwd: dir }).ignoreRules }], listAll(dir));
    expect(rel(dir, ignored)).toEqual([...SKIPPED, 'src/local.ts'].sort());
  });

  it('multi-root: each file goes with the innermost workspace folder holding it, and that folder’s rules apply', async () => {
    const outer = project({ '.gitignore': 'inner/b.ts\n', 'a.ts': TEAM('A'), 'inner/b.ts': TEAM('B'), 'inner/c.ts': TEAM('C'), 'x.ts': TEAM('X') });
    const inner = path.join(outer, 'inner');
    const other = project({ '.gitignore': 'x.ts\n', 'x.ts': TEAM('X'), 'y.ts': TEAM('Y') });
    const files = [...listAll(outer), ...listAll(other), '/elsewhere/z.ts'];
    const ignored = await ignoredByProject([{ dir: outer, ignore: [] }, { dir: inner, ignore: [] }, { dir: other, ignore: [] }], files);
    // inner/b.ts: ignored by the outer folder's .gitignore, but `check .` run in `inner` does not read it (no git
    // work tree; only .gitignore files at and below the folder); other/x.ts: its own folder's .gitignore.
    expect(ignored).toEqual([path.join(other, 'x.ts')]);
    expect(await ignoredByProject([{ dir: outer, ignore: [] }], listAll(outer))).toEqual([path.join(outer, 'inner', 'b.ts')]);
    expect(await ignoredByProject([], files)).toEqual([]);
  });
});

describe('ScanJobs (the worker side of a scan)', () => {
  it('a closed scan is dropped; a selected one too; unknown scans are an error', async () => {
    const dir = project(FILES);
    const jobs = new ScanJobs();
    await jobs.run({ op: 'open', scan: 1, frontBaseUrls: [], knownFiles: [] });
    await jobs.run({ op: 'open', scan: 2, frontBaseUrls: [], knownFiles: [] });
    expect((await jobs.run({ op: 'add', scan: 1, batch: [{ file: path.join(dir, 'src/teams.ts') }] })).op).toBe('add');
    expect(jobs.open).toBe(2);
    await jobs.run({ op: 'close', scan: 1 });
    expect(jobs.open).toBe(1);
    await expect(jobs.run({ op: 'add', scan: 1, batch: [] })).rejects.toThrow(/no open scan 1/);
    const r = await jobs.run({ op: 'select', scan: 2 });
    expect(r).toEqual({ op: 'select', selection: { selected: [], notSelected: [], unreadable: [] } });
    expect(jobs.open).toBe(0);
  });
});

describe('WorkerScanSelector (the selection in the engine worker)', () => {
  let tmp: string;
  let client: EngineClient;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'fc-scanjobs-worker-'));
    await build({ absWorkingDir: root, entryPoints: ['src/extension/worker/engineWorker.ts'], outfile: path.join(tmp, 'extension-worker.js'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
    client = new EngineClient(path.join(tmp, 'extension-worker.js'));
  }, 120_000);
  afterAll(() => {
    client?.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function both(files: string[], given: Record<string, string>, frontBaseUrls: string[] = []) {
    const batches = (n: number) => Array.from({ length: Math.ceil(files.length / n) }, (_, i) => files.slice(i * n, i * n + n).map((file) => ({ file, text: given[file] })));
    const here = new ScanSelector(frontBaseUrls, files.filter((f) => !f.includes('://')));
    for (const b of batches(3)) await here.add(b);
    const there = new WorkerScanSelector(client, frontBaseUrls, files.filter((f) => !f.includes('://')));
    for (const b of batches(3)) await there.add(b);
    expect(there.size).toBe(files.length);
    return { here: await here.select(), there: await there.select() };
  }

  it('selects in the worker exactly what ScanSelector selects on the caller’s thread, texts included; given (unsaved) texts win over the disk', async () => {
    const dir = project(FILES);
    const files = listAll(dir);
    const given = { [path.join(dir, 'src/plain.ts')]: TEAM('Unsaved'), [path.join(dir, 'src/teams.ts')]: 'export const nothing = 1;\n' };
    const { here, there } = await both(files, given);
    expect(there).toEqual(here);
    const sel = rel(dir, there.selected.map((s) => s.file));
    expect(sel).toContain('src/plain.ts');
    expect(sel).not.toContain('src/teams.ts');
    expect(sel).toContain('src/useBoth.ts');
    expect(there.selected.find((s) => s.file.endsWith('plain.ts'))!.text).toBe(TEAM('Unsaved'));
    expect(rel(dir, there.unreadable.map((u) => u.file))).toEqual(['src/binary.ts']);
  });

  it('files named by URI (virtual workspaces) are selected from their given texts', async () => {
    const v = (f: string) => `vscode-vfs://github/acme/app/${f}`;
    const files = [v('src/consts.ts'), v('src/useBoth.ts'), v('src/paths.ts'), v('src/other.ts')];
    const given = { [v('src/consts.ts')]: FILES['src/consts.ts'], [v('src/useBoth.ts')]: FILES['src/useBoth.ts'], [v('src/paths.ts')]: FILES['src/paths.ts'] };
    const { here, there } = await both(files, given);
    expect(there).toEqual(here);
    expect(there.selected.map((s) => s.file)).toEqual([v('src/useBoth.ts'), v('src/paths.ts')]);
  });

  it('the worker answers which files the CLI skips', async () => {
    const dir = project(FILES);
    const ignored = await ignoredInWorker(client, [{ dir, ignore: loadConfig({ cwd: dir }).ignoreRules }], listAll(dir));
    expect(rel(dir, ignored)).toEqual(SKIPPED);
  });

  it('a cancelled scan is closed in the worker, and later scans still work', async () => {
    const dir = project(FILES);
    const files = listAll(dir);
    const s = new WorkerScanSelector(client, [], files);
    await s.add(files.slice(0, 2).map((file) => ({ file })));
    s.dispose();
    const { here, there } = await both(files, {});
    expect(there).toEqual(here);
  });
});
