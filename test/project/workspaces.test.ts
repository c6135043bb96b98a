import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskSourceHost } from '../../src/project/host';
import { filesToAnalyse } from '../../src/project/imports';
import { exportTargets, pnpmWorkspacePatterns, splitSpecifier } from '../../src/project/workspaces';
import { tempProject } from '../support/temp-project';

const project = (files: Record<string, string>): string => tempProject('ws', files);

const json = (v: unknown) => JSON.stringify(v, null, 2);

describe('workspace packages (npm/yarn workspaces array)', () => {
  const dir = project({
    'package.json': json({ name: 'root', private: true, workspaces: ['packages/*', 'apps/**', '!apps/legacy'] }),
    // main points at build output that is not built: its src/ counterpart
    'packages/slates/package.json': json({ name: 'slates', main: 'dist/index.js', types: 'dist/index.d.ts' }),
    'packages/slates/src/index.ts': 'export function createAxios() {}',
    'packages/slates/src/http/client.ts': '',
    // exports with conditions (nested), a subpath map and a pattern
    'packages/client/package.json': json({
      name: '@acme/front-client',
      exports: {
        '.': { types: './dist/types/index.d.ts', import: { default: './dist/esm/index.mjs' }, require: './dist/cjs/index.cjs' },
        './http': './dist/http-client.js',
        './routes/*': './lib/routes/*.js',
        './package.json': './package.json',
      },
    }),
    'packages/client/src/index.ts': '',
    'packages/client/src/http-client.ts': '',
    'packages/client/src/routes/contacts.ts': '',
    // built output present (committed): that is what runs
    'packages/built/package.json': json({ name: '@acme/built', main: 'lib/index.js' }),
    'packages/built/lib/index.js': '',
    'packages/built/src/index.ts': '',
    // exports as a string; module and source fields
    'packages/str/package.json': json({ name: 'str-exports', exports: './lib/main.js' }),
    'packages/str/src/main.ts': '',
    'packages/fields/package.json': json({ name: 'fields', module: 'build/index.mjs', main: 'build/index.cjs' }),
    'packages/fields/src/index.mts': '',
    'packages/source/package.json': json({ name: 'with-source', main: 'dist/bundle.js', source: 'src/entry.ts' }),
    'packages/source/src/entry.ts': '',
    // nothing usable in package.json: src/index.ts at last; subpaths under src/
    'packages/bare/package.json': json({ name: '@acme/bare' }),
    'packages/bare/src/index.ts': '',
    'packages/bare/src/utils/url.ts': '',
    // folder name unlike the package name, selected through `apps/**`
    'apps/web/nested/package.json': json({ name: '@acme/web-app', main: 'index.js' }),
    'apps/web/nested/index.js': '',
    'apps/legacy/package.json': json({ name: 'legacy-app' }),
    'apps/legacy/src/index.ts': '',
    // a folder without package.json is no package; neither is one without a name
    'packages/no-name/package.json': json({ private: true }),
    'packages/no-name/src/index.ts': '',
    // third-party packages stay unresolved, even with source inside
    'node_modules/axios/package.json': json({ name: 'axios', main: 'index.js' }),
    'node_modules/axios/index.js': '',
    'packages/slates/node_modules/left-pad/package.json': json({ name: 'left-pad' }),
    'packages/slates/node_modules/left-pad/src/index.ts': '',
    'apps/web/src/main.ts': '',
  });
  const at = (...p: string[]) => path.join(dir, ...p);
  const host = new DiskSourceHost();
  const from = at('apps', 'web', 'src', 'main.ts');

  it.each([
    ['slates', 'packages/slates/src/index.ts'],
    ['slates/http/client', 'packages/slates/src/http/client.ts'],
    ['@acme/front-client', 'packages/client/src/index.ts'],
    ['@acme/front-client/http', 'packages/client/src/http-client.ts'],
    ['@acme/front-client/routes/contacts', 'packages/client/src/routes/contacts.ts'],
    ['@acme/built', 'packages/built/lib/index.js'],
    ['str-exports', 'packages/str/src/main.ts'],
    ['fields', 'packages/fields/src/index.mts'],
    ['with-source', 'packages/source/src/entry.ts'],
    ['@acme/bare', 'packages/bare/src/index.ts'],
    ['@acme/bare/utils/url', 'packages/bare/src/utils/url.ts'],
    ['@acme/bare/utils/url.js', 'packages/bare/src/utils/url.ts'],
    ['@acme/web-app', 'apps/web/nested/index.js'],
  ])('%s → %s', (spec, file) => {
    expect(host.resolveImport(from, spec)).toBe(at(file));
  });

  it.each(['axios', 'left-pad', 'legacy-app', 'react', '@acme/unknown', '@acme', 'node:fs'])('%s stays unresolved', (spec) => {
    expect(host.resolveImport(from, spec)).toBeUndefined();
    expect(host.resolveImport(at('packages/slates/src/index.ts'), spec)).toBeUndefined();
  });

  it('resolves from every package of the workspace, and not from files inside node_modules', () => {
    expect(host.resolveImport(at('packages/bare/src/index.ts'), 'slates')).toBe(at('packages/slates/src/index.ts'));
    expect(host.resolveImport(at('node_modules/axios/index.js'), 'slates')).toBeUndefined();
  });

  it('importers() finds files importing a package by its name', () => {
    const h = new DiskSourceHost([at('apps/web/src/main.ts'), at('apps/web/src/other.ts'), at('packages/bare/src/index.ts')]);
    writeFileSync(at('apps/web/src/main.ts'), "import { createAxios } from 'slates';\nimport { x } from '@acme/front-client/http';\n");
    writeFileSync(at('apps/web/src/other.ts'), "const c = require('@acme/front-client');\n");
    expect(h.importers(at('packages/slates/src/index.ts'))).toEqual([at('apps/web/src/main.ts')]);
    expect(h.importers(at('packages/client/src/index.ts'))).toEqual([at('apps/web/src/other.ts')]);
    expect(h.importers(at('packages/client/src/http-client.ts'))).toEqual([at('apps/web/src/main.ts')]);
  });

  it('workspacePackageStems() gives the names the import selection must resolve', () => {
    const stems = host.workspacePackageStems([dir]);
    for (const s of ['slates', 'front-client', 'http', 'built', 'web-app', 'bare']) expect(stems.has(s)).toBe(true);
    expect(stems.has('legacy-app')).toBe(false);
    // the selection follows an import of a package whose folder is named otherwise
    const selected = filesToAnalyse(
      [
        { file: at('apps/web/nested/index.js'), text: 'contacts' },
        { file: at('apps/web/src/main.ts'), text: "import { a } from '@acme/web-app';" },
      ],
      (t) => t.includes('contacts'),
      (f, s) => host.resolveImport(f, s),
      ['web-app'],
    );
    expect([...selected].sort()).toEqual([at('apps/web/nested/index.js'), at('apps/web/src/main.ts')]);
  });
});

