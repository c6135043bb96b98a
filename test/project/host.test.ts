import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskSourceHost } from '../../src/project/host';
import { filesToAnalyse, scanImportSpecifiers } from '../../src/project/imports';
import { decodeSource } from '../../src/project/read';

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fc-host-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('DiskSourceHost.resolveImport', () => {
  const dir = project({
    'src/api.ts': '',
    'src/urls.ts': '',
    'src/urls.js': '', // compiled output next to the source: the source wins
    'src/legacy.js': '',
    'src/esm.mts': '',
    'src/view.tsx': '',
    'src/client/index.ts': '',
    'src/only-js/index.js': '',
    'src/user.service.ts': '',
    'src/data.json': '{}',
    'packages/shared/package.json': JSON.stringify({ main: 'dist/index.js', source: 'src/index.ts' }),
    'packages/shared/src/index.ts': '',
    'tsconfig.json': '{\n  // comments and trailing commas, like real tsconfigs\n  "extends": "./tsconfig.base.json",\n  "compilerOptions": { "baseUrl": ".", },\n}\n',
    'tsconfig.base.json': '{ "compilerOptions": { "paths": { "@api/*": ["src/client/*", "src/*"], "@shared": ["packages/shared"], "~/*": ["./src/*"] } } }',
    'other/tsconfig.json': '{ "compilerOptions": { "paths": { "@api/*": ["lib/*"] } } }',
    'other/lib/x.ts': '',
    'other/main.ts': '',
  });
  const host = new DiskSourceHost();
  const from = path.join(dir, 'src', 'api.ts');
  const at = (...p: string[]) => path.join(dir, ...p);

  it.each([
    ['./urls', at('src/urls.ts')],
    ['./urls.js', at('src/urls.ts')],
    ['./legacy.js', at('src/legacy.js')],
    ['./legacy', at('src/legacy.js')],
    ['./esm.mjs', at('src/esm.mts')],
    ['./view.jsx', at('src/view.tsx')],
    ['./view', at('src/view.tsx')],
    ['./client', at('src/client/index.ts')],
    ['./client/index.js', at('src/client/index.ts')],
    ['./only-js', at('src/only-js/index.js')],
    ['./user.service', at('src/user.service.ts')],
    ['./data.json', at('src/data.json')],
    ['../packages/shared', at('packages/shared/src/index.ts')],
    ['@api/index', at('src/client/index.ts')],
    ['@api/urls', at('src/urls.ts')],
    ['@shared', at('packages/shared/src/index.ts')],
    ['~/view', at('src/view.tsx')],
    ['src/urls', at('src/urls.ts')], // baseUrl
  ])('resolves %s', (specifier, expected) => {
    expect(host.resolveImport(from, specifier)).toBe(expected);
  });

  it.each(['axios', 'node:http', '@scope/pkg', './missing', 'https://cdn.example/x.js', '@api/missing'])('returns undefined for %s', (specifier) => {
    expect(host.resolveImport(from, specifier)).toBeUndefined();
  });

  it('uses the tsconfig nearest to the importing file', () => {
    expect(host.resolveImport(at('other/main.ts'), '@api/x')).toBe(at('other/lib/x.ts'));
  });
});

describe('DiskSourceHost.resolveImport through symbolic links', () => {
  it('resolves a symlinked file and a symlinked folder', () => {
    const dir = project({ 'real/consts.ts': '', 'shared/index.ts': '' });
    symlinkSync(path.join(dir, 'real', 'consts.ts'), path.join(dir, 'consts.ts'));
    symlinkSync(path.join(dir, 'shared'), path.join(dir, 'lib'));
    const host = new DiskSourceHost();
    expect(host.resolveImport(path.join(dir, 'a.ts'), './consts')).toBe(path.join(dir, 'consts.ts'));
    expect(host.resolveImport(path.join(dir, 'a.ts'), './lib')).toBe(path.join(dir, 'lib', 'index.ts'));
  });
});

describe('DiskSourceHost.readFile', () => {
  it('reads once, strips a BOM, refuses binary files and caches', () => {
    const dir = project({ 'a.ts': '\ufeffexport const A = 1;\r\n', 'b.ts': Buffer.from([0x63, 0, 0x64]) });
    const host = new DiskSourceHost();
    expect(host.readFile(path.join(dir, 'a.ts'))).toBe('export const A = 1;\r\n');
    writeFileSync(path.join(dir, 'a.ts'), 'changed');
    expect(host.readFile(path.join(dir, 'a.ts'))).toBe('export const A = 1;\r\n');
    expect(host.readFile(path.join(dir, 'b.ts'))).toBeUndefined();
    expect(host.readFile(path.join(dir, 'nope.ts'))).toBeUndefined();
    host.setText(path.join(dir, 'a.ts'), 'fixed');
    expect(host.readFile(path.join(dir, 'a.ts'))).toBe('fixed');
    // a text it was told to forget is read from disk again when asked for
    host.forget(path.join(dir, 'a.ts'));
    expect(host.readFile(path.join(dir, 'a.ts'))).toBe('changed');
  });
});

