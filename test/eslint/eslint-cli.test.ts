/**
 * The real `eslint` CLI with the built plugin (dist/eslint.mjs) against `front-contacts check`: on a
 * copy of examples/legacy-app and on a project with a config file (a proxy in frontBaseUrls, a rule off,
 * an ignore glob), an imported constant, an injected client configured in another file and an inline
 * ignore, and on a monorepo whose client is configured by another package, ESLint reports exactly the CLI's findings (rule, place, severity, message), and `eslint --fix`
 * writes what `front-contacts fix` writes. TypeScript files go through @typescript-eslint/parser,
 * JavaScript files through ESLint's default parser (espree).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types';
import { BIN, ensureBuilt, ROOT, writeFiles } from '../cli/helpers';
import { sourceFilesUnder } from '../support/fixtures';

const run = promisify(execFile);
const ESLINT_BIN = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** The flat config a user writes (README "ESLint plugin"), with the package and parser named by path. */
function eslintConfig(): string {
  const url = (p: string) => pathToFileURL(path.join(ROOT, p)).href;
  return [
    `import tsParser from ${JSON.stringify(url('node_modules/@typescript-eslint/parser/dist/index.js'))};`,
    `import frontContacts from ${JSON.stringify(url('dist/eslint.mjs'))};`,
    'export default [',
    "  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },",
    "  { files: ['**/*.{js,jsx,mjs,cjs}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },",
    '  frontContacts.configs.recommended,',
    '];',
    '',
  ].join('\n');
}