describe('workspace roots', () => {
  it('reads the object form of package.json workspaces', () => {
    const dir = project({
      'package.json': json({ private: true, workspaces: { packages: ['libs/*'], nohoist: ['**/x'] } }),
      'libs/front/package.json': json({ name: '@co/front' }),
      'libs/front/src/index.ts': '',
      'app/main.ts': '',
    });
    expect(new DiskSourceHost().resolveImport(path.join(dir, 'app/main.ts'), '@co/front')).toBe(path.join(dir, 'libs/front/src/index.ts'));
  });

  it('reads pnpm-workspace.yaml', () => {
    const dir = project({
      'package.json': json({ name: 'root' }),
      'pnpm-workspace.yaml': "# pnpm\npackages:\n  - 'packages/*'\n  - \"tools/cli\"   # one more\n  - '!**/test/**'\ncatalog:\n  axios: ^1.7.0\n",
      'packages/api/package.json': json({ name: '@p/api', exports: { '.': { import: './dist/index.js' } } }),
      'packages/api/src/index.ts': '',
      'tools/cli/package.json': json({ name: 'cli', main: './lib/cli.js' }),
      'tools/cli/src/cli.ts': '',
      'apps/x.ts': '',
    });
    const host = new DiskSourceHost();
    expect(host.resolveImport(path.join(dir, 'apps/x.ts'), '@p/api')).toBe(path.join(dir, 'packages/api/src/index.ts'));
    expect(host.resolveImport(path.join(dir, 'apps/x.ts'), 'cli')).toBe(path.join(dir, 'tools/cli/src/cli.ts'));
    expect(host.resolveImport(path.join(dir, 'apps/x.ts'), 'axios')).toBeUndefined();
  });

  it('reads lerna.json packages (default packages/*)', () => {
    const dir = project({
      'lerna.json': json({ version: 'independent', packages: ['modules/*'] }),
      'modules/http/package.json': json({ name: '@l/http', main: 'lib/index.js' }),
      'modules/http/src/index.js': '',
      'modules/http/src/caller.js': '',
    });
    expect(new DiskSourceHost().resolveImport(path.join(dir, 'modules/http/src/caller.js'), '@l/http')).toBe(path.join(dir, 'modules/http/src/index.js'));
    const dflt = project({ 'lerna.json': '{}', 'packages/a/package.json': json({ name: 'a' }), 'packages/a/index.ts': '', 'b.ts': '' });
    expect(new DiskSourceHost().resolveImport(path.join(dflt, 'b.ts'), 'a')).toBe(path.join(dflt, 'packages/a/index.ts'));
  });

  it('uses the nearest workspace root, and tsconfig paths first', () => {
    const dir = project({
      'package.json': json({ workspaces: ['packages/*'] }),
      'packages/a/package.json': json({ name: 'shared' }),
      'packages/a/src/index.ts': '',
      'nested/package.json': json({ workspaces: ['pkgs/*'] }),
      'nested/pkgs/b/package.json': json({ name: 'shared' }),
      'nested/pkgs/b/src/index.ts': '',
      'nested/pkgs/b/src/x.ts': '',
      'with-paths/tsconfig.json': json({ compilerOptions: { paths: { shared: ['./local-shared.ts'] } } }),
      'with-paths/local-shared.ts': '',
      'with-paths/main.ts': '',
      'main.ts': '',
    });
    const host = new DiskSourceHost();
    expect(host.resolveImport(path.join(dir, 'main.ts'), 'shared')).toBe(path.join(dir, 'packages/a/src/index.ts'));
    expect(host.resolveImport(path.join(dir, 'nested/pkgs/b/src/x.ts'), 'shared')).toBe(path.join(dir, 'nested/pkgs/b/src/index.ts'));
    expect(host.resolveImport(path.join(dir, 'with-paths/main.ts'), 'shared')).toBe(path.join(dir, 'with-paths/local-shared.ts'));
  });

  it('without a workspace root bare imports stay unresolved', () => {
    const dir = project({ 'package.json': json({ name: 'app' }), 'packages/a/package.json': json({ name: 'a' }), 'packages/a/index.ts': '', 'm.ts': '' });
    expect(new DiskSourceHost().resolveImport(path.join(dir, 'm.ts'), 'a')).toBeUndefined();
  });
});