describe('decodeSource', () => {
  it('tells binary and non-UTF-8 files apart from text', () => {
    expect(decodeSource(Buffer.from('const a = "é";'))).toEqual({ ok: true, text: 'const a = "é";', bom: false });
    expect(decodeSource(Buffer.from('\ufeffx'))).toEqual({ ok: true, text: 'x', bom: true });
    expect(decodeSource(Buffer.from([0x78, 0x00]))).toEqual({ ok: false, reason: 'skipped: binary file' });
    expect(decodeSource(Buffer.from([0x78, 0xff, 0x79]))).toEqual({ ok: false, reason: 'skipped: not valid UTF-8 text' });
    // a NUL after the first 8 KB is not taken as binary, but it is still text the engine can read
    const late = Buffer.concat([Buffer.alloc(9000, 0x20), Buffer.from([0])]);
    expect(decodeSource(late).ok).toBe(true);
  });
});

describe('filesToAnalyse', () => {
  it('adds files that import a matching file, transitively, and nothing else', () => {
    const dir = project({});
    const f = (n: string) => path.join(dir, n);
    const files = [
      { file: f('consts.ts'), text: "export const TEAM_CONTACTS = '/teams/' + id + '/contacts';" },
      { file: f('client.ts'), text: "import { TEAM_CONTACTS } from './consts';\nexport const url = TEAM_CONTACTS;" },
      { file: f('page.tsx'), text: "const c = require('./client');" },
      { file: f('lazy.ts'), text: "const m = await import('./page');" },
      { file: f('unrelated.ts'), text: "import React from 'react';\nimport { x } from './other';" },
      { file: f('other.ts'), text: 'export const x = 1;' },
      { file: f('reexport.ts'), text: "export * from './consts';" },
    ];
    const host = new DiskSourceHost(files.map((x) => x.file));
    const chosen = filesToAnalyse(files, (t) => t.includes('/contacts'), (from, spec) => host.resolveImport(from, spec));
    expect([...chosen].map((c) => path.basename(c)).sort()).toEqual(['client.ts', 'consts.ts', 'lazy.ts', 'page.tsx', 'reexport.ts']);
  });

  it('follows parent-folder index imports and workspace aliases', () => {
    const dir = project({
      'tsconfig.json': '{"compilerOptions": {"paths": {"@acme/api": ["packages/api/src/client.ts"]}}}',
    });
    const f = (n: string) => path.join(dir, n);
    const files = [
      { file: f('packages/api/src/client.ts'), text: "export const URL = '/teams/' + id + '/contacts';" },
      { file: f('app/index.ts'), text: "import { URL } from '@acme/api';" },
      { file: f('app/views/list.ts'), text: "import { URL } from '..';" },
      { file: f('app/views/react.ts'), text: "import React from 'react';" },
    ];
    for (const x of files) {
      mkdirSync(path.dirname(x.file), { recursive: true });
      writeFileSync(x.file, x.text);
    }
    const host = new DiskSourceHost();
    const chosen = filesToAnalyse(files, (t) => t.includes('/contacts'), (from, spec) => host.resolveImport(from, spec));
    expect([...chosen].map((c) => path.relative(dir, c)).sort()).toEqual(['app/index.ts', 'app/views/list.ts', 'packages/api/src/client.ts']);
  });

  it('keeps specifiers, not the text they were found in (the CLI keeps them for every file it does not analyse)', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept: string[][] = [];
    for (let i = 0; i < 300; i++) {
      // 300 distinct texts of 100 KB (built at run time, so none is a shared constant)
      const text = `import { x } from './feature${i}/some/long/module/path';\n// ${String(i).repeat(100_000 / String(i).length)}`;
      kept.push(scanImportSpecifiers(text));
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(kept[299]).toEqual(['./feature299/some/long/module/path']);
    // the texts alone are 30 MB; the specifiers a few KB
    expect(grown).toBeLessThan(5_000_000);
  });

  it('scans every import form without parsing', () => {
    const text = [
      "import a from './a';",
      "import { b } from \"./b\";",
      "import './side-effect';",
      "export { c } from './c';",
      "export * as d from './d';",
      "const e = require('./e');",
      'const f = await import(`./f`);',
      'const g = await import(`./${name}`);',
      "import type { H } from './h';",
      "import i = require('./i');",
    ].join('\n');
    expect(scanImportSpecifiers(text)).toEqual(['./a', './b', './side-effect', './c', './d', './e', './f', './h', './i']);
  });
});
