// Scan Workspace's file selection (src/extension/scanSelection.ts): the CLI's selection over the files VS Code
// lists, with open editors' texts winning over the disk.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core';
import { prepareRun } from '../../src/cli/project-run';
import { discoverFiles } from '../../src/project/discover';
import { ScanSelector } from '../../src/extension/scanSelection';

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fc-scan-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const FILES = {
  'src/consts.ts': "export const FRONT = 'https://api2.frontapp.com';\n",
  'src/teams.ts': "import { FRONT } from './consts';\nexport const list = (t: string) => fetch(FRONT + '/teams/' + t + '/contacts');\n",
  // holds the contact path, names no Front: only its importer that also imports Front can get a finding
  'src/paths.ts': "export const TEAM_LIST = (t: string) => '/teams/' + t + '/contacts';\n",
  'src/useBoth.ts': "import { FRONT } from './consts';\nimport { TEAM_LIST } from './paths';\nexport const go = (t: string) => fetch(FRONT + TEAM_LIST(t));\n",
  'src/usePathsOnly.ts': "import { TEAM_LIST } from './paths';\nexport const go = (t: string) => fetch('/api' + TEAM_LIST(t));\n",
  'src/ownContacts.ts': "export const get = (id: string) => fetch('/api/contacts/' + id);\n",
  'src/chat.ts': "export const hi = (userId: string) => window.FrontChat('identity', { userId });\n",
  'src/plain.ts': 'export const add = (a: number, b: number) => a + b;\n',
  'src/viaProxy.ts': "export const p = (t: string) => fetch('https://front-proxy.internal/teams/' + t + '/contacts');\n",
  'src/binary.ts': Buffer.from([0x65, 0x78, 0x00, 0x01]),
};

async function select(dir: string, frontBaseUrls: string[] = [], texts: Record<string, string> = {}, batch = 3) {
  const files = (await discoverFiles([dir], { cwd: dir })).files;
  const selector = new ScanSelector(frontBaseUrls, files);
  for (let i = 0; i < files.length; i += batch) await selector.add(files.slice(i, i + batch).map((file) => ({ file, text: texts[path.relative(dir, file)] })));
  expect(selector.size).toBe(files.length);
  const s = await selector.select();
  const rel = (f: string) => path.relative(dir, f);
  return {
    selected: s.selected.map((x) => rel(x.file)).sort(),
    notSelected: s.notSelected.map(rel).sort(),
    unreadable: s.unreadable.map((x) => rel(x.file)).sort(),
    texts: Object.fromEntries(s.selected.map((x) => [rel(x.file), x.text])),
  };
}

describe('ScanSelector', () => {
  it('selects what the CLI selects, and every file with a finding', async () => {
    const dir = project(FILES);
    const got = await select(dir);
    // paths.ts is imported by useBoth.ts, which reaches Front: its functions may be given Front's values there
    expect(got.selected).toEqual(['src/chat.ts', 'src/paths.ts', 'src/teams.ts', 'src/useBoth.ts']);
    expect(got.notSelected).toEqual(['src/consts.ts', 'src/ownContacts.ts', 'src/plain.ts', 'src/usePathsOnly.ts', 'src/viaProxy.ts']);
    expect(got.unreadable).toEqual(['src/binary.ts']);
    expect(got.texts['src/teams.ts']).toBe(FILES['src/teams.ts']);
    // the texts of files read without keeping them (importers of matching files) are read again
    expect(got.texts['src/useBoth.ts']).toBe(FILES['src/useBoth.ts']);

    const cli = await prepareRun({ cwd: dir, paths: ['.'], ruleArgs: [] });
    expect(cli.selected.map((s) => path.relative(dir, s.file)).sort()).toEqual(got.selected);

    // Nothing left out gets a finding from the engine.
    for (const f of got.notSelected) expect(analyze(path.join(dir, f), FILES[f as keyof typeof FILES] as string, { host: cli.host }).findings, f).toEqual([]);
    expect(analyze(path.join(dir, 'src/useBoth.ts'), FILES['src/useBoth.ts'], { host: cli.host }).findings.map((f) => f.ruleId)).toEqual(['team-contacts-endpoint']);
  });

  it('looks for the hosts of configured base URLs', async () => {
    const dir = project(FILES);
    const got = await select(dir, ['https://front-proxy.internal/api']);
    expect(got.selected).toContain('src/viaProxy.ts');
    const cli = project({ ...FILES, 'front-contacts.config.json': JSON.stringify({ frontBaseUrls: ['https://front-proxy.internal/api'] }) });
    const run = await prepareRun({ cwd: cli, paths: ['.'], ruleArgs: [] });
    expect(run.selected.map((s) => path.relative(cli, s.file)).sort()).toEqual(got.selected);
  });

  it('uses the given (unsaved editor) texts instead of the disk, for the files themselves and for what they import', async () => {
    const dir = project(FILES);
    const got = await select(dir, [], {
      // now names Front: its importer that already holds a contact path becomes selectable
      'src/usePathsOnly.ts': "import { TEAM_LIST } from './paths';\nexport const go = (t: string) => fetch('https://api2.frontapp.com' + TEAM_LIST(t));\n",
      // edited clean in its editor
      'src/teams.ts': 'export const nothing = 1;\n',
      // the constants no longer name Front: useBoth.ts cannot reach Front any more
      'src/consts.ts': "export const FRONT = 'https://example.com';\n",
    });
    expect(got.selected).toEqual(['src/chat.ts', 'src/paths.ts', 'src/usePathsOnly.ts']);
    expect(got.texts['src/usePathsOnly.ts']).toContain('api2.frontapp.com');
  });

  it('files named by URI (virtual workspaces) need their text given, and resolve relative imports between themselves', async () => {
    const selector = new ScanSelector([]);
    await selector.add([
      { file: 'vscode-vfs://github/acme/app/src/consts.ts', text: FILES['src/consts.ts'] },
      { file: 'vscode-vfs://github/acme/app/src/useBoth.ts', text: FILES['src/useBoth.ts'] },
      { file: 'vscode-vfs://github/acme/app/src/paths.ts', text: FILES['src/paths.ts'] },
      { file: 'vscode-vfs://github/acme/app/src/other.ts' },
    ]);
    const s = await selector.select();
    expect(s.selected.map((x) => x.file)).toEqual(['vscode-vfs://github/acme/app/src/useBoth.ts', 'vscode-vfs://github/acme/app/src/paths.ts']);
    expect(s.unreadable.map((x) => x.file)).toEqual(['vscode-vfs://github/acme/app/src/other.ts']);
  });

  it('selects nothing in an empty workspace', async () => {
    const s = await new ScanSelector([]).select();
    expect(s).toEqual({ selected: [], notSelected: [], unreadable: [] });
  });
});
