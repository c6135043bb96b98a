/**
 * docs/org-wide-migration.md stays true: its multi-gitter script and its Sourcegraph batch spec step run (as
 * those tools would run them, in a repository with legacy code) and fix it; the multi-gitter command uses
 * flags multi-gitter has; the batch spec parses and has the fields Sourcegraph requires; every front-contacts
 * command in it uses options the CLI has. `npx` is the one stand-in: the package is not on npm yet, so a small
 * `npx` first on PATH checks its command line and runs this checkout's CLI.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECK_OPTIONS } from '../src/cli/check';
import { FIX_OPTIONS } from '../src/cli/fix';
import { BIN, ensureBuilt } from './cli/helpers';
import { checkout, cleanEnv, git, LEGACY_APP, ROOT } from './action/runner';

const DOC = readFileSync(path.join(ROOT, 'docs', 'org-wide-migration.md'), 'utf8');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function fenced(lang: string): string[] {
  return [...DOC.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'gm'))].map((m) => m[1]);
}

/** `multi-gitter run --help` (v0.5x): the flags a command in the doc may use. */
const MULTI_GITTER_RUN_FLAGS = new Set([
  'assignees', 'author-email', 'author-name', 'base-branch', 'base-url', 'branch', 'commit-message', 'concurrent', 'config',
  'conflict-strategy', 'draft', 'dry-run', 'fetch-depth', 'fork', 'fork-owner', 'git-type', 'group', 'include-subgroups',
  'insecure', 'interactive', 'labels', 'log-file', 'log-format', 'log-level', 'max-reviewers', 'org', 'output', 'platform',
  'pr-body', 'pr-title', 'project', 'repo', 'reviewers', 'skip-pr', 'skip-repo', 'ssh-auth', 'token', 'topic', 'user', 'username',
]);