describe('workspace helpers', () => {
  it('splitSpecifier', () => {
    expect(splitSpecifier('slates')).toEqual(['slates', '.']);
    expect(splitSpecifier('@acme/pkg')).toEqual(['@acme/pkg', '.']);
    expect(splitSpecifier('@acme/pkg/a/b')).toEqual(['@acme/pkg', './a/b']);
    expect(splitSpecifier('pkg/sub')).toEqual(['pkg', './sub']);
    expect(splitSpecifier('@acme')).toBeUndefined();
  });

  it('exportTargets: strings, conditions in order, subpaths, patterns', () => {
    expect(exportTargets('./dist/index.js', '.')).toEqual(['./dist/index.js']);
    expect(exportTargets('./dist/index.js', './x')).toEqual([]);
    expect(exportTargets({ import: './a.mjs', require: './a.cjs', browser: './b.js' }, '.')).toEqual(['./a.mjs', './a.cjs', './b.js']);
    expect(exportTargets({ '.': [{ types: './t.d.ts' }, './i.js'] }, '.')).toEqual(['./t.d.ts', './i.js']);
    expect(exportTargets({ './*': './src/*.ts', './utils/*': { default: './lib/utils/*.js' } }, './utils/url')).toEqual(['./lib/utils/url.js']);
    expect(exportTargets({ './*': './src/*.ts' }, './a/b')).toEqual(['./src/a/b.ts']);
  });

  it('pnpmWorkspacePatterns: block and flow sequences', () => {
    expect(pnpmWorkspacePatterns("packages:\n  - packages/*\n  - 'apps/**'\nonlyBuiltDependencies:\n  - esbuild\n")).toEqual(['packages/*', 'apps/**']);
    expect(pnpmWorkspacePatterns("packages: ['a/*', \"b\"]\n")).toEqual(['a/*', 'b']);
  });
});