async function runTool(cmd: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, cmd, { cwd, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  suggestions?: { desc: string }[];
}

/** One line per finding: file, range, rule, severity, message (sorted). */
async function eslintFindings(dir: string): Promise<string[]> {
  const { code, stdout, stderr } = await runTool([ESLINT_BIN, '--format', 'json', '.'], dir);
  expect(code, stderr).toBeLessThanOrEqual(1);
  const results = JSON.parse(stdout) as { filePath: string; messages: EslintMessage[] }[];
  const out: string[] = [];
  for (const r of results)
    for (const m of r.messages) {
      expect(m.ruleId, `${r.filePath}: ${m.message}`).toMatch(/^front-contacts\//);
      const message = m.message.replace(/ \[related: .*\]$/, '');
      out.push(`${path.relative(dir, r.filePath)}:${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId!.slice('front-contacts/'.length)} ${m.severity === 2 ? 'error' : 'warning'} ${message} | suggestions: ${(m.suggestions ?? []).map((s) => s.desc).join(' / ')}`);
    }
  return out.sort();
}

async function cliFindings(dir: string): Promise<string[]> {
  const { code, stdout, stderr } = await runTool([BIN, 'check', '--format', 'json', '.'], dir);
  expect(code, stderr).toBeLessThanOrEqual(1);
  const files = JSON.parse(stdout) as { filePath: string; findings: Finding[]; problems: unknown[] }[];
  const out: string[] = [];
  for (const f of files) {
    expect(f.problems, f.filePath).toEqual([]);
    for (const x of f.findings)
      out.push(`${path.relative(dir, f.filePath)}:${x.range.start.line}:${x.range.start.column}-${x.range.end.line}:${x.range.end.column} ${x.ruleId} ${x.severity} ${x.message} | suggestions: ${(x.suggestions ?? []).map((s) => s.title).join(' / ')}`);
  }
  return out.sort();
}

function snapshot(dir: string): Record<string, string> {
  const files = sourceFilesUnder(dir).filter((f) => !f.endsWith('eslint.config.mjs'));
  return Object.fromEntries(files.map((f) => [path.relative(dir, f), readFileSync(f, 'utf8')]));
}

/** Two copies of a project, each with the ESLint config. */
function copies(prefix: string, fill: (dir: string) => void): [string, string] {
  return [0, 1].map(() => {
    const dir = mkdtempSync(path.join(tmpdir(), `fc-eslint-${prefix}-`));
    fill(dir);
    writeFileSync(path.join(dir, 'eslint.config.mjs'), eslintConfig());
    return dir;
  }) as [string, string];
}

const PROXIED_APP: Record<string, string> = {
  'package.json': '{ "name": "proxied-app", "private": true }\n',
  'front-contacts.config.json': JSON.stringify({ frontBaseUrls: ['https://front-proxy.acme.internal'], rules: { 'chat-identify-phone': 'off' }, ignore: ['src/generated/**'] }, null, 2),
  'src/config.ts': "export const FRONT_PROXY = 'https://front-proxy.acme.internal';\n",
  'src/teams.ts': [
    "import { FRONT_PROXY } from './config';",
    '',
    'export async function listTeamContacts(teamId: string): Promise<unknown> {',
    '  const res = await fetch(`${FRONT_PROXY}/teams/${teamId}/contacts?limit=50`);',
    '  return res.json();',
    '}',
    '',
    'export async function readContact(id: string): Promise<Response> {',
    '  // front-contacts-ignore-next-line contact-redirect-disabled -- we handle the 301 ourselves',
    "  return fetch(`${FRONT_PROXY}/contacts/${id}`, { redirect: 'manual' });",
    '}',
    '',
    'export async function readContactStrict(id: string): Promise<Response> {',
    "  return fetch(`${FRONT_PROXY}/contacts/${id}`, { redirect: 'error' });",
    '}',
    '',
  ].join('\n'),
  // Reported only through its importer, main.ts, which configures the client it is given.
  'src/contacts-api.ts': [
    "import type { AxiosInstance } from 'axios';",
    '',
    'export class ContactsApi {',
    '  constructor(private readonly http: AxiosInstance) {}',
    '',
    '  get(contactId: string) {',
    '    return this.http.get(`/contacts/${contactId}`);',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/main.ts': [
    "import axios from 'axios';",
    "import { ContactsApi } from './contacts-api';",
    '',
    "export const contacts = new ContactsApi(axios.create({ baseURL: 'https://api2.frontapp.com', maxRedirects: 0 }));",
    '',
  ].join('\n'),
  'src/generated/client.ts': "export const LIST = 'https://api2.frontapp.com/teams/tim_1/contacts';\n",
  'src/chat.js': ['export function identify(user) {', "  window.FrontChat('identity', {", "    chatId: 'abc',", '    userId: user.id,', '    phone: user.phone,', '  });', '}', ''].join('\n'),
};

/** A workspace package's client, configured (redirects off) by another package that imports it by name. */
const MONOREPO: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
  'packages/sdk/package.json': JSON.stringify({ name: '@acme/front-sdk', main: 'src/index.ts' }),
  'packages/sdk/src/index.ts': PROXIED_APP['src/contacts-api.ts'],
  'packages/app/package.json': JSON.stringify({ name: '@acme/app' }),
  'packages/app/src/main.ts': PROXIED_APP['src/main.ts'].replace("'./contacts-api'", "'@acme/front-sdk'"),
};

const PROJECTS: { name: string; fill: (dir: string) => void; expectedRules: string[]; fixable: boolean }[] = [
  {
    name: 'examples/legacy-app',
    fill: (dir) => cpSync(path.join(ROOT, 'examples', 'legacy-app'), dir, { recursive: true }),
    expectedRules: ['team-contacts-endpoint', 'contact-redirect-disabled', 'contact-redirect-method-change', 'contact-redirect-auth-dropped', 'chat-identify-without-email', 'chat-identify-phone', 'front-chat-handle-readonly'],
    fixable: true,
  },
  {
    name: 'a project with front-contacts.config.json',
    fill: (dir) => writeFiles(dir, PROXIED_APP),
    expectedRules: ['team-contacts-endpoint', 'contact-redirect-disabled', 'chat-identify-without-email'],
    fixable: true,
  },
  {
    name: 'a monorepo, linted from its root',
    fill: (dir) => writeFiles(dir, MONOREPO),
    expectedRules: ['contact-redirect-disabled'],
    fixable: false,
  },
];

beforeAll(ensureBuilt, 180_000);

describe('the eslint CLI with front-contacts/eslint', () => {
  for (const p of PROJECTS) {
    describe(p.name, () => {
      it('reports exactly what front-contacts check --format json reports', async () => {
        const [dir] = copies('check', p.fill);
        const [viaEslint, viaCli] = await Promise.all([eslintFindings(dir), cliFindings(dir)]);
        expect(viaEslint).toEqual(viaCli);
        expect(new Set(viaCli.map((l) => l.split(' ')[1]))).toEqual(new Set(p.expectedRules));
      });

      it.runIf(p.fixable)('eslint --fix writes what front-contacts fix writes', async () => {
        const [a, b] = copies('fix', p.fill);
        const before = snapshot(a);
        const viaEslint = await runTool([ESLINT_BIN, '--fix', '.'], a);
        expect(viaEslint.code, viaEslint.stderr).toBeLessThanOrEqual(1);
        const viaCli = await runTool([BIN, 'fix', '.'], b);
        expect(viaCli.code, viaCli.stderr).toBeLessThanOrEqual(1);
        expect(snapshot(a)).toEqual(snapshot(b));
        expect(snapshot(a)).not.toEqual(before);
      });
    });
  }
});
