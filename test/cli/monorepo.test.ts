/**
 * `front-contacts check` on monorepos, through the real DiskSourceHost: bare imports of workspace packages
 * resolve to the packages' source (npm/yarn workspaces, pnpm-workspace.yaml), third-party packages do not.
 */
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, git, makeProject, runCli } from './helpers';

beforeAll(ensureBuilt, 120_000);

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

interface Report {
  filePath: string;
  findings: { ruleId: string; range: { start: { line: number } } }[];
}

async function findings(dir: string, args: string[] = ['.']): Promise<string[]> {
  const r = await runCli(dir, ['check', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as Report[];
  return report.flatMap((f) => f.findings.map((x) => `${path.relative(dir, f.filePath)}:${x.range.start.line} ${x.ruleId}`)).sort();
}

describe('check: workspace packages', () => {
  const npmRepo = () => {
    const dir = makeProject({
      '.gitignore': 'node_modules/\ndist/\n',
      'package.json': json({ name: 'root', private: true, workspaces: ['packages/*', 'apps/*'] }),
      // folder `sdk`, package `@acme/front-sdk`; its exports name dist/, which is not built
      'packages/sdk/package.json': json({
        name: '@acme/front-sdk',
        exports: { '.': { types: './dist/index.d.ts', import: './dist/index.mjs', require: './dist/index.cjs' }, './notes': './dist/notes.js' },
      }),
      'packages/sdk/src/index.ts': [
        "import axios from 'axios';",
        "export const front = axios.create({ baseURL: 'https://api2.frontapp.com', maxRedirects: 0 });",
        '',
      ].join('\n'),
      'packages/sdk/src/notes.ts': [
        "import type { AxiosInstance } from 'axios';",
        'export function loadNotes(http: AxiosInstance, id: string) {',
        '  return http.get(`https://api2.frontapp.com/contacts/${id}/notes`);',
        '}',
        '',
      ].join('\n'),
      'apps/web/package.json': json({ name: 'web', dependencies: { '@acme/front-sdk': 'workspace:*' } }),
      'apps/web/src/contact.ts': [
        "import { front } from '@acme/front-sdk';",
        'export const contact = (id: string) =>',
        '  front.get(`/contacts/${id}`);',
        '',
      ].join('\n'),
      'apps/web/src/notes.ts': [
        "import axios from 'axios';",
        "const { loadNotes } = require('@acme/front-sdk/notes');",
        'const http = axios.create({ maxRedirects: 0 });',
        'export const notes = (id: string) => loadNotes(http, id);',
        '',
      ].join('\n'),
      // a third-party package of the same shape is not followed (and node_modules is not checked)
      'node_modules/front-lib/package.json': json({ name: 'front-lib', main: 'index.js' }),
      'node_modules/front-lib/index.js': "const axios = require('axios');\nexports.front = axios.create({ baseURL: 'https://api2.frontapp.com', maxRedirects: 0 });\n",
      'apps/web/src/third-party.ts': "import { front } from 'front-lib';\nexport const c = (id: string) => front.get(`/contacts/${id}`);\n",
    });
    git(dir, 'init', '-q');
    return dir;
  };

  it('follows bare imports of workspace packages to their source (npm workspaces, exports → src/)', async () => {
    const dir = npmRepo();
    expect(await findings(dir)).toEqual([
      'apps/web/src/contact.ts:3 contact-redirect-disabled',
      // the client is configured in apps/web, the request is made in the package: found through importers()
      'packages/sdk/src/notes.ts:3 contact-redirect-disabled',
    ]);
  });

  it('checking one app still resolves its workspace (the root is found upwards)', async () => {
    const dir = npmRepo();
    expect(await findings(dir, ['apps/web'])).toEqual(['apps/web/src/contact.ts:3 contact-redirect-disabled']);
  });

  it('pnpm-workspace.yaml, main pointing at missing lib/, and a subpath under src/', async () => {
    const dir = makeProject({
      'package.json': json({ name: 'root', private: true }),
      'pnpm-workspace.yaml': "packages:\n  - 'libs/*'\n  - 'services/**'\n",
      'libs/slates/package.json': json({ name: 'slates', main: 'lib/index.js', types: 'lib/index.d.ts' }),
      'libs/slates/src/index.ts': [
        "import axios from 'axios';",
        "export const createAxios = () => axios.create({ baseURL: 'https://api2.frontapp.com', maxRedirects: 0 });",
        '',
      ].join('\n'),
      'libs/slates/src/routes/contacts.ts': "export const contactPath = (id: string) => `/contacts/${id}/handles`;\n",
      'services/sync/worker/package.json': json({ name: '@svc/sync' }),
      'services/sync/worker/src/index.ts': [
        "import { createAxios } from 'slates';",
        "import { contactPath } from 'slates/routes/contacts';",
        'export async function handles(id: string) {',
        '  return createAxios().get(contactPath(id));',
        '}',
        '',
      ].join('\n'),
    });
    git(dir, 'init', '-q');
    expect(await findings(dir)).toEqual(['services/sync/worker/src/index.ts:4 contact-redirect-disabled']);
  });

  it('committed compiled output (tsc CommonJS in an ignored lib/) is checked and followed; untracked build output is not', async () => {
    const dir = makeProject({
      '.gitignore': 'node_modules/\nlib/\n',
      'package.json': json({ private: true, workspaces: ['packages/*'] }),
      'packages/legacy/package.json': json({ name: '@acme/legacy-sdk', main: 'lib/index.js' }),
      'packages/legacy/lib/index.js': [
        '"use strict";',
        'var __importDefault = (this && this.__importDefault) || function (mod) { return (mod && mod.__esModule) ? mod : { "default": mod }; };',
        'Object.defineProperty(exports, "__esModule", { value: true });',
        'exports.front = void 0;',
        'exports.notes = notes;',
        'const axios_1 = __importDefault(require("axios"));',
        'const paths_1 = require("./paths");',
        "exports.front = axios_1.default.create({ baseURL: 'https://api2.frontapp.com', maxRedirects: 0 });",
        'function notes(id) {',
        '    return exports.front.get((0, paths_1.notesPath)(id));',
        '}',
        '',
      ].join('\n'),
      'packages/legacy/lib/paths.js': '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.notesPath = void 0;\nconst notesPath = (id) => `/contacts/${id}/notes`;\nexports.notesPath = notesPath;\n',
      'packages/legacy/lib/untracked.js': "require('axios').create({ maxRedirects: 0 }).get('https://api2.frontapp.com/contacts/' + id);\n",
      'apps/cli.ts': "import { front } from '@acme/legacy-sdk';\nexport const get = (id: string) => front.get(`/contacts/${id}/handles`);\n",
    });
    git(dir, 'init', '-q');
    git(dir, 'add', '-f', 'packages/legacy/lib/index.js', 'packages/legacy/lib/paths.js');
    expect(await findings(dir)).toEqual([
      'apps/cli.ts:2 contact-redirect-disabled',
      'packages/legacy/lib/index.js:10 contact-redirect-disabled',
    ]);
  });

  it('without workspaces a bare import stays a package', async () => {
    const dir = npmRepo();
    // the same repository, its root no longer declaring workspaces
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'package.json'), json({ name: 'root', private: true }));
    // contact.ts's client is a package now: nothing known about it. notes.ts is no longer handed the app's client,
    // so its AxiosInstance is axios's default (follows the 301 to another host without Authorization)
    expect(await findings(dir)).toEqual(['packages/sdk/src/notes.ts:3 contact-redirect-auth-dropped']);
  });
  it("a platform's helper package whose source is in the repository is still judged by its model (tsconfig paths)", async () => {
    const dir = makeProject({
      'package.json': json({ name: 'platform', private: true }),
      // Activepieces maps its pieces-common to its own source through tsconfig paths. There the client is a
      // class instance whose URL is rebuilt through `new URL(…)` in a base class: more than the evaluator follows,
      // while the model of the package says what it does (axios, follows the 301, drops Authorization).
      'tsconfig.base.json': json({ compilerOptions: { baseUrl: '.', paths: { '@activepieces/pieces-common': ['pieces/common/src/index.ts'] } } }),
      'tsconfig.json': json({ extends: './tsconfig.base.json' }),
      'pieces/common/src/index.ts': "export * from './http';\n",
      'pieces/common/src/http.ts': [
        "import axios, { type AxiosInstance } from 'axios';",
        "export enum HttpMethod { GET = 'GET', POST = 'POST', PATCH = 'PATCH' }",
        'interface Req { method: HttpMethod; url: string; body?: unknown }',
        'abstract class Base {',
        '  constructor(private readonly prefix: string) {}',
        '  protected target(req: Req): string {',
        '    const u = new URL(`${this.prefix}${req.url}`);',
        '    return `${u.origin}${u.pathname}`;',
        '  }',
        '}',
        'class AxiosBacked extends Base {',
        "  constructor(prefix = '') { super(prefix); }",
        '  async sendRequest(req: Req, instance?: AxiosInstance) {',
        '    return (instance || axios).request({ method: req.method, url: this.target(req), data: req.body });',
        '  }',
        '}',
        'export const httpClient = new AxiosBacked();',
        '',
      ].join('\n'),
      'pieces/helpdesk/src/api.ts': [
        "import { httpClient, HttpMethod } from '@activepieces/pieces-common';",
        "const API = 'https://api2.frontapp.com';",
        'export async function call(token: string, method: HttpMethod, path: string, body?: unknown) {',
        '  const res = await httpClient.sendRequest({ method, url: `${API}${path}`, headers: { Authorization: `Bearer ${token}` }, body });',
        '  return res.body;',
        '}',
        '',
      ].join('\n'),
      'pieces/helpdesk/src/contacts.ts': [
        "import { HttpMethod } from '@activepieces/pieces-common';",
        "import { call } from './api';",
        'export const rename = (token: string, id: string, name: string) =>',
        '  call(token, HttpMethod.PATCH, `/contacts/${id}`, { name });',
        'export const addNote = (token: string, id: string, body: string) =>',
        '  call(token, HttpMethod.POST, `/contacts/${id}/notes`, { body });',
        '',
      ].join('\n'),
    });
    git(dir, 'init', '-q');
    expect(await findings(dir)).toEqual([
      'pieces/helpdesk/src/contacts.ts:4 contact-redirect-auth-dropped',
      'pieces/helpdesk/src/contacts.ts:6 contact-redirect-method-change',
    ]);
  });
});

