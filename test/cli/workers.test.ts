/**
 * Worker threads on the built bin: a project with more candidate files than the threshold gives
 * byte-identical reports and fixes with 0, 1 and 2 workers and in the automatic mode; `--debug`
 * says how many threads ran. Files of many shapes (cross-file constants, syntax errors, BOM, CRLF,
 * nesting too deep to parse, several rules) so that a difference would show.
 */
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKER_THRESHOLD } from '../../src/cli/pool';
import { ensureBuilt, makeProject, runCli, type RunResult } from './helpers';

beforeAll(ensureBuilt, 120_000);

/** 93 candidate files of many shapes (below the automatic threshold: workers are forced with --workers). */
function bigProject(): string {
  const files: Record<string, string> = {
    // sorts first: fixed before the files that import it, which a worker saw unfixed
    'src/aaa-config.ts': "export const FRONT = 'https://api2.frontapp.com';\nexport const teamContacts = (t: string) => FRONT + '/teams/' + t + '/contacts';\nfetch(teamContacts('x'));\n",
    'src/routes.ts': "export const TEAM_CONTACTS = (teamId: string) => `/teams/${teamId}/contacts`;\n",
    // Front code nested too deeply to parse (without a Front name it would not be analysed at all)
    'src/deep.ts': `export const contactsUrl = 'https://api2.frontapp.com' + ${'('.repeat(1500)}'x'${')'.repeat(1500)};\n`,
  };
  for (let i = 0; i < 90; i++) {
    const n = String(i).padStart(2, '0');
    switch (i % 9) {
      case 0:
        files[`src/team/list${n}.ts`] = `export function list${n}(teamId: string) {\n  return fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts?limit=${i}');\n}\n`;
        break;
      case 1:
        files[`src/imports/use${n}.ts`] = `import { teamContacts } from '../aaa-config';\nimport { TEAM_CONTACTS } from '../routes';\nexport const a${n} = (t: string) => fetch(teamContacts(t), { method: 'POST' });\nexport const b${n} = (t: string) => fetch('https://api2.frontapp.com' + TEAM_CONTACTS(t));\n`;
        break;
      case 2:
        files[`src/redirect/note${n}.ts`] = `export const note${n} = (id: string) =>\n  fetch(\`https://api2.frontapp.com/contacts/\${id}/notes\`, { method: 'POST', redirect: 'manual' });\n`;
        break;
      case 3:
        files[`src/chat/identify${n}.js`] = `FrontChat('identity', { chatId: 'c${n}', userId: user.id, phone: user.phone });\n`;
        break;
      case 4:
        files[`src/broken/syntax${n}.ts`] = `export const u${n} = 'https://api2.frontapp.com/teams/' + t + '/contacts';\nconst = ;\n`;
        break;
      case 5:
        files[`src/bom/bom${n}.ts`] = `\ufeffexport const l${n} = (t: string) => fetch('https://api2.frontapp.com/teams/' + t + '/contacts');\n`;
        break;
      case 6:
        files[`src/crlf/crlf${n}.ts`] = `export function c${n}(t: string) {\r\n  return fetch(\`https://api2.frontapp.com/teams/\${t}/contacts\`);\r\n}\r\n`;
        break;
      case 7:
        files[`src/axios/client${n}.ts`] = `import axios from 'axios';\nconst http = axios.create({ baseURL: 'https://api2.frontapp.com', maxRedirects: 0 });\nexport const get${n} = (id: string) => http.get(\`/contacts/\${id}\`);\n`;
        break;
      default:
        files[`src/clean/contactForm${n}.tsx`] = `export const ContactForm${n} = () => <form aria-label="contact ${n}" />;\n`;
    }
  }
  return makeProject(files);
}

function threads(r: RunResult): number {
  const m = /(\d+) worker threads?\b/.exec(r.stderr);
  if (!m) throw new Error(`no debug line in:\n${r.stderr}`);
  return Number(m[1]);
}

const withoutDebug = (stderr: string) => stderr.replace(/^front-contacts: debug: .*\n/gm, '');

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return out;
}

const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const autoThreads = Math.min(4, cores) >= 2 ? Math.min(4, cores) : 0;

/** More small candidate files than the automatic threshold. */
function manyFiles(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i <= WORKER_THRESHOLD; i++) {
    const n = String(i).padStart(3, '0');
    files[`src/${n.slice(0, 1)}/f${n}.${i % 2 ? 'js' : 'ts'}`] =
      i % 3 ? `export const l${n} = (t) => fetch('https://api2.frontapp.com/teams/' + t + '/contacts');\n` : `export const n${n} = (id) => fetch(\`https://api2.frontapp.com/contacts/\${id}\`, { redirect: 'manual' });\n`;
  }
  return makeProject(files);
}