/** Shell words of a command (backslash-newlines joined; single and double quotes; no expansion). */
function words(command: string): string[] {
  const text = command.replace(/\\\n/g, ' ');
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** A directory with an `npx` that accepts only `npx --yes --package <pkg> front-contacts …`, logs it, runs our CLI. */
function npxShim(): { dir: string; log: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'fc-npx-'));
  const log = path.join(dir, 'npx.log');
  writeFileSync(
    path.join(dir, 'npx'),
    [
      '#!/usr/bin/env bash',
      `printf '%s\\n' "$*" >> ${JSON.stringify(log)}`,
      '[ "$1" = --yes ] && [ "$2" = --package ] && [ -n "$3" ] && [ "$4" = front-contacts ] || { echo "npx shim: unexpected command line: $*" >&2; exit 127; }',
      'shift 4',
      `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(path.join(dir, 'npx'), 0o755);
  return { dir, log };
}

function bash(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', args, { cwd, env: { ...cleanEnv(), ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(ensureBuilt, 180_000);

describe('docs/org-wide-migration.md, multi-gitter', () => {
  const [script, command] = fenced('bash');
  const scriptFile = () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'fc-mg-')), 'front-contacts-fix.sh');
    writeFileSync(file, script);
    chmodSync(file, 0o755);
    return file;
  };

  it('the script fixes a repository with legacy code and exits 0 (multi-gitter then opens the pull request)', async () => {
    const { workspace } = checkout({}, LEGACY_APP);
    const npx = npxShim();
    const r = await bash([scriptFile()], workspace, { PATH: `${npx.dir}:${process.env.PATH}`, REPOSITORY: 'acme/legacy', FRONT_CONTACTS_PACKAGE: `/work/front-contacts-${VERSION}.tgz` });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(npx.log, 'utf8').trim()).toBe(`--yes --package /work/front-contacts-${VERSION}.tgz front-contacts fix .`);
    expect(git(workspace, 'status', '--porcelain')).toContain('src/front/routes.ts');
    expect(readFileSync(path.join(workspace, 'src/front/routes.ts'), 'utf8')).toContain("'/contacts'");
  });

  it('nothing to fix: exit 0 and no change (no pull request); the tool failing: exit 2 naming the repository', async () => {
    const npx = npxShim();
    const env = { PATH: `${npx.dir}:${process.env.PATH}`, REPOSITORY: 'acme/clean' };
    const clean = checkout({ 'src/ok.ts': "export const url = 'https://api.frontapp.com/contacts';\n" });
    const ok = await bash([scriptFile()], clean.workspace, env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(git(clean.workspace, 'status', '--porcelain')).toBe('');
    // Without FRONT_CONTACTS_PACKAGE the package comes from npm by name.
    expect(readFileSync(npx.log, 'utf8').trim()).toBe('--yes --package front-contacts front-contacts fix .');

    const broken = checkout({ 'front-contacts.config.json': '{"rules": {"no-such-rule": "off"}}', 'src/a.ts': "fetch('https://api.frontapp.com/teams/1/contacts');\n" });
    const failed = await bash([scriptFile()], broken.workspace, { ...env, REPOSITORY: 'acme/broken' });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('front-contacts fix failed in acme/broken (exit 2)');
  });

  it('the command runs that script with flags multi-gitter has, dry run first', () => {
    const argv = words(command.split('\n').filter((l) => !l.startsWith('export ')).join('\n'));
    expect(argv.slice(0, 3)).toEqual(['multi-gitter', 'run', '$PWD/front-contacts-fix.sh']);
    expect(script).toContain('# front-contacts-fix.sh:');
    const flags = argv.filter((w) => w.startsWith('--')).map((w) => w.slice(2));
    for (const flag of flags) expect(MULTI_GITTER_RUN_FLAGS, `--${flag}`).toContain(flag);
    expect(flags).toEqual(expect.arrayContaining(['org', 'branch', 'commit-message', 'pr-title', 'dry-run']));
    expect(command).toContain(`FRONT_CONTACTS_PACKAGE="$PWD/front-contacts-${VERSION}.tgz"`);
  });
});

describe('docs/org-wide-migration.md, Sourcegraph batch spec', () => {
  interface BatchSpec {
    version: number;
    name: string;
    on: { repositoriesMatchingQuery?: string }[];
    steps: { run: string; container: string; env?: Record<string, string>; mount?: { path: string; mountpoint: string }[]; outputs?: Record<string, { value: string }> }[];
    changesetTemplate: { title: string; body: string; branch: string; commit: { message: string }; published: boolean | string };
  }
  const [yaml] = fenced('yaml');
  const spec = load(yaml) as BatchSpec;

  it('parses, with what src batch preview requires', () => {
    expect(fenced('yaml')).toHaveLength(1);
    expect(spec.version).toBe(2);
    expect(spec.name).toMatch(/^[\w.-]+$/);
    expect(spec.on[0].repositoriesMatchingQuery).toContain('frontapp.com');
    expect(spec.steps).toHaveLength(1);
    expect(spec.steps[0].container).toMatch(/^node:(2\d|[3-9]\d)/);
    expect(spec.changesetTemplate).toMatchObject({ title: expect.any(String), branch: 'front-contacts/fix', commit: { message: expect.any(String) }, published: false });
    // The output the body uses is one the step defines.
    for (const m of spec.changesetTemplate.body.matchAll(/\$\{\{ outputs\.(\w+) \}\}/g)) expect(Object.keys(spec.steps[0].outputs ?? {})).toContain(m[1]);
  });

  it('its step fixes a repository, with the package the mount provides, and prints what it did for the pull request body', async () => {
    const step = spec.steps[0];
    expect(step.env?.FRONT_CONTACTS_PACKAGE).toBe(step.mount?.[0].mountpoint);
    expect(step.mount?.[0].path).toBe(`./front-contacts-${VERSION}.tgz`);
    const { workspace } = checkout({}, LEGACY_APP);
    const npx = npxShim();
    const r = await bash(['-c', step.run], workspace, { ...step.env, PATH: `${npx.dir}:${process.env.PATH}` });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(npx.log, 'utf8').trim()).toBe('--yes --package /tmp/front-contacts.tgz front-contacts fix .');
    expect(r.stdout).toMatch(/\d+ fixed, \d+ files changed, \d+ remaining/);
    expect(git(workspace, 'status', '--porcelain')).toContain('src/front/routes.ts');
  });
});

describe('docs/org-wide-migration.md, front-contacts commands', () => {
  it('use only options the CLI has', () => {
    const code = [...fenced('bash'), ...fenced('yaml'), ...[...DOC.matchAll(/`([^`\n]+)`/g)].map((m) => m[1])].join('\n');
    const commands = [...code.matchAll(/front-contacts (check|fix)((?: [^\s|;&)]+)*)/g)];
    expect(commands.length).toBeGreaterThan(3);
    const known = { check: new Set(CHECK_OPTIONS.map((o) => o.name)), fix: new Set(FIX_OPTIONS.map((o) => o.name)) };
    for (const [, sub, rest] of commands) {
      for (const option of rest.split(' ').filter((w) => w.startsWith('--'))) expect(known[sub as 'check' | 'fix'], `front-contacts ${sub} ${option}`).toContain(option.slice(2).split('=')[0]);
    }
  });
});