describe('check: a platform fork that holds the platform package source', () => {
  it('keeps the model of a known platform package renamed by the fork and resolved to its source by a tsconfig path', async () => {
    // A fork of an automation platform renames the npm scope of the platform's helper package and keeps its
    // source in the monorepo; the connector imports it by name, resolved through tsconfig.base.json paths.
    const dir = makeProject({
      '.gitignore': 'node_modules/\n',
      'package.json': json({ name: 'flows', private: true }),
      'tsconfig.base.json': json({ compilerOptions: { baseUrl: '.', paths: { '@flows/pieces-common': ['packages/common/src/index.ts'] } } }),
      'packages/common/src/index.ts': "export * from './http';\n",
      'packages/common/src/base-http.ts': [
        'export abstract class BaseHttp {',
        '  constructor(protected readonly prefix: string) {}',
        '  protected resolve(request: { url: string }): { address: string; qs: URLSearchParams } {',
        '    const u = new URL(`${this.prefix}${request.url}`);',
        '    const qs = new URLSearchParams();',
        '    u.searchParams.forEach((value, key) => qs.append(key, value));',
        '    return { address: `${u.origin}${u.pathname}`, qs };',
        '  }',
        '}',
        '',
      ].join('\n'),
      'packages/common/src/http.ts': [
        "import axios, { type AxiosInstance } from 'axios';",
        "import { BaseHttp } from './base-http';",
        "export enum HttpMethod { GET = 'GET', POST = 'POST', PATCH = 'PATCH', DELETE = 'DELETE' }",
        'class AxiosHttp extends BaseHttp {',
        "  constructor(prefix = '') {",
        '    super(prefix);',
        '  }',
        '  async sendRequest(request: { method: HttpMethod; url: string; body?: unknown }, instance?: AxiosInstance) {',
        '    const ax = instance || axios;',
        '    const { address, qs } = this.resolve(request);',
        '    const config = { method: request.method.toString(), url: address, params: qs, data: request.body };',
        '    const res = await ax.request(config);',
        '    return { status: res.status, body: res.data };',
        '  }',
        '}',
        'export const httpClient = new AxiosHttp();',
        '',
      ].join('\n'),
      'packages/pieces/helpdesk/tsconfig.json': json({ extends: '../../../tsconfig.base.json' }),
      'packages/pieces/helpdesk/src/client.ts': [
        "import { httpClient, HttpMethod } from '@flows/pieces-common';",
        "const API = 'https://api2.frontapp.com';",
        'export async function call(method: HttpMethod, path: string, body?: unknown) {',
        '  return (await httpClient.sendRequest({ method, url: `${API}${path}`, body })).body;',
        '}',
        '',
      ].join('\n'),
      'packages/pieces/helpdesk/src/notes.ts': [
        "import { HttpMethod } from '@flows/pieces-common';",
        "import { call } from './client';",
        'export const addNote = (id: string, text: string) =>',
        '  call(HttpMethod.POST, `/contacts/${id}/notes`, { body: text });',
        'export const readContact = (id: string) =>',
        '  call(HttpMethod.GET, `/contacts/${id}`);',
        '',
      ].join('\n'),
    });
    expect(await findings(dir)).toEqual([
      'packages/pieces/helpdesk/src/notes.ts:4 contact-redirect-method-change',
      'packages/pieces/helpdesk/src/notes.ts:6 contact-redirect-auth-dropped',
    ]);
  });
});