describe('worker threads', () => {
  it('check: the same report with 0, 1 and 2 workers and automatically (one thread below the threshold)', async () => {
    const dir = bigProject();
    const none = await runCli(dir, ['check', '--format', 'json', '--debug', '--workers', '0']);
    const one = await runCli(dir, ['check', '--format', 'json', '--debug', '--workers', '1']);
    const two = await runCli(dir, ['check', '--format', 'json', '--debug'], { FRONT_CONTACTS_WORKERS: '2' });
    const auto = await runCli(dir, ['check', '--format', 'json', '--debug']);
    expect([threads(none), threads(one), threads(two), threads(auto)]).toEqual([0, 1, 2, 0]);
    const report = JSON.parse(none.stdout) as { filePath: string; findings: { ruleId: string }[]; problems: { message: string }[] }[];
    // the project exercises what it should
    const ids = new Set(report.flatMap((f) => f.findings.map((x) => x.ruleId)));
    expect([...ids].sort()).toEqual(['chat-identify-phone', 'chat-identify-without-email', 'contact-redirect-disabled', 'team-contacts-endpoint']);
    expect(report.find((f) => f.filePath.endsWith('deep.ts'))?.problems.map((p) => p.message)).toEqual(['not analysed: the code is nested too deeply to parse']);
    expect(report.filter((f) => f.problems.some((p) => p.message.startsWith('syntax error'))).length).toBe(10);
    for (const r of [one, two, auto]) {
      expect(r.stdout).toBe(none.stdout);
      expect(withoutDebug(r.stderr)).toBe(withoutDebug(none.stderr));
      expect(r.code).toBe(none.code);
    }
    expect(none.code).toBe(1);
  }, 240_000);

  it('fix: the same files and messages with and without workers; files importing a file fixed earlier are fixed again on the main thread', async () => {
    const base = bigProject();
    const a = `${base}-w0`;
    const b = `${base}-w2`;
    cpSync(base, a, { recursive: true });
    cpSync(base, b, { recursive: true });
    const single = await runCli(a, ['fix', '--debug', '--workers', '0']);
    const pooled = await runCli(b, ['fix', '--debug', '--workers', '2']);
    expect(threads(pooled)).toBe(2);
    // use00..use81 import aaa-config.ts, which was fixed first
    expect(pooled.stderr).toMatch(/, 10 recomputed after an import was fixed/);
    expect(withoutDebug(pooled.stderr)).toBe(withoutDebug(single.stderr));
    expect(pooled.code).toBe(single.code);
    expect(tree(b)).toEqual(tree(a));
    // something was fixed, the BOM and CRLF files kept their form
    expect(tree(a)).not.toEqual(tree(base));
    expect(readFileSync(path.join(a, 'src/bom/bom05.ts'), 'utf8')).toBe("\ufeffexport const l05 = (t: string) => fetch('https://api2.frontapp.com/contacts');\n");
    expect(readFileSync(path.join(a, 'src/crlf/crlf06.ts'), 'utf8')).toBe('export function c06(t: string) {\r\n  return fetch(`https://api2.frontapp.com/contacts`);\r\n}\r\n');
    expect(statSync(path.join(b, 'src/deep.ts')).size).toBe(statSync(path.join(base, 'src/deep.ts')).size);
  }, 240_000);

  it(`check and fix: more than ${WORKER_THRESHOLD} files to analyse start one worker per core (up to 4), with the same output`, async () => {
    const dir = manyFiles();
    const copy = `${dir}-copy`;
    cpSync(dir, copy, { recursive: true });
    const auto = await runCli(dir, ['check', '--format', 'json', '--debug']);
    const none = await runCli(dir, ['check', '--format', 'json', '--debug', '--workers', '0']);
    expect(auto.stderr).toContain(`${WORKER_THRESHOLD + 1} selected, ${WORKER_THRESHOLD + 1} analysed, 0 from cache, ${autoThreads} worker thread${autoThreads === 1 ? '' : 's'}`);
    expect(auto.stdout).toBe(none.stdout);
    expect(JSON.parse(auto.stdout)).toHaveLength(WORKER_THRESHOLD + 1);
    const fixAuto = await runCli(dir, ['fix', '--debug']);
    const fixNone = await runCli(copy, ['fix', '--debug', '--workers', '0']);
    expect(threads(fixAuto)).toBe(autoThreads);
    expect(withoutDebug(fixAuto.stderr)).toBe(withoutDebug(fixNone.stderr));
    expect(tree(dir)).toEqual(tree(copy));
  }, 240_000);

  it('check --cache with workers: the cold run fills the cache, the warm one analyses nothing', async () => {
    const dir = bigProject();
    const cold = await runCli(dir, ['check', '--format', 'json', '--debug', '--cache', '--workers', '2']);
    // 93 files: the ten contact forms name no Front host and are not analysed; routes.ts names none either, but
    // files that do import it (it may be handed their Front client), so it is
    expect(cold.stderr).toMatch(/83 selected, 83 analysed, 0 from cache, 2 worker threads/);
    const warm = await runCli(dir, ['check', '--format', 'json', '--debug', '--cache', '--workers', '2']);
    expect(warm.stderr).toMatch(/83 selected, 0 analysed, 83 from cache, 0 worker threads/);
    expect(warm.stdout).toBe(cold.stdout);
  }, 240_000);

  it('--workers takes a whole number', async () => {
    const dir = makeProject({ 'a.ts': 'export {};\n' });
    for (const [args, env, message] of [
      [['check', '--workers', 'many'], {}, '--workers expects a whole number from 0 to 16, got "many"'],
      [['fix', '--workers', '-1'], {}, '--workers expects a whole number from 0 to 16, got "-1"'],
      [['check'], { FRONT_CONTACTS_WORKERS: 'lots' }, 'FRONT_CONTACTS_WORKERS expects a whole number from 0 to 16, got "lots"'],
    ] as [string[], Record<string, string>, string][]) {
      const r = await runCli(dir, args, env);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(`front-contacts: ${message}`);
    }
  });
});
