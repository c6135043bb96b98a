/**
 * action/install-cli.mjs for real, on a copy of this repository as GitHub hands it to a workflow (the files in
 * git, no node_modules, no dist/): production dependencies from the lockfile, esbuild at the locked version,
 * the build, and a CLI that checks code. Needs the npm registry (or a warm npm cache), like `npm ci`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, LEGACY_APP, ROOT, runStep } from './runner';

/** The repository's files as a checkout of it has them (tracked, plus new files not yet committed). */
function copyOfRepository(): string {
  const dest = mkdtempSync(path.join(tmpdir(), 'fc-action-path-'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const rel of files) {
    if (!existsSync(path.join(ROOT, rel))) continue; // deleted in the working tree
    // A worktree's node_modules may be a symbolic link to another checkout's (a .gitignore rule `node_modules/`
    // does not match a link): copied, npm ci would empty that other folder. Links are not part of a checkout.
    if (rel.split('/')[0] === 'node_modules' || lstatSync(path.join(ROOT, rel)).isSymbolicLink()) continue;
    mkdirSync(path.dirname(path.join(dest, rel)), { recursive: true });
    cpSync(path.join(ROOT, rel), path.join(dest, rel));
  }
  return dest;
}

describe('action/install-cli.mjs', () => {
  it('installs the CLI from the action checkout with production dependencies only, and builds it', async () => {
    const actionPath = copyOfRepository();
    expect(existsSync(path.join(actionPath, 'dist'))).toBe(false);
    expect(existsSync(path.join(actionPath, 'node_modules'))).toBe(false);
    const script = path.join(actionPath, 'action', 'install-cli.mjs');
    const first = await runStep(script, LEGACY_APP);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(first.outputs.version).toBe(version);
    expect(first.stdout).toContain(`front-contacts ${version} installed in ${actionPath}`);
    // Runtime dependencies, not the dev tooling (test hosts, validators, vitest).
    expect(existsSync(path.join(actionPath, 'node_modules', 'ts-morph'))).toBe(true);
    for (const dev of ['vitest', '@vscode/test-electron', '@microsoft/sarif-multitool', 'playwright-core']) expect(existsSync(path.join(actionPath, 'node_modules', dev)), dev).toBe(false);
    // esbuild at the lockfile's version, from the runner's temporary folder.
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    const esbuild = JSON.parse(readFileSync(path.join(first.runnerTemp, 'front-contacts-build-tools', 'node_modules', 'esbuild', 'package.json'), 'utf8')) as { version: string };
    expect(esbuild.version).toBe(lock.packages['node_modules/esbuild'].version);

    const check = (() => {
      try {
        return { code: 0, out: execFileSync(process.execPath, [path.join(actionPath, 'bin', 'front-contacts.js'), 'check', '--format', 'json', '.'], { cwd: LEGACY_APP, encoding: 'utf8', env: cleanEnv() }) };
      } catch (e) {
        return { code: (e as { status: number }).status, out: String((e as { stdout: string }).stdout) };
      }
    })();
    expect(check.code).toBe(1);
    expect((JSON.parse(check.out) as unknown[]).length).toBeGreaterThan(5);

    const again = await runStep(script, LEGACY_APP);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('(already built)');
  }, 600_000);

  it('refuses to install through a node_modules that is a symbolic link, leaving what it points to alone', async () => {
    const actionPath = copyOfRepository();
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'fc-other-modules-'));
    writeFileSync(path.join(elsewhere, 'marker'), 'keep me\n');
    symlinkSync(elsewhere, path.join(actionPath, 'node_modules'));
    const step = await runStep(path.join(actionPath, 'action', 'install-cli.mjs'), LEGACY_APP);
    expect(step.code).toBe(1);
    expect(step.stdout).toContain(`::error::${path.join(actionPath, 'node_modules')} is a symbolic link: not installing through it`);
    expect(readdirSync(elsewhere)).toEqual(['marker']);
  });
});
